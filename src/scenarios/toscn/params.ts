import { jakesCorrelation } from '../../models/channel/index.ts';
import { dbToLinear, dbmToWatt } from '../../models/phy/units.ts';
import type { AccuracyCurve } from '../../models/semantic/accuracy.ts';
import { db, dbm, hz, seconds, type Bits, type Hz, type Seconds, type Watt } from '../../units.ts';
import type { ToscnScenario } from './schema.ts';
import type { TrafficModel } from '../../models/traffic/index.ts';
import type { DropPolicy } from '../../actors/buffer.machine.ts';
import type { LatencyModel } from '../../actors/packets/latency.ts';
import type { ServiceDiscipline } from '../../actors/packets/packet-store.ts';

/** The toscn scenario resolved into SI units (watts, hertz, seconds, linear gains). */
export interface ToscnParams {
  readonly devices: number;
  readonly tasks: readonly AccuracyCurve[];
  readonly slotLength: Seconds;
  readonly slotsPerEpisode: number;
  readonly cellRadius: number;
  readonly minDistance: number;
  readonly redrawEachEpisode: boolean;
  readonly bufferCapacity: number;
  /** What a full buffer loses (kit buffer). */
  readonly dropPolicy: DropPolicy;
  /** Long-run mean arrivals per slot per device. */
  readonly arrivalMean: number;
  /** The arrival process of every device (kit traffic source). */
  readonly traffic: TrafficModel;
  readonly packetBits: Bits;
  readonly pathLossIntercept: number;
  readonly pathLossSlope: number;
  readonly shadowingStdDb: number;
  readonly antennaGain: number;
  /** Gauss-Markov correlation per slot. */
  readonly rho: number;
  /** Noise density in W/Hz. */
  readonly noiseDensity: number;
  readonly bandwidthBudget: Hz;
  readonly powerBudget: Watt;
  readonly accuracyFloor: number;
  readonly maxCompression: number;
  /** Decision delay in seconds (for a slot-based delay: slots x L). */
  readonly decisionDelay: Seconds;
  /** Decision delay in whole slots when the scenario gives it in slots, else null. */
  readonly decisionDelaySlots: number | null;
  readonly shareTemperature: number;
  /** Service order of a device's queue. */
  readonly discipline: ServiceDiscipline;
  /** 003 eqs. 19-20 (`next-slot`: a slot's arrivals join for the next slot) or semsim 0.1's `same-slot`. */
  readonly packetTiming: 'next-slot' | 'same-slot';
  /** Codec inference time per packet. */
  readonly codecTime: LatencyModel;
  /** Agent decision computation time, seconds. */
  readonly decisionComputeTime: Seconds;
  /** Controller-to-device signalling delay, seconds. */
  readonly signallingDelay: Seconds;
  /** Emit `packet.*` events per packet. */
  readonly packetTrace: boolean;
}

export function resolveToscn(s: ToscnScenario): ToscnParams {
  const slotLength = seconds(s.slot.length_s);
  const delay = 'slots' in s.control.decisionDelay ? s.control.decisionDelay.slots * slotLength : s.control.decisionDelay.seconds;
  return {
    devices: s.devices.count,
    tasks: s.tasks,
    slotLength,
    slotsPerEpisode: s.run.slotsPerEpisode,
    cellRadius: s.cell.radius_m,
    minDistance: Math.min(s.cell.minDistance_m, s.cell.radius_m),
    redrawEachEpisode: s.devices.redrawEachEpisode,
    bufferCapacity: s.buffer.capacity_packets,
    dropPolicy: s.buffer.dropPolicy,
    arrivalMean: s.traffic.meanPacketsPerSlot,
    traffic: trafficModel(s.traffic),
    packetBits: s.packet.size_bits as Bits,
    pathLossIntercept: s.channel.pathLossIntercept_db,
    pathLossSlope: s.channel.pathLossSlope_db,
    shadowingStdDb: s.channel.shadowingStd_db,
    antennaGain: dbToLinear(db(s.channel.antennaGain_db)),
    rho: s.channel.rho ?? jakesCorrelation(hz(s.channel.doppler_hz), slotLength),
    noiseDensity: dbmToWatt(dbm(s.noise.density_dbm_per_hz)),
    bandwidthBudget: hz(s.budgets.bandwidth_mhz * 1e6),
    powerBudget: s.budgets.power_w as Watt,
    accuracyFloor: s.accuracy.floor,
    maxCompression: s.accuracy.maxCompression,
    decisionDelay: seconds(delay),
    decisionDelaySlots: 'slots' in s.control.decisionDelay ? s.control.decisionDelay.slots : null,
    shareTemperature: s.control.shareTemperature,
    discipline: s.buffer.discipline,
    packetTiming: s.timing.packets,
    codecTime: s.timing.codecTime,
    decisionComputeTime: seconds(s.timing.decisionCompute_s),
    signallingDelay: seconds(s.timing.signallingDelay_s),
    packetTrace: s.timing.packetTrace,
  };
}

/** The kit traffic model of the file's `traffic` block (on/off: the peak keeps the mean). */
export function trafficModel(t: ToscnScenario['traffic']): TrafficModel {
  if (t.model === 'poisson') return { model: 'poisson', meanPacketsPerSlot: t.meanPacketsPerSlot };
  const peak = (t.meanPacketsPerSlot * (t.meanOnSlots + t.meanOffSlots)) / t.meanOnSlots;
  return { model: 'onoff', peakPacketsPerSlot: peak, meanOnSlots: t.meanOnSlots, meanOffSlots: t.meanOffSlots };
}
