import { parseArgs } from 'node:util';
import { agentEntry, agentNames } from '../agents/registry.ts';
import { InputError } from '../scenario/errors.ts';
import { loadScenario, scenarioJsonSchema } from '../scenario/loader.ts';
import { SCENARIO_DESCRIPTIONS } from '../scenario/registry.ts';
import { findTrace, traceHash } from '../trace/index.ts';
import { runCommand } from './commands/run.ts';
import { shardCommand } from './commands/shard.ts';
import { reproduceCommand, sweepCommand } from './commands/sweep.ts';
import { HELP, usage } from './help.ts';
import { parseIntFlag, parseChoice } from './flags.ts';
import '../agents/builtin.ts';

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
        await run(rest);
        return 0;
      case 'validate': {
        const { positionals } = parse(rest, {}, 1);
        const s = loadScenario(positionals[0]);
        console.log(`${positionals[0]}: valid ${s.scenario} scenario '${s.name}'`);
        return 0;
      }
      case 'list':
        parse(rest, {}, 0);
        console.log('scenarios:');
        for (const [k, d] of Object.entries(SCENARIO_DESCRIPTIONS)) console.log(`  ${k.padEnd(20)} ${d}`);
        console.log('agents:');
        for (const n of agentNames()) console.log(`  ${n.padEnd(20)} ${agentEntry(n)!.description}`);
        return 0;
      case 'schema':
        parse(rest, {}, 0);
        console.log(JSON.stringify(scenarioJsonSchema(), null, 2));
        return 0;
      case 'trace': {
        const { positionals } = parse(rest, {}, 2);
        if (positionals[0] !== 'hash') throw new InputError(`unknown trace subcommand '${positionals[0]}'; allowed: hash\n${HELP.trace}`);
        console.log(await traceHash(await findTraceOrFail(positionals[1])));
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

async function findTraceOrFail(dir: string): Promise<string> {
  try {
    return await findTrace(dir);
  } catch (err) {
    throw new InputError(`${dir}: ${(err as Error).message}`);
  }
}

type Spec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

function parse(args: readonly string[], options: Spec, positionalCount: number): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new InputError(`${(err as Error).message.split('\n')[0]}\n${usage()}`);
  }
  if (parsed.positionals.length !== positionalCount) {
    throw new InputError(`expected ${positionalCount} argument(s), got ${parsed.positionals.length}\n${usage()}`);
  }
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

async function run(args: readonly string[]): Promise<void> {
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
    },
    1,
  );
  const str = (k: string): string | undefined => values[k] as string | undefined;
  await runCommand({
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
  });
}
