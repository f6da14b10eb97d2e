/**
 * Packet sizes and device buffer dynamics of the "toscn" scenario (003 eqs. (12), (18)-(20)).
 *
 * One slot of a buffer runs in this order, and nothing else touches the queue:
 *   1. transmit: `v = min(floor(L R / b_hat), queue)` packets leave (eq. (19));
 *   2. arrivals: the slot's `arrivals` packets join the queue;
 *   3. overflow: whatever exceeds `v_max` is dropped and counted (eq. (20)).
 * Hence `arrivals = delivered + dropped + (queue' - queue)` holds exactly, and packets that
 * arrive in a slot can only leave in a later slot. The toscn actors follow this order by
 * default (`timing.packets: next-slot`, the kit's timed buffer); `same-slot` is semsim 0.1's
 * order (arrivals first), kept as an option.
 */
import type { BitPerSecond, Bits, Seconds } from '../../units.ts';
import { bits } from '../../units.ts';

/** Buffer parameters of 003 Table I. */
export interface BufferConfig {
  /** Slot length `L` (003 Table I: 200 ms). */
  readonly slotLength: Seconds;
  /** Buffer capacity `v_max` in packets (003 Table I: 6). */
  readonly capacity: number;
}

/** Counts produced by one slot of {@link stepBuffers}, one entry per device. */
export interface BufferStepResult {
  /** Packets delivered to the base station this slot (`v`, eq. (19)). */
  readonly delivered: Int32Array;
  /** Arrivals dropped because the buffer was full (the overflow cut by eq. (20)). */
  readonly dropped: Int32Array;
  /** Queue length at the start of the next slot (`queue'`, eq. (20)). */
  readonly queue: Int32Array;
}

/** Compressed packet size `b_hat = (1 - eta) b` (003 eq. (12)); `eta` must be in [0, 1). */
export function compressedPacketBits(eta: number, packetBits: Bits): Bits {
  if (!(eta >= 0 && eta < 1)) throw new RangeError(`compression ratio eta must be in [0, 1), got ${eta}`);
  if (!(packetBits > 0 && Number.isFinite(packetBits))) throw new RangeError(`packet size must be finite and > 0, got ${packetBits}`);
  return bits((1 - eta) * packetBits);
}

/**
 * Whole packets the link can carry in one slot, `floor(L R / b_hat)` (003 eqs. (18)-(19)),
 * ignoring the queue. Computed as `floor((L * R) / b_hat)` in double precision; an infinite
 * rate gives `Infinity`.
 */
export function packetCapacity(slotLength: Seconds, rate: BitPerSecond, packetBits: Bits): number {
  if (!(rate >= 0)) throw new RangeError(`rate must be >= 0, got ${rate}`);
  if (!(packetBits > 0)) throw new RangeError(`packet size must be > 0, got ${packetBits}`);
  if (!(slotLength >= 0 && Number.isFinite(slotLength))) throw new RangeError(`slot length must be finite and >= 0, got ${slotLength}`);
  return Math.floor((slotLength * rate) / packetBits);
}

/** Packets delivered in a slot, `v = min(floor(L R / b_hat), queue)` (003 eq. (19)). */
export function deliveredPackets(slotLength: Seconds, rate: BitPerSecond, packetBits: Bits, queue: number): number {
  return Math.min(packetCapacity(slotLength, rate, packetBits), queue);
}

/**
 * One slot of every device's buffer (003 eqs. (19)-(20)), vectorised over devices in the
 * order transmit -> arrivals -> overflow drop (see the module comment).
 *
 * @param queue     queue lengths at the slot start, integers in [0, capacity]
 * @param rate      achieved rate `R` per device, bit/s (>= 0; `Infinity` empties the queue)
 * @param packetBits compressed packet size `b_hat` per device, bits (> 0)
 * @param arrivals  packets arriving during the slot per device (integers >= 0)
 * @param out       optional preallocated result arrays (may alias nothing in the inputs
 *                  except `out.queue === queue`, which updates the queue in place)
 */
export function stepBuffers(
  queue: Int32Array,
  rate: Float64Array,
  packetBits: Float64Array,
  arrivals: Int32Array,
  config: BufferConfig,
  out?: BufferStepResult,
): BufferStepResult {
  const n = queue.length;
  if (rate.length !== n || packetBits.length !== n || arrivals.length !== n) {
    throw new RangeError(`stepBuffers: lengths differ (queue ${n}, rate ${rate.length}, packetBits ${packetBits.length}, arrivals ${arrivals.length})`);
  }
  const vMax = config.capacity;
  if (!Number.isInteger(vMax) || vMax < 0) throw new RangeError(`buffer capacity must be an integer >= 0, got ${vMax}`);
  const res = out ?? { delivered: new Int32Array(n), dropped: new Int32Array(n), queue: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    const q = queue[i];
    if (q < 0 || q > vMax) throw new RangeError(`queue[${i}] = ${q} is outside [0, ${vMax}]`);
    const a = arrivals[i];
    if (a < 0) throw new RangeError(`arrivals[${i}] = ${a} is negative`);
    const v = Math.min(packetCapacity(config.slotLength, rate[i] as BitPerSecond, packetBits[i] as Bits), q);
    const filled = q - v + a;
    const kept = Math.min(filled, vMax);
    res.delivered[i] = v;
    res.dropped[i] = filled - kept;
    res.queue[i] = kept;
  }
  return res;
}
