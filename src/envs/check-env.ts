import type { Action, Space } from '../agents/common/spaces.ts';
import { RootRandom, type RandomStream } from '../random/index.ts';
import type { Env, ParallelEnv } from './types.ts';

/** What a checker run covered, and what it found. */
export interface CheckReport {
  readonly steps: number;
  readonly episodes: number;
  /** One readable line per violated property (empty: the environment passed). */
  readonly problems: string[];
}

export interface CheckOptions {
  /** Steps to compare between two environments with the same seeds (at least 1000 by default). */
  readonly steps?: number;
  readonly seed?: number;
  /** Throw an `Error` listing the problems instead of returning them (default true). */
  readonly throwOnProblem?: boolean;
}

/** A uniform action inside `space` (finite box bounds: uniform; infinite ones: standard normal). */
export function sampleAction(space: Space, rng: RandomStream): Action {
  const box = space.kind === 'box' ? space : space.kind === 'hybrid' ? space.continuous : undefined;
  const nvec = space.kind === 'discrete' ? [space.n] : space.kind === 'multi-discrete' ? space.nvec : space.kind === 'hybrid' ? space.discrete.nvec : undefined;
  const out: { continuous?: Float32Array; discrete?: Int32Array } = {};
  if (box) {
    out.continuous = new Float32Array(box.size);
    for (let i = 0; i < box.size; i++) {
      const lo = box.low[i];
      const hi = box.high[i];
      out.continuous[i] = Number.isFinite(lo) && Number.isFinite(hi) ? Math.min(hi, Math.max(lo, rng.uniformIn(lo, hi))) : rng.normal();
    }
  }
  if (nvec) out.discrete = Int32Array.from(nvec, (n) => rng.int(n));
  return out;
}

/** The ways an action can be malformed: non-finite values and wrong lengths. */
function badActions(space: Space, good: Action): { what: string; action: Action }[] {
  const out: { what: string; action: Action }[] = [];
  if (good.continuous) {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const c = Float32Array.from(good.continuous);
      c[c.length - 1] = bad;
      out.push({ what: `continuous[${c.length - 1}] = ${bad}`, action: { ...good, continuous: c } });
    }
    out.push({ what: 'a continuous part one value too long', action: { ...good, continuous: Float32Array.from([...good.continuous, 0]) } });
  }
  if (good.discrete) {
    out.push({ what: 'a discrete part one choice too long', action: { ...good, discrete: Int32Array.from([...good.discrete, 0]) } });
    const nvec = space.kind === 'discrete' ? [space.n] : space.kind === 'multi-discrete' ? space.nvec : space.kind === 'hybrid' ? space.discrete.nvec : [];
    const d = Int32Array.from(good.discrete);
    d[0] = nvec[0];
    out.push({ what: `discrete[0] = ${nvec[0]} (out of range)`, action: { ...good, discrete: d } });
  }
  return out;
}

/** True when every entry of `x` lies in the box `space` (observation spaces are boxes). */
function inSpace(space: Space, x: Float32Array): boolean {
  if (space.kind !== 'box') return true;
  if (x.length !== space.size) return false;
  for (let i = 0; i < x.length; i++) if (!(x[i] >= space.low[i] && x[i] <= space.high[i])) return false;
  return true;
}

const sameArray = (a: Float32Array, b: Float32Array): boolean => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/**
 * Checks a Gymnasium-shaped environment the way `gymnasium.utils.env_checker` does, plus
 * determinism: two environments from `make` are stepped with the same seeds and the same
 * sampled actions for `steps` steps (default 1000) and must give bit-identical observations
 * and rewards. Also: observations inside the observation space; sampled actions accepted;
 * non-finite and wrong-length actions rejected with an error, leaving the episode usable;
 * the same info keys on every step; truncation ends the episode (`step` throws until `reset`).
 */
export function checkEnv(make: () => Env, options: CheckOptions = {}): CheckReport {
  return checkParallelEnv(() => new SingleAsParallel(make()), options);
}

/**
 * Checks a PettingZoo-parallel-shaped environment: the properties of `checkEnv`, per agent,
 * plus `possibleAgents` fixed and every agent present in every per-agent record.
 */
