import { effectiveScQos, scQosReward, semanticQuantisationEfficiency } from '../../models/semantic/scqos.ts';
import { seconds } from '../../units.ts';
import type { ScqosParams } from './params.ts';

/** One user's outcome of a slot, from its `semantic.measured`. */
export interface Measured {
  readonly similarity: number;
  readonly bits: number;
  /** G_u, s, capped at the latency cap. */
  readonly latency: number;
  readonly snrDb: number;
  readonly bitErrors: number;
  readonly bitsSent: number;
}

/**
 * The slot's reward and metrics: reward `Psi + omega_S sum P^S + omega_G sum P^G` (001 Section
 * V-A), effective SC-QoS `Psi` (eq. 17), and per-user means. `violations` counts users missing
 * S_th (18i) or G_th (18h), once per unmet requirement.
 */
export function slotScore(measured: readonly (Measured | null)[], p: ScqosParams): { reward: number; metrics: Record<string, number> } {
  const users = measured.map((m, u) => {
    if (!m) throw new Error(`scqos: user ${u} was not measured this slot`);
    return m;
  });
  const outcomes = users.map((m) => ({ similarity: m.similarity, bits: m.bits, latency: seconds(m.latency) }));
  const q = p.qos;
  const mean = (f: (m: Measured) => number): number => users.reduce((a, m) => a + f(m), 0) / users.length;
  const sent = users.reduce((a, m) => a + m.bitsSent, 0);
  const violations = users.reduce((a, m) => a + (m.similarity < q.similarityThreshold ? 1 : 0) + (m.latency > q.latencyThreshold ? 1 : 0), 0);
  const reward = scQosReward(outcomes, q);
  return {
    reward,
    metrics: {
      reward,
      scqos: effectiveScQos(outcomes, q),
      similarity: mean((m) => m.similarity),
      sqe: mean((m) => semanticQuantisationEfficiency(m.similarity, m.bits)),
      latency: mean((m) => m.latency),
      bits: mean((m) => m.bits),
      ber: sent > 0 ? users.reduce((a, m) => a + m.bitErrors, 0) / sent : 0,
      snrDb: mean((m) => m.snrDb),
      similarityMet: mean((m) => (m.similarity >= q.similarityThreshold ? 1 : 0)),
      violations,
    },
  };
}
