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
  trace query <DIR> "SQL" run SQL on a run's trace (typed views per event type) and print a table
  trace export <DIR> --parquet  write the trace as Parquet files (one per event type, and events)
  clean [DIR]             remove temporary directories of killed runs in DIR (default runs/)
  sweep <sweep.yaml>      run a parameter sweep (points x seeds) locally, or emit Slurm/Kubernetes jobs
  shard <manifest> [i]    run one shard of a sweep (cluster array tasks call this)
  reproduce <scenario>    run the shipped sweep that regenerates a paper's figures

Run 'semsim <command> --help' for a command's options. Exit codes: 0 ok, 1 internal error,
2 bad input, 3 a learning agent diverged (run stops; what completed is kept), 130/143 interrupted.`,
  run: `Usage: semsim run <scenario.yaml> [options]

Trains the scenario's learning agents, evaluates every agent on the same held-out seeds and
writes a run directory atomically (a temporary directory renamed when complete):
trace.duckdb | trace.ndjson, summary.json, config.json, report.md and SVG plots.

Options:
  --seed N          root seed (integer 0..4294967295; default: the scenario's seed)
  --episodes N      training episodes (1..1000000; default: the 'default' budget or run.episodes);
                    also caps evaluation at N episodes per agent (at least one per evaluation
                    seed) unless --eval-episodes is given
  --slots N         slots per episode (1..1000000; default: run.slotsPerEpisode)
  --agent NAME      run only this agent (see 'semsim list')
  --budget NAME     a named budget from the scenario's budgetPresets (e.g. default, paper)
  --out DIR         run directory (must not exist; default runs/<name>-seed<seed>, or -2, -3, ... if taken)
  --trace KIND      duckdb (default) | ndjson | none
  --backend NAME    auto (default: tfjs-node if installed, else wasm) | wasm | cpu | node
  --eval-episodes N evaluation episodes per agent (1..100000; default: the budget's or run.evalEpisodes)
  --eval-seeds N    held-out evaluation seeds (1..100; default: run.evalSeeds)
  --training-seeds N  independent training runs per learning agent (1..100; default: the budget's
                    or run.trainingSeeds, 1); summary.json and the report give the spread over them
  --keep-partial    on Ctrl-C or SIGTERM keep the partial run as <out>.interrupted (default: remove it)
  --save-models     write each trained agent to models/<agent>/<agent id>/ in the run directory
  --checkpoint-every N  save the full training state every N training episodes of each learning
                    agent in <out>.checkpoint/ (removed when the run completes)
  --resume DIR      continue a killed run from its last checkpoint (DIR = <out>.checkpoint; give
                    the same scenario and options as the run that wrote it)
  --set PATH=VALUE  override a scenario field (repeatable), e.g. --set budgets.bandwidth_mhz=4;
                    validated exactly like the file
  --packet-trace    trace every packet (packet.arrived/encoded/delivered/dropped at their instants);
                    same as --set timing.packetTrace=true (toscn)
  --quiet           no progress bar or summary table; prints only the run directory

Ctrl-C or SIGTERM finishes the current slot, then stops (exit 130/143); a second one stops at once.
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
       semsim trace query <DIR> "SQL" [--max-rows N]
       semsim trace export <DIR> --parquet [--out PATH]

DIR is a run directory (its trace.duckdb or trace.ndjson is used) or a trace file.

hash    prints the SHA-256 content hash of the trace's events: the same scenario and seed
        give the same hash, in either format (the agent/stage/seed columns are not hashed).
query   runs one SQL statement (DuckDB dialect) and prints the result as a table (at most
        --max-rows rows, default 1000). Every event type has a typed view named after it
        ('buffer.updated' -> buffer_updated) with the columns seq, episode, slot, time, phase,
        actor, agent, stage (train | eval), seed, then one per payload field (a field named
        like one of these is prefixed payload_); 'events' has every event with its payload as JSON.
          semsim trace query runs/x "SELECT agent, avg(queue) FROM buffer_updated WHERE stage = 'eval' GROUP BY agent"
          semsim trace query runs/x "DESCRIBE buffer_updated"
export  writes PATH (default DIR/trace-parquet; must not exist) with events.parquet and one
        <event_type>.parquet per typed view, atomically (written aside, then renamed).

Bad SQL, a missing trace or an existing --out exit with code 2 and a message naming it.`,
  sweep: `Usage: semsim sweep <sweep.yaml> [options]
       semsim sweep --schema > sweep.schema.json

Expands the sweep file into shards (one per point and training seed), runs the unfinished ones
as 'semsim run' child processes, then collects every finished shard into DIR: sweep.duckdb
(table results), results.parquet, aggregate.csv, summary.md and figures/*.svg (data in figures/*.csv). Resumable: rerun
the same command and finished shards (content-addressed by scenario, seed, agents, budget and
semsim version) are skipped. Ctrl-C stops the shards in flight and keeps the finished ones.

Options:
  --out DIR         sweep directory (default runs/sweeps/<name>[-<budget>]); reuse it to resume
  --workers N       shards at once (default: the number of cores)
  --budget NAME     a preset of the sweep file (e.g. quick, paper)
  --set PATH=VALUE  override a base scenario field for every point (repeatable)
  --collect         only collect the finished shards (e.g. after a cluster run)
  --dry-run         print the points and shard count; write nothing
  --quiet           no progress line
  --emit slurm      write DIR/sweep.sbatch: a job array over the unfinished shards
      --throttle N      most array tasks at once (%N)
      --time T          time limit per task (Slurm syntax: 30, 1:00:00, 1-00:00:00)
      --mem M           memory per task (e.g. 2G)
      --partition P     Slurm partition
  --emit k8s        write DIR/sweep-job.yaml: an Indexed Job over all shards (JOB_COMPLETION_INDEX)
      --image I         image with semsim on PATH (default semsim:<version>)
      --pvc NAME        PersistentVolumeClaim holding DIR (default semsim-sweep)
      --mount PATH      where the claim is mounted (default /sweep)
      --parallelism N   pods at once (default: all); --mem sets the memory request and limit

Exit codes: 0 ok, 1 a shard failed (rerun to retry), 2 bad input (nothing written), 130 interrupted.`,
  shard: `Usage: semsim shard <manifest.json> [index]

Runs shard 'index' of a sweep manifest (default: $JOB_COMPLETION_INDEX, else $SLURM_ARRAY_TASK_ID)
and renames its run directory to results/<hash>/ next to the manifest when it completes. A shard
whose result exists is skipped. Exit code 1 if the run fails (its log is in logs/).`,
  reproduce: `Usage: semsim reproduce <scenario> [--budget quick|paper] [--out DIR] [--workers N] [sweep options]

Runs the shipped sweep of a paper's figures (scenarios/sweeps/) into DIR (default
runs/reproduce/<scenario>-<budget>; never inside docs/). toscn: 003 Figs. 9-12;
multicell-ee: 004 Figs. 4-6; scqos: 001 Figs. 5-10.
quick: a small training budget (minutes on 2 cores); paper: the paper's budget, meant for a cluster
(add --emit slurm). Takes the options of 'semsim sweep'.`,
};

export function usage(): string {
  return "Run 'semsim --help' for usage.";
}
