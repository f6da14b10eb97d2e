import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Agent, Transition, UpdateInfo } from '../agent.ts';
import { RunningNormalizer, type NormalizerState } from '../common/normalizer.ts';
import type { StateReader, StateWriter, StateValue } from '../common/checkpoint-state.ts';
import type { Action } from '../common/spaces.ts';

const STATE_FILE = 'observation-normalizer.json';

/**
 * Feeds an agent observations standardised by running mean and variance, the role batch
 * normalisation of the state plays in 003 (Section III-C.4). Statistics are updated from
 * training transitions only (`observe`), so evaluation never shifts them; transitions are
 * stored with the statistics of the moment, as a batch-normalised input would see them.
 */
export class NormalizedObservationAgent implements Agent {
  readonly normalizer: RunningNormalizer;

  constructor(
    readonly name: string,
    private readonly inner: Agent,
    observationSize: number,
  ) {
    this.normalizer = new RunningNormalizer(observationSize);
    // Checkpoints: the running statistics, then the wrapped agent's state (when it supports them).
    if (inner.saveState && inner.loadState) {
      this.saveState = async (out) => {
        out.value('normalizer', this.normalizer.state() as unknown as StateValue);
        await inner.saveState!(out.scope('inner'));
      };
      this.loadState = async (from) => {
        this.normalizer.restore(from.value('normalizer') as unknown as NormalizerState);
        await inner.loadState!(from.scope('inner'));
      };
    }
  }

  readonly saveState?: (out: StateWriter) => Promise<void>;
  readonly loadState?: (from: StateReader) => Promise<void>;

  act(observation: Float32Array, explore: boolean): Action {
    return this.inner.act(this.normalizer.normalize(observation), explore);
  }

  observe(t: Transition): void {
    this.normalizer.update(t.observation);
    this.inner.observe({
      ...t,
      observation: this.normalizer.normalize(t.observation),
      nextObservation: this.normalizer.normalize(t.nextObservation),
    });
  }

  update(): UpdateInfo | undefined {
    return this.inner.update();
  }

  trainingStats(): UpdateInfo {
    return this.inner.trainingStats?.() ?? {};
  }

  onEpisodeEnd(): void {
    this.inner.onEpisodeEnd?.();
  }

  async save(dir: string): Promise<void> {
    await this.inner.save(dir);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, STATE_FILE), JSON.stringify(this.normalizer.state()));
  }

  async load(dir: string): Promise<void> {
    await this.inner.load(dir);
    this.normalizer.restore(JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')) as NormalizerState);
  }

  dispose(): void {
    this.inner.dispose();
  }
}
