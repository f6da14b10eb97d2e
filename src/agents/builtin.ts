/**
 * Registers the built-in baselines with the agent registry. Kept apart from the registry so
 * that the registry module has no dependency on every agent implementation.
 */
export {};
