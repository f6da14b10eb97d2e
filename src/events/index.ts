export { ActionPayload, EventCatalogue, KERNEL_EVENTS, defineEvents, type CataloguePart, type EventSpec } from './catalogue.ts';
export * from './types.ts';
