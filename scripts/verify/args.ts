/**
 * Command line of `verify:agents` and the seeds each case runs. Cases train 3 seeds unless
 * they set `defaultSeeds` (DQN and D3QN on CartPole: 10, see `VerifyCase.defaultSeeds`);
 * `--seeds N` sets the count for every selected case and `--first-seed` shifts the range.
 */
import type { BackendName } from '../../src/agents/common/backend.ts';
import { parseOverrides, UsageError } from './overrides.ts';
import type { AgentOverrides, VerifyCase } from './types.ts';

/** Seeds per case when neither `--seeds` nor the case says otherwise (the agent-library issue's 3). */
export const DEFAULT_SEEDS = 3;

export interface VerifyArgs {
  /** Algorithms from `--only` (all when undefined). */
  readonly only: ReadonlySet<string> | undefined;
  /** `--seeds N` for every case; undefined = each case's default. */
  readonly seeds: number | undefined;
  /** First seed of every case's range (`--first-seed`, default 0). */
  readonly firstSeed: number;
  /** Agent config fields from `--config`. */
  readonly overrides: AgentOverrides;
  /** TF.js backend from `--backend` (default `auto`: tfjs-node when installed, else wasm). */
  readonly backend: BackendName | 'auto';
}

const BACKENDS: readonly (BackendName | 'auto')[] = ['auto', 'wasm', 'cpu', 'node'];

export function parseVerifyArgs(argv: readonly string[]): VerifyArgs {
  let only: Set<string> | undefined;
  let seeds: number | undefined;
  let firstSeed = 0;
  let overrides: AgentOverrides = {};
  let backend: BackendName | 'auto' = 'auto';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else if (a === '--seeds') seeds = Number(argv[++i]);
    else if (a === '--first-seed') firstSeed = Number(argv[++i]);
    else if (a === '--config') overrides = parseOverrides(argv[++i]);
    else if (a === '--backend') backend = parseBackend(argv[++i]);
    else throw new UsageError(`unknown argument '${a}' (use --only <algo[,algo]>, --seeds N, --first-seed N, --config <json>, --backend ${BACKENDS.join('|')})`);
  }
  if (seeds !== undefined && (!Number.isInteger(seeds) || seeds < 1)) throw new UsageError(`--seeds must be a positive integer, got ${seeds}`);
  // The upper end depends on each case's seed count, so seedsOf checks it.
  if (!Number.isInteger(firstSeed) || firstSeed < 0) throw new UsageError(`--first-seed must be an integer >= 0, got ${firstSeed}`);
  return { only, seeds, firstSeed, overrides, backend };
}

function parseBackend(value: string | undefined): BackendName | 'auto' {
  const found = BACKENDS.find((b) => b === value);
  if (!found) throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, got ${JSON.stringify(value ?? '')}`);
  return found;
}

/** The seeds `c` trains under `args`, in order. */
export function seedsOf(c: Pick<VerifyCase, 'algo' | 'defaultSeeds'>, args: Pick<VerifyArgs, 'seeds' | 'firstSeed'>): number[] {
  const n = args.seeds ?? c.defaultSeeds ?? DEFAULT_SEEDS;
  if (args.firstSeed + n > 2 ** 31) throw new UsageError(`--first-seed ${args.firstSeed} leaves no room for ${n} seeds below 2^31`);
  return Array.from({ length: n }, (_, i) => args.firstSeed + i);
}

/** `dqn seeds 0-9, sac seeds 0-2`: what a run trains, for its header and table caption. */
export function describeSeeds(cases: readonly Pick<VerifyCase, 'algo' | 'defaultSeeds'>[], args: Pick<VerifyArgs, 'seeds' | 'firstSeed'>): string {
  return cases
    .map((c) => {
      const s = seedsOf(c, args);
      return `${c.algo} seeds ${s[0]}-${s[s.length - 1]}`;
    })
    .join(', ');
}
