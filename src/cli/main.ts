import { parseArgs } from 'node:util';
import { InputError } from '../scenarios/errors.ts';
import { loadScenario, scenarioJsonSchema } from '../scenarios/loader.ts';
import { findScenario, scenarioKinds } from '../scenarios/registry.ts';
import { runCommand } from './commands/run.ts';
import { removeStalePartials } from '../run/run-dir.ts';
import { shardCommand } from './commands/shard.ts';
import { traceCommand } from './commands/trace.ts';
import { reproduceCommand, sweepCommand } from './commands/sweep.ts';
import { HELP, usage } from './help.ts';
import { parseIntFlag, parseChoice } from './flags.ts';

/** Exit codes: 0 success, 1 internal failure, 2 bad input (flags, scenario file). */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      console.log(HELP.main);
      return command ? 0 : 2;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      const text = HELP[command as keyof typeof HELP];
      if (!text) throw new InputError(`unknown command '${command}'\n${usage()}`);
      console.log(text);
      return 0;
    }
    switch (command) {
      case 'run':
        return await run(rest);
      case 'eval':
        return await run(rest, true);
      case 'validate': {
        const { positionals } = parse(rest, {}, 1);
        const { file } = loadScenario(positionals[0]);
        console.log(`${positionals[0]}: valid ${file.scenario} scenario '${file.name}' (agents: ${file.agents.join(', ')})`);
        return 0;
      }
      case 'list':
        parse(rest, {}, 0);
        for (const kind of scenarioKinds()) {
          const plugin = findScenario(kind)!;
          console.log(`scenario ${kind}: ${plugin.description}`);
          console.log('  agents:');
          for (const [n, e] of Object.entries(plugin.agents)) console.log(`    ${n.padEnd(20)} ${e.description}`);
        }
        return 0;
      case 'schema':
        parse(rest, {}, 0);
        console.log(JSON.stringify(scenarioJsonSchema(), null, 2));
        return 0;
      case 'trace':
        return await traceCommand(rest);
      case 'clean': {
        const { positionals } = parse(rest, {}, Math.min(rest.length, 1));
        const removed = removeStalePartials(positionals[0] ?? 'runs');
        for (const r of removed) console.log(`removed ${r}`);
        console.log(`${removed.length} stale temporary run director${removed.length === 1 ? 'y' : 'ies'} removed`);
        return 0;
      }
      case 'sweep':
        return await sweepCommand(rest);
      case 'shard':
        return await shardCommand(rest);
      case 'reproduce':
        return await reproduceCommand(rest);
      default:
        throw new InputError(`unknown command '${command}'\n${usage()}`);
    }
  } catch (err) {
    if (err instanceof InputError) {
      console.error(`semsim: ${err.message}`);
      return 2;
    }
    console.error(`semsim: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}

type Spec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

function parse(args: readonly string[], options: Spec, positionalCount: number): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new InputError(`${(err as Error).message.split('\n')[0]}\n${usage()}`);
  }
  if (parsed.positionals.length !== positionalCount) {
    throw new InputError(`expected ${positionalCount} argument(s), got ${parsed.positionals.length}\n${usage()}`);
  }
  return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals };
}

async function run(args: readonly string[], evaluateOnly = false): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      seed: { type: 'string' },
      episodes: { type: 'string' },
      slots: { type: 'string' },
      agent: { type: 'string' },
      out: { type: 'string' },
      trace: { type: 'string' },
      budget: { type: 'string' },
      backend: { type: 'string' },
      quiet: { type: 'boolean' },
      'eval-episodes': { type: 'string' },
      'eval-seeds': { type: 'string' },
      'training-seeds': { type: 'string' },
      'keep-partial': { type: 'boolean' },
      set: { type: 'string', multiple: true },
      'packet-trace': { type: 'boolean' },
      ...(evaluateOnly ? { load: { type: 'string' as const } } : { 'save-models': { type: 'boolean' as const }, 'checkpoint-every': { type: 'string' as const }, resume: { type: 'string' as const } }),
    },
    1,
  );
  const str = (k: string): string | undefined => values[k] as string | undefined;
  return await runCommand({
    scenario: positionals[0],
    seed: parseIntFlag('--seed', str('seed'), 0, 4294967295),
    episodes: parseIntFlag('--episodes', str('episodes'), 1, 1_000_000),
    slots: parseIntFlag('--slots', str('slots'), 1, 1_000_000),
    agent: str('agent'),
    out: str('out'),
    trace: parseChoice('--trace', str('trace') ?? 'duckdb', ['duckdb', 'ndjson', 'none'] as const),
    budget: str('budget'),
    backend: parseChoice('--backend', str('backend') ?? 'auto', ['auto', 'wasm', 'cpu', 'node'] as const),
    quiet: values.quiet === true,
    evalEpisodes: parseIntFlag('--eval-episodes', str('eval-episodes'), 1, 100_000),
    evalSeeds: parseIntFlag('--eval-seeds', str('eval-seeds'), 1, 100),
    trainingSeeds: parseIntFlag('--training-seeds', str('training-seeds'), 1, 100),
    keepPartial: values['keep-partial'] === true,
    saveModels: values['save-models'] === true,
    // --packet-trace is `--set timing.packetTrace=true`: a scenario without that field rejects it by name.
    sets: [...((values.set as unknown as string[] | undefined) ?? []), ...(values['packet-trace'] === true ? ['timing.packetTrace=true'] : [])],
    load: evaluateOnly ? requireFlag('--load', str('load')) : undefined,
    checkpointEvery: parseIntFlag('--checkpoint-every', str('checkpoint-every'), 1, 1_000_000),
    resume: str('resume') === '' ? requireDir('--resume') : str('resume'),
  });
}

function requireDir(name: string): never {
  throw new InputError(`${name} DIR: needs a checkpoint directory (printed by 'semsim run --checkpoint-every N')`);
}

function requireFlag(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new InputError(`${name} DIR is required (a run directory written with --save-models)`);
  return value;
}
