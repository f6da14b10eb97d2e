/** Channel models: path loss, shadowing, small-scale fading, Gauss-Markov evolution, node placement. */
export { besselJ0, jakesCorrelation } from './bessel.ts';
export {
  type LogDistancePathLoss,
  logDistancePathLossDb,
  drawShadowingDb,
  largeScaleGain,
  largeScaleGains,
} from './pathloss.ts';
export { type RicianConfig, rayleigh, rician, fillRayleigh, fillRician, ricianFromScatter, fadingPowers } from './fading.ts';
export {
  type GaussMarkovState,
  initGaussMarkov,
  stepGaussMarkov,
  initGaussMarkovLinks,
  resetGaussMarkovLinks,
  stepGaussMarkovLinks,
  fadingPowerInto,
} from './gaussMarkov.ts';
export {
  type Points,
  type DropConfig,
  dropInCell,
  dropUniform,
  hexCellCentres,
  dropUsersInCells,
  distanceMatrix,
} from './placement.ts';
