/** Semantic models (pure functions): toscn accuracy and buffers, multicell-ee QoE and EE, scqos SBQ and SC-QoS. */
export { TOSCN_ACCURACY_CURVES, taskAccuracy, maxCompressionForAccuracy } from './accuracy';
export type { AccuracyCurve } from './accuracy';
export { compressedPacketBits, packetCapacity, deliveredPackets, stepBuffers } from './buffer';
export type { BufferConfig, BufferStepResult } from './buffer';
export { DEFAULT_SEMANTIC_RATE, semanticRate, normalisedSemanticRate, logistic, DEFAULT_QOE, qoe } from './qoe';
export type { SemanticRateConfig, QoeConfig } from './qoe';
export { DEFAULT_POWER_MODEL, totalPower, energyEfficiency } from './energy';
export type { PowerModelConfig } from './energy';
export { DEFAULT_SIMILARITY_SURROGATE, surrogateSimilarity, surrogateModel } from './similarity-surrogate';
export type { SimilarityModel, SimilaritySurrogateConfig } from './similarity-surrogate';
export { createSimilarityTable, tabulateSimilarity, similarityFromTable, tableModel } from './similarity-table';
export type { SimilarityTable } from './similarity-table';
export { SBQ_MAX_BITS, sbqLowerCodes, sbqStep, sbqEncodeValue, sbqDecodeValue, sbqEncode, sbqDecode, sbqErrorBound } from './sbq';
export { codesToBits, bitsToCodes, packBits, unpackBits, flipBits as flipBitsAtRate } from './bits';
export { createCompensator, trainCompensator, compensatorOffsets, compensate, compensatedLevels } from './compensator';
export type { OffsetCompensator } from './compensator';
export { DEFAULT_EMBEDDING_SOURCE, sampleEmbedding, medianThreshold, cosineSimilarity, semanticSimilarity } from './embedding';
export type { EmbeddingSourceConfig } from './embedding';
export {
  DEFAULT_SCQOS,
  semanticQuantisationEfficiency,
  transmissionLatency,
  effectiveScQos,
  similarityPenalty,
  latencyPenalty,
  scQosReward,
} from './scqos';
export type { UserScQos, ScQosConfig } from './scqos';
