import { enqueueActions, setup } from 'xstate';
import type { Emitted } from '../../actors/system.ts';
import { complexMatrix, type ComplexMatrix } from '../../models/phy/complex.ts';
import { RootRandom } from '../../random/index.ts';
import { evolveUser, placeUser, writeChannel, type UserChannel } from './channel.ts';
import { SCQOS_AGENT, type PhaseTick, type ScqosEventOf } from './events.ts';
import { allocationOf, fullPowerSnr, idleAllocation, linkSnrs, observationOf, type LastOutcome, type SentenceSummary } from './logic.ts';
import type { ScqosParams } from './params.ts';
import { slotScore, type Measured } from './score.ts';

export interface BaseStationContext {
  readonly params: ScqosParams;
  episode: number;
  users: UserChannel[];
  /** h_{u,c} of the slot, U C x M. */
  readonly channel: ComplexMatrix;
  /** The newest action of the episode (null: none yet; the idle allocation applies). */
  action: { continuous?: number[]; discrete?: number[] } | null;
  sentences: SentenceSummary[];
  last: LastOutcome[];
  measured: (Measured | null)[];
}

type BaseStationEvent = ScqosEventOf<'episode.started' | 'episode.ended' | 'decision.made' | 'semantic.embedded' | 'semantic.measured'> | PhaseTick;

const fresh = (p: ScqosParams) => ({
  sentences: Array.from({ length: p.users }, () => ({ aboveThreshold: 0, meanOverThreshold: 0 })),
  last: Array.from({ length: p.users }, () => ({ snr: 0, similarity: 0, bits: 0, latency: p.qos.latencyCap as number })),
  measured: new Array<Measured | null>(p.users).fill(null),
});

const request = (c: BaseStationContext, slot: number, final: boolean): Emitted => ({
  type: 'decision.requested',
  payload: { episode: c.episode, slot, agent: SCQOS_AGENT, observation: observationOf(c.channel, c.sentences, c.last, c.params), final },
});

/**
 * The base station (001 Section II): it drops the users and evolves their Rician channels
 * (`users.placed`, `link.measured`), asks the agent for an allocation at the `observation`
 * tick with the channel, the coming sentences and the last outcomes, applies the newest
 * decision at the `codec` tick (`decision.applied`: codec, subchannel, bandwidth, beam power
 * and the resulting link SNR per user), and scores the slot from the users' `semantic.measured`
 * at the `reward` tick (`reward.computed`, 001 eqs. (14)-(17), (20a-b)).
 */
export const baseStationMachine = setup({
  types: { context: {} as BaseStationContext, events: {} as BaseStationEvent, input: {} as { params: ScqosParams }, emitted: {} as Emitted },
}).createMachine({
  id: 'scqos-base-station',
  context: ({ input: { params: p } }) => ({ params: p, episode: -1, users: [], channel: complexMatrix(p.users * p.subchannels, p.antennas), action: null, ...fresh(p) }),
  on: {
    'episode.started': {
      actions: enqueueActions(({ context: c, event, enqueue }) => {
        const p = c.params;
        const root = new RootRandom(event.payload.seed);
        c.episode = event.payload.episode;
        c.users = Array.from({ length: p.users }, (_, u) => placeUser(p, u, root));
        c.action = null;
        Object.assign(c, fresh(p));
        enqueue.emit({ type: 'users.placed', payload: { distance: c.users.map((x) => x.distance), pathGain: c.users.map((x) => x.pathGain), angle: c.users.map((x) => x.angle) } });
      }),
    },
    'episode.ended': { actions: enqueueActions(({ context, event, enqueue }) => enqueue.emit(request(context, event.payload.slots, true))) },
    'decision.made': {
      guard: ({ context, event }) => event.payload.episode === context.episode && event.payload.agent === SCQOS_AGENT,
      actions: ({ context, event }) => void (context.action = event.payload.action),
    },
    'semantic.embedded': { actions: ({ context, event: { payload: e } }) => void (context.sentences[e.user] = { aboveThreshold: e.aboveThreshold, meanOverThreshold: e.meanOverThreshold }) },
    'semantic.measured': {
      actions: ({ context, event: { payload: m } }) => {
        context.measured[m.user] = { similarity: m.similarity, bits: m.bits, latency: m.latency, snrDb: m.snrDb, bitErrors: m.bitErrors, bitsSent: m.bitsSent };
        context.last[m.user] = { snr: 10 ** (m.snrDb / 10), similarity: m.similarity, bits: m.bits, latency: m.latency };
      },
    },
    tick: {
      actions: enqueueActions(({ context: c, event, enqueue }) => {
        const p = c.params;
        if (event.phase === 'channel') {
          if (event.slot > 0) for (const u of c.users) evolveUser(u, p);
          writeChannel(c.users, p, c.channel);
          const snr: number[] = [];
          for (let u = 0; u < p.users; u++) for (let ch = 0; ch < p.subchannels; ch++) snr.push(dbOf(fullPowerSnr(c.channel, u, ch, p)));
          enqueue.emit({ type: 'link.measured', payload: { slot: event.slot, fullPowerSnrDb: snr } });
        } else if (event.phase === 'observation') {
          enqueue.emit(request(c, event.slot, false));
        } else if (event.phase === 'codec') {
          const a = c.action ? allocationOf(c.action, c.channel, p) : idleAllocation(p);
          const snr = linkSnrs(c.channel, a, p);
          c.measured.fill(null);
          enqueue.emit({
            type: 'decision.applied',
            payload: {
              slot: event.slot,
              forSlot: event.slot,
              agent: SCQOS_AGENT,
              applied: {
                codec: Array.from(a.codec),
                bits: Array.from(a.codec, (k) => p.bits[k]),
                subchannel: Array.from(a.subchannel),
                bandwidth: Array.from(a.bandwidth),
                power: Array.from(a.power),
                snr: Array.from(snr),
                snrDb: Array.from(snr, dbOf),
              },
            },
          });
        } else if (event.phase === 'reward') {
          const score = slotScore(c.measured, p);
          enqueue.emit({ type: 'reward.computed', payload: { slot: event.slot, rewards: { [SCQOS_AGENT]: score.reward }, metrics: score.metrics } });
        }
      }),
    },
  },
});

/** dB of a linear power ratio, floored at -300 dB so traces stay finite. */
export const dbOf = (x: number): number => 10 * Math.log10(Math.max(x, 1e-30));
