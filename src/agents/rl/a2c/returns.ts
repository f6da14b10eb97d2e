/**
 * n-step returns of one environment's rollout (A3C, Mnih et al. 2016, Algorithm S3):
 * `R_t = r_t + gamma * (1 - terminated_t) * next_t`, where `next_t` is `R_{t+1}` inside an
 * episode and the critic's `V(s'_t)` where the rollout or the episode stops (last step, or a
 * time-limit truncation). A terminal step never bootstraps.
 */
export function nStepReturns(
  rewards: ArrayLike<number>,
  terminated: ArrayLike<number>,
  episodeEnded: ArrayLike<number>,
  nextValues: ArrayLike<number>,
  gamma: number,
): Float32Array {
  const n = rewards.length;
  const out = new Float32Array(n);
  let following = 0;
  for (let t = n - 1; t >= 0; t--) {
    const next = t === n - 1 || episodeEnded[t] ? nextValues[t] : following;
    out[t] = rewards[t] + gamma * (1 - terminated[t]) * next;
    following = out[t];
  }
  return out;
}
