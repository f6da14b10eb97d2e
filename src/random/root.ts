import { RandomStream } from './stream.ts';
import { hashString } from './xoshiro.ts';

/**
 * The run's root generator: a seed plus a cache of named streams. A stream's seed depends
 * only on the root seed and the stream's name, never on creation order, which is what makes
 * "adding an actor does not change another actor's draws" hold.
 */
export class RootRandom {
  private readonly streams = new Map<string, RandomStream>();
  /** Hash of the root seed, the salt of every stream seed (computed once, not per stream). */
  private readonly salt: number;

  constructor(readonly seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`seed must be an integer in [0, 4294967295], got ${seed}`);
    }
    this.salt = hashString(`semsim-root-${seed}`);
  }

  /** The 32-bit seed of the stream called `name`. */
  seedOf(name: string): number {
    return hashString(name, this.salt) >>> 0;
  }

  /** The stream called `name` (created on first use, then reused). */
  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      s = new RandomStream(name, this.seedOf(name));
      this.streams.set(name, s);
    }
    return s;
  }

  /** A child root for a sub-run (an episode, an evaluation seed), independent of this one. */
  child(name: string): RootRandom {
    return new RootRandom(this.seedOf(`child:${name}`));
  }
}
