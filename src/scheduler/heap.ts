/**
 * Binary min-heap of integer handles keyed by (time, phase, seq), keys kept in typed
 * arrays. The heap array holds slot indices; keys and items live in parallel arrays indexed
 * by slot, and freed slots are recycled, so steady-state scheduling allocates nothing.
 * `seq` is unique and increasing, so the order is total and never depends on insertion
 * order of equal keys or on Map iteration.
 */
export class EventHeap<T> {
  private times: Float64Array;
  private phases: Float64Array;
  private seqs: Float64Array;
  private items: (T | undefined)[];
  private heap: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private nextSlot = 0;
  private count = 0;
  private seqCounter = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity);
    this.times = new Float64Array(cap);
    this.phases = new Float64Array(cap);
    this.seqs = new Float64Array(cap);
    this.items = new Array<T | undefined>(cap);
    this.heap = new Int32Array(cap);
    this.freeSlots = new Int32Array(cap);
  }

  get size(): number {
    return this.count;
  }

  /** Sequence number the next `push` will get. */
  get nextSeq(): number {
    return this.seqCounter;
  }

  /** Inserts an item; returns its sequence number. */
  push(time: number, phase: number, item: T): number {
    if (this.count === this.heap.length) this.grow();
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.nextSlot++;
    const seq = this.seqCounter++;
    this.times[slot] = time;
    this.phases[slot] = phase;
    this.seqs[slot] = seq;
    this.items[slot] = item;
    this.siftUp(this.count++, slot);
    return seq;
  }

  /** Time of the earliest item (Infinity when empty). */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.times[this.heap[0]];
  }

  /** Phase rank of the earliest item (Infinity when empty). */
  peekPhase(): number {
    return this.count === 0 ? Infinity : this.phases[this.heap[0]];
  }

  /**
   * Removes the earliest item and reports its keys through `out` (time, phase, seq),
   * avoiding a tuple allocation per pop.
   */
  pop(out: { time: number; phase: number; seq: number }): T | undefined {
    if (this.count === 0) return undefined;
    const heap = this.heap;
    const top = heap[0];
    out.time = this.times[top];
    out.phase = this.phases[top];
    out.seq = this.seqs[top];
    const item = this.items[top];
    this.items[top] = undefined;
    this.freeSlots[this.freeCount++] = top;
    const last = heap[--this.count];
    if (this.count > 0) this.siftDown(0, last);
    return item;
  }

  clear(): void {
    this.items.fill(undefined);
    this.count = 0;
    this.freeCount = 0;
    this.nextSlot = 0;
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a];
    const tb = this.times[b];
    if (ta !== tb) return ta < tb;
    const pa = this.phases[a];
    const pb = this.phases[b];
    if (pa !== pb) return pa < pb;
    return this.seqs[a] < this.seqs[b];
  }

  private siftUp(pos: number, slot: number): void {
    const heap = this.heap;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const p = heap[parent];
      if (!this.less(slot, p)) break;
      heap[pos] = p;
      pos = parent;
    }
    heap[pos] = slot;
  }

  private siftDown(pos: number, slot: number): void {
    const heap = this.heap;
    const n = this.count;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.less(heap[right], heap[child])) child = right;
      if (!this.less(heap[child], slot)) break;
      heap[pos] = heap[child];
      pos = child;
    }
    heap[pos] = slot;
  }

  private grow(): void {
    const cap = this.heap.length * 2;
    const resize = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.times = resize(this.times);
    this.phases = resize(this.phases);
    this.seqs = resize(this.seqs);
    const heap = new Int32Array(cap);
    heap.set(this.heap);
    this.heap = heap;
    const free = new Int32Array(cap);
    free.set(this.freeSlots);
    this.freeSlots = free;
    this.items.length = cap;
  }
}
