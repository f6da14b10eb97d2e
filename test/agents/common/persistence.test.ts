import { describe, it, expect, afterAll } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MANIFEST_FILE,
  WEIGHTS_FILE,
  WeightsMismatchError,
  expectedWeights,
  loadMatching,
  loadWeights,
  namedWeights,
  restoreWeights,
  saveWeights,
} from '../../../src/agents/common/persistence.ts';
import type { WeightHolder } from '../../../src/agents/common/persistence.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'semsim-persist-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A stand-in network: just a list of arrays. */
class Holder implements WeightHolder {
  constructor(public ws: Float32Array[]) {}
  getWeights(): Float32Array[] {
    return this.ws.map((w) => w.slice());
  }
  setWeights(w: Float32Array[]): void {
    this.ws = w.map((x) => x.slice());
  }
}

describe('weight persistence', () => {
  it('round-trips arrays bit for bit, including special values, and the metadata', async () => {
    const dir = await tempDir();
    const a = Float32Array.of(1.5, -0, Math.fround(Math.PI), 3.4028234663852886e38, 1e-45, -Infinity, NaN);
    const b = new Float32Array(0);
    await saveWeights(dir, [{ name: 'a', data: a }, { name: 'empty', data: b }], { agent: 'x', config: { lr: 1e-3, sizes: [4, 2] } });
    const { arrays, metadata } = await loadWeights(dir, [{ name: 'a', length: 7 }, { name: 'empty', length: 0 }]);
    const got = arrays.get('a')!;
    expect(new Uint8Array(got.buffer)).toEqual(new Uint8Array(a.buffer));
    expect(arrays.get('empty')!.length).toBe(0);
    expect(metadata).toEqual({ agent: 'x', config: { lr: 1e-3, sizes: [4, 2] } });
  });

  it('stores little-endian float32 at the offsets the manifest names', async () => {
    const dir = await tempDir();
    await saveWeights(dir, [{ name: 'x', data: Float32Array.of(1) }, { name: 'y', data: Float32Array.of(2, -2) }]);
    const bytes = await readFile(join(dir, WEIGHTS_FILE));
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8'));
    expect(manifest.arrays).toEqual([
      { name: 'x', offset: 0, length: 1 },
      { name: 'y', offset: 1, length: 2 },
    ]);
    // 1.0f = 0x3f800000, -2.0f = 0xc0000000, written least significant byte first.
    expect(Array.from(bytes)).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, 0, 0xc0]);
  });

  it('lists every mismatch at once: missing, wrong length, unexpected', async () => {
    const dir = await tempDir();
    await saveWeights(dir, [{ name: 'actor/0', data: new Float32Array(6) }, { name: 'extra', data: new Float32Array(1) }]);
    const err = await loadWeights(dir, [{ name: 'actor/0', length: 8 }, { name: 'actor/1', length: 2 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeightsMismatchError);
    const problems = (err as WeightsMismatchError).problems;
    expect(problems).toEqual([
      "'actor/0' has 6 floats, expected 8",
      "missing 'actor/1' (expected 2 floats)",
      "unexpected 'extra' (1 floats)",
    ]);
    expect((err as Error).message).toContain(dir);
  });

  it('rejects a foreign manifest and a truncated weights file', async () => {
    const dir = await tempDir();
    await saveWeights(dir, [{ name: 'w', data: new Float32Array(4) }]);
    await writeFile(join(dir, WEIGHTS_FILE), new Uint8Array(8));
    await expect(loadWeights(dir)).rejects.toThrow(/truncated/);
    await writeFile(join(dir, MANIFEST_FILE), JSON.stringify({ format: 'other', version: 1, arrays: [] }));
    await expect(loadWeights(dir)).rejects.toThrow(/not a semsim-weights v1 manifest/);
  });

  it('saves and restores a network by prefix', async () => {
    const dir = await tempDir();
    const net = new Holder([Float32Array.of(1, 2, 3), Float32Array.of(4)]);
    await saveWeights(dir, namedWeights('critic', net));
    const other = new Holder([new Float32Array(3), new Float32Array(1)]);
    const { arrays } = await loadWeights(dir, expectedWeights('critic', other));
    restoreWeights('critic', other, arrays);
    expect(other.ws.map((w) => Array.from(w))).toEqual([[1, 2, 3], [4]]);
    await expect(saveWeights(dir, [...namedWeights('a', net), ...namedWeights('a', net)])).rejects.toThrow(/duplicate/);
  });

  it('loads into an agent only arrays named and sized like its own, naming the agent otherwise', async () => {
    const dir = await tempDir();
    const saved = [{ name: 'actor/0', data: Float32Array.of(1, 2) }, { name: 'logAlpha', data: Float32Array.of(-0.5) }];
    await saveWeights(dir, saved);
    const arrays = await loadMatching(dir, 'dsac', [{ name: 'actor/0', data: new Float32Array(2) }, { name: 'logAlpha', data: new Float32Array(1) }]);
    expect(Array.from(arrays.get('actor/0')!)).toEqual([1, 2]);
    expect(Array.from(arrays.get('logAlpha')!)).toEqual([-0.5]);
    await expect(loadMatching(dir, 'dsac', [{ name: 'actor/0', data: new Float32Array(3) }])).rejects.toThrow(
      `cannot load ${dir} into dsac: 'actor/0' has 2 floats, expected 3; unexpected 'logAlpha' (1 floats)`,
    );
  });
});
