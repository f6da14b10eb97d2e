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
} from './units.ts';
export { shannonRate, snr, rateWithDensity, ratesWithDensity, shannonRates } from './rate.ts';
export { interferencePlusNoise, sinrVector } from './sinr.ts';
export { type ComplexMatrix, complexMatrix, asComplexMatrix, gramRows, invert } from './complex.ts';
export {
  beamGain,
  beamGainMatrix,
  beamPower,
  beamPowerOf,
  mrtBeams,
  zfBeams,
  withBeamPowers,
  scaleBeamsToBudget,
} from './beamforming.ts';
export {
  assignmentError,
  isValidAssignment,
  validateAssignment,
  assignmentFromPermutation,
  factorial,
  permutationFromIndex,
  assignmentMatrix,
} from './ofdm.ts';
export { erfc, erf, qFunction } from './erfc.ts';
export {
  QAM16_A,
  ebN0ToEsN0,
  qam16BerExact,
  qam16BerApprox,
  type Symbols,
  qam16Modulate,
  qam16Demodulate,
  qam16Transmit,
} from './qam16.ts';
export { type BitChannel, flipBits } from './bitChannel.ts';
