/** PHY models: unit conversions, Shannon rates, SINR, MISO beamforming, OFDM assignment, 16-QAM. */
export {
  dbToLinear,
  linearToDb,
  dbmToWatt,
  wattToDbm,
  dbwToWatt,
  wattToDbw,
  noiseDensityWattPerHz,
  noisePower,
} from './units';
export { shannonRate, snr, rateWithDensity, ratesWithDensity, shannonRates } from './rate';
export { interferencePlusNoise, sinrVector } from './sinr';
export { type ComplexMatrix, complexMatrix, asComplexMatrix, gramRows, invert } from './complex';
export {
  beamGain,
  beamGainMatrix,
  beamPower,
  beamPowerOf,
  mrtBeams,
  zfBeams,
  withBeamPowers,
  scaleBeamsToBudget,
} from './beamforming';
export {
  assignmentError,
  isValidAssignment,
  validateAssignment,
  assignmentFromPermutation,
  factorial,
  permutationFromIndex,
  assignmentMatrix,
} from './ofdm';
export { erfc, erf, qFunction } from './erfc';
export {
  QAM16_A,
  ebN0ToEsN0,
  qam16BerExact,
  qam16BerApprox,
  type Symbols,
  qam16Modulate,
  qam16Demodulate,
  qam16Transmit,
} from './qam16';
export { type BitChannel, flipBits } from './bitChannel';
