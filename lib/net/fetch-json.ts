/**
 * One careful GET of a JSON API. Pure (no browser APIs beyond fetch/AbortController, both in Node 20 and in an
 * MV3 service worker). Never throws: every outcome is a value the caller can show.
 *
 * - Times out (per attempt; the timer covers reading the body too).
 * - Streams the body and stops past `maxBytes` (content-length is checked first but not trusted).
 * - Retries with exponential backoff and jitter on network errors, timeouts, 5xx and 429 only.
 * - An empty body, whitespace, `null`, `{}` and `[]` are all reported as `empty`: a JSON API that answers with
 *   nothing has not answered.
 */

/** The subset of `fetch` this module needs, so tests can inject their own. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type FetchErrorKind = 'timeout' | 'http' | 'network' | 'too-large' | 'malformed' | 'empty';

export interface FetchError {
  kind: FetchErrorKind;
  /** Plain language, names the host. */
  message: string;
  status?: number;
}

export type FetchJsonResult =
  | { ok: true; data: unknown; status: number; fetchedAt: number }
  | { ok: false; error: FetchError };

export interface FetchJsonOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  maxBytes?: number;
  retries?: number;
  backoffMs?: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Clock for `fetchedAt`; defaults to Date.now. */
  now?: () => number;
  /** Jitter source in [0, 1); defaults to Math.random. */
  random?: () => number;
}

/** Options the data sources pass through to fetchJson (everything but the URL-specific bits). */
export type NetOptions = Pick<FetchJsonOptions, 'timeoutMs' | 'retries' | 'backoffMs' | 'maxBytes' | 'signal'>;

type Attempt = { ok: true; data: unknown; status: number } | { ok: false; error: FetchError; retry: boolean };

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function bytes(n: number): string {
  return n >= 1_000_000 ? `${Math.round(n / 100_000) / 10} MB` : `${Math.round(n / 100) / 10} kB`;
}

function isEmptyJson(v: unknown): boolean {
  if (v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

async function attempt(url: string, host: string, o: Required<Pick<FetchJsonOptions, 'fetch' | 'timeoutMs' | 'maxBytes'>> & FetchJsonOptions): Promise<Attempt> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, o.timeoutMs);
  const onOuterAbort = () => controller.abort();
  o.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const failed = (err: unknown): Attempt => {
    if (timedOut) {
      return { ok: false, retry: true, error: { kind: 'timeout', message: `${host} did not answer within ${seconds(o.timeoutMs)}.` } };
    }
    if (o.signal?.aborted) {
      return { ok: false, retry: false, error: { kind: 'network', message: `The request to ${host} was cancelled.` } };
    }
    const detail = err instanceof Error && err.message ? ` (${err.message})` : '';
    return { ok: false, retry: true, error: { kind: 'network', message: `Could not reach ${host}${detail}.` } };
  };
  try {
    let res: Response;
    try {
      res = await o.fetch(url, {
        method: 'GET',
        headers: { accept: 'application/json', ...o.headers },
        signal: controller.signal,
        redirect: 'follow',
      });
    } catch (err) {
      return failed(err);
    }
    const status = res.status;
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      const retry = status >= 500 || status === 429;
      const what = status === 429 ? 'is rate-limiting requests' : status >= 500 ? 'had a server error' : 'refused the request';
      return { ok: false, retry, error: { kind: 'http', status, message: `${host} ${what} (HTTP ${status}).` } };
    }
    const tooLarge = (): Attempt => ({
      ok: false,
      retry: false,
      error: { kind: 'too-large', status, message: `${host} sent more than ${bytes(o.maxBytes)}; the answer was ignored.` },
    });
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > o.maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      return tooLarge();
    }
    let text: string;
    try {
      if (res.body) {
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let total = 0;
        text = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.byteLength;
          if (total > o.maxBytes) {
            await reader.cancel().catch(() => undefined);
            return tooLarge();
          }
          text += decoder.decode(value, { stream: true });
        }
        text += decoder.decode();
      } else {
        text = await res.text();
        if (new TextEncoder().encode(text).byteLength > o.maxBytes) return tooLarge();
      }
    } catch (err) {
      return failed(err);
    }
    if (text.trim() === '') {
      return { ok: false, retry: false, error: { kind: 'empty', status, message: `${host} sent an empty answer.` } };
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, retry: false, error: { kind: 'malformed', status, message: `${host} sent data that is not valid JSON.` } };
    }
    if (isEmptyJson(data)) {
      return { ok: false, retry: false, error: { kind: 'empty', status, message: `${host} sent an empty answer.` } };
    }
    return { ok: true, data, status };
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onOuterAbort);
  }
}

export async function fetchJson(url: string, options: FetchJsonOptions = {}): Promise<FetchJsonResult> {
  const o = {
    ...options,
    fetch: options.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 8000,
    maxBytes: options.maxBytes ?? 1_000_000,
  };
  const retries = Math.max(0, options.retries ?? 2);
  const backoffMs = options.backoffMs ?? 500;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const host = hostOf(url);
  try {
    new URL(url);
  } catch {
    return { ok: false, error: { kind: 'network', message: `"${url}" is not a valid address.` } };
  }
  let last: FetchError = { kind: 'network', message: `Could not reach ${host}.` };
  for (let i = 0; i <= retries; i++) {
    if (i > 0) {
      // Exponential backoff with jitter: base × 2^(i−1) × [0.5, 1).
      await sleep(backoffMs * 2 ** (i - 1) * (0.5 + random() / 2), options.signal);
      if (options.signal?.aborted) break;
    }
    let r: Attempt;
    try {
      r = await attempt(url, host, o);
    } catch (err) {
      // Defensive: attempt() is written not to throw, but an injected fetch might do something odd.
      r = { ok: false, retry: false, error: { kind: 'network', message: `Could not read ${host} (${String(err)}).` } };
    }
    if (r.ok) return { ok: true, data: r.data, status: r.status, fetchedAt: now() };
    last = r.error;
    if (!r.retry) break;
  }
  return { ok: false, error: last };
}
