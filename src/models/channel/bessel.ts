import type { Hz, Seconds } from '../../units.ts';

/**
 * Bessel function of the first kind, order 0, from its integral representation
 * `J0(x) = (1/pi) * integral_0^pi cos(x sin(theta)) d(theta)` (A&S 9.1.18).
 *
 * The integrand is smooth and pi-periodic, so the N-point trapezoidal rule is exact
 * up to aliasing: it returns `J0(x) + 2 * sum_{k>=1} J_{2kN}(x)`. `J_n(x)` decays
 * super-exponentially once `n > e|x|/2`, so choosing `N >= |x| + 40` pushes the aliasing
 * error far below 1e-15 for every finite `x`; what remains is rounding (about
 * `|x| * 1e-16`). This is accurate to better than 1e-13 on [0, 50].
 *
 * Used for the Jakes correlation `rho = J0(2 pi f_d L)` of paper 003 eq. (17).
 */
export function besselJ0(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (!Number.isFinite(x)) return 0;
  const ax = Math.abs(x);
  if (ax === 0) return 1;
  const n = Math.ceil(ax) + 40;
  // Sum over theta_k = pi k / n for k = 0..n-1; the endpoint weights of the periodic
  // trapezoid combine into one full-weight sample at theta = 0.
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.cos(ax * Math.sin((Math.PI * k) / n));
  return sum / n;
}

/**
 * Lag-one correlation of Jakes fading between successive slots, `rho = J0(2 pi f_d L)`
 * (paper 003 eq. (17)), for the maximum Doppler frequency `fd` and slot length `slot`.
 * With SPEC defaults (f_d = 10 Hz, L = 200 ms) this is J0(4 pi) ≈ 0.1575.
 */
export function jakesCorrelation(fd: Hz, slot: Seconds): number {
  if (!(fd >= 0) || !(slot >= 0)) throw new RangeError(`Doppler frequency and slot length must be >= 0, got fd=${fd}, L=${slot}`);
  return besselJ0(2 * Math.PI * fd * slot);
}
