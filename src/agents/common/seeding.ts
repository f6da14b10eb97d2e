import type { RandomStream, RootRandom } from '../../random/index.ts';

/**
 * Seeds and streams an agent derives from the `RootRandom` it is given. Names, not call
 * order, decide the seeds (DESIGN.md "Randomness"): adding a network or a noise source never
 * shifts another one's draws. Give each agent of a multi-agent run its own child root
 * (`root.child('agent/bs0')`) so that equal network names in two agents do not share seeds.
 */
export interface AgentRandom {
  /** 32-bit initialiser seed of the network called `name` (`actor`, `critic/1`, ...). */
  netSeed(name: string): number;
  /** Exploration draws (action noise, warm-up actions, SAC's reparameterisation noise). */
  readonly explore: RandomStream;
  /** Replay sampling draws. */
  readonly replay: RandomStream;
  /** Draws made inside updates (TD3 target smoothing, SAC sampling during updates). */
  readonly update: RandomStream;
}

/** The standard named seeds and streams of one agent. */
export function agentRandom(root: RootRandom): AgentRandom {
  return {
    netSeed: (name) => root.seedOf(`agent/init/${name}`),
    explore: root.stream('agent/explore'),
    replay: root.stream('agent/replay'),
    update: root.stream('agent/update'),
  };
}
