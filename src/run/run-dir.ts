import { mkdirSync, mkdtempSync, renameSync, rmSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../scenarios/errors.ts';

/**
 * A run directory written atomically: everything goes to a hidden temporary sibling that is
 * renamed to the final name only when the run completes, so a failed or interrupted run never
 * leaves a half-written directory under the requested name.
 */
export class AtomicRunDir {
  readonly tmp: string;
  private finished = false;

  constructor(readonly target: string) {
    this.target = resolve(target);
    if (existsSync(this.target)) throw new InputError(`--out ${target}: already exists; choose a new directory or remove it`);
    mkdirSync(dirname(this.target), { recursive: true });
    this.tmp = mkdtempSync(join(dirname(this.target), `.${basename(this.target)}.partial-`));
  }

  path(name: string): string {
    return join(this.tmp, name);
  }

  /** Renames the temporary directory to its final name. */
  commit(): string {
    if (existsSync(this.target)) throw new Error(`${this.target} appeared while the run was writing; results kept in ${this.tmp}`);
    renameSync(this.tmp, this.target);
    this.finished = true;
    return this.target;
  }

  /** Removes the temporary directory (after a failure). */
  abort(): void {
    if (!this.finished) rmSync(this.tmp, { recursive: true, force: true });
  }
}
