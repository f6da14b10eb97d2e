import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/agents/common/backend.ts';
import { findTrace, traceHash } from '../../src/trace/index.ts';
import { cli } from './cli-harness.ts';
import type { BoxSpace } from '../../src/agents/common/spaces.ts';
import { RuleAgent } from '../../src/agents/wrappers/rule-agent.ts';
import { checkCheckpointSupport } from '../../src/run/checkpoint.ts';
import { InputError } from '../../src/scenarios/errors.ts';
import { loadScenario } from '../../src/scenarios/loader.ts';
import type { AgentEntry } from '../../src/scenarios/plugin.ts';
import { toscnPlugin } from '../../src/scenarios/registry.ts';

/**
 * Kill -9 and resume, against the built CLI: a run killed after a checkpoint and continued with
 * `--resume` ends with the same summary.json (but its wall time), training log and trace hash as
 * the same run uninterrupted. Each case starts two CLI processes (most of its time).
 */

const CLI = resolve('dist/cli/index.js');
const dir = mkdtempSync(join(tmpdir(), 'semsim-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the built CLI to completion. */
function semsim(args: readonly string[]): { code: number | null; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, err: r.stderr };
}

/** Starts the CLI, kills it with SIGKILL as soon as `ready(checkpointFileText)` holds, and waits for it. */
function killAfterCheckpoint(args: readonly string[], checkpoint: string, ready: (text: string) => boolean): Promise<string | null> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
    const poll = setInterval(() => {
      let text = '';
      try {
        text = readFileSync(checkpoint, 'latin1');
      } catch {
        return; // not written yet
      }
      if (ready(text)) {
        clearInterval(poll);
        child.kill('SIGKILL');
      }
    }, 20);
    child.on('close', (_code, signal) => {
      clearInterval(poll);
      if (signal !== 'SIGKILL') fail(new Error(`the run ended (${String(_code)}) before the checkpoint it was to be killed at`));
      else done(signal);
    });
  });
}

/** summary.json without its wall time (the one field that measures the machine, not the run). */
function summaryOf(out: string): unknown {
  const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Record<string, unknown>;
  delete s.wallSeconds;
  return s;
}

const cases = [
  {
    name: 'toscn, ddpg (replay, Gaussian noise) then a2c (4 worker environments, rollouts across episodes), DuckDB trace',
    args: ['scenarios/toscn.yaml', '--set', 'agents=[ddpg,a2c]', '--set', 'agentConfig.ddpg.learningStarts=6', '--set', 'agentConfig.ddpg.batchSize=8', '--episodes', '8', '--slots', '4', '--eval-episodes', '2', '--eval-seeds', '1'],
    // Killed while the second agent trains: the first agent's results come back from the checkpoint.
    killWhen: (text: string) => text.includes('"agentIndex":1'),
  },
  {
    name: 'multicell-ee, drqn (sequence replay, LSTM, adaptive epsilon) with 3 base stations, NDJSON trace',
    args: ['scenarios/multicell-ee-3.yaml', '--agent', 'drqn', '--set', 'agentConfig.drqn.learningStarts=8', '--set', 'agentConfig.drqn.batchSize=4', '--episodes', '6', '--slots', '5', '--eval-episodes', '1', '--eval-seeds', '1', '--trace', 'ndjson'],
    killWhen: (text: string) => text.includes('"episode":4'),
  },
];

