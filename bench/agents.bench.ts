/**
 * Agent hot-path benchmark (issue 5): `npm run bench:agents [-- options]`.
 *
 *   --backend wasm|cpu|node   TF.js backend (default: initBackend's auto choice)
 *   --rounds N                timed rounds per variant (default 15; plus 3 warm-up rounds)
 *   --micro                   also time individual matMul shapes and transposes
 *   --no-algos                skip the per-algorithm updates/s section
 *   --no-simd                 run the wasm backend without SIMD (to measure what SIMD buys)
 *   --no-torch                skip the PyTorch comparison (run when python3 can import torch)
 *   --no-drqn                 skip the DRQN section (bench/drqn-section.ts, issue 12)
 *   --drqn-only               run only the DRQN section
 *   --no-sac                  skip the SAC / hybrid SAC update at Table II size (issue 13)
 *   --only-sac                run only that section
 *
 * Variants are timed interleaved (one step of each per round), so load from other processes
 * on the machine hits all of them alike; we report medians of wall time and of process CPU
 * time (user + system), the latter being less sensitive to time-sharing with other jobs.
 */
import { initBackend, tf, type BackendName } from '../src/agents/common/backend.ts';
import { Mlp, type MlpConfig } from '../src/agents/common/mlp.ts';
import { Adam } from '../src/agents/common/nn/adam.ts';
import { setTransposedForward } from '../src/agents/common/nn/dense.ts';
import { setWasmHeapEnabled, transpose2d } from '../src/agents/common/nn/heap.ts';
import { RootRandom } from '../src/random/index.ts';
import { box, discrete, hybrid, multiDiscrete, type Space } from '../src/agents/common/spaces.ts';
import type { Agent, AgentEnvSpec } from '../src/agents/agent.ts';
import { findTorchPython, torchStep, type TorchStep } from './torch-reference.ts';
import { drqnSection } from './drqn-section.ts';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Sac } from '../src/agents/rl/sac/sac.ts';
import { HybridSac } from '../src/agents/rl/hybrid-sac/hybrid-sac.ts';

interface Sample {
  wall: number;
  cpu: number;
}

/** Medians of wall and CPU time, and the fastest wall time (least disturbed by other jobs). */
interface Summary extends Sample {
  best: number;
}

function timeOnce(f: () => void): Sample {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Time each variant once per round, `warmup` untimed rounds first; medians per variant. */
function interleaved(variants: readonly (readonly [string, () => void])[], rounds: number, warmup = 3): Map<string, Summary> {
  const samples = variants.map(() => [] as Sample[]);
  for (let r = 0; r < warmup + rounds; r++) {
    variants.forEach(([, f], i) => {
      const s = timeOnce(f);
      if (r >= warmup) samples[i].push(s);
    });
  }
  return new Map(
    variants.map(([name], i) => {
      const walls = samples[i].map((s) => s.wall);
      return [name, { wall: median(walls), cpu: median(samples[i].map((s) => s.cpu)), best: Math.min(...walls) }];
    }),
  );
}

const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)).padStart(7);

function printTable(title: string, results: Map<string, Summary>): void {
  console.log(`\n${title}`);
  console.log(`  ${'variant'.padEnd(52)} ${'wall'.padStart(7)} ${'cpu'.padStart(7)} ${'best'.padStart(7)}  (ms; wall, cpu: medians; best: fastest wall)`);
  for (const [name, s] of results) console.log(`  ${name.padEnd(52)} ${fmt(s.wall)} ${fmt(s.cpu)} ${fmt(s.best)}`);
}

/** The reference forward: plain tf ops, so tf's autograd differentiates matMul with transposed products. */
function plainForward(net: Mlp, x: tf.Tensor2D): tf.Tensor2D {
  const v = net.variables;
  let h = x;
  for (let l = 0; l < v.length / 2; l++) {
    const z = tf.add(tf.matMul(h, v[2 * l] as tf.Tensor2D), v[2 * l + 1]) as tf.Tensor2D;
    h = l < v.length / 2 - 1 ? tf.relu(z) : z;
  }
  return h;
}

