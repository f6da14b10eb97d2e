/**
 * Slot phases (DESIGN.md "Time and order"). The event queue orders by (time, phase rank, seq),
 * so within one instant the phases run in this order whatever the order of scheduling.
 * Ranks are spaced by 10 so a scenario can slot its own phase between two (see `PhaseTable.define`).
 */
export const PHASE_RANKS = {
  'episode.start': 0,
  'slot.start': 10,
  channel: 20,
  traffic: 30,
  observation: 40,
  decision: 50,
  codec: 60,
  transmission: 70,
  reward: 80,
  'slot.end': 90,
  'episode.end': 100,
  /** Generic RxJS work scheduled through `SchedulerLike.schedule` without a phase. */
  rx: 110,
} as const;

export type BuiltinPhase = keyof typeof PHASE_RANKS;
export type PhaseName = BuiltinPhase | (string & {});

/** A phase a scenario adds between the built-in ones. */
export interface PhaseDefinition {
  readonly name: string;
  /** Integer rank in [0, 110]; must not collide with another phase's rank. */
  readonly rank: number;
}

/**
 * The phases of one simulation: the built-in ones plus those its scenario defines. Each
 * scheduler owns its table, so two simulations in one process never share phase state.
 */
export class PhaseTable {
  private readonly ranks = new Map<string, number>(Object.entries(PHASE_RANKS));
  /** Rank -> name as an array: `nameOf` runs once per dispatched event. */
  private readonly names: string[] = [];

  constructor(extra: readonly PhaseDefinition[] = []) {
    for (const [n, r] of Object.entries(PHASE_RANKS)) this.names[r] = n;
    for (const p of extra) this.define(p.name, p.rank);
  }

  /**
   * Registers a scenario-specific phase at a rank between the built-in ones
   * (e.g. `define('handover', 25)` runs after `channel`, before `traffic`).
   */
  define(name: string, rank: number): void {
    if (!Number.isInteger(rank) || rank < 0 || rank > PHASE_RANKS.rx) {
      throw new RangeError(`phase '${name}': rank must be an integer in [0, ${PHASE_RANKS.rx}], got ${rank}`);
    }
    const existing = this.ranks.get(name);
    if (existing !== undefined && existing !== rank) throw new Error(`phase '${name}' already has rank ${existing}`);
    const holder = this.names[rank];
    if (holder !== undefined && holder !== name) throw new Error(`phase '${name}': rank ${rank} already belongs to phase '${holder}'`);
    this.ranks.set(name, rank);
    this.names[rank] = name;
  }

  /** The rank of a phase name; throws for an unknown phase. */
  rankOf(name: PhaseName): number {
    const r = this.ranks.get(name);
    if (r === undefined) throw new Error(`unknown phase '${name}' (known: ${[...this.ranks.keys()].join(', ')})`);
    return r;
  }

  /** The phase name of a rank. */
  nameOf(rank: number): string {
    return this.names[rank] ?? `phase:${rank}`;
  }

  has(name: string): boolean {
    return this.ranks.has(name);
  }

  /** Phase names in rank order. */
  get ordered(): string[] {
    return this.names.filter((n) => n !== undefined);
  }
}

const BUILTIN = new PhaseTable();

/** The rank of a built-in phase (scenario phases: ask the simulation's `PhaseTable`). */
export function phaseRank(name: PhaseName): number {
  return BUILTIN.rankOf(name);
}
