/**
 * A tiny cooperative ParallelEnv for testing multi-agent learners: `n` users pick one of `k`
 * channels while a primary user occupies a random channel (shown to everyone as a one-hot
 * observation, redrawn every step). A user scores 1 when it is alone on a free channel, else
 * 0. Like 004's cells, each agent's payoff depends on the others' choices (collisions play the
 * role of interference); the team optimum (everyone distinct and off the busy channel) earns
 * `n` per step and needs the agents to split the free channels between them.
 */
import { box, discrete } from '../common/spaces.ts';
import type { Action, Space } from '../common/spaces.ts';
import type { ParallelEnv } from '../../envs/types.ts';
import { RootRandom } from '../../random/index.ts';
import type { RandomStream } from '../../random/index.ts';

export class ChannelSelection implements ParallelEnv {
  readonly agents: readonly string[];
  private random: RandomStream;
  private busy = 0;
  private t = 0;

  constructor(
    readonly users = 2,
    readonly channels = 3,
    readonly length = 10,
    seed = 0,
  ) {
    if (!(channels > users)) throw new RangeError('ChannelSelection needs more channels than users (one is busy)');
    this.agents = Array.from({ length: users }, (_, i) => `user${i}`);
    this.random = new RootRandom(seed).stream('env/channel-selection');
  }

  observationSpace(_agent: string): Space {
    return box(this.channels, 0, 1);
  }

  actionSpace(_agent: string): Space {
    return discrete(this.channels);
  }

  reset(options?: { seed?: number }) {
    if (options?.seed !== undefined) this.random = new RootRandom(options.seed).stream('env/channel-selection');
    this.t = 0;
    this.busy = this.random.int(this.channels);
    return { observations: this.observe(), infos: Object.fromEntries(this.agents.map((a) => [a, {}])) };
  }

  step(actions: Record<string, Action>) {
    const picks = this.agents.map((a) => {
      const c = actions[a]?.discrete?.[0];
      if (c === undefined || !(c >= 0 && c < this.channels)) throw new RangeError(`agent ${a} must pick a channel in [0, ${this.channels}), got ${c}`);
      return c;
    });
    const rewards: Record<string, number> = {};
    this.agents.forEach((a, i) => {
      const alone = picks.every((c, j) => j === i || c !== picks[i]);
      rewards[a] = alone && picks[i] !== this.busy ? 1 : 0;
    });
    this.t++;
    this.busy = this.random.int(this.channels);
    const truncated = this.t >= this.length;
    const flags = (v: boolean) => Object.fromEntries(this.agents.map((a) => [a, v]));
    return { observations: this.observe(), rewards, terminations: flags(false), truncations: flags(truncated), infos: Object.fromEntries(this.agents.map((a) => [a, {}])) };
  }

  private observe(): Record<string, Float32Array> {
    const o = new Float32Array(this.channels);
    o[this.busy] = 1;
    return Object.fromEntries(this.agents.map((a) => [a, Float32Array.from(o)]));
  }
}
