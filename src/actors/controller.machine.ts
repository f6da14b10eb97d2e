import { emit, enqueueActions, setup } from 'xstate';
import type { AnyEvent, KernelEvent, PhaseTick } from '../events/index.ts';
import type { Emitted } from './system.ts';

type Action = KernelEvent<'decision.made'>['payload']['action'];

/**
 * What a scenario plugs into the controller skeleton. `S` is its own state (typed arrays,
 * updated in place); the skeleton owns the protocol: request -> gate -> apply -> score.
 */
export interface ControllerSpec<S> {
  /** The agent id decisions are requested from and accepted of. */
  readonly agent: string;
  /** Event type on which a decision is requested (the scenario's observation event). */
  readonly observe: string;
  /** Event types the controller reads for scoring (routed to `take`; batch them with `Wiring.inbox`). */
  readonly takes: readonly string[];
  /** Phase whose tick applies the decision in force (default `codec`). */
  readonly applyPhase?: string;
  /** Phase whose tick scores the slot (default `reward`). */
  readonly scorePhase?: string;
  /** A fresh scenario state. */
  init(): S;
  /** Called when an episode starts. */
  reset(state: S, episode: number): void;
  /** The request an `observe` event makes: the slot, the observation vector, and whether it is final. */
  request(state: S, event: AnyEvent): { slot: number; observation: number[]; final: boolean };
  /** A decision passed the gate: map the raw action onto what will be applied (may throw on a bad action). */
  decide(state: S, action: Action, forSlot: number): void;
  /** Back to the fallback (no decision yet this episode). */
  fallback(state: S): void;
  /** The decision in force for `slot`, as named vectors (`decision.applied.applied`). */
  apply(state: S, slot: number): Record<string, number[]>;
  /**
   * Events to emit after `decision.applied` at the apply tick (optional): e.g. timing markers
   * `delay`/`at` in the future (`decision.computed`, `grant.signalled`).
   */
  afterApply?(state: S, slot: number, forSlot: number): readonly Emitted[];
  /** Any other event it reads. */
  take(state: S, event: AnyEvent): void;
  /** The slot's rewards per agent id and metrics by name (`reward.computed`). */
  score(state: S, slot: number): { rewards: Record<string, number>; metrics: Record<string, number> };
}

export interface ControllerContext<S> {
  readonly spec: ControllerSpec<S>;
  readonly state: S;
  /** Episode in progress: decisions of another episode are dropped. */
  episode: number;
  /** The slot whose observation produced the decision in force (-1: the fallback). */
  decisionFor: number;
}

/** Input of a controller: optionally another spec than the one the machine was made with (tests). */
export interface ControllerInput<S> {
  readonly spec?: ControllerSpec<S>;
}

type ControllerEvent = KernelEvent<'episode.started' | 'decision.made'> | PhaseTick;

/** The gate: newest decision of this agent and episode wins; late ones of a finished episode are dropped. */
function gate<S>(context: ControllerContext<S>, event: KernelEvent<'decision.made'>): void {
  const p = event.payload;
  if (p.agent !== context.spec.agent || p.episode !== context.episode || p.forSlot < context.decisionFor) return;
  context.spec.decide(context.state, p.action, p.forSlot);
  context.decisionFor = p.forSlot;
}

function take<S>(context: ControllerContext<S>, event: AnyEvent): void {
  if (event.type === 'decision.made') gate(context, event as KernelEvent<'decision.made'>);
  else context.spec.take(context.state, event);
}

function drain<S>(context: ControllerContext<S>, tick: PhaseTick): void {
  if (tick.inbox) for (const e of tick.inbox) take(context, e);
}

/**
 * The controller skeleton (kit): request -> gate -> apply -> score. On the scenario's
 * observation event it emits `decision.requested` for its agent; `decision.made` passes the
 * gate when it is for its agent and episode and not older than the decision in force (a
 * decision may arrive slots late: acting on stale state is the point of a decision delay); at
 * the apply tick it emits `decision.applied` with the newest decision (or the fallback); at
 * the score tick it emits `reward.computed`. A scenario supplies the hooks (`ControllerSpec`);
 * `controllerMachine(spec)` names the spec's event types in its transitions, so `listens` is
 * derived as for any kit machine.
 */
export function controllerMachine<S>(spec: ControllerSpec<S>) {
  const applyPhase = spec.applyPhase ?? 'codec';
  const scorePhase = spec.scorePhase ?? 'reward';
  const takes = Object.fromEntries(spec.takes.map((t) => [t, { actions: ({ context, event }: { context: ControllerContext<S>; event: AnyEvent }) => take(context, event) }]));
  return setup({
    types: {
      context: {} as ControllerContext<S>,
      events: {} as ControllerEvent,
      input: {} as ControllerInput<S>,
      emitted: {} as Emitted,
    },
  }).createMachine({
    id: 'controller',
    context: ({ input }) => {
      const own = input?.spec ?? spec;
      return { spec: own, state: own.init(), episode: -1, decisionFor: -1 };
    },
    on: {
      ...takes,
      'episode.started': {
        actions: ({ context, event }) => {
          context.episode = event.payload.episode;
          context.decisionFor = -1;
          context.spec.fallback(context.state);
          context.spec.reset(context.state, event.payload.episode);
        },
      },
      [spec.observe]: {
        actions: emit(({ context, event }): Emitted => {
          const r = context.spec.request(context.state, event as AnyEvent);
          return { type: 'decision.requested', payload: { episode: context.episode, slot: r.slot, agent: context.spec.agent, observation: r.observation, final: r.final } };
        }),
      },
      'decision.made': { actions: ({ context, event }) => gate(context, event) },
      tick: [
        {
          guard: ({ event }) => event.phase === applyPhase,
          actions: enqueueActions(({ context, event, enqueue }) => {
            drain(context, event);
            const applied = context.spec.apply(context.state, event.slot);
            enqueue.emit({ type: 'decision.applied', payload: { slot: event.slot, forSlot: context.decisionFor, agent: context.spec.agent, applied } } as Emitted);
            for (const extra of context.spec.afterApply?.(context.state, event.slot, context.decisionFor) ?? []) enqueue.emit(extra as Emitted);
          }),
        },
        {
          guard: ({ event }) => event.phase === scorePhase,
          actions: emit(({ context, event }): Emitted => {
            drain(context, event);
            return { type: 'reward.computed', payload: { slot: event.slot, ...context.spec.score(context.state, event.slot) } };
          }),
        },
        // Any other phase: hand over what the inbox holds.
        { actions: ({ context, event }) => drain(context, event) },
      ],
    },
  });
}
