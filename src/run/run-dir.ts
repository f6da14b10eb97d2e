import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../scenarios/errors.ts';

/** File in a temporary run directory naming the process that writes it (for stale-directory cleanup). */
const OWNER_FILE = '.owner';
const PARTIAL = /^\..+\.partial-[A-Za-z0-9]+$/;

/** An OS error on the output path, as a clear exit-2 message. */
function outputError(what: string, path: string, err: unknown): InputError {
  const e = err as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOTDIR: 'a parent of it is a file, not a directory',
    EEXIST: 'a parent of it is a file, not a directory',
    ENOENT: 'a parent of it cannot be created',
    ENAMETOOLONG: 'the name is too long',
    ENOSPC: 'no space left on the device',
  };
  return new InputError(`--out ${path}: cannot ${what} (${reasons[e.code ?? ''] ?? e.code ?? String(err)})`);
}

/** True when process `pid` is alive on this machine. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary directories of runs killed before they finished (`.X.partial-*` in
 * `parent` whose writing process is gone); returns what it removed.
 */
export function removeStalePartials(parent: string): string[] {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!PARTIAL.test(name)) continue;
    const dir = join(parent, name);
    let pid = NaN;
    try {
      pid = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    } catch {
      // No owner file: written by an older semsim or killed before it wrote one.
    }
    if (pid === process.pid || (Number.isInteger(pid) && pid > 0 && alive(pid))) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

/**
 * A run directory written atomically: everything goes to a hidden temporary sibling that is
 * renamed to the final name only when the run completes, so a failed or interrupted run never
 * leaves a half-written directory under the requested name. Stale siblings of killed runs are
 * removed when the next run starts in the same parent (`staleRemoved` lists them).
 */
export class AtomicRunDir {
  readonly tmp: string;
  readonly staleRemoved: string[];
  private finished = false;
  /** The outermost parent directory this run created (`runs/` on a first run), removed again if the run fails. */
  private readonly createdParent: string | undefined;

  constructor(readonly target: string) {
    this.target = resolve(target);
    if (existsSync(this.target)) throw new InputError(`--out ${target}: already exists; choose a new directory or remove it`);
    const parent = dirname(this.target);
    try {
      this.createdParent = mkdirSync(parent, { recursive: true });
    } catch (err) {
      throw outputError('create its parent directory', target, err);
    }
    this.staleRemoved = removeStalePartials(parent);
    try {
      this.tmp = mkdtempSync(join(parent, `.${basename(this.target)}.partial-`));
      writeFileSync(join(this.tmp, OWNER_FILE), String(process.pid));
    } catch (err) {
      throw outputError('write there', target, err);
    }
  }

  path(name: string): string {
    return join(this.tmp, name);
  }

  /** Renames the temporary directory to its final name (or `name` beside it). */
  commit(name: string = this.target): string {
    if (existsSync(name)) throw new Error(`${name} appeared while the run was writing; results kept in ${this.tmp}`);
    rmSync(join(this.tmp, OWNER_FILE), { force: true });
    renameSync(this.tmp, name);
    this.finished = true;
    return name;
  }

  /** Removes the temporary directory (after a failure or an interruption). */
  abort(): void {
    if (!this.finished) {
      rmSync(this.tmp, { recursive: true, force: true });
      this.removeCreatedParents();
    }
    this.finished = true;
  }

  /** Bad input leaves nothing behind: the parent directories this run created go too, while empty. */
  private removeCreatedParents(): void {
    if (this.createdParent === undefined) return;
    const top = resolve(this.createdParent);
    for (let dir = dirname(this.target); ; dir = dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch {
        return; // not empty (another run wrote there meanwhile), or already gone
      }
      if (dir === top || dirname(dir) === dir) return;
    }
  }
}
