/**
 * Keeps one live chain session over a list of endpoints: the first healthy endpoint wins; an error, a
 * dropped socket or silence (no finalized head for `silenceMs`) fails over to the next; when every
 * endpoint fails, it waits with exponential backoff and jitter, then tries the list again. Pure: the
 * socket, the clock and the timers are injected, so its behaviour is unit-tested without a network.
 */
import type { BlockRef } from '../model/types';

export type ConnectionStatus = 'connecting' | 'live' | 'stale' | 'offline';

export interface ConnectionState {
  status: ConnectionStatus;
  /** The endpoint in use or being tried. */
  endpoint: string | null;
  /** Why we are not live, in plain words. */
  reason: string | null;
  /** When this status began (ms since epoch). */
  since: number;
  /** When the last finalized head arrived. */
  lastHeadAt: number | null;
  /** When the next attempt is due, while offline. */
  retryAt: number | null;
}

export interface Session {
  endpoint: string;
  /** Finalized heads, in order. */
  onHead(cb: (head: BlockRef) => void): void;
  /** The socket closed or errored; the session is dead. */
  onClose(cb: (reason: string) => void): void;
  close(): Promise<void>;
}

export interface ConnectionDeps {
  /** Opens a session or rejects with a readable error; must time out by itself. */
  connect(endpoint: string): Promise<Session>;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  random(): number;
}

export interface ConnectionOptions {
  silenceMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

/** Backoff before retry round `round` (0-based): base × 2^round, capped, with ±50 % jitter. */
export function backoffDelay(round: number, base: number, max: number, random: number): number {
  const capped = Math.min(max, base * 2 ** Math.min(round, 30));
  return Math.round(capped * (0.5 + random));
}

export class ConnectionManager {
  private state: ConnectionState;
  private session: Session | null = null;
  private generation = 0;
  private timer: unknown = null;
  private round = 0;
  private nextIndex = 0;
  private running = false;
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private readonly headListeners = new Set<(head: BlockRef, session: Session) => void>();
  private readonly silenceMs: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private endpoints: string[],
    private readonly deps: ConnectionDeps,
    opts: ConnectionOptions = {},
  ) {
    this.silenceMs = opts.silenceMs ?? 30_000;
    this.baseBackoffMs = opts.baseBackoffMs ?? 1_000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 60_000;
    this.state = { status: 'connecting', endpoint: null, reason: null, since: deps.now(), lastHeadAt: null, retryAt: null };
  }

  get current(): ConnectionState {
    return this.state;
  }

  get liveSession(): Session | null {
    return this.state.status === 'live' ? this.session : null;
  }

  onState(cb: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(cb);
    return () => this.stateListeners.delete(cb);
  }

  onHead(cb: (head: BlockRef, session: Session) => void): () => void {
    this.headListeners.add(cb);
    return () => this.headListeners.delete(cb);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.tryRound();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.generation++;
    this.clearTimer();
    const s = this.session;
    this.session = null;
    await s?.close().catch(() => {});
  }

  /** New endpoint list (a settings change): reconnect from its first entry. */
  async setEndpoints(endpoints: string[]): Promise<void> {
    this.endpoints = endpoints;
    this.nextIndex = 0;
    this.round = 0;
    await this.restart('the endpoint list changed');
  }

  /**
   * Called when the worker wakes or an alarm fires: retries at once when offline, and fails over when
   * the live session has gone silent (timers do not run while the machine sleeps).
   */
  poke(): void {
    if (!this.running) return;
    const now = this.deps.now();
    if (this.state.status === 'offline') {
      this.round = 0;
      void this.restart('retrying after wake');
    } else if (this.state.status === 'live' && now - (this.state.lastHeadAt ?? this.state.since) >= this.silenceMs) {
      this.silent();
    }
  }

  private setState(patch: Partial<ConnectionState>): void {
    const status = patch.status ?? this.state.status;
    const since = status !== this.state.status ? this.deps.now() : this.state.since;
    this.state = { ...this.state, ...patch, since };
    for (const cb of this.stateListeners) cb(this.state);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }

  private async restart(reason: string): Promise<void> {
    this.generation++;
    this.clearTimer();
    const old = this.session;
    this.session = null;
    await old?.close().catch(() => {});
    if (!this.running) return;
    this.setState({ status: 'connecting', reason });
    void this.tryRound();
  }

  /** Tries each endpoint once, starting at `nextIndex`; offline with backoff when none answers. */
  private async tryRound(): Promise<void> {
    const generation = ++this.generation;
    const errors: string[] = [];
    const count = this.endpoints.length;
    if (count === 0) {
      this.setState({ status: 'offline', endpoint: null, reason: 'no chain endpoint is configured', retryAt: null });
      return;
    }
    for (let k = 0; k < count; k++) {
      const index = (this.nextIndex + k) % count;
      const endpoint = this.endpoints[index]!;
      this.setState({ status: 'connecting', endpoint, retryAt: null });
      try {
        const session = await this.deps.connect(endpoint);
        if (generation !== this.generation || !this.running) {
          await session.close().catch(() => {});
          return;
        }
        this.adopt(session, index);
        return;
      } catch (err) {
        if (generation !== this.generation) return;
        errors.push(`${endpoint}: ${errorText(err)}`);
      }
    }
    const delay = backoffDelay(this.round++, this.baseBackoffMs, this.maxBackoffMs, this.deps.random());
    const retryAt = this.deps.now() + delay;
    this.setState({
      status: 'offline',
      endpoint: null,
      reason: `no endpoint answered (${errors.join('; ')})`,
      retryAt,
    });
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      if (generation === this.generation && this.running) void this.tryRound();
    }, delay);
  }

  private adopt(session: Session, index: number): void {
    const generation = this.generation;
    this.session = session;
    this.round = 0;
    this.setState({ status: 'live', endpoint: session.endpoint, reason: null, lastHeadAt: this.deps.now(), retryAt: null });
    this.armWatchdog(generation);
    session.onHead((head) => {
      if (generation !== this.generation) return;
      this.setState({ status: 'live', lastHeadAt: this.deps.now(), reason: null });
      this.armWatchdog(generation);
      for (const cb of this.headListeners) cb(head, session);
    });
    session.onClose((reason) => {
      if (generation !== this.generation) return;
      this.nextIndex = (index + 1) % this.endpoints.length;
      void this.restart(`${session.endpoint} closed: ${reason}`);
    });
  }

  private armWatchdog(generation: number): void {
    this.clearTimer();
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      if (generation === this.generation) this.silent();
    }, this.silenceMs);
  }

  /** No head for too long: say so, then fail over to the next endpoint. */
  private silent(): void {
    const endpoint = this.state.endpoint;
    const index = Math.max(0, this.endpoints.indexOf(endpoint ?? ''));
    this.setState({ status: 'stale', reason: `no new block from ${endpoint} for ${Math.round(this.silenceMs / 1000)} s` });
    this.nextIndex = (index + 1) % this.endpoints.length;
    this.generation++;
    const old = this.session;
    this.session = null;
    void old?.close().catch(() => {});
    void this.tryRound();
  }
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  // The WebSocket error from @polkadot/api is a DOM Event: String(e) says nothing useful.
  if (typeof err === 'object' && err !== null && 'type' in err) return `socket ${(err as { type: string }).type}`;
  return String(err);
}
