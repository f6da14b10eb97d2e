import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { initBackend, activeBackend, requestedBackend, tf, type BackendName } from '../../../src/agents/common/backend.ts';

describe('initBackend', () => {
  it('falls back to wasm when tfjs-node is absent, and tf runs on it', async () => {
    const prev = process.env.SEMSIM_BACKEND;
    delete process.env.SEMSIM_BACKEND;
    try {
      const b = await initBackend();
      expect(b).toBe('wasm');
      expect(tf.getBackend()).toBe('wasm');
      expect(activeBackend()).toBe('wasm');
      const y = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])));
      expect(Array.from(y.dataSync())).toEqual([19, 22, 43, 50]);
      y.dispose();
    } finally {
      if (prev !== undefined) process.env.SEMSIM_BACKEND = prev;
    }
  });

  it('is idempotent: a second auto call keeps the active backend', async () => {
    const a = await initBackend();
    const b = await initBackend('auto');
    expect(b).toBe(a);
    expect(tf.getBackend()).toBe(a);
  });

  it('rejects a bogus SEMSIM_BACKEND also once a backend is active (a second run in one process)', async () => {
    await initBackend();
    const prev = process.env.SEMSIM_BACKEND;
    process.env.SEMSIM_BACKEND = 'bogus';
    try {
      await expect(initBackend()).rejects.toThrow(/SEMSIM_BACKEND='bogus' is not a TF\.js backend/);
    } finally {
      if (prev === undefined) delete process.env.SEMSIM_BACKEND;
      else process.env.SEMSIM_BACKEND = prev;
    }
  });

  it('rejects an unknown backend name with a clear error', async () => {
    await expect(initBackend('webgpu' as BackendName)).rejects.toThrow(/unknown TF.js backend 'webgpu'/);
  });

  it("rejects 'node' when tfjs-node is not installed", async () => {
    await expect(initBackend('node')).rejects.toThrow(/tfjs-node/);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('switches backend on an explicit request, while auto keeps the active one whatever valid backend SEMSIM_BACKEND names', async () => {
    const prev = process.env.SEMSIM_BACKEND;
    try {
      process.env.SEMSIM_BACKEND = 'cpu';
      expect(await initBackend('cpu')).toBe('cpu');
      expect(tf.getBackend()).toBe('cpu');
      process.env.SEMSIM_BACKEND = 'wasm';
      expect(await initBackend('auto')).toBe('cpu'); // already initialised: auto keeps it (a bogus value is still refused, below)
      expect(await initBackend('wasm')).toBe('wasm');
      expect(tf.getBackend()).toBe('wasm');
    } finally {
      if (prev === undefined) delete process.env.SEMSIM_BACKEND;
      else process.env.SEMSIM_BACKEND = prev;
    }
  });

  it('SEMSIM_BACKEND decides an auto request; explicit names win; bad values are rejected clearly', () => {
    expect(requestedBackend('auto', undefined)).toBe('auto');
    expect(requestedBackend('auto', '')).toBe('auto');
    expect(requestedBackend('auto', 'cpu')).toBe('cpu');
    expect(requestedBackend('auto', 'wasm')).toBe('wasm');
    expect(requestedBackend('wasm', 'cpu')).toBe('wasm');
    expect(() => requestedBackend('auto', 'gpu')).toThrow(/SEMSIM_BACKEND='gpu' is not a TF.js backend/);
  });

  it("the cpu backend prints no 'install tfjs-node' banner into a run's output", () => {
    // In a fresh process: the banner comes once per process, on the cpu backend's first tensor.
    const backend = fileURLToPath(new URL('../../../src/agents/common/backend.ts', import.meta.url));
    const script = `const { initBackend, tf } = await import(${JSON.stringify(backend)}); await initBackend('cpu'); console.log(tf.tensor1d([1, 2]).dataSync().join(','));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stdout.trim()).toBe('1,2');
    expect(child.stderr + child.stdout).not.toMatch(/looks like you are running TensorFlow\.js in Node/);
  });
});
