import type { EdgeQueueParams } from './schema.ts';

/**
 * The server's split of `capacity` packets between the devices' offers: processor sharing,
 * one packet at a time round-robin from device `first`, until the capacity or the offers run
 * out. Never more than offered; the total is `min(capacity, sum of offers)`.
 */
export function shareService(capacity: number, offers: readonly number[], first = 0): number[] {
  const served = offers.map(() => 0);
  let left = Math.min(capacity, offers.reduce((a, b) => a + b, 0));
  for (let i = first; left > 0; i++) {
    const k = i % offers.length;
    if (served[k] < offers[k]) {
      served[k]++;
      left--;
    }
  }
  return served;
}

/** A device's reward for a slot: packets served, less its backlog and the energy of its rate level. */
export const deviceReward = (served: number, queue: number, level: number, p: EdgeQueueParams): number => served - p.backlogCost * queue - p.energyCost * level ** 2;

/** A device's observation: its queue over B, and the server's last service over 2 mu (capped at 1). */
export const deviceObservation = (queue: number, lastService: number, p: EdgeQueueParams): number[] => [queue / p.bufferCapacity_packets, Math.min(1, lastService / (2 * Math.max(p.servicePerSlot, 1)))];
