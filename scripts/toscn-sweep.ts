/**
 * The toscn budget sweep (003 Figs. 9-12) now runs as a sweep file: this wrapper is
 * `semsim reproduce toscn`, which runs scenarios/sweeps/toscn-figs-9-12.yaml in parallel,
 * resumably, into an explicit directory (default runs/reproduce/toscn-<budget>; never docs/).
 *
 *   npx tsx scripts/toscn-sweep.ts [--budget quick|paper] [--out DIR] [--workers N]
 *
 * The old flags map onto the sweep file: --scenario is its `base`, --episodes its `episodes`,
 * --seed its `seeds`, --agents its `agents`, --points its `grids`; --replot is
 * `semsim sweep <file> --collect --out DIR`. Edit a copy of the file and run `semsim sweep` on it.
 */
import { main } from '../src/cli/main.ts';

const args = process.argv.slice(2);
const old = args.find((a) => ['--scenario', '--episodes', '--seed', '--agents', '--points', '--replot'].includes(a.split('=')[0]));
if (old) {
  console.error(`toscn-sweep: ${old.split('=')[0]} is now a field of scenarios/sweeps/toscn-figs-9-12.yaml; copy and edit it, then run 'npx semsim sweep FILE --out DIR' (see docs/sweeps.md)`);
  process.exitCode = 2;
} else {
  process.exitCode = await main(['reproduce', 'toscn', ...args]);
}
