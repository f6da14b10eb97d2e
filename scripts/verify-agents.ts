/**
 * Train every agent on its reference task with several seeds and print mean +- std of the
 * final evaluation return next to the published reference, as a markdown table.
 *
 *   npm run verify:agents -- [--only sac,td3] [--seeds 3]
 *
 * Long-running by design (minutes to hours on two cores); not part of `npm test`.
 */
import { initBackend } from '../src/agents/common/backend';
import { mean, std } from '../src/envs/runner';
import { continuousCases } from './verify/continuous';
import { discreteCases } from './verify/discrete';
import type { VerifyCase } from './verify/types';

interface Args {
  only: Set<string> | undefined;
  seeds: number;
}

function parseArgs(argv: readonly string[]): Args {
  let only: Set<string> | undefined;
  let seeds = 3;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else if (a === '--seeds') seeds = Number(argv[++i]);
    else throw new Error(`unknown argument '${a}' (use --only <algo[,algo]> and --seeds N)`);
  }
  if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`--seeds must be a positive integer`);
  return { only, seeds };
}

interface Row {
  c: VerifyCase;
  returns: number[];
  seconds: number;
}

/** The acceptance test: the reference lies within one standard deviation of the mean. */
function withinOneStd(returns: readonly number[], reference: VerifyCase['reference']): string {
  if (reference === null) return '—';
  if (returns.length < 2) return 'n/a (1 seed)';
  return Math.abs(mean(returns) - reference.mean) <= std(returns) ? 'yes' : 'no';
}

function table(rows: readonly Row[], backend: string): string {
  const lines = [
    `| algo | env | steps | seeds | final eval return (mean ± std) | per seed | reference | within 1 std | wall time | backend |`,
    `| --- | --- | ---: | ---: | ---: | --- | --- | --- | ---: | --- |`,
  ];
  for (const { c, returns, seconds } of rows) {
    const ref = c.reference ? `${c.reference.mean} (${c.reference.source})` : '—';
    const perSeed = returns.map((r) => r.toFixed(1)).join(', ');
    lines.push(
      `| ${c.algo} | ${c.env} | ${c.steps} | ${returns.length} | ${mean(returns).toFixed(1)} ± ${std(returns).toFixed(1)} | ${perSeed} | ${ref} | ${withinOneStd(returns, c.reference)} | ${(seconds / 60).toFixed(1)} min | ${backend} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const backend = await initBackend();
  const cases = [...continuousCases, ...discreteCases].filter((c) => !args.only || args.only.has(c.algo));
  if (cases.length === 0) throw new Error(`no case matches --only ${[...(args.only ?? [])].join(',')}`);
  console.log(`verify:agents on TF.js backend '${backend}', ${cases.length} case(s) x ${args.seeds} seed(s)`);
  const rows: Row[] = [];
  for (const c of cases) {
    const returns: number[] = [];
    const t0 = performance.now();
    for (let seed = 0; seed < args.seeds; seed++) {
      const tag = `[${c.algo}/${c.env} seed ${seed}]`;
      const s0 = performance.now();
      const r = await c.run(seed, (msg) => console.log(`${tag} ${msg}`));
      returns.push(r);
      console.log(`${tag} final eval return ${r.toFixed(1)} (${((performance.now() - s0) / 1000).toFixed(0)} s)`);
    }
    rows.push({ c, returns, seconds: (performance.now() - t0) / 1000 });
  }
  console.log('\n' + table(rows, backend));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
