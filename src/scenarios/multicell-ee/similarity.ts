import { logisticSimilarityModel } from '../../models/semantic/logistic-similarity.ts';
import { MULTICELL_DEEPSC_SIMILARITY } from './constants.ts';

const deepsc = logisticSimilarityModel(MULTICELL_DEEPSC_SIMILARITY);

/**
 * Semantic accuracy `xi(k, SINR)` of 004 eq. (5), calibrated to published DeepSC sentence-
 * similarity curves (SPEC section 2's logistic fits, `MULTICELL_DEEPSC_SIMILARITY`): `k` is the
 * number of semantic symbols per word (004's codebook: 1 ... k_max - 1; non-integer values are
 * interpolated between the fits), `sinrDb` the SINR in dB (flat below -10 dB, saturated above
 * 20 dB). In [0, 1], non-decreasing in SINR. Exported from the package as `semanticSimilarity`.
 */
export function semanticSimilarity(k: number, sinrDb: number): number {
  return deepsc(k, sinrDb);
}
