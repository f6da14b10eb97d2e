/**
 * The DRQN section of `npm run bench:agents` (issue 12): one update of the 004 preset
 * (dense 64 -> LSTM 32 -> 133 actions, 32 sequences x 8 steps) and seven agents' updates per
 * slot, against PyTorch running the same work (bench/reference/torch_drqn_step.py) in
 * alternating blocks of the same run, so load changes hit both sides.
 */
import { tf } from '../src/agents/common/backend.ts';
import { box, multiDiscrete } from '../src/agents/common/spaces.ts';
import { Drqn } from '../src/agents/rl/drqn/drqn.ts';
import { RecurrentQNetwork } from '../src/agents/rl/drqn/network.ts';
import { tdGradientsAutograd } from '../src/agents/rl/drqn/td-autograd.ts';
import { applyClipped } from '../src/agents/rl/drqn/td-step.ts';
import { adam } from '../src/agents/common/optimizer.ts';
import { SequenceReplay } from '../src/agents/common/sequence-replay.ts';
import { RootRandom } from '../src/random/index.ts';
import { DRQN_MULTICELL_PRESET } from '../src/scenarios/multicell-ee/constants.ts';
import { findTorchPython, torchDrqnStep, type TorchStep } from './torch-reference.ts';

const AGENTS = 7;
const OBS = 7;
const SPEC = { observationSpace: box(OBS, -5, 5), actionSpace: multiDiscrete([7, 19]) };
const PRESET = { ...DRQN_MULTICELL_PRESET, learningStarts: 0 };

