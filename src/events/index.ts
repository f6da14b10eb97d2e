export { CATALOGUE, EVENT_TYPES, phaseOfType, type EventType } from './catalogue';
export * from './types';
