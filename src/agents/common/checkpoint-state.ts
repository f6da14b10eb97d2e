import type { RandomStream } from '../../random/index.ts';
import { tf } from './backend.ts';
import { Adam } from './nn/adam.ts';
import { SacAdam } from './nn/sac-adam.ts';
import type { WeightHolder } from './persistence.ts';

/**
 * An agent's full training state for run checkpoints (`semsim run --checkpoint-every`):
 * weights, optimiser moments, replay contents, RNG positions and counters, as named typed
 * arrays plus named plain values. Unlike `save`/`load` (the evaluation policy only), restoring
 * this into a freshly built agent makes its next actions and updates exactly those of the
 * original. The contract for agents is in docs/agents.md ("Checkpoints").
 */

/** The typed arrays a state may hold. */
export type StateArray = Float32Array | Float64Array | Int32Array | Uint32Array | Uint8Array;
/** A plain value of a state (JSON plus NaN and infinities, which the checkpoint file keeps). */
export type StateValue = number | boolean | string | null | readonly StateValue[] | { readonly [k: string]: StateValue };

/** What a {@link StateWriter} collected: the unit the checkpoint file stores per agent. */
/** What a checkpoint needs of an optimiser: TF.js's, nn/adam's `Adam` or the SAC steps' `SacAdam`. */
export type SavableOptimizer = Pick<tf.Optimizer, 'getWeights' | 'setWeights'>;

export interface AgentState {
  readonly arrays: Record<string, StateArray>;
  readonly values: Record<string, StateValue>;
}

/** A state did not fit the agent restoring it (missing entry, other length or kind). */
export class StateMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateMismatchError';
  }
}

/** One optimiser slot as saved: which of the agent's variables (by position) and which slot of it. */
interface SavedSlot {
  readonly variable: number;
  readonly suffix: string;
  readonly shape: number[];
  readonly dtype: string;
}

/**
 * Collects state under slash-separated names; `scope('inner')` prefixes everything written
 * through it (wrappers, one component of several).
 */
export class StateWriter {
  constructor(
    readonly state: { arrays: Record<string, StateArray>; values: Record<string, StateValue> } = { arrays: {}, values: {} },
    private readonly prefix = '',
  ) {}

  scope(name: string): StateWriter {
    return new StateWriter(this.state, `${this.prefix}${name}/`);
  }

  /** Stores a copy of `data`. */
  array(name: string, data: StateArray): void {
    const key = this.prefix + name;
    if (Object.hasOwn(this.state.arrays, key)) throw new Error(`agent state: '${key}' written twice`);
    this.state.arrays[key] = data.slice() as StateArray;
  }

  value(name: string, v: StateValue): void {
    const key = this.prefix + name;
    if (Object.hasOwn(this.state.values, key)) throw new Error(`agent state: '${key}' written twice`);
    this.state.values[key] = v;
  }

  /** A network's (or any weight holder's) weights, `name/0`, `name/1`, ... */
  net(name: string, holder: WeightHolder): void {
    const ws = holder.getWeights();
    this.value(`${name}/count`, ws.length);
    ws.forEach((w, i) => this.array(`${name}/${i}`, w));
  }

  /** A trainable variable's values. */
  variable(name: string, v: tf.Variable): void {
    this.array(name, Float32Array.from(v.dataSync() as Float32Array));
  }

  /** A random stream's position (its four state words and the cached second normal). */
  stream(name: string, s: RandomStream): void {
    const { words, spareNormal } = s.snapshot();
    this.array(name, Float64Array.from([...words, spareNormal]));
  }

  /**
   * An optimiser's state (iteration count, Adam moments and step counts, RMSprop
   * accumulators) through `tf.Optimizer.getWeights`. Its slots are named after TF.js's
   * process-wide variable names, which differ in another process, so they are stored by the
   * variable's position in `variables` (every variable the agent trains, in a fixed order).
   */
  async optimizer(name: string, opt: SavableOptimizer, variables: readonly tf.Variable[]): Promise<void> {
    const index = new Map(variables.map((v, i) => [v.name, i]));
    const weights = await opt.getWeights();
    const slots: SavedSlot[] = [];
    let iterations = 0;
    try {
      for (const [k, w] of weights.entries()) {
        if (k === 0 && w.name === 'iter') {
          iterations = w.tensor.dataSync()[0];
          continue;
        }
        const cut = w.name.lastIndexOf('/');
        const variable = index.get(w.name.slice(0, cut));
        if (cut < 0 || variable === undefined) throw new Error(`agent state: optimiser '${this.prefix}${name}' has a slot '${w.name}' for a variable the agent did not list`);
        const data = w.tensor.dtype === 'int32' ? Int32Array.from(w.tensor.dataSync() as Int32Array) : Float32Array.from(w.tensor.dataSync() as Float32Array);
        this.array(`${name}/${slots.length}`, data);
        slots.push({ variable, suffix: w.name.slice(cut + 1), shape: w.tensor.shape, dtype: w.tensor.dtype });
      }
    } finally {
      // TF.js's own optimisers return their slot variables themselves; those stay.
      tf.dispose(weights.map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)));
    }
    this.value(`${name}/iterations`, iterations);
    this.value(`${name}/slots`, slots as unknown as StateValue);
  }

  /** The collected state. */
  result(): AgentState {
    return this.state;
  }
}

