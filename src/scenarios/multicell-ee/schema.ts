import { z } from 'zod';
import { runFileShape } from '../shared-schema.ts';
import { MULTICELL_QOE_DRAWS } from './constants.ts';

/**
 * The multicell-ee scenario file (SPEC section 2; paper 004 Sections 3-5, Tables 1-2). Units are
 * in the field names; dB, dBW and dBm appear only here and are converted to watts and linear
 * gains when the scenario is resolved.
 */
const range = (min: number, max: number, what: string) =>
  z
    .object({ min: z.number().min(0).max(1), max: z.number().min(0).max(1) })
    .strict()
    .refine((r) => r.min <= r.max, { message: 'min must be <= max' })
    .default({ min, max })
    .describe(what);

const fit = z.object({ k: z.number().gt(0).max(1000), a1: z.number().min(0).max(1), a2: z.number().min(0).max(1), c1: z.number().gt(0).max(100), c2: z.number().min(-1000).max(1000) }).strict();

const similarity = z
  .discriminatedUnion('model', [
    z.object({ model: z.literal('deepsc') }).strict().describe('SPEC section 2: logistic fits to published DeepSC similarity curves, interpolated in k'),
    z
      .object({ model: z.literal('logistic'), fits: z.array(fit).min(1).max(100), minSinr_db: z.number().min(-100).max(100).default(-10), maxSinr_db: z.number().min(-100).max(100).default(20) })
      .strict()
      .describe('Your own logistic fits xi = A1 + (A2 - A1) / (1 + exp(-(C1 SINR_dB + C2))), one per k'),
    z.object({ model: z.literal('csv'), path: z.string().min(1).max(4096) }).strict().describe('A CSV table k x SINR dB (header: k, SINR values; rows: k, similarities), read bilinearly; the path is relative to the working directory'),
    z
      .object({ model: z.literal('table'), ks: z.array(z.number().min(1).max(1000)).min(1).max(1000), sinr_db: z.array(z.number().min(-100).max(100)).min(1).max(1000), values: z.array(z.array(z.number().min(0).max(1))).min(1).max(1000) })
      .strict()
      .describe('An inline table: values[i][j] is the similarity at (ks[i], sinr_db[j]), read bilinearly'),
  ])
  .default({ model: 'deepsc' })
  .describe('Semantic accuracy xi(k, SINR) of 004 eq. (5)');

const delaySlots = z.number().int().min(0).max(1000);

