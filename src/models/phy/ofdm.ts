/**
 * OFDM subchannel assignment (paper 001 constraints (18d)-(18e)): each user occupies exactly one
 * subchannel and no subchannel carries two users. An assignment is an Int32Array of length U
 * with `assignment[u]` = the subchannel index of user u, in [0, C).
 */

/** Why an assignment is invalid, or `undefined` when it is valid for `numSubchannels`. */
export function assignmentError(assignment: ArrayLike<number>, numSubchannels: number): string | undefined {
  if (!Number.isInteger(numSubchannels) || numSubchannels < 0) return `subchannel count must be a non-negative integer, got ${numSubchannels}`;
  if (assignment.length > numSubchannels) return `${assignment.length} users cannot each get a distinct one of ${numSubchannels} subchannels`;
  const used = new Uint8Array(numSubchannels);
  for (let u = 0; u < assignment.length; u++) {
    const c = assignment[u];
    if (!Number.isInteger(c) || c < 0 || c >= numSubchannels) return `user ${u} has subchannel ${c}, outside [0, ${numSubchannels})`;
    if (used[c]) return `subchannel ${c} is assigned to more than one user`;
    used[c] = 1;
  }
  return undefined;
}

/** Whether `assignment` gives every user one distinct subchannel in [0, numSubchannels). */
export function isValidAssignment(assignment: ArrayLike<number>, numSubchannels: number): boolean {
  return assignmentError(assignment, numSubchannels) === undefined;
}

/** Throws a RangeError naming the problem unless `assignment` is valid. */
export function validateAssignment(assignment: ArrayLike<number>, numSubchannels: number): void {
  const err = assignmentError(assignment, numSubchannels);
  if (err !== undefined) throw new RangeError(err);
}

/**
 * Assignment of `numUsers` users from a permutation of the C subchannels: user u gets
 * `permutation[u]` (the first U entries; the remaining subchannels stay idle). Validates.
 */
export function assignmentFromPermutation(permutation: ArrayLike<number>, numUsers: number = permutation.length): Int32Array {
  const perm = Int32Array.from(permutation);
  validateAssignment(perm, perm.length);
  if (!Number.isInteger(numUsers) || numUsers < 0 || numUsers > perm.length) {
    throw new RangeError(`user count must be in [0, ${perm.length}], got ${numUsers}`);
  }
  return perm.slice(0, numUsers);
}

/** `n!` as a number (exact up to n = 18, plenty for subchannel counts). */
export function factorial(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`factorial needs a non-negative integer, got ${n}`);
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}

/**
 * The `index`-th permutation of `0..n-1` in lexicographic order (Lehmer code), for
 * `index` in `[0, n!)`. Lets a discrete action `Discrete(C!)` pick a full subchannel assignment.
 */
export function permutationFromIndex(index: number, n: number): Int32Array {
  const total = factorial(n);
  if (!Number.isInteger(index) || index < 0 || index >= total) throw new RangeError(`index must be an integer in [0, ${total}), got ${index}`);
  const pool: number[] = [];
  for (let k = 0; k < n; k++) pool.push(k);
  const out = new Int32Array(n);
  let rest = index;
  for (let k = 0; k < n; k++) {
    const block = factorial(n - 1 - k);
    const pick = Math.floor(rest / block);
    rest -= pick * block;
    out[k] = pool.splice(pick, 1)[0];
  }
  return out;
}

/**
 * The 0/1 matrix `rho_{u,c}` of paper 001 (row-major U×C, `out[u * C + c] = 1` iff user u
 * occupies subchannel c). Validates the assignment.
 */
export function assignmentMatrix(assignment: ArrayLike<number>, numSubchannels: number): Uint8Array {
  validateAssignment(assignment, numSubchannels);
  const out = new Uint8Array(assignment.length * numSubchannels);
  for (let u = 0; u < assignment.length; u++) out[u * numSubchannels + assignment[u]] = 1;
  return out;
}
