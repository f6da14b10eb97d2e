/** The shipped sweep files behind `semsim reproduce <scenario>`. */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { packageRoot } from './cli-child.ts';
import { InputError } from './errors.ts';

/** Scenario -> sweep file (relative to the package root) and the figures it regenerates. */
export const REPRODUCIBLE: Readonly<Record<string, { readonly file: string; readonly figures: string }>> = {
  toscn: { file: 'scenarios/sweeps/toscn-figs-9-12.yaml', figures: '003 Figs. 9-12 (delivered packets and accuracy vs B_max and P_max)' },
  'multicell-ee': { file: 'scenarios/sweeps/multicell-ee-figs-4-6.yaml', figures: '004 Figs. 4-6 (system EE and transmit power vs number of cells and p_max)' },
  scqos: { file: 'scenarios/sweeps/scqos-figs-5-10.yaml', figures: '001 Figs. 5-10 (reward, SC-QoS and SBQ bits vs transmit power, bandwidth, S_th, mapping record)' },
};

/** The sweep file of a scenario; throws `InputError` listing the reproducible scenarios. */
export function reproduceFile(scenario: string): string {
  const entry = Object.hasOwn(REPRODUCIBLE, scenario) ? REPRODUCIBLE[scenario] : undefined;
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
