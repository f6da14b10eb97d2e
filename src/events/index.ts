export { CATALOGUE, EVENT_TYPES, phaseOfType, type EventType } from './catalogue.ts';
export * from './types.ts';
