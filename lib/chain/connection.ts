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
  /** Whether a person is looking (a popup or page is open): then the backoff is capped at `uiMaxBackoffMs`. */
  uiOpen?(): boolean;
}

export interface ConnectionOptions {
  silenceMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** The backoff cap while a UI is open (10 s). */
  uiMaxBackoffMs?: number;
  /** An endpoint that has not answered within this long gets company: the next one is tried beside it (2.5 s). */
  raceAfterMs?: number;
  /** A failed endpoint is tried after the others for this long (3 min). */
  badForMs?: number;
  /** The endpoint that last worked (from storage): tried first. */
  preferred?: string | null;
}

export const RACE_AFTER_MS = 2_500;
export const BAD_ENDPOINT_MS = 3 * 60_000;
export const UI_MAX_BACKOFF_MS = 10_000;

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
  private readonly uiMaxBackoffMs: number;
  private readonly raceAfterMs: number;
  private readonly badForMs: number;
  /** Endpoint → until when it is tried last (it failed or hung). */
  private readonly badUntil = new Map<string, number>();
  private readonly liveListeners = new Set<(endpoint: string) => void>();

  constructor(
    private endpoints: string[],
    private readonly deps: ConnectionDeps,
    opts: ConnectionOptions = {},
  ) {
    this.silenceMs = opts.silenceMs ?? 30_000;
    this.baseBackoffMs = opts.baseBackoffMs ?? 1_000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 60_000;
    this.uiMaxBackoffMs = opts.uiMaxBackoffMs ?? UI_MAX_BACKOFF_MS;
    this.raceAfterMs = opts.raceAfterMs ?? RACE_AFTER_MS;
    this.badForMs = opts.badForMs ?? BAD_ENDPOINT_MS;
    const preferred = opts.preferred ? endpoints.indexOf(opts.preferred) : -1;
    if (preferred >= 0) this.nextIndex = preferred;
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

  /** Called with the endpoint each time a session goes live (to remember it as the one to start from). */
  onLive(cb: (endpoint: string) => void): () => void {
    this.liveListeners.add(cb);
    return () => this.liveListeners.delete(cb);
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

  /**
   * New endpoint list (a settings change): reconnect from its first entry. Past failures are forgotten: the user
   * who saves a list has said which endpoint to use first, and may just have fixed it.
   */
  async setEndpoints(endpoints: string[]): Promise<void> {
    this.endpoints = endpoints;
    this.badUntil.clear();
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

  /** The order of this round: from `nextIndex` round the list, endpoints that failed lately last. */
  private order(): number[] {
    const count = this.endpoints.length;
    const now = this.deps.now();
    const all = Array.from({ length: count }, (_, k) => (this.nextIndex + k) % count);
    const bad = (i: number) => (this.badUntil.get(this.endpoints[i]!) ?? 0) > now;
    return [...all.filter((i) => !bad(i)), ...all.filter(bad)];
  }

  /**
   * Tries the endpoints in order; one that has neither answered nor failed within `raceAfterMs` gets the next one
   * tried beside it, and the first session to open wins (the others are closed). A hanging endpoint so costs
   * `raceAfterMs` once, and is then tried last for `badForMs`. Offline with backoff when none answers.
   */
  private async tryRound(): Promise<void> {
    const generation = ++this.generation;
    const errors: string[] = [];
    if (this.endpoints.length === 0) {
      this.setState({ status: 'offline', endpoint: null, reason: 'no chain endpoint is configured', retryAt: null });
      return;
    }
    const won = await this.race(this.order(), generation, errors);
    if (generation !== this.generation || !this.running) {
      await won?.session.close().catch(() => {});
      return;
    }
    if (won) {
      this.adopt(won.session, won.index);
      return;
    }
    const max = this.deps.uiOpen?.() ? Math.min(this.uiMaxBackoffMs, this.maxBackoffMs) : this.maxBackoffMs;
    const delay = backoffDelay(this.round++, this.baseBackoffMs, max, this.deps.random());
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

  private race(order: number[], generation: number, errors: string[]): Promise<{ session: Session; index: number } | null> {
    return new Promise((resolve) => {
      let next = 0;
      let pending = 0;
      let done = false;
      const finish = (v: { session: Session; index: number } | null) => {
        done = true;
        resolve(v);
      };
      const startNext = () => {
        if (done || next >= order.length) return;
        const index = order[next++]!;
        const endpoint = this.endpoints[index]!;
        pending++;
        if (generation === this.generation) this.setState({ status: 'connecting', endpoint, retryAt: null });
        const stagger = this.deps.setTimer(() => {
          if (!done && generation === this.generation) startNext();
        }, this.raceAfterMs);
        this.deps.connect(endpoint).then(
          (session) => {
            pending--;
            this.deps.clearTimer(stagger);
            if (done || generation !== this.generation) {
              void session.close().catch(() => {});
              if (!done) finish(null);
              return;
            }
            this.badUntil.delete(endpoint);
            finish({ session, index });
          },
          (err: unknown) => {
            pending--;
            this.deps.clearTimer(stagger);
            this.badUntil.set(endpoint, this.deps.now() + this.badForMs);
            errors.push(`${endpoint}: ${errorText(err)}`);
            if (done) return;
            if (generation !== this.generation) return finish(null);
            if (next < order.length) startNext();
            else if (pending === 0) finish(null);
          },
        );
      };
      startNext();
    });
  }

  private adopt(session: Session, index: number): void {
    const generation = this.generation;
    this.session = session;
    this.round = 0;
    this.setState({ status: 'live', endpoint: session.endpoint, reason: null, lastHeadAt: this.deps.now(), retryAt: null });
    for (const cb of this.liveListeners) cb(session.endpoint);
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
    if (endpoint) this.badUntil.set(endpoint, this.deps.now() + this.badForMs);
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
