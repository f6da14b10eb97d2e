import { describe, it, expect, vi, onTestFinished } from 'vitest';
import { emit, setup } from 'xstate';
import { z } from 'zod';
import { ActorSystem, listensOf, type Emitted } from '../../src/actors/system.ts';
import { Simulation } from '../../src/actors/simulation.ts';
import { defineEvents, type AnyEvent, type PhaseTick } from '../../src/events/index.ts';

/** A small catalogue for the unit tests: a ping, an echo, and a report that inherits its phase. */
const EVENTS = defineEvents({
  'test.ping': { phase: 'channel', payload: z.object({ n: z.number() }) },
  'test.echo': { phase: 'inherit', payload: z.object({ n: z.number(), from: z.string() }) },
  'test.other': { phase: 'traffic', payload: z.object({ n: z.number() }) },
});

type Ping = { type: 'test.ping'; payload: { n: number } };
type Other = { type: 'test.other'; payload: { n: number } };

/** Echoes every ping; at a tick echoes what its inbox held (n summed) and the tick's phase; fails on n < 0. */
const echo = setup({
  types: { context: {} as { name: string; got: string[] }, events: {} as Ping | Other | PhaseTick, input: {} as { name: string }, emitted: {} as Emitted },
}).createMachine({
  context: ({ input }) => ({ name: input.name, got: [] }),
  on: {
    'test.ping': {
      actions: [
        ({ context, event }) => {
          if (event.payload.n < 0) throw new Error(`negative ping ${event.payload.n}`);
          context.got.push(`ping ${event.payload.n}`);
        },
        emit(({ context, event }): Emitted => ({ type: 'test.echo', payload: { n: event.payload.n, from: context.name } })),
      ],
    },
    'test.other': { actions: ({ context, event }) => void context.got.push(`other ${event.payload.n}`) },
    tick: {
      actions: ({ context, event }) => {
        const inbox = (event.inbox ?? []) as readonly AnyEvent[];
        context.got.push(`tick ${event.phase}/${event.slot} [${inbox.map((e) => `${e.type}:${(e.payload as { n: number }).n}`).join(',')}]`);
      },
    },
  },
});

function sim(): Simulation {
  return new Simulation({ slotLength: 1, slotsPerEpisode: 2, events: [EVENTS] });
}

const got = (s: Simulation, id: string): string[] => (s.system.get(id)!.getSnapshot() as { context: { got: string[] } }).context.got;

