/**
 * The subnet view's price chart: recorded price points (TAO per alpha, numbers: charts only) scaled to an
 * SVG path. Pure.
 */
import type { PricePoint } from '../history/price-history';

export interface ChartGeometry {
  /** SVG path `d`, or '' with fewer than two points. */
  path: string;
  min: number;
  max: number;
  from: number;
  to: number;
  count: number;
}

export function pricePath(points: readonly PricePoint[], width: number, height: number, pad = 2): ChartGeometry {
  const clean = points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.price)).sort((a, b) => a.t - b.t);
  const first = clean[0];
  const last = clean.at(-1);
  if (!first || !last || clean.length < 2) {
    return { path: '', min: first?.price ?? 0, max: first?.price ?? 0, from: first?.t ?? 0, to: first?.t ?? 0, count: clean.length };
  }
  let min = Infinity;
  let max = -Infinity;
  for (const p of clean) {
    min = Math.min(min, p.price);
    max = Math.max(max, p.price);
  }
  const spanT = last.t - first.t || 1;
  const spanP = max - min || 1;
  const x = (t: number) => pad + ((t - first.t) / spanT) * (width - 2 * pad);
  // A flat line sits in the middle rather than on an edge.
  const y = (p: number) => (max === min ? height / 2 : pad + (1 - (p - min) / spanP) * (height - 2 * pad));
  const path = clean.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.price).toFixed(1)}`).join(' ');
  return { path, min, max, from: first.t, to: last.t, count: clean.length };
}