/** Reads what a {@link StateWriter} wrote; every accessor checks presence, kind and length. */
export class StateReader {
  constructor(
    readonly state: AgentState,
    private readonly prefix = '',
  ) {}

  scope(name: string): StateReader {
    return new StateReader(this.state, `${this.prefix}${name}/`);
  }

  has(name: string): boolean {
    const key = this.prefix + name;
    return Object.hasOwn(this.state.arrays, key) || Object.hasOwn(this.state.values, key);
  }

  /** The array `name`, checked to be a `kind` of `length` elements when given. */
  array<A extends StateArray>(name: string, kind: { new (n: number): A; name: string }, length?: number): A {
    const key = this.prefix + name;
    const a = Object.hasOwn(this.state.arrays, key) ? this.state.arrays[key] : undefined;
    if (a === undefined) throw new StateMismatchError(`agent state: missing array '${key}'`);
    if (!(a instanceof kind)) throw new StateMismatchError(`agent state: '${key}' is a ${a.constructor.name}, expected ${kind.name}`);
    if (length !== undefined && a.length !== length) throw new StateMismatchError(`agent state: '${key}' has ${a.length} elements, expected ${length}`);
    return a;
  }

  value(name: string): StateValue {
    const key = this.prefix + name;
    if (!Object.hasOwn(this.state.values, key)) throw new StateMismatchError(`agent state: missing value '${key}'`);
    return this.state.values[key];
  }

  number(name: string): number {
    const v = this.value(name);
    if (typeof v !== 'number') throw new StateMismatchError(`agent state: '${this.prefix}${name}' is not a number`);
    return v;
  }

  net(name: string, holder: WeightHolder): void {
    const current = holder.getWeights();
    const count = this.number(`${name}/count`);
    if (count !== current.length) throw new StateMismatchError(`agent state: '${this.prefix}${name}' has ${count} weight arrays, this network ${current.length}`);
    holder.setWeights(current.map((w, i) => this.array(`${name}/${i}`, Float32Array, w.length)));
  }

  variable(name: string, v: tf.Variable): void {
    const data = this.array(name, Float32Array, v.size);
    tf.tidy(() => v.assign(tf.tensor(data, v.shape, 'float32')));
  }

  stream(name: string, s: RandomStream): void {
    const a = this.array(name, Float64Array, 5);
    s.restore({ words: [a[0], a[1], a[2], a[3]], spareNormal: a[4] });
  }

  async optimizer(name: string, opt: SavableOptimizer, variables: readonly tf.Variable[]): Promise<void> {
    const slots = this.value(`${name}/slots`) as unknown as SavedSlot[];
    const iterations = this.number(`${name}/iterations`);
    const named = [{ name: 'iter', tensor: tf.scalar(iterations, 'int32') as tf.Tensor }];
    try {
      for (const [k, s] of slots.entries()) {
        const v = variables[s.variable];
        if (v === undefined) throw new StateMismatchError(`agent state: optimiser '${this.prefix}${name}' has a slot for variable ${s.variable}, the agent has ${variables.length}`);
        const data: StateArray = s.dtype === 'int32' ? this.array(`${name}/${k}`, Int32Array) : this.array(`${name}/${k}`, Float32Array);
        named.push({ name: `${v.name}/${s.suffix}`, tensor: tf.tensor(data, s.shape, s.dtype as 'float32' | 'int32') });
      }
      await opt.setWeights(named);
    } finally {
      // semsim's Adam copies the values; TF.js's own optimisers (RMSprop) keep the tensors' data as their slot variables.
      tf.dispose(opt instanceof Adam || opt instanceof SacAdam ? named.map((w) => w.tensor) : named[0].tensor);
    }
  }
}

/** The named streams of an agent ({@link AgentRandom}-shaped), written as `random/<name>`. */
export function writeStreams(out: StateWriter, streams: object): void {
  for (const [name, s] of streamsOf(streams)) out.stream(`random/${name}`, s);
}

export function readStreams(from: StateReader, streams: object): void {
  for (const [name, s] of streamsOf(streams)) from.stream(`random/${name}`, s);
}

function streamsOf(holder: object): [string, RandomStream][] {
  return Object.entries(holder).filter((e): e is [string, RandomStream] => typeof (e[1] as Partial<RandomStream> | undefined)?.snapshot === 'function');
}

/** The trainable variables behind a weight holder: an `Mlp`'s `variables`, a scalar holder's `variable`. */
export function variablesOf(holder: unknown): tf.Variable[] {
  const h = holder as { variables?: tf.Variable[]; variable?: tf.Variable };
  return h.variables ?? (h.variable ? [h.variable] : []);
}
