/**
 * Reads the finished shards of a sweep directory into long rows (point, seed, agent, metric,
 * value) and aggregates them per point and agent. Metric names are generic: every
 * `agents.<name>.<metric>` of summary.json that is an interval `{mean, ci95, n}` or a number.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { meanCi95, tQuantile975 } from '../stats.ts';
import type { Manifest, SweepDir } from './manifest.ts';

/** One metric of one agent in one shard. */
export interface ResultRow {
  readonly shard: number;
  readonly point: number;
  readonly values: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly agent: string;
  readonly metric: string;
  /** The shard's value: the mean over its evaluation seeds for an interval metric. */
  readonly value: number;
  /** Evaluation samples behind `value` (1 for a plain number). */
  readonly n: number;
  /** Sample standard deviation over the evaluation seeds, recovered from the t-interval (null for plain numbers). */
  readonly sd: number | null;
}

/** What a sweep directory holds for its manifest. */
export interface Collected {
  readonly rows: ResultRow[];
  readonly done: number[];
  readonly missing: number[];
  /** Shards with a log but no result (they ran and failed, or are running elsewhere). */
  readonly failed: number[];
  /** Declared metrics that some shard's summary lacks. */
  readonly warnings: string[];
}

type Interval = { mean: number; ci95: [number, number]; n: number };
const isInterval = (v: unknown): v is Interval =>
  typeof v === 'object' && v !== null && typeof (v as Interval).mean === 'number' && Array.isArray((v as Interval).ci95) && typeof (v as Interval).n === 'number';

/** Standard deviation behind a t-interval of `n` samples (0 for n < 2). */
export function sdFromInterval(i: Interval): number {
  if (i.n < 2) return 0;
  return ((i.ci95[1] - i.ci95[0]) / 2 / tQuantile975(i.n - 1)) * Math.sqrt(i.n);
}

/** Rows of one summary.json. */
export function summaryRows(summary: unknown, base: Pick<ResultRow, 'shard' | 'point' | 'values' | 'seed'>, metrics: readonly string[] | null, warn: (w: string) => void): ResultRow[] {
  const agents = (summary as { agents?: Record<string, Record<string, unknown>> }).agents ?? {};
  const rows: ResultRow[] = [];
  for (const [agent, record] of Object.entries(agents)) {
    const names = metrics ?? Object.keys(record);
    for (const metric of names) {
      const v = record[metric];
      if (isInterval(v)) rows.push({ ...base, agent, metric, value: v.mean, n: v.n, sd: sdFromInterval(v) });
      else if (typeof v === 'number') rows.push({ ...base, agent, metric, value: v, n: 1, sd: null });
      else if (metrics) warn(`shard ${base.shard}: agent ${agent} has no metric '${metric}'`);
    }
  }
  return rows;
}

/** Collects whatever has finished. */
export function collectRows(dir: SweepDir, m: Manifest): Collected {
  const rows: ResultRow[] = [];
  const done: number[] = [];
  const missing: number[] = [];
  const failed: number[] = [];
  const warnings: string[] = [];
  for (const s of m.shards) {
    if (!dir.done(s.hash)) {
      (existsSync(dir.log(s)) ? failed : missing).push(s.index);
      continue;
    }
    done.push(s.index);
    const summary: unknown = JSON.parse(readFileSync(join(dir.result(s.hash), 'summary.json'), 'utf8'));
    rows.push(...summaryRows(summary, { shard: s.index, point: s.point, values: m.points[s.point].values, seed: s.seed }, m.metrics, (w) => warnings.push(w)));
  }
  return { rows, done, missing, failed, warnings };
}

/** Mean and 95 % intervals of one metric for one agent at one point. */
export interface Aggregate {
  readonly point: number;
  readonly values: Readonly<Record<string, unknown>>;
  readonly agent: string;
  readonly metric: string;
  readonly mean: number;
  /** t-interval over every (training seed, evaluation seed) sample, pooled exactly from the shards' intervals. */
  readonly ci95: readonly [number, number];
  readonly n: number;
  /** Training seeds behind the point. */
  readonly seeds: number;
  /** t-interval over the training seeds' means (null with one seed). */
  readonly seedCi95: readonly [number, number] | null;
}

/** Pools the samples of several shards from their means, sizes and standard deviations. */
export function pooled(rows: readonly Pick<ResultRow, 'value' | 'n' | 'sd'>[]): { mean: number; ci95: [number, number]; n: number } {
  if (rows.some((r) => r.sd === null)) {
    const i = meanCi95(rows.map((r) => r.value));
    return { mean: i.mean, ci95: [i.ci95[0], i.ci95[1]], n: i.n };
  }
  const n = rows.reduce((a, r) => a + r.n, 0);
  const mean = rows.reduce((a, r) => a + r.n * r.value, 0) / n;
  if (n < 2) return { mean, ci95: [mean, mean], n };
  const ss = rows.reduce((a, r) => a + (r.n - 1) * r.sd! ** 2 + r.n * (r.value - mean) ** 2, 0);
  const half = tQuantile975(n - 1) * Math.sqrt(ss / (n - 1) / n);
  return { mean, ci95: [mean - half, mean + half], n };
}

/** One aggregate per (point, agent, metric), in point, agent and metric order of appearance. */
export function aggregate(rows: readonly ResultRow[]): Aggregate[] {
  const groups = new Map<string, ResultRow[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.point, r.agent, r.metric]);
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const out: Aggregate[] = [];
  for (const g of groups.values()) {
    const p = pooled(g);
    const bySeed = meanCi95(g.map((r) => r.value));
    out.push({ point: g[0].point, values: g[0].values, agent: g[0].agent, metric: g[0].metric, ...p, seeds: g.length, seedCi95: g.length > 1 ? bySeed.ci95 : null });
  }
  return out.sort((a, b) => a.point - b.point);
}
