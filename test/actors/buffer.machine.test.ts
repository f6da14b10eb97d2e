import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createActor, type Actor } from 'xstate';
import { bufferMachine, type BufferUpdate, type DropPolicy } from '../../src/actors/buffer.machine.ts';

/**
 * The model is deliberately naive: a FIFO of packet ids moved one packet at a time, with
 * counters bumped per packet. The machine does the same with min/max arithmetic (003 eqs.
 * 19-20); agreement after every command is the test.
 */
interface Model {
  readonly capacity: number;
  readonly policy: DropPolicy;
  packets: number[];
  nextId: number;
  arrived: number;
  delivered: number;
  dropped: number;
  last: Omit<BufferUpdate, 'user'>;
}

interface Real {
  readonly user: number;
  readonly actor: Actor<typeof bufferMachine>;
  readonly emitted: BufferUpdate[];
}

type Cmd = fc.Command<Model, Real>;

function check(m: Model, r: Real): void {
  expect(r.emitted).toHaveLength(1);
  expect(r.emitted.pop()).toEqual({ user: r.user, ...m.last });
  const ctx = r.actor.getSnapshot().context;
  expect({ queue: ctx.queue, arrived: ctx.arrived, delivered: ctx.delivered, dropped: ctx.dropped }).toEqual({
    queue: m.packets.length,
    arrived: m.arrived,
    delivered: m.delivered,
    dropped: m.dropped,
  });
  expect(ctx.queue).toBeGreaterThanOrEqual(0);
  expect(ctx.queue).toBeLessThanOrEqual(m.capacity);
  // Conservation since the last reset: arrived = delivered + dropped + queued.
  expect(ctx.arrived).toBe(ctx.delivered + ctx.dropped + ctx.queue);
}

class Arrive implements Cmd {
  constructor(readonly n: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    let accepted = 0;
    let dropped = 0;
    const first = m.nextId;
    for (let i = 0; i < this.n; i++) {
      if (m.packets.length < m.capacity) {
        m.packets.push(m.nextId++);
        accepted++;
      } else if (m.policy === 'drop-oldest') {
        // The head leaves, the arrival joins the tail.
        m.packets.shift();
        m.packets.push(m.nextId++);
        dropped++;
      } else dropped++;
    }
    // Arrivals of this command still queued (drop-oldest may push out its own first ones).
    if (m.policy === 'drop-oldest') accepted = m.packets.filter((id) => id >= first).length;
    m.arrived += this.n;
    m.dropped += dropped;
    m.last = { queue: m.packets.length, accepted, dropped, delivered: 0, cause: 'arrival' };
    r.actor.send({ type: 'traffic.arrived', payload: { user: r.user, packets: this.n } });
    check(m, r);
  }
  toString = (): string => `Arrive(${this.n})`;
}

class Transmit implements Cmd {
  /** `others` fills the grants of the other users, which this buffer must ignore. */
  constructor(
    readonly capacity: number,
    readonly others: number,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    let sent = 0;
    while (sent < this.capacity && m.packets.length > 0) {
      m.packets.shift();
      sent++;
    }
    m.delivered += sent;
    m.last = { queue: m.packets.length, accepted: 0, dropped: 0, delivered: sent, cause: 'transmission' };
    const delivered = Array.from({ length: r.user + 3 }, (_, u) => (u === r.user ? this.capacity : this.others));
    r.actor.send({ type: 'transmission.completed', payload: { slot: 0, rate: delivered.map(() => 1e6), capacity: delivered, delivered } });
    check(m, r);
  }
  toString = (): string => `Transmit(${this.capacity})`;
}

class Reset implements Cmd {
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    m.packets = [];
    m.arrived = m.delivered = m.dropped = 0;
    m.last = { queue: 0, accepted: 0, dropped: 0, delivered: 0, cause: 'reset' };
    r.actor.send({ type: 'episode.started', payload: { episode: 1, seed: 2 } });
    check(m, r);
  }
  toString = (): string => 'Reset';
}

const commands = [
  fc.integer({ min: 0, max: 12 }).map((n) => new Arrive(n)),
  fc
    .tuple(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constant(Number.MAX_SAFE_INTEGER)), fc.integer({ min: 0, max: 50 }))
    .map(([c, o]) => new Transmit(c, o)),
  fc.constant(new Reset()),
];

function start(user: number, capacity: number, dropPolicy?: DropPolicy): Real {
  const actor = createActor(bufferMachine, { input: dropPolicy ? { user, capacity, dropPolicy } : { user, capacity } }).start();
  const emitted: BufferUpdate[] = [];
  actor.on('buffer.updated', (e) => emitted.push(e.payload as BufferUpdate));
  return { user, actor, emitted };
}

describe('buffer actor (model-based, fc.commands)', () => {
  it('agrees with a FIFO-of-packets model on queue, accepted, dropped and delivered after every command (both drop policies)', () => {
    const policy = fc.constantFrom<DropPolicy | undefined>(undefined, 'drop-newest', 'drop-oldest');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 10 }), policy, fc.commands(commands, { maxCommands: 60 }), (user, capacity, dropPolicy, cmds) => {
        const real = start(user, capacity, dropPolicy);
        const model: Model = {
          capacity,
          policy: dropPolicy ?? 'drop-newest',
          packets: [],
          nextId: 0,
          arrived: 0,
          delivered: 0,
          dropped: 0,
          last: { queue: 0, accepted: 0, dropped: 0, delivered: 0, cause: 'reset' },
        };
        fc.modelRun(() => ({ model, real }), cmds);
        real.actor.stop();
      }),
      { numRuns: 300 },
    );
  });

  it('starts empty with the reset record and emits nothing until it receives an event', () => {
    const r = start(3, 6);
    expect(r.emitted).toEqual([]);
    expect(r.actor.getSnapshot().context.last).toEqual({ user: 3, queue: 0, accepted: 0, dropped: 0, delivered: 0, cause: 'reset' });
  });

  it('fills to v_max = 6 and drops the overflow (003 eq. 20 by hand: 4 + 5 arrivals -> 6 kept, 3 dropped)', () => {
    const r = start(0, 6);
    r.actor.send({ type: 'traffic.arrived', payload: { user: 0, packets: 4 } });
    r.actor.send({ type: 'traffic.arrived', payload: { user: 0, packets: 5 } });
    expect(r.emitted.map((e) => [e.queue, e.accepted, e.dropped])).toEqual([
      [4, 4, 0],
      [6, 2, 3],
    ]);
  });

  it('drop-oldest keeps the newest packets: 4 + 5 arrivals into v_max = 6 -> 6 kept, 3 dropped, all 5 new ones queued', () => {
    const r = start(0, 6, 'drop-oldest');
    r.actor.send({ type: 'traffic.arrived', payload: { user: 0, packets: 4 } });
    r.actor.send({ type: 'traffic.arrived', payload: { user: 0, packets: 5 } });
    r.actor.send({ type: 'traffic.arrived', payload: { user: 0, packets: 9 } });
    expect(r.emitted.map((e) => [e.queue, e.accepted, e.dropped])).toEqual([
      [4, 4, 0],
      [6, 5, 3],
      [6, 6, 9],
    ]);
  });
});