/** The issue's net: 64-512-512-512-16, ReLU, Adam (lr 1e-4), batch 64, MSE loss. */
function mlpSection(rounds: number): void {
  const cfg: MlpConfig = { inputSize: 64, hiddenSizes: [512, 512, 512], outputSize: 16, seed: 1 };
  const batch = 64;
  const x = tf.randomNormal([batch, cfg.inputSize], 0, 1, 'float32', 1) as tf.Tensor2D;
  const y = tf.randomNormal([batch, cfg.outputSize], 0, 1, 'float32', 2);
  /** One update step; `heap`/`transposed` switch semsim's optional wasm paths for this variant only. */
  const make = (forward: (m: Mlp) => tf.Tensor2D, opt: tf.Optimizer, m: Mlp, heap = true, transposed = true) => () => {
    setWasmHeapEnabled(heap);
    setTransposedForward(transposed);
    const cost = opt.minimize(() => tf.losses.meanSquaredError(y, forward(m)) as tf.Scalar, true, m.variables);
    cost!.dataSync(); // agents log the loss: include the one scalar read per step
    cost!.dispose();
  };
  const nets = [0, 1, 2, 3].map(() => new Mlp(cfg));
  const baseline = 'baseline: tf autograd + tf.train.adam';
  const ours = 'semsim: Mlp.apply + nn/adam';
  const before = tf.memory().numTensors;
  const optimizers: tf.Optimizer[] = [
    tf.train.adam(1e-4, 0.9, 0.999, 1e-8),
    tf.train.adam(1e-4, 0.9, 0.999, 1e-8),
    new Adam({ learningRate: 1e-4 }),
    new Adam({ learningRate: 1e-4 }),
  ];
  const apply = (m: Mlp) => m.apply(x, { input: false });
  const variants: [string, () => void][] = [
    [baseline, make((m) => plainForward(m, x), optimizers[0], nets[0])],
    ['  1 custom backward, tf.transpose, tf.train.adam', make(apply, optimizers[1], nets[1], false, false)],
    ['  2 + nn/adam, SIMD transposes (wasm heap)', make(apply, optimizers[2], nets[2], true, false)],
    [`${ours} (2 + transposed forward)`, make(apply, optimizers[3], nets[3])],
  ];
  const res = interleaved(variants, rounds);
  setWasmHeapEnabled(true);
  setTransposedForward(true);
  printTable(`Update step, ${[cfg.inputSize, ...cfg.hiddenSizes, cfg.outputSize].join('-')} MLP, Adam, batch ${batch}, MSE (${rounds} rounds)`, res);
  const b = res.get(baseline)!;
  const o = res.get(`${ours} (2 + transposed forward)`)!;
  console.log(`  speed-up (baseline / semsim): wall ${(b.wall / o.wall).toFixed(1)}x, cpu ${(b.cpu / o.cpu).toFixed(1)}x, best ${(b.best / o.best).toFixed(1)}x`);
  optimizers.forEach((opt) => opt.dispose());
  console.log(`  tensor count change over ${variants.length * (rounds + 3)} steps (optimizers disposed): ${tf.memory().numTensors - before}`);

  const obs = new Float32Array(cfg.inputSize).map((_, i) => Math.sin(i));
  const plainPredict = (m: Mlp) => {
    const out = tf.tidy(() => plainForward(m, tf.tensor2d(obs, [1, cfg.inputSize])));
    out.dataSync();
    out.dispose();
  };
  // Acting in RL follows an update: the weights are new tensors each time. A soft update
  // (tau 1e-3, towards a fixed net) stands in for it, timed alone on a third net.
  const towards = new Mlp({ ...cfg, seed: 2 });
  const spare = new Mlp(cfg);
  const inf = interleaved(
    [
      ['baseline: tidy(plain forward) + dataSync', () => plainPredict(nets[0])],
      ['semsim: Mlp.predict', () => void nets[3].predict(obs)],
      ['after a weight change: soft update alone', () => spare.softUpdateFrom(towards, 1e-3)],
      ['after a weight change: soft update + baseline', () => {
        nets[1].softUpdateFrom(towards, 1e-3);
        plainPredict(nets[1]);
      }],
      ['after a weight change: soft update + Mlp.predict', () => {
        nets[2].softUpdateFrom(towards, 1e-3);
        nets[2].predict(obs);
      }],
    ],
    Math.max(100, rounds * 8),
    10,
  );
  [towards, spare].forEach((n) => n.dispose());
  printTable('Single-sample inference, same net (unchanged weights, then weights changed before each call)', inf);
  nets.forEach((n) => n.dispose());
  tf.dispose([x, y]);
}

