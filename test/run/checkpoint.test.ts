/** Run checkpoints in the pipeline: resuming from any checkpoint reproduces the uninterrupted run. */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/agents/common/backend.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../../src/agents/common/checkpoint-file.ts';
import { checkpointDue, type PipelineCheckpoint } from '../../src/run/checkpoint.ts';
import { runScenario, type RunResult } from '../../src/run/pipeline.ts';
import { toscnPlugin } from '../../src/scenarios/registry.ts';
import { canonicalLine, MemorySink, type TraceRecord } from '../../src/trace/index.ts';

const file = toscnPlugin.schema.parse({
  scenario: 'toscn',
  run: { slotsPerEpisode: 3, episodes: 4, evalEpisodes: 2, evalSeeds: 1, trainingSeeds: 2 },
  agentConfig: { ddpg: { learningStarts: 4, batchSize: 4, actorHiddenSizes: [8], criticHiddenSizes: [8] }, a2c: { hiddenSizes: [8] } },
});
const loaded = { plugin: toscnPlugin, file };
const AGENTS = ['planner', 'ddpg', 'a2c', 'constant'];

/** A checkpoint as the file keeps it, and how many trace records the run had written then. */
interface Saved {
  readonly bytes: Buffer;
  readonly records: number;
  readonly at: string;
}

const plain = (r: RunResult): unknown => JSON.parse(JSON.stringify({ ...r, params: undefined, firstEpisode: undefined }));
const lines = (records: readonly TraceRecord[]): string[] => records.map((r) => `${canonicalLine(r)} ${r.agent}/${r.stage}/${r.seed}`);

describe('pipeline checkpoints (--checkpoint-every, --resume)', () => {
  let whole: RunResult;
  let wholeTrace: MemorySink;
  const saved: Saved[] = [];

  beforeAll(async () => {
    await initBackend();
    wholeTrace = new MemorySink();
    whole = await runScenario(loaded, {
      seed: 3,
      episodes: 4,
      agents: AGENTS,
      sink: wholeTrace,
      checkpoints: {
        every: 2,
        save: async (state) => void saved.push({ bytes: encodeCheckpoint(state), records: wholeTrace.records.length, at: `${state.agent} run ${state.run} episode ${state.episode}` }),
      },
    });
  }, 120_000);

  it('saves every 2 training episodes of each learning agent and training run, not for a training-free agent', () => {
    // a2c trains 4 workers at once: one batch of 4 episodes crosses both multiples of 2.
    expect(saved.map((s) => s.at)).toEqual(['ddpg run 0 episode 2', 'ddpg run 0 episode 4', 'ddpg run 1 episode 2', 'ddpg run 1 episode 4', 'a2c run 0 episode 4', 'a2c run 1 episode 4', 'constant run 0 episode 2', 'constant run 0 episode 4', 'constant run 1 episode 2', 'constant run 1 episode 4']);
    expect([checkpointDue(2, 0, 4), checkpointDue(3, 0, 2), checkpointDue(3, 2, 2)]).toEqual([true, false, true]);
  });

  it('checkpointing does not change the run', async () => {
    const sink = new MemorySink();
    const plainRun = await runScenario(loaded, { seed: 3, episodes: 4, agents: AGENTS, sink });
    expect(plain(plainRun)).toEqual(plain(whole));
    expect(lines(sink.records)).toEqual(lines(wholeTrace.records));
  }, 60_000);

  // The end of a training run, the second training run's first checkpoint, A2C's worker environments, toscn's constant search.
  for (const at of ['ddpg run 0 episode 4', 'ddpg run 1 episode 2', 'a2c run 0 episode 4', 'constant run 1 episode 2']) {
    it(`resuming from "${at}" gives the uninterrupted run's results and trace`, async () => {
      const s = saved.find((x) => x.at === at)!;
      const state = decodeCheckpoint(s.bytes, at) as PipelineCheckpoint;
      const sink = new MemorySink();
      for (const r of wholeTrace.records.slice(0, s.records)) sink.write(r); // the trace journal's part
      const resumed = await runScenario(loaded, { seed: 3, episodes: 4, agents: AGENTS, sink, checkpoints: { every: 2, save: async () => undefined, resume: state } });
      expect(plain(resumed)).toEqual(plain(whole));
      expect(resumed.firstEpisode).toEqual(whole.firstEpisode); // envelopes of agents before the checkpoint come back from its file
      expect(lines(sink.records)).toEqual(lines(wholeTrace.records));
    }, 60_000);
  }
});
