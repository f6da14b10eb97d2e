/** Help texts of the `semsim` command. */
export const HELP = {
  main: `semsim — actor-model discrete-event simulator for semantic-communication resource allocation

Usage: semsim <command> [options]

Commands:
  run <scenario.yaml>     train and evaluate agents on a scenario, write a run directory
  eval <scenario.yaml> --load DIR  evaluate agents saved by 'run --save-models' (no training)
  validate <scenario.yaml> check a scenario file against the schema
  list                    list scenarios and agents
  schema                  print the JSON Schema of scenario files (editor completion)
  trace hash <DIR>        print a content hash of a run's trace (replay checks)
  clean [DIR]             remove temporary directories of killed runs in DIR (default runs/)

Run 'semsim <command> --help' for a command's options. Exit codes: 0 ok, 1 internal error,
2 bad input, 3 a learning agent diverged (run stops; what completed is kept), 130/143 interrupted.`,
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
  --eval-episodes N evaluation episodes per agent (1..100000; default: the budget's or run.evalEpisodes)
  --eval-seeds N    held-out evaluation seeds (1..100; default: run.evalSeeds)
  --keep-partial    on Ctrl-C or SIGTERM keep the partial run as <out>.interrupted (default: remove it)
  --save-models     write each trained agent to models/<agent>/<agent id>/ in the run directory
  --quiet           no progress bar or summary table; prints only the run directory

Ctrl-C or SIGTERM finishes the current step, then stops (exit 130/143); a second one stops at once.
A learning agent that outputs a non-finite action stops the run with exit 3 ("agent X diverged at
update N"); the agents completed before it are in the run directory's summary.json.`,
  eval: `Usage: semsim eval <scenario.yaml> --load DIR [run options]

Evaluates agents without training: learning agents are loaded from DIR/models/<agent>/ (a run
directory written by 'semsim run --save-models'); training-free agents are evaluated as usual.
Writes a run directory like 'semsim run' (its summary has no training curves).`,
  validate: `Usage: semsim validate <scenario.yaml>

Checks a scenario file; on error prints each bad field's path and allowed range, exit code 2.`,
  list: `Usage: semsim list

Lists the scenario kinds and each scenario's agents.`,
  clean: `Usage: semsim clean [DIR]

Removes the hidden temporary directories (.NAME.partial-*) that killed runs left in DIR
(default: runs/). A run in progress is never touched. 'semsim run' does the same in its
output's parent directory when it starts.`,
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
