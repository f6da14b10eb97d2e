import { describe, it, expect } from 'vitest';
import { createActor } from 'xstate';
import { controllerMachine, type ControllerSpec } from '../../src/actors/controller.machine.ts';
import { listensOf, type Emitted } from '../../src/actors/system.ts';
import type { AnyEvent, PhaseTick } from '../../src/events/index.ts';

/** A scalar toy scenario: the decision is one number, the score is that number times what was observed. */
interface Toy {
  value: number;
  seen: number;
  log: string[];
}

const spec: ControllerSpec<Toy> = {
  agent: 'a1',
  observe: 'toy.observed',
  takes: ['toy.measured'],
  init: () => ({ value: 0, seen: 0, log: [] }),
  reset: (s, episode) => void s.log.push(`reset ${episode}`),
  request: (_s, e) => ({ slot: (e.payload as { slot: number }).slot, observation: [1, 2], final: false }),
  decide: (s, action, forSlot) => {
    s.value = action.continuous![0];
    s.log.push(`decide ${s.value} for ${forSlot}`);
  },
  fallback: (s) => void (s.value = -1),
  apply: (s) => ({ value: [s.value] }),
  take: (s, e) => void (s.seen += (e.payload as { x: number }).x),
  score: (s) => ({ rewards: { a1: s.value * s.seen }, metrics: { seen: s.seen } }),
};

function start() {
  const actor = createActor(controllerMachine(spec), { input: {} }).start();
  const out: Emitted[] = [];
  actor.on('*', (e: Emitted) => out.push(e));
  return { actor, out, state: () => actor.getSnapshot().context.state };
}

const made = (episode: number, forSlot: number, x: number, agent = 'a1'): AnyEvent => ({
  type: 'decision.made',
  payload: { episode, forSlot, agent, action: { continuous: [x] }, fallback: false },
});
const tick = (phase: string, slot: number, inbox?: AnyEvent[]): PhaseTick => ({ type: 'tick', phase, slot, ...(inbox ? { inbox } : {}) });

describe('controller skeleton: request -> gate -> apply -> score', () => {
  it('listens to the kernel decision events and the spec’s own types', () => {
    expect(listensOf(controllerMachine(spec)).sort()).toEqual(['decision.made', 'episode.started', 'toy.measured', 'toy.observed']);
  });

  it('requests on the observation event, applies the fallback until a decision arrives, then the newest', () => {
    const c = start();
    c.actor.send({ type: 'episode.started', payload: { episode: 3, seed: 1 } });
    c.actor.send({ type: 'toy.observed', payload: { slot: 0 } } as never);
    expect(c.out.pop()).toEqual({ type: 'decision.requested', payload: { episode: 3, slot: 0, agent: 'a1', observation: [1, 2], final: false } });
    c.actor.send(tick('codec', 0));
    expect(c.out.pop()!.payload).toEqual({ slot: 0, forSlot: -1, agent: 'a1', applied: { value: [-1] } });
    // Batched with the tick: a stale decision (older slot), another agent's, and another episode's are gated out.
    c.actor.send(tick('codec', 2, [made(3, 2, 0.5), made(3, 1, 0.9), made(3, 5, 0.7, 'a2'), made(2, 9, 0.1)]));
    expect(c.out.pop()!.payload).toEqual({ slot: 2, forSlot: 2, agent: 'a1', applied: { value: [0.5] } });
    expect(c.state().log).toEqual(['reset 3', 'decide 0.5 for 2']);
  });

  it('scores at the reward tick from what it took (direct or batched), and resets on a new episode', () => {
    const c = start();
    c.actor.send({ type: 'episode.started', payload: { episode: 0, seed: 1 } });
    c.actor.send(made(0, 0, 2) as never);
    c.actor.send({ type: 'toy.measured', payload: { x: 1 } } as never);
    c.actor.send(tick('reward', 0, [{ type: 'toy.measured', payload: { x: 2 } }]));
    expect(c.out.pop()).toEqual({ type: 'reward.computed', payload: { slot: 0, rewards: { a1: 6 }, metrics: { seen: 3 } } });
    c.actor.send({ type: 'episode.started', payload: { episode: 1, seed: 1 } });
    c.actor.send(tick('codec', 0));
    expect(c.out.pop()!.payload).toMatchObject({ forSlot: -1, applied: { value: [-1] } });
  });
});
