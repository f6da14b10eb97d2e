import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { EventCatalogue, KERNEL_EVENTS, defineEvents, validateEvent } from '../../src/events/index.ts';
import { PHASE_RANKS, PhaseTable } from '../../src/scheduler/phase.ts';
import { EVENT_TYPES, fullCatalogue, sampleEvent, tagOf } from './samples.ts';

describe('event catalogue', () => {
  it('lists every type once, namespaced domain.verb', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    for (const t of EVENT_TYPES) expect(t).toMatch(/^[a-z]+\.[a-z]+$/);
  });

  it('puts every type in a built-in phase (or inherit), and the bracket events in their own phases', () => {
    const c = fullCatalogue();
    for (const t of EVENT_TYPES) {
      const phase = c.phaseOf(t);
      expect(phase === 'inherit' || phase in PHASE_RANKS, `${t} -> ${phase}`).toBe(true);
    }
    const expected: Record<string, string> = {
      'episode.started': 'episode.start',
      'slot.started': 'slot.start',
      'channel.evolved': 'channel',
      'traffic.arrived': 'traffic',
      'decision.made': 'decision',
      'decision.applied': 'codec',
      'codec.inferred': 'codec',
      'transmission.completed': 'transmission',
      'reward.computed': 'reward',
      'slot.ended': 'slot.end',
      'episode.ended': 'episode.end',
    };
    for (const [t, phase] of Object.entries(expected)) expect(c.phaseOf(t)).toBe(phase);
  });

  it('holds only the kernel events until a scenario registers its part', () => {
    const c = new EventCatalogue();
    expect(c.types.sort()).toEqual(Object.keys(KERNEL_EVENTS).sort());
    expect(() => c.rankOf('channel.evolved')).toThrow(/unknown event type 'channel.evolved'/);
  });

  it('keeps catalogues of two simulations apart, scenario phases included', () => {
    const phases = new PhaseTable([{ name: 'handover', rank: 25 }]);
    const a = new EventCatalogue(phases, [defineEvents({ 'cell.handover': { phase: 'handover', payload: z.object({ user: z.number() }) } })]);
    const b = new EventCatalogue();
    expect(a.rankOf('cell.handover')).toBe(25);
    expect(b.has('cell.handover')).toBe(false);
    expect(b.phases.has('handover')).toBe(false);
  });

  it('refuses a type registered twice with another schema, and a part naming an unknown phase', () => {
    const c = new EventCatalogue();
    expect(() => c.register({ 'slot.started': { phase: 'slot.start', payload: z.object({}) } })).toThrow(/already registered/);
    expect(() => c.register({ 'x.y': { phase: 'nowhere', payload: z.object({}) } })).toThrow(/unknown phase 'nowhere'/);
  });
});

describe('validateEvent', () => {
  it('accepts a valid sample of every type and returns the same event', () => {
    const c = fullCatalogue();
    for (const t of EVENT_TYPES) {
      const e = sampleEvent(t, 3);
      expect(validateEvent(c, t, e.payload)).toEqual(e);
      expect(tagOf(e)).toBe(3);
    }
  });

  it('rejects an unknown type', () => {
    expect(() => validateEvent(fullCatalogue(), 'channel.exploded', {})).toThrow(/unknown event type 'channel.exploded'/);
  });

  it('names the offending field for a missing, mistyped or non-integer value', () => {
    const c = fullCatalogue();
    expect(() => validateEvent(c, 'traffic.arrived', { user: 0 })).toThrow(/traffic.arrived.*payload\.packets/);
    expect(() => validateEvent(c, 'traffic.arrived', { user: 0, packets: 1.5 })).toThrow(/payload\.packets/);
    expect(() => validateEvent(c, 'channel.evolved', { slot: 0, fading: [1, '1'] })).toThrow(/payload\.fading\.1/);
    expect(() => validateEvent(c, 'observation.ready', { slot: 0, final: false, observation: [0, 'x'], gain: [], queue: [], taskCounts: [] })).toThrow(
      /payload\.observation\.1/,
    );
    expect(() => validateEvent(c, 'buffer.updated', { ...(sampleEvent('buffer.updated').payload as object), cause: 'overflow' })).toThrow(/payload\.cause/);
    expect(() => validateEvent(c, 'decision.made', { ...(sampleEvent('decision.made').payload as object), agent: 3 })).toThrow(/payload\.agent/);
  });
});
