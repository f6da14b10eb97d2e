/**
 * Binary min-heap keyed by (time, phase, seq). Keys live in heap order in typed arrays, so a
 * sift reads contiguous memory like a bare typed-array heap: `time` in one Float64Array and
 * `phase` and `seq` packed into a second one (`phase * 2^44 + seq`, exact in a double for
 * phase ranks below 2^8 and up to 2^44 ~ 1.8e13 schedules). Items sit in a slot array with a
 * free list, so steady-state scheduling allocates nothing. `seq` is unique and increasing,
 * so the order is total and never depends on insertion order of equal keys or on Map order.
 */
const SEQ_SPAN = 2 ** 44;
const MAX_PHASE = 2 ** 8;

export class EventHeap<T> {
  private times: Float64Array;
  private orders: Float64Array;
  private slots: Int32Array;
  private items: (T | undefined)[];
  private freeSlots: Int32Array;
  private freeCount = 0;
  private nextSlot = 0;
  private count = 0;
  private seqCounter = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity);
    this.times = new Float64Array(cap);
    this.orders = new Float64Array(cap);
    this.slots = new Int32Array(cap);
    this.items = new Array<T | undefined>(cap);
    this.freeSlots = new Int32Array(cap);
  }

  get size(): number {
    return this.count;
  }

  /** Sequence number the next `push` will get. */
  get nextSeq(): number {
    return this.seqCounter;
  }

  /** Continues numbering at `seq` (restoring a simulation's position between episodes). */
  set nextSeq(seq: number) {
    this.seqCounter = seq;
  }

  /** Inserts an item; returns its sequence number. */
  push(time: number, phase: number, item: T): number {
    if (!(phase >= 0 && phase < MAX_PHASE)) throw new RangeError(`phase rank must be in [0, ${MAX_PHASE}), got ${phase}`);
    if (this.count === this.times.length) this.grow();
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.nextSlot++;
    const seq = this.seqCounter++;
    this.items[slot] = item;
    const order = phase * SEQ_SPAN + seq;
    const times = this.times;
    const orders = this.orders;
    const slots = this.slots;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && orders[parent] < order)) break;
      times[i] = pt;
      orders[i] = orders[parent];
      slots[i] = slots[parent];
      i = parent;
    }
    times[i] = time;
    orders[i] = order;
    slots[i] = slot;
    return seq;
  }

  /** Time of the earliest item (Infinity when empty). */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.times[0];
  }

  /** Phase rank of the earliest item (Infinity when empty). */
  peekPhase(): number {
    return this.count === 0 ? Infinity : Math.floor(this.orders[0] / SEQ_SPAN);
  }

  /**
   * Removes the earliest item and reports its keys through `out` (time, phase, seq),
   * avoiding a tuple allocation per pop.
   */
  pop(out: { time: number; phase: number; seq: number }): T | undefined {
    if (this.count === 0) return undefined;
    const times = this.times;
    const orders = this.orders;
    const slots = this.slots;
    out.time = times[0];
    const order = orders[0];
    out.phase = Math.floor(order / SEQ_SPAN);
    out.seq = order - out.phase * SEQ_SPAN;
    const slot = slots[0];
    const item = this.items[slot];
    this.items[slot] = undefined;
    this.freeSlots[this.freeCount++] = slot;
    const n = --this.count;
    if (n > 0) {
      // Sift the last entry down from the root.
      const t = times[n];
      const o = orders[n];
      const sl = slots[n];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        const r = c + 1;
        if (r < n && (times[r] < times[c] || (times[r] === times[c] && orders[r] < orders[c]))) c = r;
        if (t < times[c] || (t === times[c] && o < orders[c])) break;
        times[i] = times[c];
        orders[i] = orders[c];
        slots[i] = slots[c];
        i = c;
      }
      times[i] = t;
      orders[i] = o;
      slots[i] = sl;
    }
    return item;
  }

  clear(): void {
    this.items.fill(undefined);
    this.count = 0;
    this.freeCount = 0;
    this.nextSlot = 0;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const grow64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const grow32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.times = grow64(this.times);
    this.orders = grow64(this.orders);
    this.slots = grow32(this.slots);
    this.freeSlots = grow32(this.freeSlots);
    this.items.length = cap;
  }
}