export function checkParallelEnv(make: () => ParallelEnv, options: CheckOptions = {}): CheckReport {
  const steps = options.steps ?? 1000;
  const problems: string[] = [];
  const note = (p: string): void => {
    if (problems.length < 20 && !problems.includes(p)) problems.push(p);
  };
  const [a, b] = [make(), make()];
  const ids = [...(a.possibleAgents ?? a.agents)];
  const rng = new RootRandom(options.seed ?? 0).stream('check-env/actions');
  let episode = 0;
  let infoKeys: string | undefined;
  const reset = (): Record<string, Float32Array> => {
    const seed = (options.seed ?? 0) * 1000 + episode;
    const ra = a.reset({ seed });
    const rb = b.reset({ seed });
    for (const id of ids) if (!sameArray(ra.observations[id], rb.observations[id])) note(`reset(seed ${seed}): agent ${id}: observations differ between two environments`);
    return ra.observations;
  };
  let obs = reset();
  let rejectedChecked = false;
  for (let t = 0; t < steps; t++) {
    for (const id of ids) if (!inSpace(a.observationSpace(id), obs[id])) note(`step ${t}: agent ${id}: observation outside its observation space`);
    const actions: Record<string, Action> = {};
    for (const id of ids) actions[id] = sampleAction(a.actionSpace(id), rng);
    if (!rejectedChecked) {
      rejectedChecked = true;
      for (const { what, action } of badActions(a.actionSpace(ids[0]), actions[ids[0]])) {
        let threw = false;
        try {
          a.step({ ...actions, [ids[0]]: action });
        } catch {
          threw = true;
        }
        if (!threw) note(`an action with ${what} was accepted; it must be rejected with an error`);
      }
    }
    let sa, sb;
    try {
      sa = a.step(actions);
      sb = b.step(actions);
    } catch (err) {
      note(`step ${t}: a sampled action was rejected: ${(err as Error).message}`);
      break;
    }
    for (const id of ids) {
      if (!sameArray(sa.observations[id], sb.observations[id]) || !Object.is(sa.rewards[id], sb.rewards[id])) note(`step ${t}: agent ${id}: same seed and actions, different observation or reward`);
      if (!Number.isFinite(sa.rewards[id])) note(`step ${t}: agent ${id}: reward ${sa.rewards[id]} is not finite`);
      const keys = Object.keys(sa.infos[id] ?? {}).sort().join(',');
      if (infoKeys === undefined) infoKeys = keys;
      else if (keys !== infoKeys) note(`step ${t}: agent ${id}: info keys changed from [${infoKeys}] to [${keys}]`);
    }
    const done = ids.map((id) => sa.terminations[id] || sa.truncations[id]);
    if (done.some(Boolean) !== done.every(Boolean)) note(`step ${t}: agents ended the episode at different steps (a parallel episode ends for all)`);
    if (done.every(Boolean)) {
      let threw = false;
      try {
        a.step(actions);
      } catch {
        threw = true;
      }
      if (!threw) note(`step ${t}: step() after the episode ended did not throw (call reset() first)`);
      episode++;
      obs = reset();
    } else obs = sa.observations;
  }
  const report = { steps, episodes: episode, problems };
  if (problems.length && options.throwOnProblem !== false) throw new Error(`environment check failed:\n  ${problems.join('\n  ')}`);
  return report;
}

/** A single-agent environment seen as a parallel one with agent id `agent`. */
class SingleAsParallel implements ParallelEnv {
  readonly agents = ['agent'];
  readonly possibleAgents = ['agent'];
  constructor(private readonly env: Env) {}
  observationSpace(): Space {
    return this.env.observationSpace;
  }
  actionSpace(): Space {
    return this.env.actionSpace;
  }
  reset(options?: { seed?: number }) {
    const r = this.env.reset(options);
    return { observations: { agent: r.observation }, infos: { agent: r.info as Record<string, unknown> } };
  }
  step(actions: Record<string, Action>) {
    const r = this.env.step(actions.agent);
    return {
      observations: { agent: r.observation },
      rewards: { agent: r.reward },
      terminations: { agent: r.terminated },
      truncations: { agent: r.truncated },
      infos: { agent: r.info as Record<string, unknown> },
    };
  }
}
