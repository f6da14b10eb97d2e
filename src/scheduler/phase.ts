/**
 * Slot phases (DESIGN.md "Time and order"). The event queue orders by (time, phase rank, seq),
 * so within one instant the phases run in this order whatever the order of scheduling.
 * Ranks are spaced by 10 so a scenario can slot its own phase between two (see `definePhase`).
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

const ranks = new Map<string, number>(Object.entries(PHASE_RANKS));
const names = new Map<number, string>(Object.entries(PHASE_RANKS).map(([n, r]) => [r, n]));
/** Rank -> name as an array: `phaseName` runs once per dispatched event. */
const nameByRank: string[] = [];
for (const [n, r] of Object.entries(PHASE_RANKS)) nameByRank[r] = n;

/**
 * Registers a scenario-specific phase at a rank between the built-in ones
 * (e.g. `definePhase('handover', 25)` runs after `channel`, before `traffic`).
 */
export function definePhase(name: string, rank: number): void {
  if (!Number.isInteger(rank) || rank < 0 || rank > PHASE_RANKS.rx) {
    throw new RangeError(`phase rank must be an integer in [0, ${PHASE_RANKS.rx}], got ${rank}`);
  }
  const existing = ranks.get(name);
  if (existing !== undefined && existing !== rank) throw new Error(`phase '${name}' already has rank ${existing}`);
  const holder = names.get(rank);
  if (holder !== undefined && holder !== name) throw new Error(`rank ${rank} already belongs to phase '${holder}'`);
  ranks.set(name, rank);
  names.set(rank, name);
  nameByRank[rank] = name;
}

/** The rank of a phase name; throws for an unknown phase. */
export function phaseRank(name: PhaseName): number {
  const r = ranks.get(name);
  if (r === undefined) throw new Error(`unknown phase '${name}' (known: ${[...ranks.keys()].join(', ')})`);
  return r;
}

/** The phase name of a rank. */
export function phaseName(rank: number): string {
  return nameByRank[rank] ?? `phase:${rank}`;
}
