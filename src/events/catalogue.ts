import { z } from 'zod';
import { PhaseTable, type BuiltinPhase, type PhaseName } from '../scheduler/phase.ts';

/**
 * Event catalogues. A catalogue part maps each event type to the phase it belongs to and
 * the zod schema of its payload. Event types are namespaced (`domain.verb`). The kernel part
 * below holds what every simulation has (episodes, slots, decisions, reward); each scenario
 * adds its own part, registered on the simulation it builds (`EventCatalogue.register`), so
 * no module-level state is shared between simulations. Payloads are plain JSON, so a trace
 * can be written, read back and validated against these schemas.
 */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  /** The phase the event runs in; `inherit`: the phase in which it is emitted. */
  readonly phase: PhaseName | 'inherit';
  readonly payload: P;
}

export type CataloguePart = { readonly [type: string]: EventSpec };

/** Identity with type checking: keeps the literal keys and payload schemas of a part. */
export function defineEvents<const C extends CataloguePart>(part: C): C {
  return part;
}

const num = z.number();
const vec = z.array(num);
const int = z.number().int();

/** An agent's action: a continuous part, a discrete part, or both (a hybrid action). */
export const ActionPayload = z.object({ continuous: vec.optional(), discrete: z.array(int).optional() });

/** Kernel events: every simulation has them, whatever its scenario. */
export const KERNEL_EVENTS = defineEvents({
  'episode.started': { phase: 'episode.start', payload: z.object({ episode: int, seed: int }) },
  'episode.ended': { phase: 'episode.end', payload: z.object({ episode: int, slots: int }) },
  'slot.started': { phase: 'slot.start', payload: z.object({ slot: int }) },
  'slot.ended': { phase: 'slot.end', payload: z.object({ slot: int }) },
  /**
   * An actor asks agent `agent` for a decision on `observation`. `final` marks the state
   * after an episode's last slot (for bootstrapping on truncation): it is not answered.
   */
  'decision.requested': {
    phase: 'inherit',
    payload: z.object({ episode: int, slot: int, agent: z.string(), observation: vec, final: z.boolean() }),
  },
  /** Agent `agent`'s raw action for the request of `forSlot`, possibly slots late. */
  'decision.made': {
    phase: 'decision',
    payload: z.object({ episode: int, forSlot: int, agent: z.string(), action: ActionPayload, fallback: z.boolean() }),
  },
  /**
   * The decision in force for `slot`, after projection onto the budgets: named vectors (for
   * toscn `bandwidth`, `power`, `compression`). `forSlot` -1: the fallback (no decision yet).
   */
  'decision.applied': {
    phase: 'codec',
    payload: z.object({ slot: int, forSlot: int, agent: z.string(), applied: z.record(z.string(), vec) }),
  },
  /**
   * A slot's score: one reward per agent id (a shared reward repeats it), and the scenario's
   * per-slot metrics by name (the plug-in declares them).
   */
  'reward.computed': {
    phase: 'reward',
    payload: z.object({ slot: int, rewards: z.record(z.string(), num), metrics: z.record(z.string(), num) }),
  },
});

/**
 * The catalogue of one simulation: the kernel part plus the parts its scenario registers.
 * Answers the phase rank of every type (cached) and validates payloads.
 */
export class EventCatalogue {
  private readonly specs = new Map<string, EventSpec>();
  /** Phase rank by type; -1 for `inherit`. */
  private readonly ranks = new Map<string, number>();

  constructor(
    readonly phases: PhaseTable = new PhaseTable(),
    parts: readonly CataloguePart[] = [],
  ) {
    this.register(KERNEL_EVENTS);
    for (const p of parts) this.register(p);
  }

  /** Adds a part. A type may be registered twice only with the same spec object. */
  register(part: CataloguePart): this {
    for (const [type, spec] of Object.entries(part)) {
      const existing = this.specs.get(type);
      if (existing && existing !== spec) throw new Error(`event type '${type}' is already registered with another schema`);
      this.ranks.set(type, spec.phase === 'inherit' ? -1 : this.phases.rankOf(spec.phase));
      this.specs.set(type, spec);
    }
    return this;
  }

  has(type: string): boolean {
    return this.specs.has(type);
  }

  get types(): string[] {
    return [...this.specs.keys()];
  }

  spec(type: string): EventSpec {
    const s = this.specs.get(type);
    if (!s) throw this.unknown(type);
    return s;
  }

  /** Phase rank of a type, -1 for `inherit`; throws an error naming an unknown type. */
  rankOf(type: string): number {
    const r = this.ranks.get(type);
    if (r === undefined) throw this.unknown(type);
    return r;
  }

  /** The phase a type belongs to (`inherit`: the phase in which it is emitted). */
  phaseOf(type: string): BuiltinPhase | PhaseName | 'inherit' {
    return this.spec(type).phase;
  }

  private unknown(type: string): Error {
    return new Error(`unknown event type '${type}': register it in the scenario's event catalogue (known: ${[...this.specs.keys()].join(', ')})`);
  }
}
