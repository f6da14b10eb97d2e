import { describe, it, expect } from 'vitest';
import { CATALOGUE, EVENT_TYPES, phaseOfType, validateEvent, type EventType } from '../../src/events/index.ts';
import { PHASE_RANKS } from '../../src/scheduler/phase.ts';
import { sampleEvent, tagOf } from './samples.ts';

describe('event catalogue', () => {
  it('lists every type once, namespaced domain.verb', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    expect([...EVENT_TYPES].sort()).toEqual(Object.keys(CATALOGUE).sort());
    for (const t of EVENT_TYPES) expect(t).toMatch(/^[a-z]+\.[a-z]+$/);
  });

  it('puts every type in a built-in phase (or inherit), and the bracket events in their own phases', () => {
    for (const t of EVENT_TYPES) {
      const phase = phaseOfType(t);
      expect(phase === 'inherit' || phase in PHASE_RANKS, `${t} -> ${phase}`).toBe(true);
    }
    const expected: Partial<Record<EventType, string>> = {
      'episode.started': 'episode.start',
      'slot.started': 'slot.start',
      'channel.evolved': 'channel',
      'traffic.arrived': 'traffic',
      'observation.ready': 'observation',
      'decision.made': 'decision',
      'codec.inferred': 'codec',
      'transmission.completed': 'transmission',
      'reward.computed': 'reward',
      'slot.ended': 'slot.end',
      'episode.ended': 'episode.end',
    };
    for (const [t, phase] of Object.entries(expected)) expect(phaseOfType(t as EventType)).toBe(phase);
  });
});

describe('validateEvent', () => {
  it('accepts a valid sample of every type and returns the same event', () => {
    for (const t of EVENT_TYPES) {
      const e = sampleEvent(t, 3);
      expect(validateEvent(t, e.payload)).toEqual(e);
      expect(tagOf(e)).toBe(3);
    }
  });

  it('rejects an unknown type', () => {
    expect(() => validateEvent('channel.exploded', {})).toThrow(/unknown event type 'channel.exploded'/);
  });

  it('names the offending field for a missing, mistyped or non-integer value', () => {
    expect(() => validateEvent('traffic.arrived', { user: 0 })).toThrow(/traffic.arrived.*payload\.packets/);
    expect(() => validateEvent('traffic.arrived', { user: 0, packets: 1.5 })).toThrow(/payload\.packets/);
    expect(() => validateEvent('channel.evolved', { user: 0, largeScale: '1', fading: 1, gain: 1 })).toThrow(/payload\.largeScale/);
    expect(() => validateEvent('observation.ready', { slot: 0, observation: [0, 'x'], gain: [], queue: [], taskCounts: [] })).toThrow(
      /payload\.observation\.1/,
    );
    expect(() => validateEvent('buffer.updated', { ...sampleEvent('buffer.updated').payload, cause: 'overflow' })).toThrow(/payload\.cause/);
  });
});
