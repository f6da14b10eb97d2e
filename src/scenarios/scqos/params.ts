import type { LogDistancePathLoss } from '../../models/channel/pathloss.ts';
import { dbToLinear, dbmToWatt } from '../../models/phy/units.ts';
import { createCompensator, trainCompensator, type OffsetCompensator } from '../../models/semantic/compensator.ts';
import { medianThreshold } from '../../models/semantic/embedding.ts';
import type { ScQosConfig } from '../../models/semantic/scqos.ts';
import { RootRandom } from '../../random/index.ts';
import { db, dbm, hz, metre, seconds, watt, type Hz, type Seconds, type Watt } from '../../units.ts';
import { transmitSentence } from './path.ts';
import { NOISE_UNITS, type ScqosScenario } from './schema.ts';
import { sourceOf, type EmbeddingSource } from './source.ts';

/** The scqos scenario resolved into SI units (watts, hertz, seconds, linear gains). */
export interface ScqosParams {
  readonly slotLength: Seconds;
  readonly slotsPerEpisode: number;
  /** M, U, C. */
  readonly antennas: number;
  readonly users: number;
  readonly subchannels: number;
  /** B, total bandwidth. */
  readonly bandwidth: Hz;
  /** P_T, the beam power budget. */
  readonly transmitPower: Watt;
  /** sigma^2 at every user. */
  readonly noise: Watt;
  readonly pathLoss: LogDistancePathLoss;
  readonly distanceMin: number;
  readonly distanceMax: number;
  /** Rician K, linear. */
  readonly kFactor: number;
  readonly rho: number;
  readonly beamforming: 'mrt-power' | 'full';
  /** Bits per feature of each SBQ codec, increasing. */
  readonly bits: readonly number[];
  /** F, features per sentence. */
  readonly features: number;
  /** p_th, the SBQ threshold. */
  readonly threshold: number;
  /** One fitted offset compensator per codec, or null when the compensator is off. */
  readonly compensators: readonly OffsetCompensator[] | null;
  /** Features counted in the latency numerator (F, or 1 for 001's literal eq. (16)). */
  readonly latencyFeatures: number;
  readonly source: EmbeddingSource;
  readonly qos: ScQosConfig;
}

/** Sentences drawn for the median threshold; fixed so p_th depends on the file, not the run seed. */
const THRESHOLD_SENTENCES = 256;

/** File -> parameters: unit conversions, p_th and the compensators fitted before the run. */
export function resolveScqos(file: ScqosScenario): ScqosParams {
  const source = sourceOf(file);
  const fitting = new RootRandom(0);
  const c = file.codec;
  const threshold = c.threshold === 'median' ? medianThreshold(Array.from({ length: THRESHOLD_SENTENCES }, () => source.draw(fitting.stream('codec/threshold')))) : c.threshold;
  const params: ScqosParams = {
    slotLength: seconds(file.slotLength_s),
    slotsPerEpisode: file.run.slotsPerEpisode,
    antennas: file.antennas,
    users: file.users,
    subchannels: file.subchannels,
    bandwidth: hz(file.bandwidth_khz * 1000),
    transmitPower: dbmToWatt(dbm(file.transmitPower_dbm)),
    noise: watt(file.noiseVariance * NOISE_UNITS[file.noiseUnit]),
    pathLoss: { interceptDb: file.pathLoss.reference_db, exponent: file.pathLoss.exponent, refDistance: metre(file.pathLoss.referenceDistance_m) },
    distanceMin: file.distance_m.min,
    distanceMax: file.distance_m.max,
    kFactor: dbToLinear(db(file.fading.kFactor_db)),
    rho: file.fading.rho,
    beamforming: file.beamforming,
    bits: [...c.bits],
    features: c.features,
    threshold,
    compensators: null,
    latencyFeatures: c.latencyCountsFeatures ? c.features : 1,
    source,
    qos: {
      similarityThreshold: file.qos.similarityThreshold,
      latencyThreshold: seconds(file.qos.latencyThreshold_ms / 1000),
      latencyCap: seconds(file.qos.latencyCap_s),
      latencyWeight: file.qos.latencyWeight,
      similarityPenaltyWeight: file.qos.similarityPenaltyWeight,
      latencyPenaltyWeight: file.qos.latencyPenaltyWeight,
      metReward: file.qos.metReward,
    },
  };
  if (!c.compensator) return params;
  const compensators = params.bits.map((n) => fitCompensator(params, n, c.compensatorSentences, c.compensatorSnr_db, fitting));
  return { ...params, compensators };
}

/**
 * Fits the offset compensator of the `n`-bit codec (001 Algorithm 2, with our running-mean
 * stand-in): `sentences` sentences sent over 16-QAM links whose SNR is uniform in dB over
 * `snrDb`, so it learns both the SBQ offsets and the bias bit errors add.
 */
export function fitCompensator(p: ScqosParams, n: number, sentences: number, snrDb: { min: number; max: number }, root: RootRandom): OffsetCompensator {
  const sentenceStream = root.stream(`compensator/${n}/sentences`);
  const channel = root.stream(`compensator/${n}/channel`);
  let comp = createCompensator(n, p.threshold);
  for (let k = 0; k < sentences; k++) {
    const e = p.source.draw(sentenceStream);
    const snr = 10 ** (channel.uniformIn(snrDb.min, snrDb.max) / 10);
    comp = trainCompensator(comp, e, transmitSentence(e, n, p.threshold, snr, null, channel).received);
  }
  return comp;
}
