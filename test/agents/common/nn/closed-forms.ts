/** Float64 references for activation derivatives, shared by the gradient tests. */

/** sech²(z) = tanh'(z), written so it neither overflows nor cancels: 4 e^{-2|z|} / (1 + e^{-2|z|})². */
export function sech2(z: number): number {
  const e = Math.exp(-2 * Math.abs(z));
  return (4 * e) / (1 + e) ** 2;
}

/** sigmoid'(z) = e^{-|z|} / (1 + e^{-|z|})². */
export function sigmoidPrime(z: number): number {
  const e = Math.exp(-Math.abs(z));
  return e / (1 + e) ** 2;
}

/** |got - want| / |want|. */
export function relErr(got: number, want: number): number {
  return Math.abs(got - want) / Math.abs(want);
}
