/** Help texts of the `semsim` command. */
export const HELP = {
  main: `semsim — actor-model discrete-event simulator for semantic-communication resource allocation

Usage: semsim <command> [options]

Commands:
  run <scenario.yaml>     train and evaluate agents on a scenario, write a run directory
  validate <scenario.yaml> check a scenario file against the schema
  list                    list scenarios and agents
  schema                  print the JSON Schema of scenario files (editor completion)
  trace hash <DIR>        print a content hash of a run's trace (replay checks)

Run 'semsim <command> --help' for a command's options. Exit codes: 0 ok, 1 internal error, 2 bad input.`,
  run: `Usage: semsim run <scenario.yaml> [options]

Trains the scenario's learning agents, evaluates every agent on the same held-out seeds and
writes a run directory atomically (a temporary directory renamed when complete):
trace.duckdb | trace.ndjson, summary.json, config.json, report.md and SVG plots.

Options:
  --seed N          root seed (integer 0..4294967295; default: the scenario's seed)
  --episodes N      training episodes (1..1000000; default: the 'default' budget or run.episodes)
  --slots N         slots per episode (1..1000000; default: run.slotsPerEpisode)
  --agent NAME      run only this agent (see 'semsim list')
  --budget NAME     a named budget from the scenario's budgetPresets (e.g. default, paper)
  --out DIR         run directory (must not exist; default runs/<name>-seed<seed>, or -2, -3, ... if taken)
  --trace KIND      duckdb (default) | ndjson | none
  --backend NAME    auto (default: tfjs-node if installed, else wasm) | wasm | cpu | node
  --quiet           no progress bar or summary table`,
  validate: `Usage: semsim validate <scenario.yaml>

Checks a scenario file; on error prints each bad field's path and allowed range, exit code 2.`,
  list: `Usage: semsim list

Lists the scenario kinds and the registered agents.`,
  schema: `Usage: semsim schema > scenario.schema.json

Prints the JSON Schema of scenario files. In VS Code with the YAML extension, add
'# yaml-language-server: $schema=./scenario.schema.json' at the top of a scenario file.`,
  trace: `Usage: semsim trace hash <DIR>

Prints the SHA-256 content hash of the trace in run directory DIR (trace.duckdb or
trace.ndjson): the same scenario and seed give the same hash.`,
};

export function usage(): string {
  return "Run 'semsim --help' for usage.";
}
