/** Semantic models (pure functions): toscn accuracy and buffers, multicell-ee QoE and EE, scqos SBQ and SC-QoS. */
export { taskAccuracy, maxCompressionForAccuracy } from './accuracy.ts';
export type { AccuracyCurve } from './accuracy.ts';
export { compressedPacketBits, packetCapacity, deliveredPackets, stepBuffers } from './buffer.ts';
export type { BufferConfig, BufferStepResult } from './buffer.ts';
export { semanticRate, normalisedSemanticRate, logistic, qoe } from './qoe.ts';
export type { SemanticRateConfig, QoeConfig } from './qoe.ts';
export { totalPower, energyEfficiency } from './energy.ts';
export type { PowerModelConfig } from './energy.ts';
export { surrogateSimilarity, surrogateModel } from './similarity-surrogate.ts';
export type { SimilarityModel, SimilaritySurrogateConfig } from './similarity-surrogate.ts';
export { logisticSimilarity, logisticSimilarityModel, logisticFitValue, validateLogisticSimilarity } from './logistic-similarity.ts';
export type { LogisticSimilarityFit, LogisticSimilarityTable } from './logistic-similarity.ts';
export { parseSimilarityCsv } from './similarity-csv.ts';
export { createSimilarityTable, tabulateSimilarity, similarityFromTable, tableModel } from './similarity-table.ts';
export type { SimilarityTable } from './similarity-table.ts';
export { SBQ_MAX_BITS, sbqLowerCodes, sbqStep, sbqEncodeValue, sbqDecodeValue, sbqEncode, sbqDecode, sbqErrorBound } from './sbq.ts';
export { codesToBits, bitsToCodes, packBits, unpackBits, flipBits as flipBitsAtRate } from './bits.ts';
export { createCompensator, trainCompensator, compensatorOffsets, compensate, compensatedLevels } from './compensator.ts';
export type { OffsetCompensator } from './compensator.ts';
export { sampleEmbedding, medianThreshold, cosineSimilarity, semanticSimilarity } from './embedding.ts';
export type { EmbeddingSourceConfig } from './embedding.ts';
export {
  semanticQuantisationEfficiency,
  transmissionLatency,
  effectiveScQos,
  similarityPenalty,
  latencyPenalty,
  scQosReward,
} from './scqos.ts';
export type { UserScQos, ScQosConfig } from './scqos.ts';
