import { blankPacket, PacketStore, type PacketRecord, type ServiceDiscipline } from './packet-store.ts';
import { AgeOfInformation, Samples, StepIntegral } from './packet-stats.ts';

/** What a full buffer loses: the arriving packet (drop-newest, 003 eq. 20) or the oldest waiting one. */
export type DropPolicy = 'drop-newest' | 'drop-oldest';

/** A packet's life event, reported to `onPacket` (the buffer turns them into `packet.*` trace events). */
export type PacketEventKind = 'arrived' | 'encoded' | 'delivered' | 'dropped';

/** Observer of packet events; `time` is the event's own instant. */
export type PacketObserver = (kind: PacketEventKind, time: number, packet: Readonly<PacketRecord>) => void;

/** One slot of service under 003 eq. 19's rule (what `serveSlot` needs). */
export interface SlotService {
  /** Slot start t0, seconds. */
  readonly start: number;
  /** Slot length L, seconds. */
  readonly length: number;
  /** When the slot's grant reaches the device, seconds after t0 (decision computation + signalling). */
  readonly grantOffset: number;
  /** Link rate in force, bit/s. */
  readonly rate: number;
  /** Bits each packet is sent with this slot (003 eq. 12's compressed size). */
  readonly packetBits: number;
  /** Draws one packet's encoding time, seconds (called once per packet tried). */
  readonly codecTime: () => number;
}

/** A percentile summary of delays, seconds (null without samples). */
export interface DelaySummary {
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

/** What a queue saw over a window (an episode). */
export interface QueueSummary {
  readonly arrived: number;
  readonly accepted: number;
  readonly dropped: number;
  readonly delivered: number;
  /** Packets still held at the window's end (waiting or in service). */
  readonly held: number;
  /** dropped / arrived (0 without arrivals). */
  readonly dropProbability: number;
  /** Arrival to the start of service (encoding), delivered packets. */
  readonly queueing: DelaySummary;
  /** Generation to the instant the last bit is received, delivered packets. */
  readonly endToEnd: DelaySummary;
  /** Time-average age of information at the receiver over the window (exact sawtooth), seconds. */
  readonly ageOfInformation: number;
  /** Time-average number of packets in the system (waiting or in service), from the step function N(t). */
  readonly meanInSystem: number;
  /** Accepted packets per second of the window. */
  readonly acceptedRate: number;
  /** Mean time in the system of accepted packets, those still held counted up to the window's end. */
  readonly meanSojourn: number;
  /** Window length, seconds. */
  readonly window: number;
}

const PERCENTILES = [0.5, 0.95, 0.99] as const;

function delaySummary(s: Samples): DelaySummary {
  if (s.length === 0) return { mean: null, p50: null, p95: null, p99: null };
  const [p50, p95, p99] = s.percentiles(PERCENTILES);
  return { mean: s.mean(), p50, p95, p99 };
}

/**
 * A buffer of timed packets and its server (kit; pure, no actor): packets are admitted at
 * their own instants, served in FIFO or LIFO order, and delivered when their last bit leaves.
 * Two service rules:
 * - `serveSlot`: 003 eq. 19 with time in it. The slot's grant arrives `grantOffset` after t0;
 *   each packet is encoded (sequentially, `codecTime` each, pipelined with transmission) and
 *   sent at the rate in force; it leaves in this slot only if its last bit does. With no
 *   latencies exactly `min(floor(L R / b_hat), queue)` packets leave (eq. 19).
 * - `advance`: a work-conserving single server across slot boundaries (encoding then
 *   transmission of the packet's own size), for queueing models such as M/M/1.
 * Statistics over the window since `reset`: delays, drops, the time-average age of
 * information at the receiver and the time-average number in the system.
 */
export class TimedQueue {
  readonly store: PacketStore;
  private nextId = 0;
  private windowStart = 0;
  private arrived = 0;
  private accepted = 0;
  private dropped = 0;
  private delivered = 0;
  private sojourn = 0;
  private readonly queueing = new Samples();
  private readonly endToEnd = new Samples();
  private readonly inSystem = new StepIntegral();
  private readonly age = new AgeOfInformation();
  private readonly scratch = blankPacket();
  private readonly evicted = blankPacket();
  // Work-conserving server state (`advance`).
  private busy = false;
  private readonly current = blankPacket();
  private currentStart = 0;
  private finishAt = 0;
  private serverFree = 0;

  constructor(
    capacity: number,
    readonly discipline: ServiceDiscipline = 'fifo',
    readonly dropPolicy: DropPolicy = 'drop-newest',
    /** Told about every packet event (only when someone traces them). */
    public onPacket?: PacketObserver,
  ) {
    this.store = new PacketStore(capacity);
  }

  /** Packets delivered since the window started. */
  get deliveredCount(): number {
    return this.delivered;
  }

  /** Packets waiting (not in service). */
  get waiting(): number {
    return this.store.size;
  }

  /** Empties the queue and starts a statistics window at `start`. */
  reset(start: number): void {
    this.store.clear();
    this.nextId = 0;
    this.windowStart = start;
    this.arrived = this.accepted = this.dropped = this.delivered = 0;
    this.sojourn = 0;
    this.queueing.clear();
    this.endToEnd.clear();
    this.inSystem.reset(start);
    this.age.reset(start);
    this.busy = false;
    this.serverFree = start;
  }

