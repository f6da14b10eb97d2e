/**
 * The packets a buffer holds, as parallel typed arrays in a ring (kit): one slot per packet
 * with its id, generation time, task, size and enqueue time. No object per packet: a toscn
 * run moves millions of packets, and the per-packet work stays in these arrays.
 */

/** The order in which a buffer serves its packets. */
export type ServiceDiscipline = 'fifo' | 'lifo';

/** One packet, copied out of the store (only where a caller needs its fields). */
export interface PacketRecord {
  id: number;
  generated: number;
  task: number;
  sizeBits: number;
  enqueued: number;
}

/** A fixed-capacity deque of packets over typed arrays. */
export class PacketStore {
  readonly id: Float64Array;
  readonly generated: Float64Array;
  readonly task: Int32Array;
  readonly sizeBits: Float64Array;
  readonly enqueued: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`packet store capacity must be an integer >= 0, got ${capacity}`);
    const n = Math.max(1, capacity);
    this.id = new Float64Array(n);
    this.generated = new Float64Array(n);
    this.task = new Int32Array(n);
    this.sizeBits = new Float64Array(n);
    this.enqueued = new Float64Array(n);
  }

  get size(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count >= this.capacity;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  /** Ring index of the k-th packet from the oldest (k = 0) to the newest (size - 1). */
  slotOf(k: number): number {
    return (this.head + k) % this.id.length;
  }

  /** Appends a packet at the newest end; false (nothing stored) when full. */
  push(id: number, generated: number, task: number, sizeBits: number, enqueued: number): boolean {
    if (this.count >= this.capacity) return false;
    const i = this.slotOf(this.count);
    this.id[i] = id;
    this.generated[i] = generated;
    this.task[i] = task;
    this.sizeBits[i] = sizeBits;
    this.enqueued[i] = enqueued;
    this.count++;
    return true;
  }

  /** Removes the oldest packet into `out`; false when empty. */
  shiftOldest(out: PacketRecord): boolean {
    if (this.count === 0) return false;
    this.copy(this.head, out);
    this.head = (this.head + 1) % this.id.length;
    this.count--;
    return true;
  }

  /** Removes the newest packet into `out`; false when empty. */
  popNewest(out: PacketRecord): boolean {
    if (this.count === 0) return false;
    this.copy(this.slotOf(this.count - 1), out);
    this.count--;
    return true;
  }

  /** Removes the next packet to serve under `discipline` (FIFO: oldest; LIFO: newest). */
  take(discipline: ServiceDiscipline, out: PacketRecord): boolean {
    return discipline === 'lifo' ? this.popNewest(out) : this.shiftOldest(out);
  }

  private copy(i: number, out: PacketRecord): void {
    out.id = this.id[i];
    out.generated = this.generated[i];
    out.task = this.task[i];
    out.sizeBits = this.sizeBits[i];
    out.enqueued = this.enqueued[i];
  }
}

/** A blank record to reuse as the `out` argument. */
export function blankPacket(): PacketRecord {
  return { id: 0, generated: 0, task: 0, sizeBits: 0, enqueued: 0 };
}
