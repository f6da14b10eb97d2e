/**
 * What run checkpoints cost (`npx tsx bench/checkpoint.bench.ts`):
 *
 * 1. toscn (`scenarios/toscn.yaml`, D = 6, 10 slots per episode) training DDPG with its shipped
 *    config for 40 episodes and evaluating it, without checkpoints (the baseline) and with a
 *    checkpoint after every training episode (state collected, encoded and written to disk with
 *    fsync), interleaved rounds, medians;
 * 2. one checkpoint of a DQN whose replay holds 100 000 transitions of 30 floats (the largest
 *    state a shipped config reaches): collect + encode + write, and the file size.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../src/agents/common/backend.ts';
import { writeCheckpointFile } from '../src/agents/common/checkpoint-file.ts';
import { StateWriter } from '../src/agents/common/checkpoint-state.ts';
import { box, discrete } from '../src/agents/common/spaces.ts';
import { Dqn } from '../src/agents/rl/dqn/dqn.ts';
import { RootRandom } from '../src/random/index.ts';
import { runScenario } from '../src/run/pipeline.ts';
import { loadScenario } from '../src/scenarios/loader.ts';

const EPISODES = 40;
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  await initBackend();
  const dir = mkdtempSync(join(tmpdir(), 'semsim-ckpt-bench-'));
  const loaded = loadScenario('scenarios/toscn.yaml');
  const file = { ...loaded.file, run: { ...loaded.file.run, evalEpisodes: 2, evalSeeds: 1 } };
  const plain: number[] = [];
  const checkpointed: number[] = [];
  const perSave: number[] = [];
  let size = 0;
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    await runScenario({ plugin: loaded.plugin, file }, { seed: 1, episodes: EPISODES, agents: ['ddpg'] });
    plain.push(performance.now() - t);
    t = performance.now();
    await runScenario(
      { plugin: loaded.plugin, file },
      {
        seed: 1,
        episodes: EPISODES,
        agents: ['ddpg'],
        checkpoints: {
          every: 1,
          save: async (state) => {
            const s = performance.now();
            writeCheckpointFile(join(dir, 'checkpoint.bin'), state);
            perSave.push(performance.now() - s);
            size = statSync(join(dir, 'checkpoint.bin')).size;
          },
        },
      },
    );
    checkpointed.push(performance.now() - t);
  }
  const base = median(plain);
  console.log(`toscn ddpg, ${EPISODES} training episodes x 10 slots + 2 evaluation episodes, ${ROUNDS} rounds (medians):`);
  console.log(`  no checkpoints            ${base.toFixed(0)} ms  1.00`);
  console.log(`  checkpoint every episode  ${median(checkpointed).toFixed(0)} ms  ${(median(checkpointed) / base).toFixed(2)}`);
  console.log(`  writing one checkpoint    ${median(perSave).toFixed(1)} ms (encode + write + fsync), file ${(size / 1024).toFixed(0)} KiB`);

  const dqn = new Dqn({ observationSpace: box(30, -1, 1), actionSpace: discrete(8) }, { bufferSize: 100_000 }, new RootRandom(1));
  const obs = new Float32Array(30);
  for (let t = 0; t < 100_000; t++) {
    obs[t % 30] = (t % 97) / 97;
    dqn.observe({ observation: obs, action: { discrete: Int32Array.of(t % 8) }, reward: 1, nextObservation: obs, terminated: false, truncated: false });
  }
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    const w = new StateWriter();
    await dqn.saveState(w);
    writeCheckpointFile(join(dir, 'dqn.bin'), w.result());
    times.push(performance.now() - t);
  }
  console.log(`DQN, replay of 100 000 x 30 floats, networks [256, 256]: one checkpoint ${median(times).toFixed(0)} ms, file ${(statSync(join(dir, 'dqn.bin')).size / 2 ** 20).toFixed(1)} MiB`);
  dqn.dispose();
  rmSync(dir, { recursive: true, force: true });
}

await main();
