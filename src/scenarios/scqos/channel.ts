import { ricianFromScatter } from '../../models/channel/fading.ts';
import { initGaussMarkov, stepGaussMarkov, type GaussMarkovState } from '../../models/channel/gaussMarkov.ts';
import { largeScaleGain, logDistancePathLossDb } from '../../models/channel/pathloss.ts';
import type { ComplexMatrix } from '../../models/phy/complex.ts';
import type { RandomStream, RootRandom } from '../../random/index.ts';
import { metre } from '../../units.ts';
import type { ScqosParams } from './params.ts';

/** One user's downlink channel state: its drop and the fading of its C x M coefficients. */
export interface UserChannel {
  readonly distance: number;
  /** Linear path gain 10^(-PL(d)/10) (001 Section VI, read as a loss at D_ref). */
  readonly pathGain: number;
  /** Angle of the line of sight seen from the array, rad. */
  readonly angle: number;
  /** LoS phase of each coefficient (subchannel-major): a half-wavelength ULA's steering phase. */
  readonly losPhase: Float64Array;
  /** Scattered part, a Gauss-Markov process per coefficient. */
  readonly scatter: GaussMarkovState;
  readonly rng: RandomStream;
}

/**
 * Drops user `u` for an episode (001 gives no geometry; ours: distance uniform in
 * [distanceMin, distanceMax], LoS angle uniform in [-pi/2, pi/2]), from streams
 * `placement/u<u>` and `channel/u<u>` of the episode root, so a user's draws never depend on
 * another's.
 */
export function placeUser(p: ScqosParams, u: number, root: RootRandom): UserChannel {
  const place = root.stream(`placement/u${u}`);
  const distance = place.uniformIn(p.distanceMin, p.distanceMax);
  const angle = place.uniformIn(-Math.PI / 2, Math.PI / 2);
  const links = p.subchannels * p.antennas;
  const losPhase = new Float64Array(links);
  for (let c = 0; c < p.subchannels; c++) for (let m = 0; m < p.antennas; m++) losPhase[c * p.antennas + m] = Math.PI * m * Math.sin(angle);
  const rng = root.stream(`channel/u${u}`);
  return { distance, pathGain: largeScaleGain(logDistancePathLossDb(metre(distance), p.pathLoss)), angle, losPhase, scatter: initGaussMarkov(links, rng), rng };
}

/** One slot of the scattered part's Gauss-Markov evolution (the LoS stays). */
export function evolveUser(ch: UserChannel, p: ScqosParams): void {
  stepGaussMarkov(ch.scatter, p.rho, ch.rng);
}

/**
 * Writes `h_{u,c} = sqrt(pathGain) g_{u,c}` with Rician `g` (SPEC section 0) into rows
 * `u C + c` of `out` (U C x M).
 */
export function writeChannel(users: readonly UserChannel[], p: ScqosParams, out: ComplexMatrix): void {
  const links = p.subchannels * p.antennas;
  const re = new Float64Array(links);
  const im = new Float64Array(links);
  users.forEach((ch, u) => {
    ricianFromScatter(ch.scatter.re, ch.scatter.im, p.kFactor, ch.losPhase, re, im);
    const a = Math.sqrt(ch.pathGain);
    for (let k = 0; k < links; k++) {
      out.re[u * links + k] = a * re[k];
      out.im[u * links + k] = a * im[k];
    }
  });
}
