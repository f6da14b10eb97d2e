#!/usr/bin/env bash
# npm run test:slurm — sweeps on a real single-node Slurm cluster (issue 16).
#
# As root: installs Debian's slurm-wlm and munge if missing, starts munged, slurmctld and
# slurmd on this machine with a minimal slurm.conf (proctrack/linuxproc, task/none,
# select/cons_tres), runs a tiny sweep (2 points x 1 seed, agent random, 1 episode) once with
# 'semsim sweep' locally and once as the array job 'semsim sweep --emit slurm' writes, collects
# it, and checks that both give the same values. The daemons it started are stopped on exit.
#
# Exit codes: 0 passed, 1 failed, 77 skipped because this machine does not allow it (not root,
# no apt-get, packages not installable, daemons not starting). KEEP=1 keeps the work directory.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SKIP=77

skip() { echo "test:slurm: SKIPPED: $*" >&2; exit $SKIP; }
fail() { echo "test:slurm: FAILED: $*" >&2; exit 1; }
log() { echo "test:slurm: $*" >&2; }

[ "$(id -u)" = 0 ] || skip "needs root (installs packages, starts daemons)"
[ -f dist/cli/index.js ] || fail "dist/ is not built (npm run build)"

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  command -v apt-get >/dev/null || skip "slurm-wlm and munge are missing and there is no apt-get"
  log "installing slurm-wlm and munge (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  { timeout 900 apt-get update -qq && timeout 900 apt-get install -y -qq --no-install-recommends slurm-wlm munge; } >/tmp/test-slurm-apt.log 2>&1 ||
    skip "apt-get could not install slurm-wlm and munge (see /tmp/test-slurm-apt.log)"
fi

WORK=$(mktemp -d /tmp/semsim-slurm-XXXXXX)
chmod 755 "$WORK"
STARTED_MUNGED=""
cleanup() {
  local pids=()
  for pidfile in "$WORK/slurmd.pid" "$WORK/slurmctld.pid"; do
    [ -f "$pidfile" ] && pids+=("$(cat "$pidfile")")
  done
  if [ -n "$STARTED_MUNGED" ] && [ -f /run/munge/munged.pid ]; then pids+=("$(cat /run/munge/munged.pid)"); fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for _ in $(seq 20); do # up to 10 s for a clean shutdown, then SIGKILL
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
  if [ "${KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# --- munge ---------------------------------------------------------------------------------
mkdir -p /run/munge /var/lib/munge /var/log/munge /etc/munge
if [ ! -s /etc/munge/munge.key ]; then
  if command -v mungekey >/dev/null; then mungekey --create --keyfile=/etc/munge/munge.key >/dev/null 2>&1; else dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 2>/dev/null; fi
fi
chown -R munge:munge /run/munge /var/lib/munge /var/log/munge /etc/munge 2>/dev/null
chmod 0700 /etc/munge /var/lib/munge /var/log/munge; chmod 0755 /run/munge; chmod 0400 /etc/munge/munge.key
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged >"$WORK/munged.out" 2>&1 || skip "munged does not start: $(cat "$WORK/munged.out")"
  STARTED_MUNGED=1
  for _ in $(seq 20); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.5; done
  munge -n | unmunge >/dev/null 2>&1 || skip "munge does not work"
fi

# --- slurm.conf (ports from our pid, so that parallel sessions do not collide) --------------
HOST=$(hostname -s)
NODE=$(slurmd -C 2>/dev/null | head -1 | sed 's/ UpTime=.*//')
[ -n "$NODE" ] || skip "slurmd -C does not describe this node"
CTLD_PORT=$((20000 + $$ % 20000))
SLURMD_PORT=$((CTLD_PORT + 1))
mkdir -p "$WORK/state" "$WORK/spool"
export SLURM_CONF=$WORK/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=semsim-test
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
$NODE NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF

# --- daemons -------------------------------------------------------------------------------
slurmctld -f "$SLURM_CONF" || skip "slurmctld does not start: $(tail -5 "$WORK/slurmctld.log" 2>/dev/null)"
slurmd -f "$SLURM_CONF" || skip "slurmd does not start: $(tail -5 "$WORK/slurmd.log" 2>/dev/null)"
for _ in $(seq 60); do
  state=$(sinfo -h -o %t 2>/dev/null | head -1)
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "$state" = idle ] || skip "the node did not become idle (state '$state'): $(tail -5 "$WORK/slurmctld.log" "$WORK/slurmd.log" 2>/dev/null)"
log "single-node Slurm up ($(sinfo -h -o '%N %c CPUs %m MB')), ports $CTLD_PORT/$SLURMD_PORT"

# --- the sweep: locally, then as a job array -----------------------------------------------
cat >"$WORK/sweep.yaml" <<EOF
base: $ROOT/scenarios/toscn.yaml
axes:
  budgets.bandwidth_mhz: [2, 4]
set: { run.slotsPerEpisode: 3, run.evalEpisodes: 2, run.evalSeeds: 2 }
seeds: [1]
agents: [random]
episodes: 1
figures:
  - { metric: delivered, x: budgets.bandwidth_mhz }
EOF
SEMSIM=(node "$ROOT/dist/cli/index.js")
"${SEMSIM[@]}" sweep "$WORK/sweep.yaml" --out "$WORK/local" --workers 2 --quiet || fail "local sweep"
"${SEMSIM[@]}" sweep "$WORK/sweep.yaml" --out "$WORK/cluster" --emit slurm --throttle 2 --time 10 --mem 500M || fail "--emit slurm"
grep -q '^#SBATCH --array=0-1%2$' "$WORK/cluster/sweep.sbatch" || fail "unexpected array line: $(grep array "$WORK/cluster/sweep.sbatch")"
log "sbatch --wait (array of 2 tasks)"
timeout 600 sbatch --wait "$WORK/cluster/sweep.sbatch" || fail "the array job failed: $(cat "$WORK"/cluster/logs/slurm-*.out 2>/dev/null | tail -20)"
"${SEMSIM[@]}" sweep "$WORK/sweep.yaml" --out "$WORK/cluster" --collect || fail "--collect"

# --- compare ------------------------------------------------------------------------------
cmp "$WORK/local/aggregate.csv" "$WORK/cluster/aggregate.csv" || fail "aggregate.csv differs between the local and the Slurm run"
cmp "$WORK/local/figures/delivered-vs-budgets.bandwidth_mhz.svg" "$WORK/cluster/figures/delivered-vs-budgets.bandwidth_mhz.svg" || fail "figures differ"
for d in "$WORK"/local/results/*/; do
  h=$(basename "$d")
  node -e '
    const [a, b] = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")).agents);
    if (JSON.stringify(a) !== JSON.stringify(b)) { console.error("summary.json agents differ"); process.exit(1); }
  ' "$d/summary.json" "$WORK/cluster/results/$h/summary.json" || fail "shard $h differs"
done
grep -q 'slurm-' <(ls "$WORK/cluster/logs") || fail "no Slurm task output files"
log "PASSED: $(grep -c . "$WORK/cluster/aggregate.csv") lines of aggregate.csv equal, 2 shards run by Slurm array tasks equal the local run"
