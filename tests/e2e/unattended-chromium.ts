/**
 * Chromium with the built extension, driven over the raw DevTools protocol instead of Playwright. Playwright
 * keeps every page it attaches to focused and visible (`Emulation.setFocusEmulationEnabled` and
 * `setActiveAndFocused` on each page), so a background tab never reads `document.visibilityState === 'hidden'`
 * there. Here tabs are real tabs of one window: opening or activating one hides the others, as for a person.
 * Playwright may still attach for a while (`playwrightUrl`, `chromium.connectOverCDP`) and must disconnect
 * again before visibility means anything.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { chromiumArgs, EXTENSION_ID, findChromium, type LaunchOptions } from './chromium';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function launchUnattended(opts: LaunchOptions) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'taolens-unattended-'));
  const proc = spawn(findChromium(), [...chromiumArgs(opts), '--headless', '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, 'about:blank'], {
    stdio: 'ignore',
  });
  const portFile = join(userDataDir, 'DevToolsActivePort');
  for (let i = 0; i < 150 && !existsSync(portFile); i++) await sleep(100);
  const [port, path] = readFileSync(portFile, 'utf8').trim().split('\n');
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let nextId = 0;
  const waiting = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  const send = <T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string) =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, (m) => {
        waiting.delete(id);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result as T);
      });
      ws.send(JSON.stringify({ id, method, params, sessionId }));
    });
  const sessions = new Map<string, string>();
  const sessionOf = async (targetId: string) => {
    let s = sessions.get(targetId);
    if (!s) {
      s = (await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })).sessionId;
      sessions.set(targetId, s);
    }
    return s;
  };
  const evaluate = async <T>(targetId: string, expression: string): Promise<T> => {
    const r = await send<{ result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      await sessionOf(targetId),
    );
    if (r.exceptionDetails) throw new Error(`${expression}: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  };
  const workerTarget = async () => {
    for (let i = 0; i < 150; i++) {
      const { targetInfos } = await send<{ targetInfos: { targetId: string; type: string; url: string }[] }>('Target.getTargets');
      const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${EXTENSION_ID}/`));
      if (sw) return sw.targetId;
      await sleep(100);
    }
    throw new Error('the extension service worker did not start');
  };

  return {
    /** For `chromium.connectOverCDP` (Playwright keeps its pages visible until it disconnects). */
    playwrightUrl: `http://127.0.0.1:${port}`,
    /** Opens `url` in a new tab of the window, in front (the tab that was in front is hidden), once it has loaded. */
    async openTab(url: string): Promise<string> {
      const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url });
      for (let i = 0; i < 200; i++) {
        const ready = await evaluate<boolean>(targetId, `location.href !== 'about:blank' || ${JSON.stringify(url)} === 'about:blank' ? document.readyState === 'complete' : false`).catch(() => false);
        if (ready) return targetId;
        await sleep(50);
      }
      throw new Error(`${url} did not load`);
    },
    /** Brings a tab to the front (the others in its window are hidden). */
    front: (targetId: string) => send('Target.activateTarget', { targetId }),
    closeTab: async (targetId: string) => {
      sessions.delete(targetId);
      await send('Target.closeTarget', { targetId });
    },
    /** What the page itself reads. */
    visibility: (targetId: string) => evaluate<string>(targetId, 'document.visibilityState'),
    evaluate,
    /** Runs an expression in the extension's service worker (a test build's clock lives there). */
    inWorker: async <T>(expression: string) => evaluate<T>(await workerTarget(), expression),
    /** A DevTools command in the extension's service worker (e.g. `Profiler.start`, to see where its CPU goes). */
    workerCommand: async <T = Record<string, unknown>>(method: string, params: object = {}) => send<T>(method, params, await sessionOf(await workerTarget())),
    /** A browser-level DevTools command (e.g. `SystemInfo.getProcessInfo` for the bench's CPU times). */
    command: <T>(method: string, params: object = {}) => send<T>(method, params),
    async close() {
      // /usr/bin/chromium may be a launcher script: the browser itself is asked to quit.
      const exited = new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
      await Promise.race([send('Browser.close').catch(() => null), sleep(5000)]);
      ws.close();
      await Promise.race([exited, sleep(5000)]);
      proc.kill();
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}
