import { enqueueActions, setup } from 'xstate';
import type { KernelEvent } from '../events/index.ts';
import { RootRandom, type RandomStream } from '../random/index.ts';
import type { KitEventOf } from './kit-events.ts';
import { checkLatency, drawLatency, ZERO_LATENCY, type LatencyModel } from './packets/latency.ts';
import type { ServiceDiscipline } from './packets/packet-store.ts';
import { TimedQueue, type DropPolicy, type PacketEventKind, type QueueSummary } from './packets/timed-queue.ts';
import type { Emitted } from './system.ts';

/**
 * When a slot's arrivals may leave:
 * - `next-slot` (003 eqs. 19-20): a slot sends from the queue it started with; its arrivals
 *   come at their own instants and join for the next slot.
 * - `same-slot`: the slot's arrivals come at the slot start and may leave in the same slot
 *   (semsim 0.1's order).
 * - `continuous`: a work-conserving server at a fixed rate; arrivals join at their instants
 *   and service runs across slot boundaries (queueing models, e.g. M/M/1).
 */
export type ArrivalTiming = 'next-slot' | 'same-slot' | 'continuous';

/** Input of a timed buffer. */
export interface TimedBufferInput {
  readonly user: number;
  /** v_max: packets waiting at most (003 Table I: 6). */
  readonly capacity: number;
  readonly dropPolicy?: DropPolicy;
  readonly discipline?: ServiceDiscipline;
  readonly arrivals: ArrivalTiming;
  readonly slotLength: number;
  readonly slotsPerEpisode: number;
  /** Size of a packet when generated, bits; `{ exponentialMeanBits }` draws it per packet (`size/u<i>`). */
  readonly packetBits: number | { readonly exponentialMeanBits: number };
  /** Service rate of `continuous` timing, bit/s (slotted timings take the rate of each `transmission.completed`). */
  readonly serviceRate?: number;
  /** Seconds after the slot start at which the slot's grant reaches the device (slotted timings). */
  readonly grantOffset?: number;
  /** Encoding time per packet (drawn from `codec/u<i>`). */
  readonly codecTime?: LatencyModel;
  /** Emit a `packet.*` event per packet and stage (off: only the per-episode `packet.summary`). */
  readonly packetTrace?: boolean;
  /** The simulation's clock (`scheduler.now`): slot starts are read from it. */
  readonly now: () => number;
}

export interface TimedBufferContext {
  readonly input: TimedBufferInput;
  readonly queue: TimedQueue;
  task: number;
  codecRng: RandomStream | undefined;
  sizeRng: RandomStream | undefined;
  /** Arrival instants of the slot in progress, waiting for its transmission (next-slot timing). */
  pending: number[];
  /** Packet events of the step being processed (packet trace on). */
  readonly traced: Emitted[];
  /** Queue length the last `buffer.updated` reported. */
  reported: number;
  /**
   * Absolute time of the episode start. The queue works in time since then, on the exact
   * slot grid (slot k starts at k L), so its statistics do not depend on when the episode
   * runs (float rounding of large absolute times would change their last digits).
   */
  readonly origin: { start: number };
}

type TimedBufferEvent = KitEventOf<'traffic.arrived' | 'traffic.classified' | 'transmission.completed'> | KernelEvent<'episode.started' | 'episode.ended'>;

/** The packet event of one observer call (packet trace on). */
function packetEvent(user: number, start: number, kind: PacketEventKind, time: number, p: { id: number; task: number; generated: number }): Emitted {
  const at = start + time;
  switch (kind) {
    case 'arrived':
      return { type: 'packet.arrived', payload: { user, id: p.id, task: p.task }, at };
    case 'encoded':
      return { type: 'packet.encoded', payload: { user, id: p.id }, at };
    case 'delivered':
      return { type: 'packet.delivered', payload: { user, id: p.id, generated: start + p.generated, delay: time - p.generated }, at };
    case 'dropped':
      return { type: 'packet.dropped', payload: { user, id: p.id, generated: start + p.generated }, at };
  }
}

function check(i: TimedBufferInput): void {
  const where = `timed buffer ${i.user}`;
  if (!(i.slotLength > 0)) throw new RangeError(`${where}: slotLength must be > 0, got ${i.slotLength}`);
  if (i.arrivals === 'continuous' && !(i.serviceRate! > 0)) throw new RangeError(`${where}: continuous timing needs serviceRate > 0, got ${i.serviceRate}`);
  const g = i.grantOffset ?? 0;
  if (!(g >= 0 && Number.isFinite(g))) throw new RangeError(`${where}: grantOffset must be finite and >= 0, got ${g}`);
  checkLatency(i.codecTime ?? ZERO_LATENCY, `${where}: codecTime`);
}

function sizeOf(c: TimedBufferContext): number {
  const b = c.input.packetBits;
  return typeof b === 'number' ? b : c.sizeRng!.exponential(1 / b.exponentialMeanBits);
}

const codecOf = (c: TimedBufferContext) => (): number => drawLatency(c.input.codecTime ?? ZERO_LATENCY, c.codecRng);

function update(c: TimedBufferContext, cause: 'arrival' | 'transmission' | 'reset', accepted: number, dropped: number, delivered: number): Emitted {
  c.reported = c.queue.waiting;
  return { type: 'buffer.updated', payload: { user: c.input.user, queue: c.queue.waiting, accepted, dropped, delivered, cause } };
}

function summaryEvent(user: number, s: QueueSummary): Emitted {
  return { type: 'packet.summary', payload: { user, ...s } };
}