describe('ActorSystem', () => {
  it('derives listens from the machine: its event types, less tick and xstate internals', () => {
    expect(listensOf(echo).sort()).toEqual(['test.other', 'test.ping']);
  });

  it('spawns, delivers what an actor listens to, and queues what it emits on the scheduler', () => {
    const s = sim();
    s.system.spawn('a', echo, { name: 'a' });
    expect(s.system.ids).toEqual(['a']);
    const echoes: unknown[] = [];
    s.scheduler.on(['test.echo'], (e, env) => echoes.push([env.actor, env.phase, e.payload]));
    s.scheduler.emit('x', { type: 'test.ping', payload: { n: 1 } });
    s.scheduler.emit('x', { type: 'test.other', payload: { n: 2 } });
    s.scheduler.run();
    expect(got(s, 'a')).toEqual(['ping 1', 'other 2']);
    expect(echoes).toEqual([['a', 'channel', { n: 1, from: 'a' }]]);
    expect(s.system.sends).toBe(2);
  });

  it('refuses a taken id and an unknown event type, naming them', () => {
    const s = sim();
    s.system.spawn('a', echo, { name: 'a' });
    expect(() => s.system.spawn('a', echo, { name: 'b' })).toThrow(/actor id 'a' is already taken/);
    expect(() => s.system.spawn('b', echo, { name: 'b' }, { listens: ['test.nope'] })).toThrow(/unknown event type 'test.nope'/);
  });

  it('filters with accepts before delivery: refused events cost no send', () => {
    const s = sim();
    s.system.spawn('even', echo, { name: 'even' }, { accepts: (e) => (e.payload as { n: number }).n % 2 === 0 });
    for (let n = 0; n < 5; n++) s.scheduler.emit('x', { type: 'test.ping', payload: { n } });
    s.scheduler.run();
    expect(got(s, 'even')).toEqual(['ping 0', 'ping 2', 'ping 4']);
    expect(s.system.sends).toBe(3);
  });

  it('ticks an actor at the start of its phases in every slot, and counts each tick as a send', () => {
    const s = sim();
    s.system.spawn('a', echo, { name: 'a' }, { listens: [], ticks: ['channel', 'reward'] });
    s.clock.startEpisode(0, 1);
    s.scheduler.run();
    expect(got(s, 'a')).toEqual(['tick channel/0 []', 'tick reward/0 []', 'tick channel/1 []', 'tick reward/1 []']);
    expect(s.system.sends).toBe(4);
  });

  it('batches inbox types: held in order and handed over with the next tick in one send', () => {
    const s = sim();
    s.system.spawn('a', echo, { name: 'a' }, { ticks: ['reward'], inbox: ['test.ping'] });
    // Pings in slot 0 (channel phase) and slot 1; test.other stays direct.
    s.clock.startEpisode(0, 1);
    s.scheduler.emitAt('x', { type: 'test.ping', payload: { n: 1 } }, 0);
    s.scheduler.emitAt('x', { type: 'test.ping', payload: { n: 2 } }, 0);
    s.scheduler.emitAt('x', { type: 'test.other', payload: { n: 3 } }, 0);
    s.scheduler.emitAt('x', { type: 'test.ping', payload: { n: 4 } }, 1);
    s.scheduler.run();
    expect(got(s, 'a')).toEqual(['other 3', 'tick reward/0 [test.ping:1,test.ping:2]', 'tick reward/1 [test.ping:4]']);
    // One direct event and two ticks: the three pings cost no send of their own.
    expect(s.system.sends).toBe(3);
  });

  it('empties inboxes when an episode starts, and rejects an inbox it could never empty', () => {
    const s = sim();
    s.system.spawn('a', echo, { name: 'a' }, { ticks: ['reward'], inbox: ['test.ping'] });
    s.scheduler.emit('x', { type: 'test.ping', payload: { n: 9 } });
    s.scheduler.run();
    s.clock.startEpisode(0, 1);
    s.scheduler.run();
    expect(got(s, 'a')).toEqual(['tick reward/0 []', 'tick reward/1 []']);
    expect(() => s.system.spawn('b', echo, { name: 'b' }, { inbox: ['test.ping'] })).toThrow(/inbox needs ticks/);
    expect(() => s.system.spawn('c', echo, { name: 'c' }, { listens: ['test.other'], ticks: ['reward'], inbox: ['test.ping'] })).toThrow(/not among the events it listens to/);
  });

  it('propagates an actor failure through assertHealthy and stops feeding the failed actor', () => {
    // XState reports the error and warns about events sent to the stopped actor; keep the log clean.
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    onTestFinished(() => {
      err.mockRestore();
      warn.mockRestore();
    });
    const s = sim();
    s.system.spawn('a', echo, { name: 'a' });
    s.system.assertHealthy();
    s.scheduler.emit('x', { type: 'test.ping', payload: { n: -1 } });
    s.scheduler.emit('x', { type: 'test.ping', payload: { n: 5 } });
    s.scheduler.run();
    expect(() => s.system.assertHealthy()).toThrow(/negative ping -1/);
    expect(s.system.sends).toBe(1);
  });

  it('keeps two systems apart', () => {
    const a = sim();
    const b = sim();
    a.system.spawn('a', echo, { name: 'a' });
    b.system.spawn('a', echo, { name: 'a' });
    a.scheduler.emit('x', { type: 'test.ping', payload: { n: 1 } });
    a.scheduler.run();
    expect(got(a, 'a')).toEqual(['ping 1']);
    expect(got(b, 'a')).toEqual([]);
    expect(b.system).toBeInstanceOf(ActorSystem);
  });
});
