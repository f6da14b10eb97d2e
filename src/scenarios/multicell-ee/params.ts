import { readFileSync } from 'node:fs';
import { dbToLinear, dbmToWatt, dbwToWatt } from '../../models/phy/units.ts';
import type { PowerModelConfig } from '../../models/semantic/energy.ts';
import { logisticSimilarityModel } from '../../models/semantic/logistic-similarity.ts';
import type { QoeConfig, SemanticRateConfig } from '../../models/semantic/qoe.ts';
import { parseSimilarityCsv } from '../../models/semantic/similarity-csv.ts';
import type { SimilarityModel } from '../../models/semantic/similarity-surrogate.ts';
import { createSimilarityTable, tableModel } from '../../models/semantic/similarity-table.ts';
import { db, dbm, type Hz, type Seconds, type Watt } from '../../units.ts';
import { InputError } from '../errors.ts';
import { MULTICELL_DEEPSC_SIMILARITY } from './constants.ts';
import type { MulticellScenario } from './schema.ts';

/** A uniform draw range. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** The multicell-ee scenario resolved into SI units (watts, hertz, seconds, linear gains). */
export interface MulticellParams {
  /** M, cells (one BS and one user each). */
  readonly cells: number;
  readonly cellRadius: number;
  readonly minDistance: number;
  readonly redrawEachEpisode: boolean;
  readonly slotLength: Seconds;
  readonly slotsPerEpisode: number;
  readonly pathLossIntercept: number;
  readonly pathLossSlope: number;
  readonly shadowingStdDb: number;
  readonly rho: number;
  readonly bandwidth: Hz;
  /** sigma^2 over W, watts. */
  readonly noise: Watt;
  readonly maxPower: Watt;
  /** Power codebook `{0, p_max/(Q-1), ..., p_max}` (004 Section 4.3), watts. */
  readonly powerCodebook: readonly number[];
  /** k_max; the symbol codebook is `1 ... k_max - 1` symbols per word. */
  readonly maxSymbols: number;
  readonly powerModel: PowerModelConfig;
  readonly rate: SemanticRateConfig;
  /** xi(k, SINR_dB), k in symbols per word. */
  readonly similarity: SimilarityModel;
  /** Where the similarity model comes from (for reports). */
  readonly similaritySource: string;
  readonly qoeDraws: {
    readonly weight: Range;
    readonly accuracyGrowth: { readonly mean: number; readonly std: number };
    readonly rateGrowth: number;
    readonly accuracyRequirement: Range;
    readonly rateRequirement: Range;
  };
  /** The QoE of a user at the centre of every draw (the greedy baseline plans with it). */
  readonly nominalQoe: QoeConfig;
  /** Decision delay per cell, in slots. */
  readonly decisionDelaySlots: readonly number[];
  readonly reportDelaySlots: number;
  readonly fallbackPowerLevel: number;
  readonly fallbackSymbols: number;
}

const mid = (r: Range): number => (r.min + r.max) / 2;

export function resolveMulticell(s: MulticellScenario): MulticellParams {
  const maxPower = dbmToWatt(dbm(s.power.max_dbm));
  const Q = s.power.levels;
  const { similarity, source } = similarityModel(s.semantic.similarity);
  const d = s.control.decisionDelay_slots;
  return {
    cells: s.cells.count,
    cellRadius: s.cells.radius_m,
    minDistance: s.cells.minDistance_m,
    redrawEachEpisode: s.cells.redrawEachEpisode,
    slotLength: s.slot.length_s as Seconds,
    slotsPerEpisode: s.run.slotsPerEpisode,
    pathLossIntercept: s.channel.pathLossIntercept_db,
    pathLossSlope: s.channel.pathLossSlope_db,
    shadowingStdDb: s.channel.shadowingStd_db,
    rho: s.channel.rho,
    bandwidth: (s.channel.bandwidth_khz * 1e3) as Hz,
    noise: dbmToWatt(dbm(s.channel.noise_dbm)),
    maxPower,
    powerCodebook: Array.from({ length: Q }, (_, q) => (q === Q - 1 ? maxPower : (maxPower * q) / (Q - 1))),
    maxSymbols: s.semantic.maxSymbols,
    powerModel: {
      baseStationHardware: dbwToWatt(db(s.power.baseStation_dbw)),
      terminal: dbmToWatt(dbm(s.power.terminal_dbm)),
      semanticCodec: dbmToWatt(dbm(s.power.codec_dbm)),
    },
    rate: { entropy: s.semantic.entropy, textLength: s.semantic.textLength },
    similarity,
    similaritySource: source,
    qoeDraws: s.qoe,
    nominalQoe: {
      rateWeight: mid(s.qoe.weight),
      rateGrowth: s.qoe.rateGrowth,
      accuracyGrowth: s.qoe.accuracyGrowth.mean,
      rateRequirement: mid(s.qoe.rateRequirement),
      accuracyRequirement: mid(s.qoe.accuracyRequirement),
    },
    decisionDelaySlots: Array.isArray(d) ? [...d] : new Array<number>(s.cells.count).fill(d),
    reportDelaySlots: s.control.reportDelay_slots,
    fallbackPowerLevel: s.control.fallbackPowerLevel,
    fallbackSymbols: s.control.fallbackSymbols,
  };
}

/** The semantic-accuracy model a file asks for. A bad CSV file is bad input (exit 2). */
function similarityModel(spec: MulticellScenario['semantic']['similarity']): { similarity: SimilarityModel; source: string } {
  try {
    switch (spec.model) {
      case 'deepsc':
        return { similarity: logisticSimilarityModel(MULTICELL_DEEPSC_SIMILARITY), source: 'DeepSC logistic fits (SPEC section 2)' };
      case 'logistic':
        return { similarity: logisticSimilarityModel({ fits: spec.fits, minSinrDb: spec.minSinr_db, maxSinrDb: spec.maxSinr_db }), source: 'logistic fits from the scenario file' };
      case 'table':
        return { similarity: tableModel(createSimilarityTable(spec.ks, spec.sinr_db, spec.values.flat())), source: 'inline table (bilinear)' };
      case 'csv': {
        let text: string;
        try {
          text = readFileSync(spec.path, 'utf8');
        } catch (err) {
          throw new InputError(`semantic.similarity.path: cannot read ${spec.path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
        }
        return { similarity: tableModel(parseSimilarityCsv(text, spec.path)), source: `CSV table ${spec.path} (bilinear)` };
      }
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`semantic.similarity: ${(err as Error).message}`);
  }
}

/** Linear large-scale gain of a link `d` metres long with `shadowDb` of shadowing (004 eq. 3). */
export function largeScaleOf(p: MulticellParams, d: number, shadowDb: number): number {
  return dbToLinear(db(-(p.pathLossIntercept + p.pathLossSlope * Math.log10(d / 1000) + shadowDb)));
}