/** Shapes of the 512-wide layers' forward and backward products, one at a time. */
function microSection(rounds: number): void {
  const n = 64;
  const k = 512;
  const m = 512;
  const t = (shape: [number, number], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed) as tf.Tensor2D;
  const [x, w, dy] = [t([n, k], 1), t([k, m], 2), t([n, m], 3)];
  const run = (f: () => tf.Tensor) => () => tf.tidy(f).dispose();
  const gflop = (2 * n * k * m) / 1e6;
  // Fresh weights per call: XNNPACK packs a new right-hand operand (and caches it per tensor).
  const fresh = Array.from({ length: 8 }, (_, i) => t([k, m], 10 + i));
  let f = 0;
  const nextW = () => fresh[f++ % fresh.length];
  const res = interleaved(
    [
      ['fwd  x[64,512] W[512,512] (W cached by XNNPACK)', run(() => tf.matMul(x, w))],
      ['fwd  same, W new to XNNPACK (packs W)', () => {
        const wf = tf.tidy(() => tf.add(nextW(), 0)); // a new tensor id, so no cached packing
        tf.matMul(x, wf).dispose();
        wf.dispose();
      }],
      ['     (the copy making W new, alone)', () => tf.tidy(() => tf.add(nextW(), 0)).dispose()],
      ['fwd  W new, as transpose2d(Wᵀ-product): (Wᵀ xᵀ)ᵀ', () => {
        const wf = tf.tidy(() => tf.add(nextW(), 0)) as tf.Tensor2D;
        tf.tidy(() => transpose2d(tf.matMul(transpose2d(wf), transpose2d(x)))).dispose();
        wf.dispose();
      }],
      ['dW   matMul(x, dy, transposeA)   (tf grad)', run(() => tf.matMul(x, dy, true, false))],
      ['dW   matMul(transpose(x), dy)', run(() => tf.matMul(tf.transpose(x), dy))],
      ['dx   matMul(dy, W, transposeB)   (tf grad)', run(() => tf.matMul(dy, w, false, true))],
      ['dx   matMul(dy, transpose(W))', run(() => tf.matMul(dy, tf.transpose(w)))],
      ['dx   transpose(matMul(W, transpose(dy)))', run(() => tf.transpose(tf.matMul(w, tf.transpose(dy))))],
      ['     tf.transpose [64,512]', run(() => tf.transpose(x))],
      ['     transpose2d (SIMD) [64,512]', run(() => transpose2d(x))],
      ['     tf.transpose [512,512]', run(() => tf.transpose(w))],
      ['     transpose2d (SIMD) [512,512]', run(() => transpose2d(w))],
      ['     elementwise mul [512,512]', run(() => tf.mul(w, w))],
    ],
    rounds,
  );
  printTable(`Micro: one ${n}x${k}x${m} product = ${gflop.toFixed(1)} MFLOP (GFLOP/s = MFLOP / ms / 1000)`, res);
  tf.dispose([x, w, dy, ...fresh]);
  adamMicro(rounds);
}

