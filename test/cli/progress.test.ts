import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { ProgressBar, progressModeFor } from '../../src/cli/progress.ts';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('ProgressBar', () => {
  it('in lines mode writes one line per stage start and per tenth, ending with the last episode', () => {
    const out = capture();
    const bar = new ProgressBar(out.stream, 'lines');
    for (let ep = 1; ep <= 600; ep++) bar.update('train ddpg #1', ep, 600, 10);
    for (let ep = 1; ep <= 7; ep++) bar.update('eval ddpg', ep, 7, 10);
    bar.finish();
    const lines = out.text().trimEnd().split('\n');
    const train = lines.filter((l) => l.startsWith('train ddpg #1: '));
    const evalLines = lines.filter((l) => l.startsWith('eval ddpg: '));
    // 600 episodes: tenths 0 (episodes 1-59) .. 10 (episode 600), one line each.
    expect(train).toHaveLength(11);
    expect(train[0]).toMatch(/^train ddpg #1: 1\/600 ep,/);
    expect(train.at(-1)).toMatch(/^train ddpg #1: 600\/600 ep,/);
    // 7 episodes: every episode crosses into a new tenth.
    expect(evalLines).toHaveLength(7);
    expect(lines).toHaveLength(18);
    expect(out.text()).not.toContain('\r');
  });

  it('writes nothing when off, and a redrawn line ending in a newline as a bar', () => {
    const off = capture();
    const quiet = new ProgressBar(off.stream, 'off');
    quiet.update('train ddpg', 5, 10, 10);
    quiet.finish();
    expect(off.text()).toBe('');
    const on = capture();
    const bar = new ProgressBar(on.stream, 'bar');
    bar.update('train ddpg', 10, 10, 10);
    bar.finish();
    expect(on.text().startsWith('\rtrain ddpg [########################] 10/10 ep')).toBe(true);
    expect(on.text().endsWith('\n')).toBe(true);
  });

  it('chooses the mode from --quiet and whether stderr is a terminal', () => {
    expect(progressModeFor(true, true)).toBe('off');
    expect(progressModeFor(false, true)).toBe('bar');
    expect(progressModeFor(false, false)).toBe('lines');
  });
});
