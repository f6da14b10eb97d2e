/** The shipped sweep files behind `semsim reproduce <scenario>`. */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { packageRoot } from './cli-child.ts';
import { InputError } from './errors.ts';

/** Scenario -> sweep file (relative to the package root) and the figures it regenerates. */
export const REPRODUCIBLE: Readonly<Record<string, { readonly file: string; readonly figures: string }>> = {
  toscn: { file: 'scenarios/sweeps/toscn-figs-9-12.yaml', figures: "003 Figs. 9-12 (delivered packets and accuracy vs B_max and P_max)" },
};

/** The sweep file of a scenario; throws `InputError` listing the reproducible scenarios. */
export function reproduceFile(scenario: string): string {
  const entry = REPRODUCIBLE[scenario];
  if (!entry) throw new InputError(`reproduce ${scenario}: no shipped sweep; allowed: ${Object.keys(REPRODUCIBLE).join(', ')}`);
  return join(packageRoot(), entry.file);
}

/** Refuses output directories inside the package's docs/ (shipped results are never overwritten). */
export function checkNotShipped(out: string): void {
  const docs = join(packageRoot(), 'docs');
  const rel = relative(docs, resolve(out));
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw new InputError(`--out ${out}: inside ${docs}, which holds shipped results; choose another directory`);
  }
}
