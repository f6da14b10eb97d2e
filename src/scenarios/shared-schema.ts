import { z } from 'zod';

/**
 * The fields every scenario file shares: identity, seed, run length, budgets and agents.
 * A plug-in's schema spreads `runFileShape(...)` into its own object.
 */
export interface RunFile {
  readonly scenario: string;
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly run: { readonly slotsPerEpisode: number; readonly episodes: number; readonly evalEpisodes: number; readonly evalSeeds: number; readonly trainingSeeds: number };
  readonly budgetPresets: Readonly<Record<string, { readonly episodes: number; readonly evalEpisodes?: number; readonly trainingSeeds?: number }>>;
  readonly agents: readonly string[];
  readonly agentConfig: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** Defaults of the shared fields that differ between scenarios. */
export interface RunDefaults {
  readonly name: string;
  readonly slotsPerEpisode: number;
  readonly episodes: number;
  readonly evalEpisodes: number;
  readonly evalSeeds: number;
  readonly agents: readonly string[];
  /** Where the defaults come from, for the field descriptions (e.g. "003 Table I"). */
  readonly source: string;
}

/** The shared fields as a zod shape, with a scenario's defaults. */
export function runFileShape(d: RunDefaults) {
  const run = { slotsPerEpisode: d.slotsPerEpisode, episodes: d.episodes, evalEpisodes: d.evalEpisodes, evalSeeds: d.evalSeeds, trainingSeeds: 1 };
  return {
    name: z
      .string()
      .min(1)
      .max(100)
      .regex(/^(?!\.)[A-Za-z0-9._-]+$/, 'a single path segment: letters, digits, ".", "_" and "-", not starting with "."')
      .default(d.name)
      .describe('Run name (the default run directory is runs/<name>-seed<seed>)'),
    description: z.string().max(10_000).default(''),
    seed: z.number().int().min(0).max(4294967295).default(1).describe('Root seed of the run'),
    run: z
      .object({
        slotsPerEpisode: z.number().int().min(1).max(1_000_000).default(d.slotsPerEpisode).describe(`T, slots per episode (${d.source})`),
        episodes: z.number().int().min(1).max(1_000_000).default(d.episodes).describe(`Training episodes (${d.source})`),
        evalEpisodes: z.number().int().min(1).max(100_000).default(d.evalEpisodes).describe('Evaluation episodes per agent (held-out seeds)'),
        evalSeeds: z.number().int().min(1).max(100).default(d.evalSeeds).describe('Held-out evaluation seeds; intervals are over these'),
        trainingSeeds: z
          .number()
          .int()
          .min(1)
          .max(100)
          .default(1)
          .describe('Independent training runs per learning agent (own training seeds); the summary reports the spread over them'),
      })
      .strict()
      .default(run),
    budgetPresets: z
      .record(
        z.string(),
        z
          .object({
            episodes: z.number().int().min(1).max(1_000_000),
            evalEpisodes: z.number().int().min(1).max(100_000).optional(),
            trainingSeeds: z.number().int().min(1).max(100).optional(),
          })
          .strict(),
      )
      .default({})
      .describe('Named run budgets selectable with --budget NAME'),
    agents: z
      .array(z.string().min(1))
      .min(1)
      .default([...d.agents])
      .describe("Agents trained (if learning) and evaluated; names from the scenario's agent catalogue (semsim list)"),
    agentConfig: z
      .record(z.string(), z.record(z.string(), z.unknown()))
      .default({})
      .describe("Per-agent config overrides: agentConfig.<agent>.<field>; fields from the agent's config object"),
  };
}
