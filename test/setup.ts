import fc from 'fast-check';

/**
 * Property tests run with a fixed seed so that CI is reproducible; set FC_SEED to explore
 * other seeds locally (e.g. `FC_SEED=$RANDOM npx vitest run test/properties`). A failure
 * prints its seed and path for replay.
 */
const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20261122;
fc.configureGlobal({ seed });