/** Admits `times` (ascending) into the queue; returns [accepted, dropped]. */
function admitAll(c: TimedBufferContext, times: readonly number[], rate?: number): [number, number] {
  let accepted = 0;
  let dropped = 0;
  for (const t of times) {
    if (rate !== undefined) c.queue.advance(t, rate, codecOf(c));
    const before = c.queue.waiting;
    const stored = c.queue.admit(t, c.task, sizeOf(c));
    if (stored) accepted++;
    if (!stored || c.queue.waiting === before) dropped++;
  }
  return [accepted, dropped];
}

const instants = (now: number, e: KitEventOf<'traffic.arrived'>): number[] => (e.payload.offsets ? e.payload.offsets.map((o) => now + o) : new Array<number>(e.payload.packets).fill(now));

/** Closes the episode's statistics window at `end` and returns its `packet.summary`. */
function close(c: TimedBufferContext, end: number): Emitted {
  return summaryEvent(c.input.user, c.queue.summary(end));
}

/**
 * A device buffer of timed packets (kit): the per-packet work of a slot (arrival instants,
 * admission, encoding, transmission, delivery instants, delays, age of information) runs in
 * one `TimedQueue` over typed arrays, at most two XState events per slot. With `packetTrace`
 * every packet's arrival, encoding, delivery or drop is also emitted as a `packet.*` event at
 * its own instant. Emits `buffer.updated` after each change like the count buffer, and once
 * per episode `packet.summary` (after the last slot's transmission; with `continuous` timing
 * when the episode ends).
 */
export const timedBufferMachine = setup({
  types: {
    context: {} as TimedBufferContext,
    events: {} as TimedBufferEvent,
    input: {} as TimedBufferInput,
    emitted: {} as Emitted,
  },
}).createMachine({
  id: 'timed-buffer',
  context: ({ input }) => {
    check(input);
    const traced: Emitted[] = [];
    const queue = new TimedQueue(input.capacity, input.discipline ?? 'fifo', input.dropPolicy ?? 'drop-newest');
    // Shared by reference: XState may hand actions a shallow copy of this context object.
    const origin = { start: 0 };
    if (input.packetTrace) queue.onPacket = (kind, time, p) => traced.push(packetEvent(input.user, origin.start, kind, time, p));
    return { input, queue, task: 0, codecRng: undefined, sizeRng: undefined, pending: [], traced, reported: 0, origin };
  },
  on: {
    'episode.started': {
      actions: enqueueActions(({ context: c, event, enqueue }) => {
        const root = new RootRandom(event.payload.seed);
        c.codecRng = root.stream(`codec/u${c.input.user}`);
        c.sizeRng = typeof c.input.packetBits === 'number' ? undefined : root.stream(`size/u${c.input.user}`);
        c.origin.start = c.input.now();
        c.queue.reset(0);
        c.pending = [];
        enqueue.emit(update(c, 'reset', 0, 0, 0));
      }),
    },
    'traffic.classified': {
      actions: ({ context, event }) => {
        if (event.payload.user === context.input.user) context.task = event.payload.task;
      },
    },
    'traffic.arrived': {
      actions: enqueueActions(({ context: c, event, enqueue }) => {
        const now = slotStart(c);
        const times = instants(now, event);
        if (c.input.arrivals === 'next-slot') {
          c.pending = times;
          return;
        }
        const rate = c.input.arrivals === 'continuous' ? c.input.serviceRate! : undefined;
        const delivered0 = deliveredSoFar(c);
        const [accepted, dropped] = admitAll(c, times, rate);
        if (rate !== undefined) {
          c.queue.advance(now + c.input.slotLength, rate, codecOf(c));
          c.queue.settle(now);
        }
        flush(c, enqueue.emit);
        enqueue.emit(update(c, 'arrival', accepted, dropped, deliveredSoFar(c) - delivered0));
      }),
    },
    'transmission.completed': {
      actions: enqueueActions(({ context: c, event, enqueue }) => {
        const i = c.input;
        if (i.arrivals === 'continuous') return;
        const u = i.user;
        const now = event.payload.slot * i.slotLength;
        const rate = event.payload.rate[u] ?? 0;
        const bits = event.payload.packetBits?.[u] ?? (typeof i.packetBits === 'number' ? i.packetBits : i.packetBits.exponentialMeanBits);
        const sent = c.queue.serveSlot({ start: now, length: i.slotLength, grantOffset: i.grantOffset ?? 0, rate, packetBits: bits, codecTime: codecOf(c) });
        const out: Emitted[] = [update(c, 'transmission', 0, 0, sent)];
        if (i.arrivals === 'next-slot') {
          const [accepted, dropped] = admitAll(c, c.pending);
          c.pending = [];
          out.push(update(c, 'arrival', accepted, dropped, 0));
        }
        c.queue.settle(now);
        for (const e of out) enqueue.emit(e);
        flush(c, enqueue.emit);
        if (event.payload.slot === i.slotsPerEpisode - 1) enqueue.emit(close(c, now + i.slotLength));
      }),
    },
    'episode.ended': {
      actions: enqueueActions(({ context: c, enqueue }) => {
        if (c.input.arrivals !== 'continuous') return;
        const end = slotStart(c) + c.input.slotLength;
        c.queue.advance(end, c.input.serviceRate!, codecOf(c));
        flush(c, enqueue.emit);
        enqueue.emit(close(c, end));
      }),
    },
  },
});

/** The current slot's start in time since the episode start (on the exact grid k L). */
function slotStart(c: TimedBufferContext): number {
  const L = c.input.slotLength;
  return Math.round((c.input.now() - c.origin.start) / L) * L;
}

/** Emits the packet events collected while processing (packet trace on). */
function flush(c: TimedBufferContext, emit: (e: Emitted) => void): void {
  for (const e of c.traced) emit(e);
  c.traced.length = 0;
}

function deliveredSoFar(c: TimedBufferContext): number {
  return c.queue.deliveredCount;
}
