import { assign, emit, setup } from 'xstate';
import type { Emitted } from '../../actors/system.ts';
import { dropInCell, drawShadowingDb, hexCellCentres, initGaussMarkov, stepGaussMarkov, type GaussMarkovState } from '../../models/channel/index.ts';
import type { QoeConfig } from '../../models/semantic/qoe.ts';
import { RootRandom, type RandomStream } from '../../random/index.ts';
import { metre } from '../../units.ts';
import { bsId, type MulticellEventOf, type PhaseTick } from './events.ts';
import { fallbackDecision, linkBudget, semanticOutcome } from './logic.ts';
import { largeScaleOf, type MulticellParams } from './params.ts';

/** Input of the user (terminal) actor of one cell. */
export interface UserInput {
  readonly cell: number;
  readonly params: MulticellParams;
}

export interface UserContext {
  readonly cell: number;
  readonly params: MulticellParams;
  /** beta_{m,j}: large-scale gain from every BS j (path loss and shadowing), linear. */
  readonly largeScale: Float64Array;
  /** h_{m,j} = beta_{m,j} |g_{m,j}|^2 of this slot (eq. 3). */
  readonly gain: Float64Array;
  /** Transmit power of every BS in force (the latest `decision.applied`), watts. */
  readonly powers: Float64Array;
  /** Small-scale fading of the M links into this user (eq. 4). */
  fading: GaussMarkovState;
  channelRng: RandomStream | null;
  /** Symbols per word of this cell's configuration in force. */
  symbols: number;
  qoe: QoeConfig;
  /** Position (m) and distance to its own BS. */
  x: number;
  y: number;
  distance: number;
}

type UserEvent = MulticellEventOf<'episode.started' | 'decision.applied'> | PhaseTick;

/**
 * The user of one cell (004 Section 3): dropped uniformly in its hexagon each episode, with
 * path loss and shadowing from every BS (`placement/u<m>`, `shadowing/u<m>`), QoE parameters
 * drawn per SPEC section 2 (`qoe/u<m>`), and its own Gauss-Markov fading of the M incoming
 * links (`channel/u<m>`), so adding a cell never changes another user's draws. At the
 * `channel` tick it evolves the fading and measures the link with the powers still in force
 * (`link.measured`); it hears every BS's `decision.applied` (its interference); at the
 * `transmission` tick it decodes the slot (`semantic.delivered`).
 */
export const userMachine = setup({
  types: { context: {} as UserContext, events: {} as UserEvent, input: {} as UserInput, emitted: {} as Emitted },
}).createMachine({
  id: 'user',
  context: ({ input }) => {
    const M = input.params.cells;
    return {
      cell: input.cell,
      params: input.params,
      largeScale: new Float64Array(M),
      gain: new Float64Array(M),
      powers: new Float64Array(M),
      fading: { re: new Float64Array(M), im: new Float64Array(M) },
      channelRng: null,
      symbols: input.params.fallbackSymbols,
      qoe: input.params.nominalQoe,
      x: 0,
      y: 0,
      distance: input.params.minDistance,
    };
  },
  on: {
    'episode.started': {
      actions: [
        assign(({ context, event }) => {
          const p = context.params;
          const m = context.cell;
          const root = new RootRandom(event.payload.seed);
          const layout = p.redrawEachEpisode ? root : new RootRandom(0);
          const centres = hexCellCentres(p.cells, metre(p.cellRadius));
          const [dx, dy] = dropInCell(layout.stream(`placement/u${m}`), { radius: metre(p.cellRadius), minDistance: metre(p.minDistance), shape: 'hexagon' });
          const x = centres.x[m] + dx;
          const y = centres.y[m] + dy;
          const shadow = layout.stream(`shadowing/u${m}`);
          for (let j = 0; j < p.cells; j++) context.largeScale[j] = largeScaleOf(p, Math.hypot(x - centres.x[j], y - centres.y[j]), drawShadowingDb(shadow, p.shadowingStdDb));
          context.powers.fill(fallbackDecision(p).power);
          const q = layout.stream(`qoe/u${m}`);
          const d = p.qoeDraws;
          const qoe: QoeConfig = {
            rateWeight: q.uniformIn(d.weight.min, d.weight.max),
            accuracyGrowth: Math.max(1e-6, q.normal(d.accuracyGrowth.mean, d.accuracyGrowth.std)),
            accuracyRequirement: q.uniformIn(d.accuracyRequirement.min, d.accuracyRequirement.max),
            rateRequirement: q.uniformIn(d.rateRequirement.min, d.rateRequirement.max),
            rateGrowth: d.rateGrowth,
          };
          const channelRng = root.stream(`channel/u${m}`);
          return { fading: initGaussMarkov(p.cells, channelRng), channelRng, symbols: p.fallbackSymbols, qoe, x, y, distance: Math.hypot(dx, dy) };
        }),
        emit(({ context }): Emitted => {
          const { x, y, distance } = context;
          const q = context.qoe;
          return {
            type: 'user.placed',
            payload: {
              cell: context.cell,
              x,
              y,
              distance,
              largeScale: Array.from(context.largeScale),
              weight: q.rateWeight,
              rateGrowth: q.rateGrowth,
              accuracyGrowth: q.accuracyGrowth,
              rateRequirement: q.rateRequirement,
              accuracyRequirement: q.accuracyRequirement,
            },
          };
        }),
      ],
    },
    'decision.applied': {
      actions: ({ context, event }) => {
        const j = Number(event.payload.agent.slice(3));
        if (event.payload.agent !== bsId(j)) return;
        context.powers[j] = event.payload.applied.power[0];
        if (j === context.cell) context.symbols = event.payload.applied.symbols[0];
      },
    },
    tick: [
      {
        guard: ({ event }) => event.phase === 'channel',
        actions: [
          ({ context }) => {
            stepGaussMarkov(context.fading, context.params.rho, context.channelRng!);
            const { re, im } = context.fading;
            for (let j = 0; j < context.gain.length; j++) context.gain[j] = context.largeScale[j] * (re[j] * re[j] + im[j] * im[j]);
          },
          emit(({ context, event }): Emitted => {
            const link = linkBudget(context.gain, context.powers, context.cell, context.params.noise);
            const outcome = semanticOutcome(context.symbols, link.sinr, context.qoe, context.params);
            return {
              type: 'link.measured',
              payload: { cell: context.cell, slot: event.slot, gain: Array.from(context.gain), ...link, qoe: outcome.qoe },
            };
          }),
        ],
      },
      {
        guard: ({ event }) => event.phase === 'transmission',
        actions: emit(({ context, event }): Emitted => {
          const link = linkBudget(context.gain, context.powers, context.cell, context.params.noise);
          const outcome = semanticOutcome(context.symbols, link.sinr, context.qoe, context.params);
          return {
            type: 'semantic.delivered',
            payload: { cell: context.cell, slot: event.slot, power: context.powers[context.cell], symbols: context.symbols, ...link, ...outcome },
          };
        }),
      },
    ],
  },
});
