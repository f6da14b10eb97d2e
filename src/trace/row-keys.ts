/**
 * What a DuckDB trace stores once instead of per event (see `duckdb.ts`): each (phase, type,
 * actor) combination as an INTEGER kind key, and each episode's run context. Shared by the
 * in-thread sink and the worker-backed one, which both keep these on the simulation thread.
 */
import { checkContext, TraceEncodingError } from './canonical.ts';
import type { TraceContext, TraceRecord } from './record.ts';

/** New `event_kinds` rows: kind, phase, type, actor (column-major). */
export type KindColumns = [number[], string[], string[], string[]];
/** New `episodes` rows: episode, agent, stage, seed (column-major). */
export type EpisodeColumns = [number[], (string | null)[], (string | null)[], (bigint | null)[]];

/** A record's context, or `undefined` fields when it has none. */
type Context = Partial<TraceContext>;
const sameContext = (a: Context, b: Context): boolean => a.agent === b.agent && a.stage === b.stage && a.seed === b.seed;
const describe = (c: Context): string => (c.agent === undefined && c.stage === undefined && c.seed === undefined ? 'none' : `${c.agent}/${c.stage}/${c.seed}`);

export class TraceRowKeys {
  /** Kind keys by type, actor and phase (nested maps: no key string is built per event). */
  private readonly kinds = new Map<string, Map<string, Map<string, number>>>();
  private kindCount = 0;
  private newKinds: KindColumns = [[], [], [], []];
  /** Every episode's context so far, and the last record's episode and context (the fast path). */
  private readonly contexts = new Map<number, Context>();
  private lastEpisode = NaN;
  private lastContext: Context = {};
  private newEpisodes: EpisodeColumns = [[], [], [], []];

  /** Checks the record's context and notes its episode's context when new; throws when the episode already has another. */
  noteContext(record: TraceRecord): void {
    const last = this.lastContext;
    if (record.episode === this.lastEpisode && record.agent === last.agent && record.stage === last.stage && record.seed === last.seed) return;
    checkContext(record);
    const context: Context = { agent: record.agent, stage: record.stage, seed: record.seed };
    const known = this.contexts.get(record.episode);
    if (known === undefined) {
      this.contexts.set(record.episode, context);
      const e = this.newEpisodes;
      e[0].push(record.episode);
      e[1].push(context.agent ?? null);
      e[2].push(context.stage ?? null);
      e[3].push(context.seed === undefined ? null : BigInt(context.seed));
    } else if (!sameContext(known, context)) {
      throw new TraceEncodingError('agent', `episode ${record.episode} already has run context ${describe(known)}, not ${describe(context)} (a DuckDB trace stores one context per episode)`);
    }
    this.lastEpisode = record.episode;
    this.lastContext = context;
  }

  /** The key of a (phase, type, actor) combination, added to the kinds on first sight. */
  kindOf(phase: string, type: string, actor: string): number {
    let byActor = this.kinds.get(type);
    if (!byActor) this.kinds.set(type, (byActor = new Map()));
    let byPhase = byActor.get(actor);
    if (!byPhase) byActor.set(actor, (byPhase = new Map()));
    let kind = byPhase.get(phase);
    if (kind === undefined) {
      byPhase.set(phase, (kind = this.kindCount++));
      const k = this.newKinds;
      k[0].push(kind);
      k[1].push(phase);
      k[2].push(type);
      k[3].push(actor);
    }
    return kind;
  }

  /** True when kinds or episodes were added since the last {@link take}. */
  get pending(): boolean {
    return this.newKinds[0].length > 0 || this.newEpisodes[0].length > 0;
  }

  /** The kinds and episodes added since the last call. */
  take(): { kinds: KindColumns; episodes: EpisodeColumns } {
    const taken = { kinds: this.newKinds, episodes: this.newEpisodes };
    this.newKinds = [[], [], [], []];
    this.newEpisodes = [[], [], [], []];
    return taken;
  }
}
