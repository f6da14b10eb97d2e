import type { Action, Space } from '../agents/common/spaces.ts';
import { InputError } from '../scenarios/errors.ts';

/**
 * A malformed action from an agent (non-finite, wrong length, an index out of range). It is
 * bad input to the simulation: the CLI exits with code 2 and nothing enters the trace.
 */
export class InvalidActionError extends InputError {}

/**
 * Checks `action` against `space` and copies it into plain arrays for the trace. Box values
 * must be finite (out-of-box values are left to the scenario, which clips or projects them);
 * discrete entries must be integers in range. Throws `InvalidActionError` naming the entry.
 */
export function checkedAction(space: Space, action: Action, who: string): { continuous?: number[]; discrete?: number[] } {
  const out: { continuous?: number[]; discrete?: number[] } = {};
  const box = space.kind === 'box' ? space : space.kind === 'hybrid' ? space.continuous : undefined;
  const nvec = space.kind === 'discrete' ? [space.n] : space.kind === 'multi-discrete' ? space.nvec : space.kind === 'hybrid' ? space.discrete.nvec : undefined;
  if (box) {
    const x = action?.continuous;
    if (!x) throw new InvalidActionError(`${who}: the action needs a continuous part of ${box.size} values`);
    if (x.length !== box.size) throw new InvalidActionError(`${who}: action.continuous has ${x.length} values; expected ${box.size}`);
    const values = Array.from(x);
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) throw new InvalidActionError(`${who}: action.continuous[${i}] is ${String(values[i])}; actions must be finite numbers`);
    }
    out.continuous = values;
  }
  if (nvec) {
    const x = action?.discrete;
    if (!x) throw new InvalidActionError(`${who}: the action needs a discrete part of ${nvec.length} choice(s)`);
    if (x.length !== nvec.length) throw new InvalidActionError(`${who}: action.discrete has ${x.length} values; expected ${nvec.length}`);
    const values = Array.from(x);
    for (let i = 0; i < values.length; i++) {
      if (!Number.isInteger(values[i]) || values[i] < 0 || values[i] >= nvec[i]) {
        throw new InvalidActionError(`${who}: action.discrete[${i}] is ${String(values[i])}; allowed: integers 0..${nvec[i] - 1}`);
      }
    }
    out.discrete = values;
  }
  return out;
}
