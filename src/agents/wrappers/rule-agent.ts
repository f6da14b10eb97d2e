import type { Agent } from '../agent.ts';
import type { Action } from '../common/spaces.ts';

/**
 * A fixed decision rule as an {@link Agent}: a scenario's baselines (`fixed`, `random`, a
 * heuristic) in one line each. It acts by `rule` in explore and evaluation mode alike, learns
 * nothing, and has nothing to save (`save`/`load` do nothing; `RuleAgent`s are rebuilt from
 * their scenario's parameters).
 */
export class RuleAgent implements Agent {
  constructor(
    readonly name: string,
    private readonly rule: (observation: Float32Array, explore: boolean) => Action,
  ) {}

  act(observation: Float32Array, explore: boolean): Action {
    return this.rule(observation, explore);
  }

  observe(): void {}

  update(): undefined {
    return undefined;
  }

  async save(): Promise<void> {}

  async load(): Promise<void> {}

  dispose(): void {}
}