/** Adam's update alone for the benchmark net's gradients, per implementation. */
function adamMicro(rounds: number): void {
  const cfg: MlpConfig = { inputSize: 64, hiddenSizes: [512, 512, 512], outputSize: 16, seed: 1 };
  const net = new Mlp(cfg);
  const x = tf.randomNormal([64, 64], 0, 1, 'float32', 1) as tf.Tensor2D;
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(net.apply(x))) as tf.Scalar, net.variables);
  const variant = (name: string, opt: tf.Optimizer, heap: boolean): [string, () => void] => [
    name,
    () => {
      setWasmHeapEnabled(heap);
      opt.applyGradients(grads);
    },
  ];
  const lr = 1e-9; // the weights barely move: every variant sees the same gradients and sizes
  const res = interleaved(
    [
      variant('tf.train.adam (~14 tf kernels per variable)', tf.train.adam(lr), true),
      variant('nn/adam, JavaScript loop (forceScalar)', new Adam({ learningRate: lr, forceScalar: true }), true),
      variant('nn/adam, SIMD kernel on copies (copy-simd)', new Adam({ learningRate: lr }), false),
      variant('nn/adam, SIMD kernel on the wasm heap', new Adam({ learningRate: lr }), true),
    ],
    rounds,
  );
  setWasmHeapEnabled(true);
  printTable(`Micro: one Adam update of the ${net.variables.reduce((a, v) => a + v.size, 0)} weights above`, res);
  tf.dispose([value, x, ...Object.values(grads)]);
  net.dispose();
}

/**
 * HOOK for "updates/s for each algorithm on a small net": one entry per agent class. The
 * bench imports each module lazily and skips entries whose file does not exist yet. Config
 * overrides make every agent train one gradient step per observed transition, batch 64,
 * on 64x64 hidden layers (field names as in each agent's config).
 */
export interface AlgorithmBench {
  readonly name: string;
  /** Module path relative to this file. */
  readonly module: string;
  /** Exported class; constructed as `new Class(spec, config, rootRandom)`. */
  readonly exportName: string;
  readonly actions: 'continuous' | 'discrete' | 'hybrid';
  readonly config: Readonly<Record<string, unknown>>;
}

const smallOffPolicy = { batchSize: 64, learningStarts: 0, trainFreq: 1, gradientSteps: 1 };
const smallActorCritic = { ...smallOffPolicy, actorHiddenSizes: [64, 64], criticHiddenSizes: [64, 64] };
const smallQ = { ...smallOffPolicy, hiddenSizes: [64, 64] };

export const algorithmBenches: AlgorithmBench[] = [
  { name: 'ddpg', module: '../src/agents/rl/ddpg/ddpg', exportName: 'Ddpg', actions: 'continuous', config: smallActorCritic },
  { name: 'td3', module: '../src/agents/rl/td3/td3', exportName: 'Td3', actions: 'continuous', config: smallActorCritic },
  { name: 'sac', module: '../src/agents/rl/sac/sac', exportName: 'Sac', actions: 'continuous', config: smallActorCritic },
  { name: 'hybrid-sac', module: '../src/agents/rl/hybrid-sac/hybrid-sac', exportName: 'HybridSac', actions: 'hybrid', config: smallQ },
  { name: 'dsac', module: '../src/agents/rl/dsac/dsac', exportName: 'DiscreteSac', actions: 'discrete', config: smallQ },
  { name: 'dqn', module: '../src/agents/rl/dqn/dqn', exportName: 'Dqn', actions: 'discrete', config: smallQ },
  { name: 'd3qn', module: '../src/agents/rl/d3qn/d3qn', exportName: 'D3qn', actions: 'discrete', config: smallQ },
  // Recurrent: batches of sequences (its default 32 x its sequence length), LSTM of 64.
  { name: 'drqn', module: '../src/agents/rl/drqn/drqn', exportName: 'Drqn', actions: 'discrete', config: { learningStarts: 0, trainFreq: 1, gradientSteps: 1, preHiddenSizes: [64], lstmSize: 64 } },
  // On-policy: one update per rollout of nSteps (5) transitions.
  { name: 'a2c', module: '../src/agents/rl/a2c/a2c', exportName: 'A2c', actions: 'discrete', config: { hiddenSizes: [64, 64] } },
];

