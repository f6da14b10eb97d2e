/** Reads a sweep file: YAML, schema, cross-field checks, the base scenario and a preset. */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { InputError } from './errors.ts';
import { SweepSchema, type Figure, type Grid, type SweepFile } from './schema.ts';
import { parseSet, type SetOp } from './set-path.ts';

/** A sweep file with its preset applied and paths resolved. */
export interface Sweep {
  readonly file: string;
  readonly name: string;
  readonly description?: string;
  /** Absolute path of the base scenario file. */
  readonly baseFile: string;
  /** The base scenario as parsed YAML (not validated: the scenario loader does that per point). */
  readonly baseRaw: Record<string, unknown>;
  readonly grids: readonly Grid[];
  /** Every axis path of every grid, in order of first appearance. */
  readonly axisPaths: readonly string[];
  /** Fixed overrides (file `set`, then preset `set`, then CLI `--set`). */
  readonly sets: readonly SetOp[];
  readonly seeds: readonly number[];
  readonly agents?: readonly string[];
  readonly episodes?: number;
  readonly budget?: string;
  readonly slots?: number;
  readonly metrics?: readonly string[];
  readonly figures: readonly Figure[];
  readonly preset?: string;
}

/** Options of {@link loadSweep}. */
export interface LoadOptions {
  /** A preset of the sweep file (`--budget NAME`). */
  readonly preset?: string;
  /** Extra `path=value` overrides (`--set`). */
  readonly sets?: readonly string[];
}

function readYaml(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${path}: no such ${what} file` : `${path}: cannot read (${code ?? String(err)})`);
  }
  try {
    return parseYaml(text);
  } catch (err) {
    throw new InputError(`${path}: invalid YAML: ${(err as Error).message}`);
  }
}

/** One line per zod issue: the field, what is wrong, what is allowed. */
export function formatIssues(error: z.ZodError, source: string): string {
  const lines = error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : '(root)';
    const got = (issue as { input?: unknown }).input;
    const gotText = got === undefined ? '' : ` (got ${JSON.stringify(got)})`;
    if (issue.code === 'unrecognized_keys') return `  ${path}: unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}; allowed: ${allowedFields(issue.path).join(', ')}`;
    if (issue.code === 'invalid_value') return `  ${path}: ${issue.message}; allowed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    return `  ${path}: ${issue.message}${gotText}`;
  });
  return `${source}: invalid sweep file\n${lines.join('\n')}`;
}

function allowedFields(path: readonly PropertyKey[]): string[] {
  const shape = (s: any): string[] => Object.keys(s?.def?.shape ?? s?._zod?.def?.shape ?? {});
  const root: any = SweepSchema;
  const rootObj = root.def?.type === 'pipe' ? root.def.in : root;
  if (path.length === 0) return shape(rootObj);
  const top = String(path[0]);
  const field = rootObj.def.shape[top];
  let node: any = field;
  while (node?.def && ['default', 'optional'].includes(node.def.type)) node = node.def.innerType;
  if (node?.def?.type === 'array') return shape(node.def.element);
  if (node?.def?.type === 'record') return shape(node.def.valueType);
  return [];
}

/** Reads and checks a sweep file; throws `InputError` naming the field on bad input. */
export function loadSweep(file: string, options: LoadOptions = {}): Sweep {
  const raw = readYaml(file, 'sweep');
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(`${file}: a sweep file must be a YAML mapping with a 'base' field`);
  const parsed = SweepSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(formatIssues(parsed.error, file));
  const s = parsed.data;
  const preset = pickPreset(s, file, options.preset);
  const baseFile = isAbsolute(s.base) ? s.base : resolve(dirname(resolve(file)), s.base);
  const baseRaw = readYaml(baseFile, 'base scenario');
  if (baseRaw === null || typeof baseRaw !== 'object' || Array.isArray(baseRaw)) throw new InputError(`${file}: base: ${baseFile} is not a scenario mapping`);
  const grids: Grid[] = s.grids ?? [{ axes: s.axes ?? {}, ...(s.zip ? { zip: s.zip } : {}) }];
  grids.forEach((g, i) => checkGrid(g, s.grids ? `${file}: grids.${i}` : file));
  const axisPaths = [...new Set(grids.flatMap((g) => Object.keys(g.axes)))];
  const sets = [
    ...Object.entries(s.set ?? {}).map(([p, value]) => setOp(p, value)),
    ...Object.entries(preset?.set ?? {}).map(([p, value]) => setOp(p, value)),
    ...(options.sets ?? []).map(parseSet),
  ];
  const metrics = s.metrics;
  s.figures.forEach((f, i) => checkFigure(f, i, file, axisPaths, metrics));
  return {
    file,
    name: s.name ?? basename(file, extname(file)),
    description: s.description,
    baseFile,
    baseRaw: baseRaw as Record<string, unknown>,
    grids,
    axisPaths,
    sets,
    seeds: preset?.seeds ?? s.seeds,
    agents: preset?.agents ?? s.agents,
    episodes: preset?.episodes ?? s.episodes,
    budget: preset?.budget ?? s.budget,
    slots: preset?.slots ?? s.slots,
    metrics,
    figures: s.figures,
    preset: options.preset,
  };
}

function setOp(path: string, value: unknown): SetOp {
  return { path: path.split('.'), value };
}

function pickPreset(s: SweepFile, file: string, name: string | undefined): SweepFile['presets'][string] | undefined {
  if (name === undefined) return undefined;
  const preset = s.presets[name];
  const known = Object.keys(s.presets);
  if (!preset) throw new InputError(`--budget ${name}: no such preset in ${file}; allowed: ${known.length ? known.join(', ') : '(the file defines no presets)'}`);
  return preset;
}

function checkGrid(g: Grid, where: string): void {
  if (!g.zip) return;
  const groups = g.zip === true ? [Object.keys(g.axes)] : g.zip;
  const seen = new Set<string>();
  for (const group of groups) {
    for (const p of group) {
      if (!(p in g.axes)) throw new InputError(`${where}: zip: '${p}' is not an axis; allowed: ${Object.keys(g.axes).join(', ')}`);
      if (seen.has(p)) throw new InputError(`${where}: zip: '${p}' appears in two zip groups`);
      seen.add(p);
    }
    const lengths = group.map((p) => g.axes[p].length);
    if (new Set(lengths).size > 1) throw new InputError(`${where}: zip: zipped axes need equal lengths; got ${group.map((p, i) => `${p}: ${lengths[i]}`).join(', ')}`);
  }
}

function checkFigure(f: Figure, i: number, file: string, axes: readonly string[], metrics: readonly string[] | undefined): void {
  const at = `${file}: figures.${i}`;
  if (!axes.includes(f.x)) throw new InputError(`${at}.x: '${f.x}' is not an axis; allowed: ${axes.join(', ') || '(no axes)'}`);
  for (const k of Object.keys(f.where ?? {})) {
    if (!axes.includes(k)) throw new InputError(`${at}.where: '${k}' is not an axis; allowed: ${axes.join(', ')}`);
  }
  if (metrics && !metrics.includes(f.metric)) throw new InputError(`${at}.metric: '${f.metric}' is not collected; allowed: ${metrics.join(', ')}`);
}