  /**
   * A packet generated at `time` arrives. Full buffer: drop-newest refuses it; drop-oldest
   * evicts the oldest waiting packet to make room. Returns true when it was stored.
   */
  admit(time: number, task: number, sizeBits: number): boolean {
    const id = this.nextId++;
    this.arrived++;
    const p = this.scratch;
    p.id = id;
    p.generated = time;
    p.task = task;
    p.sizeBits = sizeBits;
    p.enqueued = time;
    this.onPacket?.('arrived', time, p);
    if (this.store.full && this.dropPolicy === 'drop-oldest' && this.store.size > 0) {
      this.store.shiftOldest(this.evicted);
      this.dropped++;
      this.sojourn += time - this.evicted.enqueued;
      this.inSystem.change(time, -1);
      this.onPacket?.('dropped', time, this.evicted);
    }
    if (!this.store.push(id, time, task, sizeBits, time)) {
      this.dropped++;
      this.onPacket?.('dropped', time, p);
      return false;
    }
    this.accepted++;
    this.inSystem.change(time, +1);
    return true;
  }

  /** Records a delivery (shared by both service rules). */
  private deliver(p: Readonly<PacketRecord>, serviceStart: number, encodedAt: number, at: number): void {
    this.delivered++;
    this.queueing.push(serviceStart - p.enqueued);
    this.endToEnd.push(at - p.generated);
    this.sojourn += at - p.enqueued;
    this.inSystem.change(at, -1);
    this.age.receive(at, p.generated);
    if (this.onPacket) {
      this.onPacket('encoded', encodedAt, p);
      this.onPacket('delivered', at, p);
    }
  }

  /**
   * One slot of 003 eq. 19 with latencies (see the class comment); returns the packets that
   * left. Packet k (1-based) leaves at `t0 + I_k + k b_hat / R`, where `I_k` is the time the
   * link stood idle before it (waiting for the grant and the encoder), and only if
   * `k <= (L - I_k) R / b_hat`: with `I_k = 0` this is `k <= floor(L R / b_hat)`, eq. 19.
   */
  serveSlot(s: SlotService): number {
    const t0 = s.start;
    const perPacket = s.packetBits / s.rate;
    let idle = 0;
    let sent = 0;
    let encoderFree = t0 + s.grantOffset;
    let linkFree = t0;
    const p = this.scratch;
    while (this.store.size > 0) {
      const encodeStart = encoderFree;
      const encoded = encodeStart + s.codecTime();
      const idleNext = idle + Math.max(0, encoded - linkFree);
      if (!(sent + 1 <= ((s.length - idleNext) * s.rate) / s.packetBits)) break;
      this.store.take(this.discipline, p);
      idle = idleNext;
      sent++;
      encoderFree = encoded;
      const at = t0 + idle + (s.rate === Infinity ? 0 : sent * perPacket);
      linkFree = at;
      this.deliver(p, encodeStart, encoded, at);
    }
    return sent;
  }

  /**
   * Runs the work-conserving server up to `until`: a packet's service is its encoding time
   * plus `sizeBits / rate`. Call it with each arrival's instant before `admit`, and with the
   * window's end before `summary`.
   */
  advance(until: number, rate: number, codecTime: () => number): void {
    for (;;) {
      if (!this.busy) {
        if (this.store.size === 0) return;
        const start = Math.max(this.serverFree, this.oldestEnqueue());
        if (start > until) return;
        this.store.take(this.discipline, this.current);
        this.busy = true;
        this.currentStart = start;
        this.finishAt = start + codecTime() + this.current.sizeBits / rate;
      }
      if (this.finishAt > until) return;
      this.busy = false;
      this.serverFree = this.finishAt;
      // Encoding ends where transmission starts: finish minus the transmission time.
      this.deliver(this.current, this.currentStart, this.finishAt - this.current.sizeBits / rate, this.finishAt);
    }
  }

  private oldestEnqueue(): number {
    return this.discipline === 'lifo' ? this.store.enqueued[this.store.slotOf(this.store.size - 1)] : this.store.enqueued[this.store.slotOf(0)];
  }

  /** The window [reset, end]: packets still held count their time up to `end`. */
  summary(end: number): QueueSummary {
    const window = end - this.windowStart;
    let residual = 0;
    for (let k = 0; k < this.store.size; k++) residual += end - this.store.enqueued[this.store.slotOf(k)];
    const held = this.store.size + (this.busy ? 1 : 0);
    if (this.busy) residual += end - this.current.enqueued;
    this.inSystem.integrateTo(end);
    return {
      arrived: this.arrived,
      accepted: this.accepted,
      dropped: this.dropped,
      delivered: this.delivered,
      held,
      dropProbability: this.arrived ? this.dropped / this.arrived : 0,
      queueing: delaySummary(this.queueing),
      endToEnd: delaySummary(this.endToEnd),
      ageOfInformation: this.age.averageTo(end),
      meanInSystem: window > 0 ? this.inSystem.area / window : 0,
      acceptedRate: window > 0 ? this.accepted / window : 0,
      meanSojourn: this.accepted ? (this.sojourn + residual) / this.accepted : 0,
      window,
    };
  }

  /** Folds N(t) up to `time` (keeps the pending change list short in long windows). */
  settle(time: number): void {
    this.inSystem.integrateTo(time);
  }
}