describe('kill -9 and --resume (built CLI)', () => {
  if (!existsSync(CLI)) throw new Error('dist/ is not built: run npm run build');

  for (const [k, c] of cases.entries()) {
    it(`${c.name}: the resumed run equals the uninterrupted one`, async () => {
      const whole = join(dir, `whole-${k}`);
      const resumed = join(dir, `resumed-${k}`);
      const every = ['--checkpoint-every', '2', '--quiet'];
      // The uninterrupted run in this process (another module instance, other TF.js variable names: the
      // checkpoint must not depend on them); the killed and the resumed runs are processes of their own.
      const base = await cli('run', ...c.args, '--out', whole, '--quiet');
      expect(base.code, base.err).toBe(0);

      const checkpointDir = `${resumed}.checkpoint`;
      expect(await killAfterCheckpoint(['run', ...c.args, '--out', resumed, ...every], join(checkpointDir, 'checkpoint.bin'), c.killWhen)).toBe('SIGKILL');
      expect(existsSync(resumed)).toBe(false);
      expect(readdirSync(dir).some((n) => n.startsWith(`.resumed-${k}.partial-`))).toBe(true);

      if (k === 0) {
        // Bad input against the real checkpoint: exit 2, what differs named, nothing written.
        const otherSeed = await cli('run', ...c.args, ...every, '--seed', '2', '--resume', checkpointDir);
        expect(otherSeed.code).toBe(2);
        expect(otherSeed.err).toMatch(/checkpoint belongs to another run; differs: .*seed/);
        expect(otherSeed.err).toMatch(/removed .*partial.*killed/); // the killed run's temporary directory, not its checkpoint
        const otherEpisodes = await cli('run', ...c.args, ...every, '--episodes', '9', '--resume', checkpointDir);
        expect(otherEpisodes.err).toMatch(/differs: training episodes\./);
        const fresh = await cli('run', ...c.args, '--out', resumed, ...every);
        expect(fresh.code).toBe(2);
        expect(fresh.err).toMatch(/holds a checkpoint of an earlier run .*--resume/);
        expect(existsSync(resumed)).toBe(false);
      }
      const r = semsim(['run', ...c.args, ...every, '--resume', checkpointDir]);
      expect(r.code, r.err).toBe(0);
      if (k > 0) expect(r.err).toMatch(/removed .*partial.*killed/);
      expect(readdirSync(dir).some((n) => n.startsWith(`.resumed-${k}.partial-`))).toBe(false);
      expect(existsSync(checkpointDir)).toBe(false); // a completed run drops its checkpoints
      expect(summaryOf(resumed)).toEqual(summaryOf(whole));
      expect(await traceHash(await findTrace(resumed))).toBe(await traceHash(await findTrace(whole)));
      expect(readFileSync(join(resumed, 'training', `${c.args.includes('--agent') ? 'drqn' : 'ddpg'}.csv`), 'utf8')).toBe(
        readFileSync(join(whole, 'training', `${c.args.includes('--agent') ? 'drqn' : 'ddpg'}.csv`), 'utf8'),
      );
    });
  }
});

const file = toscnPlugin.schema.parse({ scenario: 'toscn', run: { slotsPerEpisode: 2 } });

describe('--checkpoint-every / --resume bad input (exit 2)', () => {
  beforeAll(() => initBackend());
  const small = ['--episodes', '2', '--slots', '2', '--eval-episodes', '1', '--eval-seeds', '1', '--trace', 'none', '--quiet'];

  it('--resume on a directory without a checkpoint', async () => {
    const r = await cli('run', 'scenarios/toscn.yaml', '--agent', 'ddpg', ...small, '--resume', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--resume ${dir}: no checkpoint there`);
  });

  it('--resume on a file that is not a checkpoint', async () => {
    const bogus = join(dir, 'bogus');
    mkdirSync(bogus);
    writeFileSync(join(bogus, 'checkpoint.bin'), 'not a checkpoint');
    const r = await cli('run', 'scenarios/toscn.yaml', '--agent', 'ddpg', ...small, '--resume', bogus);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not a semsim checkpoint/);
  });

  it('a learning agent without saveState/loadState is refused, naming it', async () => {
    const stateless: AgentEntry<unknown> = { learns: true, description: 'no checkpoints', create: ({ spec }) => new RuleAgent('stateless', () => ({ continuous: new Float32Array((spec.actionSpace as BoxSpace).size) })) };
    const plugin = { ...toscnPlugin, agents: { ...toscnPlugin.agents, stateless } } as typeof toscnPlugin;
    expect(() => checkCheckpointSupport({ plugin, file }, ['planner', 'ddpg', 'constant', 'a2c'])).not.toThrow();
    expect(() => checkCheckpointSupport({ plugin, file }, ['ddpg', 'stateless'])).toThrow(InputError);
    expect(() => checkCheckpointSupport({ plugin, file }, ['ddpg', 'stateless'])).toThrow(/--checkpoint-every: agent 'stateless' cannot be checkpointed/);
  });

  it('every learning agent of every shipped scenario supports checkpoints', () => {
    for (const path of ['scenarios/toscn.yaml', 'scenarios/multicell-ee-3.yaml', 'scenarios/scqos.yaml', 'scenarios/examples/edge-queue.yaml']) {
      const loaded = loadScenario(path);
      const learners = Object.keys(loaded.plugin.agents).filter((a) => loaded.plugin.agents[a].learns);
      expect(learners.length, path).toBeGreaterThan(0);
      expect(() => checkCheckpointSupport(loaded, learners), path).not.toThrow();
    }
  });

  it('--checkpoint-every needs a positive integer', async () => {
    const r = await cli('run', 'scenarios/toscn.yaml', '--agent', 'ddpg', ...small, '--checkpoint-every', '0');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--checkpoint-every/);
  });
});
