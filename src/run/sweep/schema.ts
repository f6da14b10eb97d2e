/**
 * The sweep file (YAML): a base scenario, axes over its fields, seeds, agents, budget, metrics
 * and figures. `sweep.schema.json` is generated from this schema (`semsim sweep --schema`).
 */
import { z } from 'zod';

const Scalar = z.union([z.number(), z.string(), z.boolean(), z.null()]);
const AxisValue = z.union([Scalar, z.array(z.unknown()), z.record(z.string(), z.unknown())]);

/** Dotted path of a scenario field, e.g. `budgets.bandwidth_mhz` or `tasks.0.a1`. */
const FieldPath = z
  .string()
  .regex(/^[^.\s]+(\.[^.\s]+)*$/, 'a dotted field path such as budgets.bandwidth_mhz')
  .describe('Dotted path of a scenario field, e.g. budgets.bandwidth_mhz or tasks.0.a1');

const Axes = z
  .record(FieldPath, z.array(AxisValue).min(1))
  .describe('Scenario field path -> list of values. Axes are crossed unless listed in zip');

const Zip = z
  .union([z.literal(true), z.array(z.array(FieldPath).min(2))])
  .describe('true: pair the values of all axes (equal lengths); or groups of axes paired with each other and crossed with the rest');

/** One grid: axes crossed (default) or zipped. */
export const GridSchema = z.object({ axes: Axes, zip: Zip.optional() }).strict();

const Seeds = z.array(z.number().int().min(0).max(4294967295)).min(1).describe('Training seeds: one shard per (point, seed)');
const Agents = z.array(z.string().min(1)).min(1).describe('Agents to train and evaluate (default: the scenario file\'s agents)');
const Episodes = z.number().int().min(1).max(1_000_000).describe('Training episodes per learning agent (semsim run --episodes)');
const Budget = z.string().min(1).describe('A budget preset of the scenario file (semsim run --budget)');
const Slots = z.number().int().min(1).max(1_000_000).describe('Slots per episode (semsim run --slots)');
const Sets = z.record(FieldPath, z.unknown()).describe('Fixed overrides of the base scenario applied before the axes (like semsim run --set)');

/** A named variant of the sweep selected with `--budget NAME` (e.g. quick, paper). */
export const PresetSchema = z
  .object({ seeds: Seeds.optional(), agents: Agents.optional(), episodes: Episodes.optional(), budget: Budget.optional(), slots: Slots.optional(), set: Sets.optional() })
  .strict();

/** One figure: a metric against an axis, one line per agent (and per value of any other varying axis). */
export const FigureSchema = z
  .object({
    metric: z.string().min(1).describe('Metric name in summary.json (e.g. delivered, accuracy, reward)'),
    x: FieldPath.describe('The axis on the horizontal axis'),
    where: z.record(FieldPath, Scalar).optional().describe('Only points whose axis values equal these'),
    title: z.string().optional(),
    file: z.string().regex(/^[\w.-]+\.svg$/, 'a file name ending in .svg').optional().describe('Output file name (default <metric>-vs-<x>.svg)'),
  })
  .strict();

export const SweepSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().regex(/^[\w.-]+$/, 'letters, digits, _ . -').optional().describe('Sweep name (default: the file name)'),
    description: z.string().optional(),
    base: z.string().min(1).describe('Base scenario file, relative to the sweep file or absolute'),
    axes: Axes.optional(),
    zip: Zip.optional(),
    grids: z.array(GridSchema).min(1).optional().describe('Several grids whose points are joined (instead of axes/zip)'),
    set: Sets.optional(),
    seeds: Seeds.default([1]),
    agents: Agents.optional(),
    episodes: Episodes.optional(),
    budget: Budget.optional(),
    slots: Slots.optional(),
    metrics: z.array(z.string().min(1)).min(1).optional().describe('Metrics collected (default: every metric in summary.json)'),
    figures: z.array(FigureSchema).default([]),
    presets: z.record(z.string().regex(/^[\w-]+$/), PresetSchema).default({}).describe('Named variants selected with --budget NAME'),
  })
  .strict()
  .refine((s) => !(s.grids && (s.axes || s.zip)), { message: 'use either axes (with zip) or grids, not both', path: ['grids'] });

export type SweepFile = z.infer<typeof SweepSchema>;
export type Grid = z.infer<typeof GridSchema>;
export type Figure = z.infer<typeof FigureSchema>;

/** JSON Schema of sweep files, for editor completion (`sweep.schema.json`). */
export function sweepJsonSchema(): unknown {
  return z.toJSONSchema(SweepSchema, { io: 'input', unrepresentable: 'any' });
}
