/**
 * The one-slot packet knapsack behind the greedy baselines (003 Section IV-A, "greedy"
 * schemes with discount 0). The budget is cut into `quanta` equal slices; a user given `m`
 * slices can carry `m * bitsPerQuantum` bits this slot, and chooses how many of its queued
 * packets `k` to send and the smallest compression `eta` that makes them fit:
 * `k (1 - eta) b <= m * bitsPerQuantum` (003 eqs. 12, 19). The value of that choice is
 * `k * value(eta)`; a dynamic programme over users then splits the slices to maximise the sum.
 */

/** One user as the knapsack sees it. */
export interface KnapsackUser {
  /** Packets waiting (the most it can send, 003 eq. 19). */
  readonly queue: number;
  /** Bits one slice of the budget carries for this user in one slot (>= 0). */
  readonly bitsPerQuantum: number;
}

/** How packets are valued and how far they may be compressed. */
export interface CompressionModel {
  /** Largest compression ratio allowed (0 = never compress). */
  readonly maxEta: number;
  /** Value of one delivered packet compressed by `eta` (1 = count packets; accuracy for eq. 22). */
  value(eta: number): number;
}

/** The knapsack's choice for one user. */
export interface UserPlan {
  /** Budget slices given to the user. */
  readonly quanta: number;
  /** Packets it should deliver with them. */
  readonly packets: number;
  /** Smallest compression that fits them (0 when nothing is sent). */
  readonly eta: number;
  /** `packets * value(eta)`. */
  readonly value: number;
}

/** Below this, value differences are rounding noise; ties keep the cheaper option. */
const TIE = 1e-12;

/** Best single-user choice with `m` slices: packets, compression and value. */
export function bestUse(user: KnapsackUser, m: number, packetBits: number, model: CompressionModel): UserPlan {
  const carried = m * user.bitsPerQuantum;
  let best: UserPlan = { quanta: m, packets: 0, eta: 0, value: 0 };
  for (let k = 1; k <= user.queue; k++) {
    const eta = Math.max(0, 1 - carried / (k * packetBits));
    if (eta > model.maxEta) break; // more packets only need more compression
    const value = k * model.value(eta);
    if (value > best.value + TIE) best = { quanta: m, packets: k, eta, value };
  }
  return best;
}

/**
 * Splits `quanta` slices among users to maximise the summed value (exact for the sliced
 * problem: a DP over users, O(users * quanta^2)). Ties prefer fewer slices, so spare slices
 * stay unassigned and the caller decides where they go.
 */
export function planQuanta(users: readonly KnapsackUser[], packetBits: number, quanta: number, model: CompressionModel): UserPlan[] {
  if (!Number.isInteger(quanta) || quanta < 1) throw new RangeError(`quanta must be an integer >= 1, got ${quanta}`);
  if (!(packetBits > 0)) throw new RangeError(`packetBits must be > 0, got ${packetBits}`);
  const n = users.length;
  const options: UserPlan[][] = users.map((user) => {
    const row: UserPlan[] = [];
    for (let m = 0; m <= quanta; m++) row.push(bestUse(user, m, packetBits, model));
    return row;
  });
  // best[m]: top value of the users so far using at most m slices; pick[u][m]: slices given to u.
  let best = new Float64Array(quanta + 1);
  const pick: Int32Array[] = [];
  for (let u = 0; u < n; u++) {
    const next = new Float64Array(quanta + 1);
    const choice = new Int32Array(quanta + 1);
    for (let m = 0; m <= quanta; m++) {
      let top = best[m];
      let arg = 0;
      for (let j = 1; j <= m; j++) {
        const v = best[m - j] + options[u][j].value;
        if (v > top + TIE) {
          top = v;
          arg = j;
        }
      }
      next[m] = top;
      choice[m] = arg;
    }
    best = next;
    pick.push(choice);
  }
  const plan: UserPlan[] = new Array(n);
  let left = quanta;
  for (let u = n - 1; u >= 0; u--) {
    const j = pick[u][left];
    plan[u] = options[u][j];
    left -= j;
  }
  return plan;
}
