/**
 * Checks a sweep before anything is written: field paths and scalar values against the
 * scenario schema (`semsim schema`), agent names against the registry (`semsim list`), and
 * through `semsim validate` (the loader the shards use) the base file with the fixed overrides
 * and every point whose axis values are lists or mappings. Failures throw `InputError` naming
 * the sweep field or point. A cross-field constraint that only some points break is caught when
 * their shards run (exit 2, reported as failed with the loader's message).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { cliAgentNames, cliAnswersCached, cliScenarioSchema, runCli } from './cli-child.ts';
import { InputError } from './errors.ts';
import type { Sweep } from './load.ts';
import { checkPath, checkValue, nodesAt } from './schema-paths.ts';
import { getPath } from './set-path.ts';
import { resolvePoint, type Point } from './expand.ts';

/** Runs `fn` over `items` with at most `limit` at once, in order of start. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** Paths of the sweep's axes and fixed overrides that name no scenario field. */
export function checkSweepPaths(sweep: Sweep, schema: Record<string, unknown> | undefined): void {
  const named: [string, string][] = [
    ...sweep.axisPaths.map((p): [string, string] => ['axes', p]),
    ...sweep.sets.map((s): [string, string] => ['set', s.path.join('.')]),
  ];
  for (const [field, path] of named) {
    const problem = checkPath(schema, sweep.baseRaw, path.split('.'));
    if (problem) throw new InputError(`${sweep.file}: ${field}: '${path}': ${problem}`);
  }
  if (!schema) return;
  const kind = sweep.baseRaw.scenario;
  const values: [string, string, unknown][] = [
    ...sweep.grids.flatMap((g) => Object.entries(g.axes).flatMap(([p, vs]) => vs.map((v): [string, string, unknown] => ['axes', p, v]))),
    ...sweep.sets.map((s): [string, string, unknown] => ['set', s.path.join('.'), s.value]),
  ];
  for (const [field, path, v] of values) {
    const nodes = nodesAt(schema, kind, path.split('.'));
    const problem = typeof nodes === 'string' ? undefined : checkValue(nodes, v);
    if (problem) throw new InputError(`${sweep.file}: ${field}: ${path}: ${problem}`);
  }
}

/** Every check; `workers` bounds the parallel `semsim validate` children. */
export async function checkSweep(sweep: Sweep, points: readonly Point[], workers: number): Promise<void> {
  const base: Point = { index: -1, values: {}, scenario: resolvePoint(sweep, {}), scenarioHash: '' };
  const composite = points.filter((p) => Object.values(p.values).some((v) => v !== null && typeof v === 'object'));
  // The CLI answers take a child process each the first time: validate meanwhile. Later (cached)
  // the cheap checks go first, so that a bad path does not wait for a validation.
  const validate = (): Promise<unknown> => validatePoints(sweep, [base, ...composite], workers).then(() => undefined, (err: unknown) => err);
  const validated = cliAnswersCached() ? undefined : validate();
  const [schema, lists] = await Promise.all([cliScenarioSchema(), cliAgentNames()]);
  const kind = String(sweep.baseRaw.scenario);
  const agents = lists && (Object.hasOwn(lists.byKind, kind) ? lists.byKind[kind] : lists.all);
  let early: unknown;
  try {
    checkSweepPaths(sweep, schema);
    if (agents && sweep.agents) {
      const unknown = sweep.agents.filter((a) => !agents.includes(a));
      if (unknown.length) throw new InputError(`${sweep.file}: agents: ${unknown.map((a) => `'${a}'`).join(', ')} not registered for ${kind} scenarios; allowed: ${agents.join(', ')}`);
    }
    if (sweep.budget !== undefined) {
      const presets = getPath(sweep.baseRaw, ['budgetPresets']);
      if (presets && typeof presets === 'object' && !(sweep.budget in presets)) {
        throw new InputError(`${sweep.file}: budget: '${sweep.budget}' is not a budget preset of ${sweep.baseFile}; allowed: ${Object.keys(presets).join(', ')}`);
      }
    }
  } catch (err) {
    early = err;
  }
  if (early) {
    await validated; // no validation child outlives the check
    throw early;
  }
  const failure = await (validated ?? validate());
  if (failure) throw failure;
}

async function validatePoints(sweep: Sweep, points: readonly Point[], workers: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'semsim-sweep-check-'));
  // Interrupted during the checks: nothing is written yet, so only this directory needs removing.
  const interrupted = (signal: NodeJS.Signals): void => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const results = await mapLimit(points, workers, async (p) => {
      const file = join(dir, `point-${p.index + 1}.yaml`);
      writeFileSync(file, toYaml(p.scenario));
      return { p, r: await runCli(['validate', file]) };
    });
    const bad = results.find(({ r }) => r.code !== 0);
    if (!bad) return;
    const detail = bad.r.stderr
      .trim()
      .replace(/^semsim: /, '')
      .replaceAll(join(dir, `point-${bad.p.index + 1}.yaml`) + ': ', '')
      .replace(/^invalid scenario\n/, '');
    const where = Object.entries(bad.p.values).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
    const what = bad.p.index < 0 ? `base ${sweep.baseFile} with the sweep's set overrides` : `point ${bad.p.index}${where ? ` (${where})` : ''}`;
    const message = `${sweep.file}: ${what} is not a valid scenario:\n${detail}`;
    if (bad.r.code === 2) throw new InputError(message);
    throw new Error(message);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    rmSync(dir, { recursive: true, force: true });
  }
}
