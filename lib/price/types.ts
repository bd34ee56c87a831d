import type { TaoUsd } from '../model/types';
import type { FetchErrorKind, FetchLike, NetOptions } from '../net/fetch-json';

export interface PriceContext {
  fetch: FetchLike;
  now: () => number;
  net?: NetOptions;
}

/** Why a source gave no usable price. `stale`: the source itself says the price is old; `no-price`: it says it has none. */
export type PriceErrorKind = FetchErrorKind | 'stale' | 'no-price';

export interface PriceError {
  kind: PriceErrorKind;
  message: string;
}

export type PriceResult = { ok: true; price: TaoUsd } | { ok: false; error: PriceError };

export interface PriceSource {
  id: string;
  name: string;
  fetch(ctx: PriceContext): Promise<PriceResult>;
}

/** Turns a ShapeError from lib/net/validate into a 'malformed' result naming the host. */
export function malformed(host: string, err: unknown): PriceResult {
  const detail = err instanceof Error ? err.message : String(err);
  return { ok: false, error: { kind: 'malformed', message: `${host} sent an unexpected answer: ${detail}.` } };
}
