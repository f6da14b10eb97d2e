// Evaluates fixed allocations of scenario scqos on the run pipeline's held-out evaluation seeds
// (seed 1: 5 seeds x 2 episodes): equal bandwidth and power shares, users on subchannels
// 0, 1, 2, every user on the same SBQ codec. docs/scqos.md uses it to show how flat the
// reward is around an equal split. Usage: npx tsx scripts/scqos-fixed-policies.ts [--set-like JSON]
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createEnv } from '../src/create-env.ts';
import { RootRandom } from '../src/random/index.ts';
import { evaluationSeeds } from '../src/run/pipeline.ts';
import { meanCi95 } from '../src/run/stats.ts';

const base = parse(readFileSync('scenarios/scqos.yaml', 'utf8')) as Record<string, unknown>;
const extra = process.argv[2] ? (JSON.parse(process.argv[2]) as Record<string, unknown>) : {};
const seeds = evaluationSeeds(new RootRandom(1), 5);
for (const codec of [0, 1, 2]) {
  const env = createEnv({ ...base, ...extra, agents: ['random'], agentConfig: {} });
  const perSeed = seeds.map((seed) => {
    const root = new RootRandom(seed);
    let reward = 0;
    let scqos = 0;
    let slots = 0;
    for (let i = 0; i < 2; i++) {
      env.reset({ seed: root.seedOf(`episode/${i}`) });
      for (;;) {
        const r = env.step({ continuous: new Float32Array(6), discrete: Int32Array.of(codec, codec, codec, 0) });
        reward += r.reward;
        scqos += r.info.scqos;
        slots++;
        if (r.truncated) break;
      }
    }
    return { reward: reward / 2, scqos: scqos / slots };
  });
  const f = (xs: number[]) => {
    const i = meanCi95(xs);
    return `${i.mean.toFixed(1)} [${i.ci95[0].toFixed(1)}, ${i.ci95[1].toFixed(1)}]`;
  };
  console.log(`equal shares, ${codec + 1} bit(s) for every user: reward ${f(perSeed.map((s) => s.reward))}, scqos ${f(perSeed.map((s) => s.scqos))}`);
}
