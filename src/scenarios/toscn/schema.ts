import { z } from 'zod';
import { runFileShape } from '../shared-schema.ts';

/**
 * The toscn scenario file (SPEC section 1; paper 003 Sections II-IV, Tables I and III).
 * Units are in the field names; dB and dBm appear only here, at the file boundary, and are
 * converted to watts and linear gains when the scenario is built.
 */
const accuracyCurve = z
  .object({
    a1: z.number().min(-1).max(1).describe('Table III alpha_1 (negative: accuracy falls with compression; Table III: -0.64 to -0.74)'),
    a2: z.number().positive().max(100).describe('Table III alpha_2 (exponent; Table III: 12 to 19)'),
    a3: z.number().min(0).max(1).describe('Table III alpha_3 (accuracy without compression)'),
  })
  .strict()
  // A is an accuracy: it must stay in [0, 1] over the whole eta range, whose end is a1 + a3.
  .refine((c) => c.a1 + c.a3 >= 0 && c.a1 + c.a3 <= 1, { message: 'a1 + a3 (the accuracy at eta = 1) must lie in [0, 1]', path: ['a1'] })
  .describe('Task accuracy vs compression A = a1 eta^a2 + a3 (003 eq. 21)');

const meanRate = z.number().min(0).max(1000).default(2);

const traffic = z
  .union([
    z
      .object({
        model: z.literal('poisson').default('poisson').describe('Poisson arrivals, independent from slot to slot (003; the default)'),
        meanPacketsPerSlot: meanRate.describe('Mean arrivals per slot per device (SPEC default 2)'),
      })
      .strict(),
    z
      .object({
        model: z.literal('onoff').describe('Bursty on/off source: Poisson at a peak rate while on, silent while off (not in 003)'),
        meanPacketsPerSlot: meanRate.describe('Long-run mean arrivals per slot per device (SPEC default 2, as for Poisson); the peak rate is mean (on + off) / on'),
        meanOnSlots: z.number().min(1).max(1e6).default(3).describe('Mean length of an on period in slots (geometric; semsim default 3)'),
        meanOffSlots: z.number().min(1).max(1e6).default(3).describe('Mean length of an off period in slots (geometric; semsim default 3)'),
      })
      .strict(),
  ])
  .describe('Packet arrivals per device and slot (the kit traffic source), each device from its own stream traffic/u<i>');

const delay = z
  .union([
    z.object({ slots: z.number().int().min(0).max(1000) }).strict(),
    z.object({ seconds: z.number().min(0).max(3600) }).strict(),
  ])
  .describe('How late the agent decision reaches the controller: whole slots, or seconds (applied at the next slot start)');

const latency = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('constant'), seconds: z.number().min(0).max(10) }).strict(),
    z.object({ kind: z.literal('exponential'), meanSeconds: z.number().min(0).max(10) }).strict(),
    z.object({ kind: z.literal('uniform'), minSeconds: z.number().min(0).max(10), maxSeconds: z.number().min(0).max(10) }).strict(),
  ])
  .describe('Semantic codec inference time per packet on the device: constant, exponential or uniform (seconds, drawn per packet from codec/u<i>)');

const timing = z
  .object({
    packets: z
      .enum(['next-slot', 'same-slot'])
      .default('next-slot')
      .describe(
        "When a slot's arrivals may leave. next-slot (003 eqs. 19-20, default): a slot sends from the queue it started with; arrivals come at their own instants inside the slot and join for the next slot. same-slot (semsim 0.1): arrivals come at the slot start and may leave in the same slot (~11 % more delivered in 10-slot episodes that start empty)",
      ),
    codecTime: latency.default({ kind: 'constant', seconds: 0 }),
    decisionCompute_s: z.number().min(0).max(10).default(0).describe("The agent's decision computation time after the slot's observation (seconds): the grant arrives this much later"),
    signallingDelay_s: z.number().min(0).max(10).default(0).describe('Controller-to-device signalling delay of the grant (seconds)'),
    packetTrace: z.boolean().default(false).describe('Trace every packet: packet.arrived/encoded/delivered/dropped at their instants (many events; `semsim run --packet-trace`)'),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.codecTime.kind === 'uniform' && t.codecTime.minSeconds > t.codecTime.maxSeconds) {
      ctx.addIssue({ code: 'custom', path: ['codecTime', 'maxSeconds'], message: `must be >= minSeconds (${t.codecTime.minSeconds})` });
    }
  })
  .describe('Packet timing inside the slot (issue 15): arrival order, codec inference, decision computation and signalling delays');

