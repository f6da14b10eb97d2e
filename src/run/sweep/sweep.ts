/**
 * The sweep pipeline behind `semsim sweep`: load and check a sweep file, write its manifest
 * into the sweep directory, and collect finished shards into tables, a database and figures.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkSweep } from './check.ts';
import { semsimVersion } from './cli-child.ts';
import { aggregate, collectRows, type Collected } from './collect.ts';
import { writeSweepDb } from './duck.ts';
import { InputError } from './errors.ts';
import { expandPoints, expandShards, type Point } from './expand.ts';
import { renderFigures } from './figures.ts';
import { loadSweep, type LoadOptions, type Sweep } from './load.ts';
import { canonicalJson } from './hash.ts';
import { buildManifest, readManifest, SweepDir, writeAtomic, writeManifest, type Manifest } from './manifest.ts';
import { aggregateCsv, summaryMarkdown } from './report.ts';

/** A sweep ready to run: its manifest is written in `dir`. */
export interface PreparedSweep {
  readonly sweep: Sweep;
  readonly points: readonly Point[];
  readonly manifest: Manifest;
  readonly dir: SweepDir;
}

/** Options of {@link prepareSweep}. */
export interface PrepareOptions extends LoadOptions {
  /** Sweep directory (default runs/sweeps/<name>[-<preset>]). */
  readonly out?: string;
  /** Parallel `semsim validate` children during the checks. */
  readonly workers: number;
  /** Run the CLI-based checks (schema paths, agents, every point validated). Default true. */
  readonly check?: boolean;
}

/** Refuses a directory that exists, is not empty and is not a sweep directory (e.g. docs/). */
export function checkOutDir(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new InputError(`--out ${out}: not a directory`);
  if (readdirSync(out).length > 0 && !existsSync(join(out, 'manifest.json'))) {
    throw new InputError(`--out ${out}: exists and is not a sweep directory (no manifest.json); choose a new or sweep directory`);
  }
}

/** Loads, expands and checks a sweep, then writes its manifest and resolved scenarios (nothing is written on bad input). */
export async function prepareSweep(file: string, o: PrepareOptions): Promise<PreparedSweep> {
  const sweep = loadSweep(file, o);
  if (new Set(sweep.seeds).size !== sweep.seeds.length) throw new InputError(`${file}: seeds: values must be distinct (got ${sweep.seeds.join(', ')})`);
  const out = resolve(o.out ?? join('runs', 'sweeps', sweep.preset ? `${sweep.name}-${sweep.preset}` : sweep.name));
  checkOutDir(out);
  const points = expandPoints(sweep);
  const version = semsimVersion();
  const shards = expandShards(sweep, points, version);
  const manifest = buildManifest(sweep, points, shards, version);
  const dir = new SweepDir(out);
  // An identical manifest was written only after these very checks passed (the version is part of it).
  if (o.check !== false && !sameManifest(dir, manifest)) await checkSweep(sweep, points, o.workers);
  writeManifest(dir.root, manifest, points);
  return { sweep, points, manifest, dir };
}

function sameManifest(dir: SweepDir, m: Manifest): boolean {
  if (!existsSync(dir.manifest)) return false;
  try {
    return canonicalJson(readManifest(dir.manifest)) === canonicalJson(m);
  } catch {
    return false;
  }
}

/** What `collectSweep` wrote and found. */
export interface CollectReport extends Collected {
  readonly files: string[];
}

/** Writes sweep.duckdb, results.parquet, aggregate.csv, summary.md and the figures from the finished shards. */
export async function collectSweep(dir: SweepDir, m: Manifest): Promise<CollectReport> {
  const c = collectRows(dir, m);
  const aggs = aggregate(c.rows);
  const warnings = [...c.warnings];
  const files: string[] = [];
  const write = (name: string, text: string): void => {
    writeAtomic(join(dir.root, name), text);
    files.push(name);
  };
  await writeSweepDb(join(dir.root, 'sweep.duckdb'), join(dir.root, 'results.parquet'), m.axes, c.rows);
  files.push('sweep.duckdb', 'results.parquet');
  write('aggregate.csv', aggregateCsv(m.axes, aggs));
  const status = `${c.done.length} of ${m.shards.length} shards collected${c.missing.length + c.failed.length ? ` (${c.missing.length} not run, ${c.failed.length} failed or running)` : ''}; semsim ${m.version}, run options ${JSON.stringify(m.run)}.`;
  write('summary.md', summaryMarkdown(m.sweep, m.axes, aggs, status));
  const figures = await renderFigures(m.figures, m.axes, aggs, (w) => warnings.push(w));
  const figDir = join(dir.root, 'figures');
  if (existsSync(figDir)) for (const f of readdirSync(figDir)) if (f.endsWith('.svg') || f.endsWith('.csv')) rmSync(join(figDir, f));
  if (figures.length) mkdirSync(figDir, { recursive: true });
  for (const f of figures) {
    const csv = f.file.replace(/\.svg$/, '.csv');
    writeFileSync(join(dir.root, 'figures', f.file), f.svg);
    writeFileSync(join(dir.root, 'figures', csv), f.csv);
    files.push(`figures/${f.file}`, `figures/${csv}`);
  }
  return { ...c, warnings, files };
}