export const MulticellScenarioSchema = z
  .object({
    scenario: z.literal('multicell-ee'),
    slot: z
      .object({ length_s: z.number().gt(0).max(10).default(0.02).describe('Slot length T (004 gives none; 20 ms gives rho = J0(2 pi 10 Hz T) = 0.64, as in Nasir & Guo, whose setup 004 follows)') })
      .strict()
      .default({ length_s: 0.02 }),
    cells: z
      .object({
        count: z.number().int().min(1).max(19).default(7).describe('M, cells: 1, 7, 19 complete hexagonal rings; 3 = three mutually adjacent cells (004 Table 1: 7; Fig. 4a: 3)'),
        radius_m: z.number().min(1).max(10000).default(200).describe('Hexagon circumradius (004 Table 1: 200 m)'),
        minDistance_m: z.number().min(1).max(1000).default(10).describe('Closest a user may be to its BS (keeps path loss finite; Nasir & Guo: 10 m)'),
        redrawEachEpisode: z.boolean().default(true).describe('New user positions, shadowing and QoE parameters every episode'),
      })
      .strict()
      .default({ count: 7, radius_m: 200, minDistance_m: 10, redrawEachEpisode: true }),
    channel: z
      .object({
        pathLossIntercept_db: z.number().min(0).max(300).default(120.9).describe('beta = intercept + slope log10(d_km) (004 Section 5.1: 120.9)'),
        pathLossSlope_db: z.number().min(0).max(100).default(37.6).describe('(004 Section 5.1: 37.6)'),
        shadowingStd_db: z.number().min(0).max(20).default(8).describe('Log-normal shadowing std per link (004 gives none; Nasir & Guo: 8 dB)'),
        rho: z.number().min(0).max(1).default(0.64).describe('Gauss-Markov correlation (004 Table 1: 0.64)'),
        bandwidth_khz: z.number().gt(0).max(1e6).default(180).describe('W (004 Table 1: 180 kHz)'),
        noise_dbm: z.number().min(-250).max(50).default(-114).describe('Noise power sigma^2 over W (004 Table 1 prints "114 dBm/Hz": read as -114 dBm)'),
      })
      .strict()
      .default({ pathLossIntercept_db: 120.9, pathLossSlope_db: 37.6, shadowingStd_db: 8, rho: 0.64, bandwidth_khz: 180, noise_dbm: -114 }),
    power: z
      .object({
        max_dbm: z.number().min(-50).max(60).default(20).describe('p_max (004 Table 1: 20 dBm)'),
        levels: z.number().int().min(2).max(64).default(7).describe('Q, power codebook {0, p_max/(Q-1), ..., p_max} (004 Table 1: 7)'),
        baseStation_dbw: z.number().min(-50).max(50).default(9).describe('P_BS hardware per BS (004 Table 1: 9 dBW)'),
        terminal_dbm: z.number().min(-50).max(60).default(10).describe('P_UT per user terminal (004 Table 1: 10 dBm)'),
        codec_dbm: z.number().min(-50).max(60).default(5).describe('P_AI semantic codec per cell (004 Table 1: 5 dBm)'),
      })
      .strict()
      .default({ max_dbm: 20, levels: 7, baseStation_dbw: 9, terminal_dbm: 10, codec_dbm: 5 }),
    semantic: z
      .object({
        maxSymbols: z.number().int().min(2).max(200).default(20).describe('k_max: symbols per word k in {1, ..., k_max - 1} (004 Table 1: 20)'),
        entropy: z.number().gt(0).max(1000).default(4).describe('Semantic entropy H (004 Table 1: 4)'),
        textLength: z.number().gt(0).max(1e6).default(10).describe('Q_txt of eq. (6) (004 gives none; 10 puts the rate requirement inside the codebook)'),
        similarity,
      })
      .strict()
      .default({ maxSymbols: 20, entropy: 4, textLength: 10, similarity: { model: 'deepsc' } }),
    qoe: z
      .object({
        weight: range(MULTICELL_QOE_DRAWS.weight.min, MULTICELL_QOE_DRAWS.weight.max, 'Balance factor w ~ U(min, max) per user (Yan et al.: U(0, 1))'),
        accuracyGrowth: z
          .object({ mean: z.number().gt(0).max(1000), std: z.number().min(0).max(100) })
          .strict()
          .default({ ...MULTICELL_QOE_DRAWS.accuracyGrowth })
          .describe('Growth factor beta of f_a ~ N(mean, std) per user (Yan et al.: N(55, 2.5))'),
        rateGrowth: z.number().gt(0).max(1000).default(MULTICELL_QOE_DRAWS.rateGrowth).describe('Growth factor alpha of f_r per normalised rate unit (Yan: 0.2 per ksuts/s, scaled to 004: 14.1)'),
        accuracyRequirement: range(0.8, 0.9, 'xi_req ~ U(min, max) per user (004 Table 1: [80, 100] %; Yan: U(0.8, 0.9))'),
        rateRequirement: range(0.8, 0.9, 'Normalised varsigma_req ~ U(min, max) per user (004 Table 1: [0.8, 0.9])'),
      })
      .strict()
      .default({
        weight: { ...MULTICELL_QOE_DRAWS.weight },
        accuracyGrowth: { ...MULTICELL_QOE_DRAWS.accuracyGrowth },
        rateGrowth: MULTICELL_QOE_DRAWS.rateGrowth,
        accuracyRequirement: { ...MULTICELL_QOE_DRAWS.accuracyRequirement },
        rateRequirement: { ...MULTICELL_QOE_DRAWS.rateRequirement },
      }),
    control: z
      .object({
        decisionDelay_slots: z.union([delaySlots, z.array(delaySlots).min(1).max(19)]).default(0).describe('Slots until a decision reaches its BS: one for all, or one per cell'),
        reportDelay_slots: delaySlots.default(0).describe("Slots until a BS's QoE/power report reaches the controller (Fig. 3); reports still in flight when the episode ends are lost"),
        fallbackPowerLevel: z.number().int().min(0).max(63).default(6).describe('Power level a BS uses before its first decision arrives (default: p_max)'),
        fallbackSymbols: z.number().int().min(1).max(199).default(8).describe('Symbols per word before the first decision arrives'),
      })
      .strict()
      .default({ decisionDelay_slots: 0, reportDelay_slots: 0, fallbackPowerLevel: 6, fallbackSymbols: 8 }),
    ...runFileShape({
      name: 'multicell-ee',
      slotsPerEpisode: 100,
      episodes: 100,
      evalEpisodes: 10,
      evalSeeds: 5,
      agents: ['drqn', 'dqn', 'dqn-no-energy', 'greedy', 'random'],
      source: '004 Section 5 gives no episode length; Fig. 6 counts 10 000 slots',
    }),
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string): void => void ctx.addIssue({ code: 'custom', path, message });
    if (s.control.fallbackPowerLevel >= s.power.levels) issue(['control', 'fallbackPowerLevel'], `must be a power level 0..${s.power.levels - 1}`);
    if (s.control.fallbackSymbols >= s.semantic.maxSymbols) issue(['control', 'fallbackSymbols'], `must be in 1..${s.semantic.maxSymbols - 1} (k_max - 1)`);
    // A hexagon's inscribed circle has radius R sqrt(3)/2: users must fit between it and minDistance.
    if (!(s.cells.minDistance_m < (s.cells.radius_m * Math.sqrt(3)) / 2)) issue(['cells', 'minDistance_m'], `must be < radius_m x sqrt(3)/2 = ${((s.cells.radius_m * Math.sqrt(3)) / 2).toFixed(3)} (the hexagon's inradius)`);
    const d = s.control.decisionDelay_slots;
    if (Array.isArray(d) && d.length !== s.cells.count) issue(['control', 'decisionDelay_slots'], `one delay per cell: ${s.cells.count} values, got ${d.length}`);
    const sim = s.semantic.similarity;
    if (sim.model === 'logistic') {
      if (!(sim.minSinr_db < sim.maxSinr_db)) issue(['semantic', 'similarity', 'maxSinr_db'], 'must be > minSinr_db');
      sim.fits.forEach((f, i) => {
        if (f.a1 > f.a2) issue(['semantic', 'similarity', 'fits', i, 'a2'], 'A2 must be >= A1');
        if (i > 0 && !(f.k > sim.fits[i - 1].k)) issue(['semantic', 'similarity', 'fits', i, 'k'], 'k must increase from fit to fit');
      });
    }
    if (sim.model === 'table') {
      if (sim.values.length !== sim.ks.length) issue(['semantic', 'similarity', 'values'], `one row per k: ${sim.ks.length} rows, got ${sim.values.length}`);
      sim.values.forEach((row, i) => {
        if (row.length !== sim.sinr_db.length) issue(['semantic', 'similarity', 'values', i], `one value per SINR: ${sim.sinr_db.length}, got ${row.length}`);
      });
    }
  });

export type MulticellScenario = z.infer<typeof MulticellScenarioSchema>;
