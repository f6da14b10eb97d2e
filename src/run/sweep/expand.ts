/** Expands a sweep into points (crossed and zipped axis values) and shards (point x seed). */
import { canonicalJson, sha256, shardHash } from './hash.ts';
import type { Sweep } from './load.ts';
import type { Grid } from './schema.ts';
import { applySets, getPath, type SetOp } from './set-path.ts';

/** One combination of axis values and the scenario it resolves to. */
export interface Point {
  readonly index: number;
  /** Every sweep axis path -> its value at this point (the base file's value, or null, for axes of other grids). */
  readonly values: Readonly<Record<string, unknown>>;
  readonly scenario: Record<string, unknown>;
  /** Hash of the canonical resolved scenario (file names, deduplication). */
  readonly scenarioHash: string;
}

/** One unit of work: a point trained and evaluated with one seed. */
export interface Shard {
  readonly index: number;
  readonly point: number;
  readonly seed: number;
  /** Content address of the result (see `shardHash`). */
  readonly hash: string;
}

/** The axis-value combinations of one grid, in order (last axis varies fastest). */
export function gridCombinations(grid: Grid): Record<string, unknown>[] {
  const paths = Object.keys(grid.axes);
  const groups: string[][] = grid.zip === true ? [paths] : [...(grid.zip ?? [])];
  const zipped = new Set(groups.flat());
  // Keep the axes' file order: a group sits where its first axis is.
  const units: string[][] = [];
  for (const p of paths) {
    if (!zipped.has(p)) units.push([p]);
    else if (groups.some((g) => g[0] === p)) units.push(groups.find((g) => g[0] === p)!);
  }
  let combos: Record<string, unknown>[] = [{}];
  for (const unit of units) {
    const n = grid.axes[unit[0]].length;
    const next: Record<string, unknown>[] = [];
    for (const c of combos) {
      for (let i = 0; i < n; i++) {
        const add: Record<string, unknown> = {};
        for (const p of unit) add[p] = grid.axes[p][i];
        next.push({ ...c, ...add });
      }
    }
    combos = next;
  }
  return combos;
}

/** The resolved scenario of one combination: base, fixed overrides, axis values, the sweep's agents. */
export function resolvePoint(sweep: Sweep, combo: Record<string, unknown>): Record<string, unknown> {
  const ops: SetOp[] = [...sweep.sets, ...Object.entries(combo).map(([p, value]) => ({ path: p.split('.'), value }))];
  if (sweep.agents) ops.push({ path: ['agents'], value: [...sweep.agents] });
  return applySets(sweep.baseRaw, ops);
}

/** Every distinct point of the sweep (a combination repeated by several grids appears once). */
export function expandPoints(sweep: Sweep): Point[] {
  const points: Point[] = [];
  const seen = new Set<string>();
  for (const grid of sweep.grids) {
    for (const combo of gridCombinations(grid)) {
      const scenario = resolvePoint(sweep, combo);
      const scenarioHash = sha256(canonicalJson(scenario));
      if (seen.has(scenarioHash)) continue;
      seen.add(scenarioHash);
      const values: Record<string, unknown> = {};
      for (const p of sweep.axisPaths) values[p] = getPath(scenario, p.split('.')) ?? null;
      points.push({ index: points.length, values, scenario, scenarioHash });
    }
  }
  return points;
}

/** One shard per (point, seed), seeds varying fastest. */
export function expandShards(sweep: Sweep, points: readonly Point[], version: string): Shard[] {
  const shards: Shard[] = [];
  for (const p of points) {
    for (const seed of sweep.seeds) {
      const hash = shardHash({ scenario: p.scenario, seed, agents: sweep.agents, episodes: sweep.episodes, budget: sweep.budget, slots: sweep.slots, version });
      shards.push({ index: shards.length, point: p.index, seed, hash });
    }
  }
  return shards;
}
