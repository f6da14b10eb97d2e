import { z } from 'zod';
import { integerIn } from '../../../agents/common/config-schema.ts';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Transition } from '../../../agents/agent.ts';
import type { AgentEnvSpec } from '../../../agents/agent.ts';
import type { Action } from '../../../agents/common/spaces.ts';
import type { ToscnParams } from '../params.ts';
import { resolveBaselineConfig, ToscnBaseline } from './base.ts';
import type { StateReader, StateWriter } from '../../../agents/common/checkpoint-state.ts';

/** Config of the constant policy search. */
export type ConstantConfig = {
  /**
   * Compression candidates: eta_i = i / (candidates - 1) x maxCompression, i = 0..candidates-1,
   * each with equal bandwidth and power shares (ours; 21: steps of 5 % of the range).
   */
  readonly candidates: number;
};

export const CONSTANT_DEFAULTS: ConstantConfig = Object.freeze({ candidates: 21 });

/** What `agentConfig.constant` may hold. */
export const CONSTANT_CONFIG_SCHEMA = z.object({ candidates: integerIn(2, 1000) }).strict() satisfies z.ZodType<ConstantConfig>;

const STATE_FILE = 'constant.json';

/**
 * The best state-blind policy: equal bandwidth and power shares and one compression ratio for
 * every device, whatever the state. "Training" is a search on the training seeds only: training
 * episode e plays candidate e mod n and the mean episode return of each candidate is kept;
 * evaluation plays the candidate with the best mean (ties: the smaller eta). A learning agent is
 * credible only if it beats this reference (issue 14: at lambda = 2 one such policy earns 96.5 %
 * of the one-slot optimum).
 */
export class ConstantBaseline extends ToscnBaseline<ConstantConfig> {
  private sums: number[] = [];
  private counts: number[] = [];
  private current = 0;
  private episodeReturn = 0;
  private episodes = 0;
  private observed = false;

  constructor(spec: AgentEnvSpec, params: ToscnParams, config: Partial<ConstantConfig> = {}) {
    super('constant', spec, params, resolveConstant(config));
    this.reset();
  }

  /** Compression ratio of candidate `i`. */
  eta(i: number): number {
    return (i / (this.config.candidates - 1)) * this.params.maxCompression;
  }

  /** The candidate evaluation plays: the best mean training return so far (candidate 0 untrained). */
  get best(): number {
    let best = 0;
    let bestMean = -Infinity;
    for (let i = 0; i < this.config.candidates; i++) {
      if (this.counts[i] === 0) continue;
      const mean = this.sums[i] / this.counts[i];
      if (mean > bestMean) [best, bestMean] = [i, mean];
    }
    return best;
  }

  /** Mean training return per candidate (NaN where untried). */
  get returns(): number[] {
    return this.sums.map((s, i) => (this.counts[i] ? s / this.counts[i] : NaN));
  }

  act(_observation: Float32Array, explore: boolean): Action {
    const D = this.params.devices;
    const i = explore ? this.current : this.best;
    const action = new Float32Array(3 * D); // bandwidth and power logits 0: equal shares
    // eta = (a + 1) / 2 x maxCompression (the toscn action mapping), so a = 2 eta / maxCompression - 1.
    const a = this.params.maxCompression > 0 ? (2 * this.eta(i)) / this.params.maxCompression - 1 : -1;
    action.fill(Math.max(-1, Math.min(1, a)), 0, D);
    return { continuous: action };
  }

  override observe(t: Transition): void {
    this.episodeReturn += t.reward;
    this.observed = true;
  }

  onEpisodeEnd(): void {
    // Only training episodes count: evaluation acts without observing.
    if (this.observed) {
      this.sums[this.current] += this.episodeReturn;
      this.counts[this.current]++;
      this.episodes++;
      this.current = this.episodes % this.config.candidates;
    }
    this.episodeReturn = 0;
    this.observed = false;
  }

  protected resolve(overrides: Record<string, unknown>): ConstantConfig {
    return resolveConstant(overrides);
  }

  private reset(): void {
    this.sums = new Array(this.config.candidates).fill(0);
    this.counts = new Array(this.config.candidates).fill(0);
    this.current = 0;
    this.episodes = 0;
  }

  override async save(dir: string): Promise<void> {
    await super.save(dir);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, STATE_FILE), JSON.stringify({ sums: this.sums, counts: this.counts, episodes: this.episodes }) + '\n');
  }

  override async load(dir: string): Promise<void> {
    await super.load(dir);
    const s = JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')) as { sums: number[]; counts: number[]; episodes: number };
    if (s.sums.length !== this.config.candidates || s.counts.length !== this.config.candidates) throw new Error(`${dir}: search state does not match ${this.config.candidates} candidates`);
    [this.sums, this.counts, this.episodes] = [s.sums, s.counts, s.episodes];
    this.current = this.episodes % this.config.candidates;
  }

  /** Checkpoints: the search so far (returns per candidate, episodes played, the running episode's return). */
  async saveState(out: StateWriter): Promise<void> {
    out.value('search', { sums: this.sums, counts: this.counts, episodes: this.episodes, current: this.current, episodeReturn: this.episodeReturn, observed: this.observed });
  }

  async loadState(from: StateReader): Promise<void> {
    const s = from.value('search') as { sums: number[]; counts: number[]; episodes: number; current: number; episodeReturn: number; observed: boolean };
    if (s.sums.length !== this.config.candidates) throw new Error(`constant: checkpoint has ${s.sums.length} candidates, this agent ${this.config.candidates}`);
    [this.sums, this.counts, this.episodes, this.current, this.episodeReturn, this.observed] = [[...s.sums], [...s.counts], s.episodes, s.current, s.episodeReturn, s.observed];
  }
}

function resolveConstant(overrides: Record<string, unknown>): ConstantConfig {
  const c = resolveBaselineConfig('constant', CONSTANT_DEFAULTS, CONSTANT_CONFIG_SCHEMA, overrides);
  return c;
}
