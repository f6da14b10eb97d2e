import { enqueueActions, setup } from 'xstate';
import type { Emitted } from '../../actors/system.ts';
import { qam16BerExact } from '../../models/phy/qam16.ts';
import { semanticQuantisationEfficiency, transmissionLatency } from '../../models/semantic/scqos.ts';
import { RootRandom, type RandomStream } from '../../random/index.ts';
import { bitPerSecond } from '../../units.ts';
import { dbOf } from './base-station.machine.ts';
import type { PhaseTick, ScqosEventOf } from './events.ts';
import { linkRate } from './logic.ts';
import type { ScqosParams } from './params.ts';
import { transmitSentence } from './path.ts';

export interface UserContext {
  readonly user: number;
  readonly params: ScqosParams;
  sentenceRng: RandomStream | null;
  noiseRng: RandomStream | null;
  /** The sentence embedding of the slot. */
  sentence: Float64Array;
}

type UserEvent = ScqosEventOf<'episode.started' | 'decision.applied'> | PhaseTick;

/**
 * One user's semantic path (001 Fig. 1), one event per step, per slot: at the `traffic` tick
 * it draws its sentence embedding (`semantic.embedded`, stream `sentence/u<u>`); when the
 * base station applies an allocation (`decision.applied`) it encodes with the chosen SBQ codec
 * (`codec.encoded`), maps the bits onto 16-QAM (`modulation.mapped`), sends them over its link
 * at the applied SNR (`channel.transmitted`; noise from stream `noise/u<u>`), decodes
 * (`codec.decoded`), compensates (`codec.compensated`) and measures S (`semantic.measured`).
 */
export const userMachine = setup({
  types: { context: {} as UserContext, events: {} as UserEvent, input: {} as { user: number; params: ScqosParams }, emitted: {} as Emitted },
}).createMachine({
  id: 'scqos-user',
  context: ({ input }) => ({ ...input, sentenceRng: null, noiseRng: null, sentence: new Float64Array(input.params.features) }),
  on: {
    'episode.started': {
      actions: ({ context, event }) => {
        const root = new RootRandom(event.payload.seed);
        context.sentenceRng = root.stream(`sentence/u${context.user}`);
        context.noiseRng = root.stream(`noise/u${context.user}`);
      },
    },
    tick: {
      actions: enqueueActions(({ context: c, event, enqueue }) => {
        const p = c.params;
        c.sentence = p.source.draw(c.sentenceRng!);
        let above = 0;
        let sum = 0;
        for (const x of c.sentence) {
          if (x > p.threshold) above++;
          sum += x;
        }
        const payload = { user: c.user, slot: event.slot, features: c.sentence.length, aboveThreshold: above / c.sentence.length, meanOverThreshold: sum / c.sentence.length / p.threshold, at_s: 0 };
        enqueue.emit({ type: 'semantic.embedded', payload });
      }),
    },
    'decision.applied': {
      actions: enqueueActions(({ context: c, event, enqueue }) => {
        const p = c.params;
        const u = c.user;
        const slot = event.payload.slot;
        const a = event.payload.applied;
        const n = a.bits[u];
        const snr = a.snr[u];
        const r = transmitSentence(c.sentence, n, p.threshold, snr, p.compensators ? p.compensators[a.codec[u]] : null, c.noiseRng!);
        const rate = linkRate(a.bandwidth[u], snr);
        const latency = Math.min(transmissionLatency(n, bitPerSecond(rate), p.latencyFeatures), p.qos.latencyCap);
        const snrDb = dbOf(snr);
        let codeErrors = 0;
        for (let i = 0; i < r.codes.length; i++) if (r.codes[i] !== r.received[i]) codeErrors++;
        const base = { user: u, slot, bits: n };
        enqueue.emit({ type: 'codec.encoded', payload: { ...base, threshold: p.threshold, bitsSent: r.bitsSent, at_s: 0 } });
        enqueue.emit({ type: 'modulation.mapped', payload: { ...base, symbols: r.symbols, at_s: 0 } });
        enqueue.emit({
          type: 'channel.transmitted',
          payload: { ...base, subchannel: a.subchannel[u], bandwidth: a.bandwidth[u], snrDb, expectedBer: snr > 0 ? qam16BerExact(snr) : 0.5, bitsSent: r.bitsSent, bitErrors: r.bitErrors, rate, latency, at_s: latency },
        });
        enqueue.emit({ type: 'codec.decoded', payload: { ...base, bitErrors: r.bitErrors, codeErrors, similarity: r.decodedSimilarity, at_s: latency } });
        enqueue.emit({ type: 'codec.compensated', payload: { ...base, enabled: p.compensators !== null, similarity: r.similarity, at_s: latency } });
        const q = p.qos;
        enqueue.emit({
          type: 'semantic.measured',
          payload: {
            ...base,
            bitsSent: r.bitsSent,
            bitErrors: r.bitErrors,
            snrDb,
            similarity: r.similarity,
            sqe: semanticQuantisationEfficiency(r.similarity, n),
            latency,
            similarityMet: r.similarity >= q.similarityThreshold,
            latencyMet: latency <= q.latencyThreshold,
            at_s: latency,
          },
        });
      }),
    },
  },
});
