import type { Agent, Transition, UpdateInfo } from '../../agents/agent.ts';
import { readStreams, writeStreams, type StateReader, type StateWriter } from '../../agents/common/checkpoint-state.ts';
import type { RandomStream } from '../../random/index.ts';
import type { Action } from '../../agents/common/spaces.ts';

/**
 * An agent acting in another action space than the scenario's: `inner` learns in its own space
 * (a discretisation, a relaxation, or the hybrid space without the codec choice), `toScenario`
 * turns each of its actions into the scenario's hybrid action. The transition `inner` learns
 * from carries its own action (remembered per emitted action object) and, when `rewardOf` is
 * given, an estimated reward instead of the environment's (the mapping-guided learner).
 */
export class MappedActionAgent implements Agent {
  private readonly innerOf = new WeakMap<Action, Action>();

  constructor(
    readonly name: string,
    private readonly inner: Agent,
    private readonly toScenario: (action: Action, observation: Float32Array, explore: boolean) => Action,
    private readonly rewardOf?: (transition: Transition, scenarioAction: Action) => number,
    /** Streams `toScenario` draws from (rate-only's random codecs): checkpoints save their positions. */
    streams: Readonly<Record<string, RandomStream>> = {},
  ) {
    // Checkpoints (taken between episodes, when no emitted action is pending): the inner agent's state and `streams`.
    if (inner.saveState && inner.loadState) {
      this.saveState = async (out) => {
        writeStreams(out.scope('mapped'), streams);
        await inner.saveState!(out);
      };
      this.loadState = async (from) => {
        readStreams(from.scope('mapped'), streams);
        await inner.loadState!(from);
      };
    }
  }

  readonly saveState?: (out: StateWriter) => Promise<void>;
  readonly loadState?: (from: StateReader) => Promise<void>;

  act(observation: Float32Array, explore: boolean): Action {
    const own = this.inner.act(observation, explore);
    const action = this.toScenario(own, observation, explore);
    this.innerOf.set(action, own);
    return action;
  }

  observe(t: Transition): void {
    const own = this.innerOf.get(t.action);
    if (!own) throw new Error(`${this.name}: observe() got an action this agent did not emit`);
    this.inner.observe({ ...t, action: own, reward: this.rewardOf ? this.rewardOf(t, t.action) : t.reward });
  }

  update(): UpdateInfo | undefined {
    return this.inner.update();
  }

  onEpisodeEnd(): void {
    this.inner.onEpisodeEnd?.();
  }

  trainingStats(): UpdateInfo {
    return this.inner.trainingStats?.() ?? {};
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
}