interface Timing {
  wall: number;
  cpu: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Medians of wall and process CPU time of `f` (untimed `setup` before each call). */
function timeMedian(f: () => void, setup: () => void, rounds: number, warmup = 5): Timing {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < warmup + rounds; r++) {
    setup();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    const w = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (r >= warmup) {
      wall.push(w);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** Agents with 500 transitions each (the 004 replay size) in 50-step episodes of random play. */
function filledAgents(n: number): { agents: Drqn[]; feed: (a: Drqn) => void } {
  const agents = Array.from({ length: n }, (_, k) => new Drqn(SPEC, PRESET, new RootRandom(100 + k)));
  const rng = new RootRandom(9).stream('bench/drqn');
  const obs = () => Float32Array.from({ length: OBS }, () => rng.uniformIn(-1, 1));
  const steps = new Map<Drqn, number>();
  const feed = (a: Drqn) => {
    const t = (steps.get(a) ?? 0) + 1;
    steps.set(a, t);
    const o = obs();
    a.observe({ observation: o, action: a.act(o, true), reward: rng.normal(), nextObservation: obs(), terminated: false, truncated: t % 50 === 0 });
    if (t % 50 === 0) a.onEpisodeEnd();
  };
  for (const a of agents) for (let i = 0; i < 500; i++) feed(a);
  return { agents, feed };
}

/** The previous training step, tf autograd over the taped unroll, on the same net and batches. */
function autogradStep(): { step: () => void; dispose: () => void } {
  const net = { inputSize: OBS, actions: 133, preHiddenSizes: PRESET.preHiddenSizes!, lstmSize: PRESET.lstmSize!, seed: 5 };
  const online = new RecurrentQNetwork(net);
  const target = new RecurrentQNetwork({ ...net, seed: 6 });
  const opt = adam(PRESET.learningRate!);
  const replay = new SequenceReplay({ capacity: 500, observationSize: OBS, actionSize: 1, sequenceLength: 8 });
  const rng = new RootRandom(10).stream('bench/drqn/replay');
  for (let i = 0; i < 500; i++) {
    replay.add(Float32Array.from({ length: OBS }, () => rng.normal()), [Math.floor(rng.uniformIn(0, 133))], rng.normal(), Float32Array.from({ length: OBS }, () => rng.normal()), false, (i + 1) % 50 === 0);
    if ((i + 1) % 50 === 0) replay.endEpisode();
  }
  const c = { gamma: 0.5, loss: 'mse', doubleQ: false, burnIn: 0 } as const;
  return {
    step: () => applyClipped(opt, online.variables, tdGradientsAutograd(online, target, replay.sample(32, rng), c).grads, 10),
    dispose: () => {
      online.dispose();
      target.dispose();
      opt.dispose();
    },
  };
}

const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)).padStart(7);

export function drqnSection(rounds: number, withTorch: boolean): void {
  const python = withTorch ? findTorchPython() : undefined;
  const { agents, feed } = filledAgents(AGENTS);
  const one = agents[0];
  const old = autogradStep();
  // One update of each first: Adam creates its moment tensors then, so any later growth is a leak.
  old.step();
  agents.forEach(feed);
  agents.forEach((a) => a.update());
  const before = tf.memory().numTensors;
  const [first, ...rest] = agents;
  const blocks = python ? 3 : 1;
  const rows: Record<string, Timing[]> = { autograd: [], one: [], seven: [], team: [] };
  const torch: Record<string, TorchStep[]> = { one: [], sequential: [], stacked: [] };
  for (let block = 0; block < blocks; block++) {
    rows.autograd.push(timeMedian(old.step, () => undefined, Math.max(5, rounds >> 1)));
    rows.one.push(timeMedian(() => void one.update(), () => feed(one), rounds * 2));
    rows.seven.push(timeMedian(() => agents.forEach((a) => a.update()), () => agents.forEach(feed), rounds));
    rows.team.push(timeMedian(() => first.updateGroup(rest), () => agents.forEach(feed), rounds));
    if (python) {
      torch.one.push(torchDrqnStep(python, 'one', 1, rounds * 4));
      torch.sequential.push(torchDrqnStep(python, 'sequential', AGENTS, rounds * 2));
      torch.stacked.push(torchDrqnStep(python, 'stacked', AGENTS, rounds * 2));
    }
  }
  const grown = tf.memory().numTensors - before;
  old.dispose();
  agents.forEach((a) => a.dispose());
  const med = (ts: Timing[], k: keyof Timing) => median(ts.map((t) => t[k]));
  const tmed = (ts: TorchStep[], k: 'stepWallMs' | 'stepCpuMs') => median(ts.map((t) => t[k]));
  console.log(`\nDRQN update, 004 preset (obs ${OBS}, dense 64, LSTM 32, 133 actions, 32 x 8 sequences, MSE, Adam), ${blocks} block(s), medians (ms)`);
  console.log(`  ${'variant'.padEnd(52)} ${'wall'.padStart(7)} ${'cpu'.padStart(7)}`);
  const line = (name: string, wall: number, cpu: number) => console.log(`  ${name.padEnd(52)} ${fmt(wall)} ${fmt(cpu)}`);
  line('semsim, tf autograd over the unroll (before)', med(rows.autograd, 'wall'), med(rows.autograd, 'cpu'));
  line('semsim, one agent (hand-written BPTT)', med(rows.one, 'wall'), med(rows.one, 'cpu'));
  line(`semsim, ${AGENTS} agents per slot, one after another`, med(rows.seven, 'wall'), med(rows.seven, 'cpu'));
  line(`semsim, ${AGENTS} agents per slot, one pass (team)`, med(rows.team, 'wall'), med(rows.team, 'cpu'));
  if (python) {
    line(`torch ${torch.one[0].torch}, one agent (1 core)`, tmed(torch.one, 'stepWallMs'), tmed(torch.one, 'stepCpuMs'));
    line(`torch, ${AGENTS} agents one after another`, tmed(torch.sequential, 'stepWallMs'), tmed(torch.sequential, 'stepCpuMs'));
    line(`torch, ${AGENTS} agents stacked (bmm)`, tmed(torch.stacked, 'stepWallMs'), tmed(torch.stacked, 'stepCpuMs'));
    const ratio = (ours: Timing[], theirs: number, k: keyof Timing) => (med(ours, k) / theirs).toFixed(2);
    const bestSeven = (k: 'stepWallMs' | 'stepCpuMs') => Math.min(tmed(torch.sequential, k), tmed(torch.stacked, k));
    console.log(`  one agent / torch:        wall ${ratio(rows.one, tmed(torch.one, 'stepWallMs'), 'wall')}x, cpu ${ratio(rows.one, tmed(torch.one, 'stepCpuMs'), 'cpu')}x (issue 12 goal: <= 2x)`);
    console.log(`  ${AGENTS} agents (team) / torch stacked: wall ${ratio(rows.team, tmed(torch.stacked, 'stepWallMs'), 'wall')}x, cpu ${ratio(rows.team, tmed(torch.stacked, 'stepCpuMs'), 'cpu')}x (goal: <= 2x)`);
    console.log(`  ${AGENTS} agents (team) / torch's faster ${AGENTS}-agent form: wall ${ratio(rows.team, bestSeven('stepWallMs'), 'wall')}x, cpu ${ratio(rows.team, bestSeven('stepCpuMs'), 'cpu')}x`);
  } else if (withTorch) {
    console.log('  PyTorch comparison skipped: no python3 with torch (set SEMSIM_TORCH_PYTHON)');
  }
  console.log(`  tensor count change over the timed DRQN updates: ${grown}`);
}
