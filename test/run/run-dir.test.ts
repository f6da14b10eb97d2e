import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicRunDir } from '../../src/run/run-dir.ts';

const root = mkdtempSync(join(tmpdir(), 'semsim-rundir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('AtomicRunDir', () => {
  it('a failed run removes the parent directories it created (bad input writes nothing)', () => {
    const base = join(root, 'fresh');
    mkdirSync(base);
    const dir = new AtomicRunDir(join(base, 'runs', 'deeper', 'toscn-seed1'));
    expect(readdirSync(join(base, 'runs', 'deeper'))).toHaveLength(1); // the hidden temporary directory
    dir.abort();
    expect(readdirSync(base)).toEqual([]);
  });

  it('a failed run keeps parent directories that existed before it, or that hold other runs', () => {
    const base = join(root, 'kept');
    mkdirSync(join(base, 'runs'), { recursive: true });
    new AtomicRunDir(join(base, 'runs', 'a')).abort();
    expect(readdirSync(base)).toEqual(['runs']);
    const other = new AtomicRunDir(join(base, 'runs', 'new', 'b'));
    writeFileSync(join(base, 'runs', 'new', 'someone-else.txt'), '');
    other.abort();
    expect(readdirSync(join(base, 'runs', 'new'))).toEqual(['someone-else.txt']);
  });

  it('a committed run keeps its parents', () => {
    const base = join(root, 'committed');
    mkdirSync(base);
    const dir = new AtomicRunDir(join(base, 'runs', 'c'));
    dir.commit();
    dir.abort();
    expect(existsSync(join(base, 'runs', 'c'))).toBe(true);
  });

  it('an --out whose parent is a file names the reason', () => {
    writeFileSync(join(root, 'afile'), '');
    expect(() => new AtomicRunDir(join(root, 'afile', 'run'))).toThrow(/--out .*: cannot create its parent directory \(a parent of it is a file, not a directory\)/);
  });
});
