import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { z } from 'zod';
import { join } from 'node:path';
import type { Agent, AgentEnvSpec, Transition } from '../../../agents/agent.ts';
import { checkConfig } from '../../../agents/common/config-schema.ts';
import type { Action } from '../../../agents/common/spaces.ts';
import { toscnObservationSize } from '../logic.ts';
import type { ToscnParams } from '../params.ts';

/** File a baseline writes in `save(dir)`. */
export const BASELINE_FILE = 'baseline.json';
const FORMAT = 'semsim-baseline';
const VERSION = 1;

/** A flat config object of numbers (every baseline config is one). */
export type NumericConfig = { readonly [key: string]: number };

/**
 * `defaults` overridden by `overrides`, checked against the baseline's schema: unknown keys
 * and out-of-range values throw a `RangeError` naming the agent and the field (configs also
 * come from scenario files, as `agentConfig`, where the loader checks the same schema first).
 */
export function resolveBaselineConfig<C extends NumericConfig>(agent: string, defaults: C, schema: z.ZodType<C>, overrides: Partial<C> | Record<string, unknown> = {}): C {
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) merged[key] = value;
  checkConfig(schema, merged, agent);
  return merged as C;
}

/**
 * What every toscn baseline shares: a check that the environment is the toscn it was given
 * parameters for, no learning (`observe`/`update` do nothing), and persistence of its config
 * as one small JSON file.
 */
export abstract class ToscnBaseline<C extends NumericConfig> implements Agent {
  protected config: C;

  constructor(
    readonly name: string,
    spec: AgentEnvSpec,
    protected readonly params: ToscnParams,
    config: C,
  ) {
    const D = params.devices;
    const a = spec.actionSpace;
    if (a.kind !== 'box' || a.size !== 3 * D) {
      throw new TypeError(`${name}: needs the toscn box action space of size 3D = ${3 * D}, got ${a.kind === 'box' ? `a box of size ${a.size}` : a.kind}`);
    }
    for (let i = 0; i < a.size; i++) {
      if (a.low[i] !== -1 || a.high[i] !== 1) throw new RangeError(`${name}: toscn actions live in [-1, 1]; dimension ${i} is [${a.low[i]}, ${a.high[i]}]`);
    }
    const o = spec.observationSpace;
    const size = toscnObservationSize(params);
    if (o.kind !== 'box' || o.size !== size) throw new TypeError(`${name}: needs the toscn observation box of size J + 2D = ${size}`);
    this.config = config;
  }

  /** The config in force (a copy). */
  get settings(): C {
    return { ...this.config };
  }

  abstract act(observation: Float32Array, explore: boolean): Action;

  /** Baselines do not learn. */
  observe(_transition: Transition): void {}

  update(): undefined {
    return undefined;
  }

  /** Checks and merges a loaded or user-given config (subclasses validate ranges). */
  protected abstract resolve(overrides: Record<string, unknown>): C;

  async save(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    const body = { format: FORMAT, version: VERSION, agent: this.name, config: this.config };
    await writeFile(join(dir, BASELINE_FILE), JSON.stringify(body, null, 2) + '\n');
  }

  async load(dir: string): Promise<void> {
    const path = join(dir, BASELINE_FILE);
    const body = JSON.parse(await readFile(path, 'utf8')) as { format?: unknown; version?: unknown; agent?: unknown; config?: unknown };
    if (body.format !== FORMAT || body.version !== VERSION) throw new Error(`${path} is not a ${FORMAT} v${VERSION} file`);
    if (body.agent !== this.name) throw new Error(`${path} holds a '${String(body.agent)}' baseline, not '${this.name}'`);
    if (typeof body.config !== 'object' || body.config === null) throw new Error(`${path} has no config object`);
    this.config = this.resolve(body.config as Record<string, unknown>);
  }

  dispose(): void {}
}
