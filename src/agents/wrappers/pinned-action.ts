import type { Agent, Transition, UpdateInfo } from '../agent.ts';
import type { StateReader, StateWriter } from '../common/checkpoint-state.ts';
import type { Action } from '../common/spaces.ts';

/**
 * Wraps an agent so that some action components are pinned to fixed values, both in what it
 * sends to the environment and in what it learns from. 003's greedy baseline is a DDPG with
 * the compression ratio pinned to 0 (Section IV-A): pinning the eta components to -1 (the
 * bottom of the action box, eta = 0) builds it from the stock DDPG.
 */
export class PinnedActionAgent implements Agent {
  constructor(
    readonly name: string,
    private readonly inner: Agent,
    /** Index -> value of the continuous components to pin. */
    private readonly pins: ReadonlyMap<number, number>,
  ) {
    // Checkpoints pass through to the wrapped agent, when it supports them.
    if (inner.saveState && inner.loadState) {
      this.saveState = (out) => inner.saveState!(out);
      this.loadState = (from) => inner.loadState!(from);
    }
  }

  readonly saveState?: (out: StateWriter) => Promise<void>;
  readonly loadState?: (from: StateReader) => Promise<void>;

  act(observation: Float32Array, explore: boolean): Action {
    return this.pin(this.inner.act(observation, explore));
  }

  observe(transition: Transition): void {
    this.inner.observe({ ...transition, action: this.pin(transition.action) });
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

  save(dir: string): Promise<void> {
    return this.inner.save(dir);
  }

  load(dir: string): Promise<void> {
    return this.inner.load(dir);
  }

  dispose(): void {
    this.inner.dispose();
  }

  private pin(action: Action): Action {
    if (!action.continuous) return action;
    const continuous = Float32Array.from(action.continuous);
    for (const [i, v] of this.pins) continuous[i] = v;
    return { ...action, continuous };
  }
}