type AgentClass = new (spec: AgentEnvSpec, config: Record<string, unknown>, random: RootRandom) => Agent;

/** Gradient steps per second of one agent: observe one random transition, then update(). */
async function algorithmUpdatesPerSecond(b: AlgorithmBench, seconds: number): Promise<number | string> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(b.module)) as Record<string, unknown>;
  } catch {
    return 'not available';
  }
  const Cls = mod[b.exportName] as AgentClass | undefined;
  if (Cls === undefined) return `no export ${b.exportName}`;
  const obsSize = 16;
  const actionSpace: Space = b.actions === 'continuous' ? box(4, -1, 1) : b.actions === 'discrete' ? discrete(8) : hybrid(box(2, -1, 1), multiDiscrete([3, 2]));
  const agent = new Cls({ observationSpace: box(obsSize, -1, 1), actionSpace }, b.config, new RootRandom(7));
  const rng = new RootRandom(8).stream('bench');
  const obs = () => Float32Array.from({ length: obsSize }, () => rng.uniformIn(-1, 1));
  let t = 0;
  const feed = () => {
    const o = obs();
    const action = agent.act(o, true);
    const truncated = ++t % 50 === 0; // episodes of 50 steps (recurrent agents replay whole sequences)
    agent.observe({ observation: o, action, reward: rng.normal(), nextObservation: obs(), terminated: false, truncated });
    if (truncated) agent.onEpisodeEnd?.();
  };
  for (let i = 0; i < 256; i++) feed();
  for (let i = 0; i < 10; i++) {
    feed();
    agent.update();
  }
  const before = tf.memory().numTensors; // after warm-up: optimizers create their slots on the first update
  let updates = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    feed();
    if (agent.update() !== undefined) updates++;
  }
  const rate = updates / ((performance.now() - t0) / 1000);
  const leaked = tf.memory().numTensors - before;
  agent.dispose();
  return leaked > 0 ? `${rate.toFixed(0)} (tensors grew by ${leaked})` : rate;
}

/**
 * semsim's update step against the issue's PyTorch baseline on the same machine and load:
 * three alternating blocks (semsim, torch on 1 core, torch on 2 cores), medians of
 * the block medians, so a load change during the run hits both sides.
 */
function torchSection(rounds: number): void {
  const python = findTorchPython();
  if (python === undefined) {
    console.log('\nPyTorch comparison skipped: no python3 with torch (set SEMSIM_TORCH_PYTHON; Debian: apt install python3-torch libopenblas0-pthread)');
    return;
  }
  const cfg: MlpConfig = { inputSize: 64, hiddenSizes: [512, 512, 512], outputSize: 16, seed: 1 };
  const net = new Mlp(cfg);
  const adam = new Adam({ learningRate: 1e-4 });
  const x = tf.randomNormal([64, cfg.inputSize], 0, 1, 'float32', 1) as tf.Tensor2D;
  const y = tf.randomNormal([64, cfg.outputSize], 0, 1, 'float32', 2);
  const step = (): void => {
    const cost = adam.minimize(() => tf.losses.meanSquaredError(y, net.apply(x, { input: false })) as tf.Scalar, true, net.variables);
    cost!.dataSync();
    cost!.dispose();
  };
  const ours: Summary[] = [];
  const torch1: TorchStep[] = [];
  const torch2: TorchStep[] = [];
  for (let block = 0; block < 3; block++) {
    ours.push(interleaved([['semsim', step]], rounds).get('semsim')!);
    torch1.push(torchStep(python, 1, rounds * 4));
    torch2.push(torchStep(python, 2, rounds * 4));
  }
  tf.dispose([x, y, ...net.variables]);
  adam.dispose();
  const oursWall = median(ours.map((s) => s.wall));
  const oursCpu = median(ours.map((s) => s.cpu));
  const t1 = median(torch1.map((t) => t.stepWallMs));
  const t2 = median(torch2.map((t) => t.stepWallMs));
  console.log(`\nSame step against PyTorch ${torch1[0].torch} (${python}), 3 alternating blocks, medians (ms)`);
  console.log(`  semsim (wasm, 1 thread)   wall ${fmt(oursWall)}  cpu ${fmt(oursCpu)}`);
  console.log(`  torch, 1 core             wall ${fmt(t1)}  cpu ${fmt(median(torch1.map((t) => t.stepCpuMs)))}`);
  console.log(`  torch, 2 cores (BLAS)     wall ${fmt(t2)}  cpu ${fmt(median(torch2.map((t) => t.stepCpuMs)))}`);
  console.log(`  semsim / torch (wall): ${(oursWall / t1).toFixed(2)}x vs 1 core, ${(oursWall / t2).toFixed(2)}x vs 2 cores (issue goal: <= 3x)`);
}

