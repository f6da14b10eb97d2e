/**
 * Train every agent on its reference task with several seeds and print mean +- std of the
 * final evaluation return next to the published reference, as a markdown table.
 *
 *   npm run verify:agents -- [--only sac,td3] [--seeds N] [--first-seed 0] [--config '{"learningRate":1e-3}'] [--backend wasm]
 *
 * Each case trains 3 seeds (DQN and D3QN: 10) unless `--seeds` says otherwise; `--first-seed`
 * shifts the seed range (e.g. tune on 100-102, validate on 0-9); `--config`
 * merges agent config fields over each selected case's settings (use it with `--only`).
 *
 * Long-running by design (minutes to hours on two cores); not part of `npm test`.
 */
import { initBackend } from '../src/agents/common/backend.ts';
import { mean, std } from '../src/envs/runner.ts';
import { continuousCases } from './verify/continuous.ts';
import { discreteCases } from './verify/discrete.ts';
import { describeSeeds, parseVerifyArgs, seedsOf } from './verify/args.ts';
import { checkOverrideFields, UsageError } from './verify/overrides.ts';
import type { VerifyCase } from './verify/types.ts';

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
    // Near-equal returns (a toy task at its optimum) get more digits, so that the printed mean
    // and std show why the reference is, or is not, within one std.
    const digits = std(returns) < 0.05 ? 3 : 1;
    const perSeed = returns.map((r) => r.toFixed(digits)).join(', ');
    lines.push(
      `| ${c.algo} | ${c.env} | ${c.steps} | ${returns.length} | ${mean(returns).toFixed(digits)} ± ${std(returns).toFixed(digits)} | ${perSeed} | ${ref} | ${withinOneStd(returns, c.reference)} | ${(seconds / 60).toFixed(1)} min | ${backend} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseVerifyArgs(process.argv.slice(2));
  const backend = await initBackend(args.backend).catch((e: unknown) => {
    // A requested backend that cannot start (tfjs-node not installed) is a bad --backend value.
    throw new UsageError(`--backend ${args.backend}: ${e instanceof Error ? e.message : String(e)}`);
  });
  const cases = [...continuousCases, ...discreteCases].filter((c) => !args.only || args.only.has(c.algo));
  if (cases.length === 0) throw new UsageError(`no case matches --only ${[...(args.only ?? [])].join(',')}`);
  for (const c of cases) checkOverrideFields(() => c.probe(), c.algo, args.overrides);
  const changed = Object.keys(args.overrides).length > 0 ? `, config overrides ${JSON.stringify(args.overrides)}` : '';
  const seedRange = describeSeeds(cases, args);
  console.log(`verify:agents on TF.js backend '${backend}', ${cases.length} case(s): ${seedRange}${changed}`);
  const rows: Row[] = [];
  for (const c of cases) {
    const returns: number[] = [];
    const t0 = performance.now();
    for (const seed of seedsOf(c, args)) {
      const tag = `[${c.algo}/${c.env} seed ${seed}]`;
      const s0 = performance.now();
      const r = await c.run(seed, (msg) => console.log(`${tag} ${msg}`), args.overrides);
      returns.push(r);
      console.log(`${tag} final eval return ${r.toFixed(1)} (${((performance.now() - s0) / 1000).toFixed(0)} s)`);
    }
    rows.push({ c, returns, seconds: (performance.now() - t0) / 1000 });
  }
  console.log(`\n${seedRange}${changed}\n` + table(rows, backend));
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) {
    console.error(`verify:agents: ${e.message}`);
    process.exitCode = 2;
    return;
  }
  console.error(e);
  process.exitCode = 1;
});
