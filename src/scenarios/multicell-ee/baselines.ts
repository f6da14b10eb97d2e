import { RuleAgent } from '../../agents/wrappers/rule-agent.ts';
import type { RootRandom } from '../../random/index.ts';
import { semanticOutcome, sinrDbOfObservation } from './logic.ts';
import type { MulticellParams } from './params.ts';

/**
 * 004's two-step random baseline (Section 5.2 (4)): every slot, the power level and the
 * symbols per word are drawn separately, each uniformly over its codebook (stream
 * `agent/random` of the agent's root).
 */
export function multicellRandom(params: MulticellParams, random: RootRandom): RuleAgent {
  const stream = random.stream('agent/random');
  return new RuleAgent('random', () => {
    const q = stream.int(params.powerCodebook.length);
    const k = stream.int(params.maxSymbols - 1);
    return { discrete: Int32Array.of(q, k) };
  });
}

/**
 * 004's greedy baseline (Section 5.2 (3)): every BS transmits at p_max every slot. 004 does
 * not say how it sets compression; ours is myopic too: the symbols per word that maximise the
 * QoE of a nominal user (the centre of every QoE draw, `nominalQoe`) at the SINR the BS
 * observes (eq. 17's gamma, measured with the powers in force; with every BS at p_max it is the
 * SINR of the coming slot unless the fading moves). Ties go to fewer symbols.
 */
export function multicellGreedy(params: MulticellParams): RuleAgent {
  return new RuleAgent('greedy', (observation) => {
    const sinr = 10 ** (sinrDbOfObservation(observation) / 10);
    return { discrete: Int32Array.of(params.powerCodebook.length - 1, greedySymbols(sinr, params) - 1) };
  });
}

/** The symbols per word that maximise the nominal user's QoE at linear SINR `sinr` (first on ties). */
export function greedySymbols(sinr: number, p: MulticellParams): number {
  let best = 1;
  let bestQoe = -Infinity;
  for (let k = 1; k < p.maxSymbols; k++) {
    const q = semanticOutcome(k, sinr, p.nominalQoe, p).qoe;
    if (q > bestQoe) {
      bestQoe = q;
      best = k;
    }
  }
  return best;
}