// ---- SAC update against PyTorch (issue 13) ----

const TORCH_SAC = fileURLToPath(new URL('./reference/torch_sac_step.py', import.meta.url));

/** The issue-13 shapes: scqos's observation (27) and continuous action (6, mrt-power), K = 3^3 x 3! = 162 joint discrete choices. */
const SAC_SHAPE = { obs: 27, act: 6, choices: 162, hidden: [512, 512, 512], batch: 64 } as const;

/** One run of bench/reference/torch_sac_step.py on one core (`hybrid`: the hybrid SAC step). */
function torchSacStep(python: string, hybrid: boolean, rounds: number): TorchStep {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OMP_NUM_THREADS: '1' };
  const s = SAC_SHAPE;
  const args = [TORCH_SAC, '--threads', '1', '--rounds', String(rounds), '--obs', String(s.obs), '--act', String(s.act), '--choices', String(s.choices), '--batch', String(s.batch)];
  const r = spawnSync(python, hybrid ? [...args, '--hybrid'] : args, { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`torch SAC reference failed (${python}): ${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as TorchStep;
}

/**
 * A SAC (or hybrid SAC) agent at 001 Table II's size (3 x 512, lr 1e-4, gamma 0.99, tau 5e-3,
 * target entropy -1, batch 64) with a filled replay, and a function doing one gradient step
 * (one transition observed, then `update()`, which samples the batch and soft-updates the targets).
 */
function sacAgent(hybridAgent: boolean): { step: () => void; dispose: () => void } {
  const s = SAC_SHAPE;
  const common = { batchSize: s.batch, learningStarts: 0, trainFreq: 1, gradientSteps: 1, gamma: 0.99, tau: 5e-3 };
  const observationSpace = box(s.obs, -1, 1);
  const agent: Agent = hybridAgent
    ? new HybridSac({ observationSpace, actionSpace: hybrid(box(s.act, -1, 1), multiDiscrete([3, 3, 3, 6])) }, { ...common, hiddenSizes: s.hidden, learningRate: 1e-4, targetEntropyContinuous: -1, targetEntropyDiscrete: -1 }, new RootRandom(7))
    : new Sac({ observationSpace, actionSpace: box(s.act, -1, 1) }, { ...common, actorHiddenSizes: s.hidden, criticHiddenSizes: s.hidden, actorLearningRate: 1e-4, criticLearningRate: 1e-4, entropyLearningRate: 1e-4, targetEntropy: -1 }, new RootRandom(7));
  const rng = new RootRandom(8).stream('bench/sac');
  const obs = () => Float32Array.from({ length: s.obs }, () => rng.uniformIn(-1, 1));
  const feed = () => {
    const o = obs();
    agent.observe({ observation: o, action: agent.act(o, true), reward: rng.normal(), nextObservation: obs(), terminated: false, truncated: false });
  };
  for (let i = 0; i < 256; i++) feed();
  const step = () => {
    feed();
    if (agent.update() === undefined) throw new Error('bench: the agent did not update');
  };
  for (let i = 0; i < 3; i++) step();
  return { step, dispose: () => agent.dispose() };
}

/**
 * Issue 13: one SAC and one hybrid SAC gradient step at Table II's size, semsim (wasm, one
 * thread) against PyTorch on one core, three alternating blocks, medians of block medians.
 */
function sacSection(rounds: number, withTorch: boolean): void {
  const python = withTorch ? findTorchPython() : undefined;
  if (withTorch && python === undefined) console.log('\nSAC vs PyTorch: no python3 with torch, semsim only');
  const s = SAC_SHAPE;
  console.log(`\nSAC update at 001 Table II size: obs ${s.obs}, actions ${s.act} (+ ${s.choices} joint discrete for hybrid), 3 x 512 actor(s) and twin critics, batch ${s.batch}; 3 alternating blocks, medians (ms)`);
  for (const hybridAgent of [false, true]) {
    const agent = sacAgent(hybridAgent);
    const ours: Summary[] = [];
    const torch: TorchStep[] = [];
    for (let block = 0; block < 3; block++) {
      ours.push(interleaved([['semsim', agent.step]], rounds, 2).get('semsim')!);
      if (python !== undefined) torch.push(torchSacStep(python, hybridAgent, rounds * 2));
    }
    agent.dispose();
    const name = hybridAgent ? 'hybrid SAC' : 'SAC';
    const [wall, cpu] = [median(ours.map((o) => o.wall)), median(ours.map((o) => o.cpu))];
    console.log(`  ${name.padEnd(11)} semsim (wasm, 1 thread)  wall ${fmt(wall)}  cpu ${fmt(cpu)}`);
    if (torch.length === 0) continue;
    const [tw, tc] = [median(torch.map((t) => t.stepWallMs)), median(torch.map((t) => t.stepCpuMs))];
    console.log(`  ${name.padEnd(11)} torch ${torch[0].torch}, 1 core   wall ${fmt(tw)}  cpu ${fmt(tc)}`);
    console.log(`  ${name.padEnd(11)} semsim / torch: wall ${(wall / tw).toFixed(2)}x, cpu ${(cpu / tc).toFixed(2)}x (issue 13 goal: <= 1.5x)`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (args.includes('--no-simd')) tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
  const backend = await initBackend((opt('--backend') as BackendName | undefined) ?? 'auto');
  const rounds = Number(opt('--rounds') ?? 15);
  const simd = backend === 'wasm' ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : 'n/a';
  console.log(`semsim agent bench: node ${process.version}, tfjs ${tf.version.tfjs}, backend ${backend} (wasm SIMD: ${String(simd)})`);
  console.log(`nn/adam update mode: ${new Adam({ learningRate: 1 }).mode}`);

  if (args.includes('--drqn-only')) {
    drqnSection(rounds, !args.includes('--no-torch'));
    return;
  }
  if (args.includes('--only-sac')) {
    sacSection(rounds, !args.includes('--no-torch'));
    return;
  }
  mlpSection(rounds);
  if (!args.includes('--no-torch')) torchSection(rounds);
  if (!args.includes('--no-drqn')) drqnSection(rounds, !args.includes('--no-torch'));
  if (!args.includes('--no-sac')) sacSection(rounds, !args.includes('--no-torch'));
  if (args.includes('--micro')) microSection(rounds);
  if (!args.includes('--no-algos')) {
    console.log('\nUpdates/s per algorithm, small nets (64x64 hidden, obs 16, 4 continuous / 8 discrete / 2+[3,2] hybrid actions, batch 64), 3 s each');
    for (const b of algorithmBenches) {
      const r = await algorithmUpdatesPerSecond(b, 3);
      console.log(`  ${b.name.padEnd(11)} ${typeof r === 'number' ? `${r.toFixed(0)} updates/s` : r}`);
    }
  }
}

await main();