export const ToscnScenarioSchema = z
  .object({
    scenario: z.literal('toscn'),
    slot: z
      .object({ length_s: z.number().gt(0).max(10).default(0.2).describe('Slot length L (003 Table I: 200 ms)') })
      .strict()
      .default({ length_s: 0.2 }),
    cell: z
      .object({
        radius_m: z.number().min(1).max(10000).default(100).describe('Cell radius (003 Table I: 100 m)'),
        minDistance_m: z.number().min(1).max(1000).default(10).describe('Closest a device may be to the BS (keeps path loss finite)'),
      })
      .strict()
      .refine((c) => c.minDistance_m < c.radius_m, { message: 'must be < radius_m (devices are dropped between the two)', path: ['minDistance_m'] })
      .default({ radius_m: 100, minDistance_m: 10 }),
    devices: z
      .object({
        count: z.number().int().min(1).max(256).default(6).describe('D, devices (003 Table I: 6)'),
        redrawEachEpisode: z.boolean().default(true).describe('New positions and task assignment every episode'),
      })
      .strict()
      .default({ count: 6, redrawEachEpisode: true }),
    tasks: z
      .array(accuracyCurve)
      .min(1)
      .max(16)
      .default([
        { a1: -0.633, a2: 15.408, a3: 0.925 },
        { a1: -0.639, a2: 19.136, a3: 0.901 },
        { a1: -0.737, a2: 12.474, a3: 0.917 },
      ])
      .describe('One accuracy curve per task, J = length (003 Table III: MNIST, Fashion-MNIST, CIFAR-10)'),
    buffer: z
      .object({
        capacity_packets: z.number().int().min(1).max(10000).default(6).describe('v_max (003 Table I: 6)'),
        dropPolicy: z
          .enum(['drop-newest', 'drop-oldest'])
          .default('drop-newest')
          .describe('What a full buffer loses: the arriving packets (drop-newest, 003 eq. 20) or the oldest queued ones (drop-oldest)'),
        discipline: z.enum(['fifo', 'lifo']).default('fifo').describe('Service order of the queued packets (003: FIFO)'),
      })
      .strict()
      .default({ capacity_packets: 6, dropPolicy: 'drop-newest', discipline: 'fifo' }),
    timing: timing.default({ packets: 'next-slot', codecTime: { kind: 'constant', seconds: 0 }, decisionCompute_s: 0, signallingDelay_s: 0, packetTrace: false }),
    traffic: traffic.default({ model: 'poisson', meanPacketsPerSlot: 2 }),
    packet: z
      .object({ size_bits: z.number().gt(0).max(1e9).default(200000).describe('b, uncompressed packet size (003 Table I: 0.2 Mbit)') })
      .strict()
      .default({ size_bits: 200000 }),
    channel: z
      .object({
        pathLossIntercept_db: z.number().min(0).max(300).default(128.1).describe('PL = intercept + slope log10(d_km) (003 Table I)'),
        pathLossSlope_db: z.number().min(0).max(100).default(37.6),
        shadowingStd_db: z.number().min(0).max(20).default(6).describe('Log-normal shadowing std (003 Table I: 6 dB)'),
        antennaGain_db: z.number().min(-50).max(50).default(0).describe('G in alpha = G beta d^-phi (003 eq. 16)'),
        doppler_hz: z.number().min(0).max(10000).default(10).describe('f_d; rho = J0(2 pi f_d L) (003 eq. 17)'),
        rho: z.number().min(0).max(1).nullable().default(null).describe('Fixed Gauss-Markov correlation; null = from doppler_hz'),
      })
      .strict()
      .default({ pathLossIntercept_db: 128.1, pathLossSlope_db: 37.6, shadowingStd_db: 6, antennaGain_db: 0, doppler_hz: 10, rho: null }),
    noise: z
      .object({ density_dbm_per_hz: z.number().min(-250).max(0).default(-174).describe('N0 (003 Table I: -174 dBm/Hz)') })
      .strict()
      .default({ density_dbm_per_hz: -174 }),
    budgets: z
      .object({
        bandwidth_mhz: z.number().gt(0).max(1000).default(3).describe('B_max (003: 2-8 MHz, default 3)'),
        power_w: z.number().gt(0).max(100).default(0.2).describe('P_max (003: 0.14-0.2 W, default 0.2)'),
      })
      .strict()
      .default({ bandwidth_mhz: 3, power_w: 0.2 }),
    accuracy: z
      .object({
        floor: z.number().min(0).max(1).default(0.7).describe('A_min (003: 0.6-0.8, default 0.7)'),
        maxCompression: z
          .number()
          .min(0)
          .lt(1)
          .default(0.99)
          .describe(
            'eta_max, the largest eta an action can ask for (003: eta in [0, 1); 0.99 keeps eq. 37 accuracy penalty live: above eta 0.907 CIFAR-10 falls below A_min = 0.7). 0.9 was semsim 0.1 behaviour',
          ),
      })
      .strict()
      .default({ floor: 0.7, maxCompression: 0.99 }),
    control: z
      .object({
        decisionDelay: delay.default({ slots: 0 }),
        shareTemperature: z
          .number()
          .gt(0)
          .max(100)
          .default(1)
          .describe('Softmax sharpness mapping bandwidth and power logits in [-1,1] to budget shares (003: a plain softmax, 1; semsim 0.1 used 4)'),
      })
      .strict()
      .default({ decisionDelay: { slots: 0 }, shareTemperature: 1 }),
    ...runFileShape({
      name: 'toscn',
      slotsPerEpisode: 10,
      episodes: 600,
      evalEpisodes: 20,
      evalSeeds: 5,
      agents: ['ddpg', 'greedy', 'greedy-compression', 'random'],
      source: '003 Table I: step size 10, 600 episodes',
    }),
  })
  .strict();

export type ToscnScenario = z.infer<typeof ToscnScenarioSchema>;
