/** Input and failure paths of `semsim run` (issue 17's failure classes, one test each). */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentEntry } from '../../src/scenarios/plugin.ts';
import { registerScenario, toscnPlugin, unregisterScenario } from '../../src/scenarios/registry.ts';
import { ToscnScenarioSchema } from '../../src/scenarios/toscn/schema.ts';
import { cli, cliProcess } from './cli-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'semsim-hard-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  unregisterScenario('toscn-diverge');
});
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const small = file('small.yaml', 'scenario: toscn\nrun: { slotsPerEpisode: 3, episodes: 1, evalEpisodes: 2, evalSeeds: 2 }\nagents: [planner, random]\n');
/** Nothing but the inputs in the directory: a failed run wrote nothing. */
const onlyInputs = (): string[] => readdirSync(dir).filter((f) => !f.endsWith('.yaml') && f !== 'afile');

describe('bad input exits 2 with the field named and nothing written', () => {
  it.each([
    ['a name that is not one path segment', 'scenario: toscn\nname: "../../x"\n', /name: .*single path segment/],
    ['an alias bomb', `scenario: toscn\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [${'*a,'.repeat(9)}*a]\nc: &c [${'*b,'.repeat(9)}*b]\nd: [${'*c,'.repeat(60)}*c]\n`, /too many aliases/],
    ['YAML nested 5000 deep', `scenario: toscn\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, /nested too deeply/],
    ['a file over 1 MiB', `scenario: toscn\ndescription: "${'x'.repeat(1_100_000)}"\n`, /input files may not exceed|at most 1048576 bytes/],
  ])('%s', async (_what, text, message) => {
    const r = await cli('run', file('bad.yaml', text), '--out', join(dir, 'never'), '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(onlyInputs()).toEqual([]);
  });

  it.each([
    [['--agent', ''], /--agent: needs an agent name/],
    [['--budget', 'constructor'], /--budget constructor: unknown budget/],
    [['--budget', '__proto__'], /--budget __proto__: unknown budget/],
    [['--eval-seeds', '0'], /--eval-seeds 0: must be an integer in \[1, 100\]/],
  ])('flags %j', async (flags, message) => {
    const r = await cli('run', small, ...flags, '--out', join(dir, 'never'), '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(onlyInputs()).toEqual([]);
  });

  it('an out-of-range agent config value names agentConfig.<agent> before any agent trains', async () => {
    const bad = file('gamma.yaml', 'scenario: toscn\nrun: { slotsPerEpisode: 3, episodes: 1, evalEpisodes: 2, evalSeeds: 2 }\nagents: [random, ddpg]\nagentConfig: { ddpg: { gamma: 2 } }\n');
    const r = await cli('run', bad, '--out', join(dir, 'never'), '--quiet', '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/agentConfig\.ddpg\.gamma: .*<= 1 \(got 2\)/);
    expect(onlyInputs()).toEqual([]);
  });

  it('--set overrides a field like the file would, and a bad path or value exits 2 naming it', async () => {
    const out = join(dir, 'set-ok');
    const ok = await cli('run', small, '--set', 'budgets.bandwidth_mhz=2', '--set', 'agents=[random]', '--out', out, '--quiet', '--trace', 'none');
    expect(ok.code).toBe(0);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.scenario.budgets.bandwidth_mhz).toBe(2);
    expect(config.agents).toEqual(['random']);
    rmSync(out, { recursive: true });
    const bad = await cli('run', small, '--set', 'budgets.bandwidth_mhz=-4', '--out', join(dir, 'never'), '--quiet');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/budgets\.bandwidth_mhz: .*allowed: \(0, 1000\]/);
    const unknown = await cli('run', small, '--set', 'budgets.bandwith_mhz=4', '--out', join(dir, 'never'), '--quiet');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/bandwith_mhz/);
    expect(onlyInputs()).toEqual([]);
  });

  it('a bad backend leaves no run directory, nor the parent directories the run created', async () => {
    const before = process.env.SEMSIM_BACKEND;
    process.env.SEMSIM_BACKEND = 'bogus';
    try {
      const learner = file('learner.yaml', 'scenario: toscn\nrun: { slotsPerEpisode: 3, episodes: 1, evalEpisodes: 2, evalSeeds: 2 }\nagents: [ddpg]\n');
      const r = await cli('run', learner, '--out', join(dir, 'new-parent', 'runs', 'x'), '--quiet');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/SEMSIM_BACKEND='bogus' is not a TF\.js backend/);
      expect(onlyInputs()).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.SEMSIM_BACKEND;
      else process.env.SEMSIM_BACKEND = before;
    }
  });

  it('an --out whose parent is a file, or under /proc', async () => {
    writeFileSync(join(dir, 'afile'), '');
    for (const out of [join(dir, 'afile', 'run'), '/proc/semsim-run']) {
      const r = await cli('run', small, '--out', out, '--quiet');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--out .*: cannot/);
    }
    rmSync(join(dir, 'afile'));
  });
});

describe('a short run stays short', () => {
  it('--episodes caps a file\'s huge evaluation (class 10) unless --eval-episodes is given', async () => {
    const huge = file('huge-eval.yaml', 'scenario: toscn\nrun: { slotsPerEpisode: 3, episodes: 5, evalEpisodes: 100000, evalSeeds: 3 }\nagents: [planner]\n');
    const capped = await cli('run', huge, '--episodes', '1', '--slots', '2', '--trace', 'none', '--out', join(dir, 'capped'));
    expect(capped.code).toBe(0);
    // At least one episode per evaluation seed: 3 seeds x 1 episode, not 3 x 33,334.
    expect(capped.out).toMatch(/evaluation 3 seeds x 1 episodes/);
    const chosen = await cli('run', huge, '--episodes', '1', '--slots', '2', '--eval-episodes', '6', '--trace', 'none', '--out', join(dir, 'chosen'));
    expect(chosen.out).toMatch(/evaluation 3 seeds x 2 episodes/);
    rmSync(join(dir, 'capped'), { recursive: true });
    rmSync(join(dir, 'chosen'), { recursive: true });
  }, 60_000);
});

describe('a learning agent that diverges', () => {
  it('stops the run with exit 3, naming the agent and update, and keeps what completed', async () => {
    let calls = 0;
    const diverging: AgentEntry = {
      learns: true,
      description: 'learns, then outputs NaN (test only)',
      create: ({ spec }) => ({
        name: 'test-diverge',
        act: () => ({ continuous: new Float32Array(spec.actionSpace.kind === 'box' ? spec.actionSpace.size : 0).fill(calls++ > 4 ? NaN : 0) }),
        observe: () => undefined,
        update: () => ({ loss: 1 }),
        save: async () => undefined,
        load: async () => undefined,
        dispose: () => undefined,
      }),
    };
    registerScenario({ ...toscnPlugin, kind: 'toscn-diverge', schema: ToscnScenarioSchema.extend({ scenario: z.literal('toscn-diverge') }), agents: { ...toscnPlugin.agents, 'test-diverge': diverging } });
    const scenario = file('diverge.yaml', 'scenario: toscn-diverge\nrun: { slotsPerEpisode: 3, episodes: 1, evalEpisodes: 2, evalSeeds: 2 }\nagents: [random, test-diverge, planner]\n');
    const out = join(dir, 'diverged');
    const r = await cli('run', scenario, '--episodes', '4', '--out', out, '--quiet', '--trace', 'ndjson', '--backend', 'cpu');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/agent test-diverge diverged at update 5 \(train, episode 2\)/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(Object.keys(summary.agents)).toEqual(['random']);
    expect(summary.diverged).toMatchObject({ agent: 'test-diverge', stage: 'train', updates: 5 });
    expect(existsSync(join(out, 'trace.ndjson'))).toBe(true);
    rmSync(out, { recursive: true });
  });
});

describe('interrupted and killed runs', () => {
  const slow = file('slow.yaml', 'scenario: toscn\nrun: { slotsPerEpisode: 50, episodes: 1, evalEpisodes: 4000, evalSeeds: 2 }\nagents: [random]\n');

  it('Ctrl-C finishes the step, exits 130 and removes the temporary directory; --keep-partial keeps it marked interrupted', async () => {
    for (const keep of [false, true]) {
      const out = join(dir, keep ? 'kept' : 'gone');
      let sent = false;
      const r = await cliProcess(['run', slow, '--out', out, '--trace', 'ndjson', ...(keep ? ['--keep-partial'] : [])], (text, kill) => {
        if (!sent && text.includes('semsim run')) {
          sent = true;
          setTimeout(() => kill('SIGINT'), 1500);
        }
      });
      expect(r.code).toBe(130);
      expect(r.err).toMatch(/interrupted during eval random/);
      expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
      expect(existsSync(out)).toBe(false);
      if (keep) {
        const summary = JSON.parse(readFileSync(join(`${out}.interrupted`, 'summary.json'), 'utf8'));
        expect(summary.interrupted).toBe(true);
      }
    }
  }, 60_000);

  it('Ctrl-C in the middle of a long training episode stops after the current slot, not at the episode\'s end', async () => {
    const long = file('long.yaml', 'scenario: toscn\nrun: { slotsPerEpisode: 500000, episodes: 1, evalEpisodes: 1, evalSeeds: 1 }\nagents: [ddpg]\n');
    const out = join(dir, 'long');
    let sent = false;
    const r = await cliProcess(['run', long, '--out', out, '--trace', 'ndjson', '--keep-partial'], (text, kill) => {
      if (!sent && text.includes('semsim run')) {
        sent = true;
        setTimeout(() => kill('SIGINT'), 1500);
      }
    });
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/interrupted during train ddpg/);
    const kept = `${out}.interrupted`;
    expect(JSON.parse(readFileSync(join(kept, 'summary.json'), 'utf8')).interrupted).toBe(true);
    // The trace holds part of the one training episode: slots started, the episode never ended.
    const types = readFileSync(join(kept, 'trace.ndjson'), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { type: string }).type);
    const slots = types.filter((t) => t === 'slot.started').length;
    expect(slots).toBeGreaterThan(0);
    expect(slots).toBeLessThan(500_000);
    expect(types).not.toContain('episode.ended');
    rmSync(kept, { recursive: true });
  }, 60_000);

  it('kill -9 leaves a temporary directory that `semsim clean` and the next run remove', async () => {
    const runs = join(dir, 'runs9');
    mkdirSync(runs);
    let sent = false;
    const r = await cliProcess(['run', slow, '--out', join(runs, 'a'), '--trace', 'ndjson'], (text, kill) => {
      if (!sent && text.includes('semsim run')) {
        sent = true;
        setTimeout(() => kill('SIGKILL'), 1000);
      }
    });
    expect(r.signal).toBe('SIGKILL');
    expect(readdirSync(runs).filter((f) => f.includes('.partial-'))).toHaveLength(1);
    const c = await cli('clean', runs);
    expect(c.out).toMatch(/1 stale temporary run directory removed/);
    expect(readdirSync(runs)).toEqual([]);
  }, 60_000);
});
