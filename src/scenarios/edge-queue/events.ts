import { z } from 'zod';
import { KIT_EVENTS, type KitEvent } from '../../actors/kit-events.ts';
import { defineEvents, type EventsOf, type KernelEvent, type PhaseTick } from '../../events/index.ts';
import type { PhaseDefinition } from '../../scheduler/index.ts';

/** A phase of its own: the server draws its service after the decisions, before transmission. */
export const EDGE_PHASES: readonly PhaseDefinition[] = [{ name: 'service', rank: 65 }];

/** edge-queue's own event; it also uses the kit's traffic, buffer and transmission events. */
export const EDGE_EVENTS = defineEvents({
  /** Packets the server can complete in `slot`, Poisson(mu); what the offers leave unused is lost. */
  'service.drawn': { phase: 'service', payload: z.object({ slot: z.number().int(), capacity: z.number().int() }) },
});

export const EDGE_CATALOGUE = [KIT_EVENTS, EDGE_EVENTS] as const;

/** Events an edge-queue actor may receive: its own, the kit's, the kernel's, and phase ticks. */
export type EdgeEvent<T extends string> = Extract<EventsOf<typeof EDGE_EVENTS> | KitEvent | KernelEvent, { type: T }> | PhaseTick;

/** Agent id of device k (also its actor id): one decision maker per device. */
export const deviceId = (k: number): string => `device/${k}`;
