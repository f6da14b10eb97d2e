/**
 * The PyTorch baseline, measured next to semsim in the same bench run: runs
 * `bench/reference/torch_mlp_step.py` (same net, loss, optimiser and batch) in a child process.
 * PyTorch is optional and not part of the stack; without it this section says so and is skipped.
 * Python is taken from SEMSIM_TORCH_PYTHON, else the first of `python3`, `/usr/bin/python3`
 * that can import torch.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./reference/torch_mlp_step.py', import.meta.url));

/** Median step time of one PyTorch run, ms. */
export interface TorchStep {
  torch: string;
  threads: number;
  stepWallMs: number;
  stepCpuMs: number;
}

/** A python interpreter that has torch, or undefined. */
export function findTorchPython(): string | undefined {
  const candidates = [process.env.SEMSIM_TORCH_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  return candidates.find((py) => spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
}

/**
 * Run the PyTorch step benchmark once on `cores` cores (blocking); throws with its stderr on
 * failure. Torch's own pool gets one thread and the BLAS library (OpenBLAS for Debian's
 * torch, which does the matMuls) `cores`: measured here, that is the fastest two-core setting,
 * while torch's default (two intra-op threads, each calling a two-thread OpenBLAS) oversubscribes
 * the cores and runs 2-3x slower.
 */
export function torchStep(python: string, cores: number, rounds: number): TorchStep {
  const n = String(cores);
  const env = { ...process.env, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n, OMP_NUM_THREADS: '1' };
  const r = spawnSync(python, [SCRIPT, '--threads', '1', '--rounds', String(rounds)], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`torch reference failed (${python}): ${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as TorchStep;
}

const DRQN_SCRIPT = fileURLToPath(new URL('./reference/torch_drqn_step.py', import.meta.url));

/** How the PyTorch DRQN reference updates its agents (bench/reference/torch_drqn_step.py). */
export type TorchDrqnMode = 'one' | 'sequential' | 'stacked';

/** Median time of one DRQN update step (all `agents` for the multi-agent modes) on one core. */
export function torchDrqnStep(python: string, mode: TorchDrqnMode, agents: number, rounds: number): TorchStep {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OMP_NUM_THREADS: '1' };
  const r = spawnSync(python, [DRQN_SCRIPT, '--threads', '1', '--mode', mode, '--agents', String(agents), '--rounds', String(rounds)], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`torch DRQN reference failed (${python}): ${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as TorchStep;
}
