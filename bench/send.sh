#!/usr/bin/env bash
# The sending-engine benchmark of issue #6 (results: docs/benchmarks.md, "Sending engine").
#
# For each backend and list size: a fresh database with N active subscribers in the 24 EU
# languages and one issue of ~10 KB of Markdown (ISSUE_MARKDOWN_BYTES), sent by
# `rundbrief worker` with the rate limit off to Postfix's smtp-sink on a loopback port. In the
# same run, smtp-source sends the same number of 10 KB messages over 20 reused sessions to the
# same sink: the loopback ceiling (Rundbrief gets 20 SMTP connections too, see
# SOURCE_SESSIONS). It then sends the same number of copies of one of the
# campaign's own messages: the ceiling for messages of that size (the sink's work grows with
# the bytes). Each run also reports the CPU time per
# message of the worker, of the sink and of everything else (mostly the PostgreSQL server),
# how busy the two cores were during the send, how long they sat idle waiting for the disk
# (iowait) and how much of it the VM's host took away (steal), and the same for the sink and
# the cores under each smtp-source run.
#
#   bench/send.sh                                   # sqlite and postgres, 10,000 and 100,000
#   SIZES="10000 100000 1000000" bench/send.sh      # with a million
#   BACKENDS=sqlite RUNS=2 bench/send.sh            # one backend, best of two runs
#   ISSUE_MARKDOWN_BYTES=1000 bench/send.sh         # a short issue whose mails are ~10 KB
#
# Settings (environment): SIZES, BACKENDS, RUNS (runs per cell; the best times are reported,
# and the median of the runs' own ratios),
# ISSUE_MARKDOWN_BYTES (the issue's size as Markdown, default 10240; its mails are ~3.6 times
# that, since each has the content twice, as HTML with inline styles and as text, plus a layout
# of ~8 KB; 1000 makes mails of ~10 KB, the size of the smtp-source messages),
# RUNDBRIEF_BIN (another build's binary, to compare two builds on the same machine and hour),
# SINK_PORT (default 25250), KEEP_LOGS (a folder to keep the worker logs in), PERF_DIR (a
# folder for a `perf record -g` profile of the worker during each send), PG_URL (server for the
# PostgreSQL runs; default postgres://postgres@127.0.0.1:5432), and any RUNDBRIEF_* variable, e.g.
# RUNDBRIEF_SMTP_CONNECTIONS, RUNDBRIEF_WORKER_CONCURRENCY, RUNDBRIEF_SEND_BATCH_SIZE.
# Needs: cargo, sqlite3, psql (for postgres), and smtp-sink/smtp-source (installed when
# missing with ../shared/tools/install-smtp-sink.sh, relative to the repository root).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
SIZES=${SIZES:-"10000 100000"}
BACKENDS=${BACKENDS:-"sqlite postgres"}
RUNS=${RUNS:-1}
ISSUE_MARKDOWN_BYTES=${ISSUE_MARKDOWN_BYTES:-10240}
SINK_PORT=${SINK_PORT:-25250}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
export PGOPTIONS="-c client_min_messages=warning"
# The script's own psql calls (the status every 2 s while it waits, the counts at the end) skip
# TLS: each is a new connection, and the handshake showed up in the server's profile of a send.
export PGSSLMODE=${PGSSLMODE:-disable}
SINK=/usr/sbin/smtp-sink
SOURCE=/usr/sbin/smtp-source

# smtp-source's sessions for the ceiling, and by default Rundbrief's SMTP connections too, so
# that the ratio compares like with like. (The service's own default is 8 connections, which
# relays that limit connections per client accept; RUNDBRIEF_SMTP_CONNECTIONS=8 measures it.)
SOURCE_SESSIONS=20

# The engine's settings for the run; the rate limit is off. Override any of them from outside.
export RUNDBRIEF_SEND_RATE=0
export RUNDBRIEF_SMTP_CONNECTIONS=${RUNDBRIEF_SMTP_CONNECTIONS:-$SOURCE_SESSIONS}
export RUNDBRIEF_WORKER_CONCURRENCY=${RUNDBRIEF_WORKER_CONCURRENCY:-4}
export RUNDBRIEF_SEND_BATCH_SIZE=${RUNDBRIEF_SEND_BATCH_SIZE:-100}
export RUNDBRIEF_LOG=${RUNDBRIEF_LOG:-warn}
export RUNDBRIEF_SMTP_URL="smtp://127.0.0.1:$SINK_PORT"
export RUNDBRIEF_FROM="Rundbrief Benchmark <newsletter@bench.example.org>"
export RUNDBRIEF_PUBLIC_URL=https://news.bench.example.org
export RUNDBRIEF_TEMPLATES_DIR="$ROOT/templates"

die() { echo "bench/send.sh: $*" >&2; exit 1; }
now() { date +%s.%N; }

if ! [ -x "$SINK" ] || ! [ -x "$SOURCE" ]; then
  installer="$ROOT/../shared/tools/install-smtp-sink.sh"
  [ -f "$installer" ] || die "smtp-sink is not installed ($SINK) and $installer does not exist; install Postfix's tools (Debian: apt-get install postfix, without starting it)"
  bash "$installer"
  [ -x "$SINK" ] || die "$installer ran, but $SINK is still missing"
fi
command -v sqlite3 >/dev/null || die "sqlite3 is needed (Debian: apt-get install sqlite3)"
case " $BACKENDS " in *" postgres "*) command -v psql >/dev/null || die "psql is needed for the PostgreSQL runs";; esac

echo "== building (release)"
(cd "$ROOT" && cargo build --release --quiet)
(cd "$ROOT/bench/seed" && cargo build --release --quiet --bins --target-dir "$ROOT/target")
RUNDBRIEF=${RUNDBRIEF_BIN:-$ROOT/target/release/rundbrief}
SEED="$ROOT/target/release/rundbrief-bench-seed"
WAIT="$ROOT/target/release/rundbrief-bench-wait"

WORK=$(mktemp -d -t rundbrief-bench.XXXXXX)
SINK_PID="" WORKER_PID="" PG_DB=""
cleanup() {
  [ -n "$WORKER_PID" ] && kill "$WORKER_PID" 2>/dev/null || true
  [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null || true
  [ -n "$PG_DB" ] && psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# smtp-sink counts completed DATA commands on its output (-c); the last count says how many
# messages it accepted so far.
"$SINK" -u nobody -c ${SINK_OPTS:-} "127.0.0.1:$SINK_PORT" 1000 >"$WORK/sink.out" 2>&1 &
SINK_PID=$!
sleep 0.5
kill -0 "$SINK_PID" 2>/dev/null || die "smtp-sink did not start on 127.0.0.1:$SINK_PORT: $(cat "$WORK/sink.out")"
# Only the file's end is read: it grows by a line per message and is polled during the send.
sink_count() {
  tail -c 200 "$WORK/sink.out" | tr '\r' '\n' | sed -n 's/.*mesg=\([0-9]*\).*/\1/p' | tail -n 1
}
# CPU time (user + system, clock ticks) a process has used so far: where the two cores went.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# CPU time of the whole machine that was not idle (all processes, the kernel included).
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8; exit}' /proc/stat; }
# CPU time the host gave to other guests while this VM wanted it (steal): on a shared VM the
# cores are slower by that much, which "busy" does not show.
steal_ticks() { awk '/^cpu / {print $9; exit}' /proc/stat; }
# Idle time while a process waited for the disk (iowait): PostgreSQL's commits wait for their
# WAL to reach it, and a slow minute of the VM's disk leaves the cores idle, which neither
# "busy" nor steal shows.
iowait_ticks() { awk '/^cpu / {print $6; exit}' /proc/stat; }
TICKS=$(getconf CLK_TCK)
# $1 ticks of CPU time over $2 seconds, as a percentage of all cores.
share_of_cores() { echo "100 * $1 / ($TICKS * $(nproc) * $2)" | bc; }
# "PID TICKS" of every PostgreSQL server process (postmaster, backends, WAL writer,
# checkpointer, autovacuum): the server's share of "the rest", apart from other programs that
# share the machine (builds) and would otherwise be counted as the database's.
pg_ticks_by_pid() {
  local stat
  for stat in /proc/[0-9]*/stat; do
    awk '$2 == "(postgres)" {print $1, $14 + $15}' "$stat" 2>/dev/null || true
  done
}

# SQL on the benchmark database of the current run.
db_query() {
  case "$backend" in
    sqlite) sqlite3 "$WORK/db/rundbrief.db" "$1" ;;
    postgres) psql -qtA "$RUNDBRIEF_DATABASE_URL" -c "$1" ;;
  esac
}

# One send: fresh database, seed, worker, send, wait for `sent`. Sets SECONDS_TAKEN and RSS_KB.
run_once() {
  local n=$1
  rm -rf "$WORK/db"; mkdir -p "$WORK/db"
  export RUNDBRIEF_DATA_DIR="$WORK/db"
  if [ "$backend" = postgres ]; then PG_DB="rundbrief_bench_$$_$n"; fi
  fresh_database "$backend" "$WORK/db" "$PG_DB"
  "$RUNDBRIEF" migrate
  local t0; t0=$(now)
  case "$backend" in
    sqlite) "$SEED" sqlite "$n" "$ISSUE_MARKDOWN_BYTES" | sqlite3 "$WORK/db/rundbrief.db"
            sqlite3 "$WORK/db/rundbrief.db" "ANALYZE;" ;;
    postgres) "$SEED" postgres "$n" "$ISSUE_MARKDOWN_BYTES" | psql -q -v ON_ERROR_STOP=1 "$RUNDBRIEF_DATABASE_URL" >/dev/null
              psql -q "$RUNDBRIEF_DATABASE_URL" -c "VACUUM ANALYZE" ;;
  esac
  printf '   seeded %s subscribers in %.1f s\n' "$n" "$(echo "$(now) - $t0" | bc)"
  local issue; issue=$(db_query "SELECT MAX(id) FROM issues")

  "$RUNDBRIEF" worker >"$WORK/worker.log" 2>&1 &
  WORKER_PID=$!
  sleep 2 # migrations done, workers polling
  kill -0 "$WORKER_PID" 2>/dev/null || die "the worker did not start: $(cat "$WORK/worker.log")"
  local before; before=$(sink_count)
  local sink_ticks_before; sink_ticks_before=$(cpu_ticks "$SINK_PID")
  local busy_ticks_before; busy_ticks_before=$(busy_ticks)
  local steal_ticks_before; steal_ticks_before=$(steal_ticks)
  local iowait_ticks_before; iowait_ticks_before=$(iowait_ticks)
  local pg_before=""; [ "$backend" = postgres ] && pg_before=$(pg_ticks_by_pid)
  local perf_pid=""
  if [ -n "${PERF_DIR:-}" ]; then
    mkdir -p "$PERF_DIR"
    perf record -q -F 1999 -g -p "$WORKER_PID" -o "$PERF_DIR/worker-$backend-$n-$(date +%H%M%S).data" 2>/dev/null &
    perf_pid=$!
  fi
  t0=$(now)
  "$RUNDBRIEF" issue send "$issue" >/dev/null
  # Waiting watches the sink's count from one process (rundbrief-bench-wait); asking the
  # database is a process start (and for PostgreSQL a new server backend), which took a sixth of
  # the two cores when done every 100 ms, and a shell loop reading the count every 50 ms took
  # another 8 %. The database is asked every 2 s (in case deliveries fail and the count never
  # gets there) and at the end, for the issue to leave `sending`.
  until "$WAIT" "$WORK/sink.out" $(( before + n )) 2; do
    [ $? = 1 ] || die "rundbrief-bench-wait failed"
    kill -0 "$WORKER_PID" 2>/dev/null || die "the worker died: $(tail -n 20 "$WORK/worker.log")"
    [ "$(db_query "SELECT status FROM issues WHERE id = $issue")" = sending ] || break
  done
  while [ "$(db_query "SELECT status FROM issues WHERE id = $issue")" = sending ]; do
    kill -0 "$WORKER_PID" 2>/dev/null || die "the worker died: $(tail -n 20 "$WORK/worker.log")"
    sleep 0.05
  done
  local t1; t1=$(now)
  # Server processes started during the send (new backends) count from zero; those that
  # ended during it are missed (the worker's connections live until it is stopped).
  PG_US=""
  if [ "$backend" = postgres ]; then
    PG_US=$(pg_ticks_by_pid | awk -v before="$pg_before" -v n="$n" -v hz="$TICKS" '
      BEGIN { split(before, lines, "\n"); for (i in lines) { split(lines[i], f, " "); was[f[1]] = f[2] } }
      { total += $2 - ($1 in was ? was[$1] : 0) }
      END { printf "%d", total * 1000000 / hz / n }')
  fi
  if [ -n "$perf_pid" ]; then kill -INT "$perf_pid"; wait "$perf_pid" 2>/dev/null || true; fi
  # VmHWM: the worker's peak resident set since it started.
  RSS_KB=$(awk '/^VmHWM:/ {print $2}' "/proc/$WORKER_PID/status")
  SECONDS_TAKEN=$(echo "$t1 - $t0" | bc)
  # CPU per message in microseconds: the worker's whole life (start-up is a few ms) and the
  # sink's share during the send.
  WORKER_US=$(( $(cpu_ticks "$WORKER_PID") * 1000000 / TICKS / n ))
  SINK_US=$(( ($(cpu_ticks "$SINK_PID") - sink_ticks_before) * 1000000 / TICKS / n ))
  # Everything else that ran during the send (the database server for PostgreSQL, this
  # script's waiting, the kernel's own threads), and how busy the two cores were.
  local busy=$(( $(busy_ticks) - busy_ticks_before ))
  OTHER_US=$(( busy * 1000000 / TICKS / n - WORKER_US - SINK_US ))
  BUSY_PERCENT=$(share_of_cores "$busy" "$SECONDS_TAKEN")
  STEAL_PERCENT=$(share_of_cores "$(( $(steal_ticks) - steal_ticks_before ))" "$SECONDS_TAKEN")
  IOWAIT_PERCENT=$(share_of_cores "$(( $(iowait_ticks) - iowait_ticks_before ))" "$SECONDS_TAKEN")
  # The same-message ceiling: smtp-source sending one of this campaign's own messages (as the
  # German variant renders it for a server with 8BITMIME, as smtp-sink is) the same number of
  # times over 20 reused sessions. The sink's work grows with the bytes, so this separates the
  # engine's overhead from the message's size.
  "$RUNDBRIEF" preview --lang de --format eml-8bit --name "Anna Nowak" "$issue" >"$WORK/message.eml" 2>/dev/null
  MESSAGE_BYTES=$(wc -c <"$WORK/message.eml")
  local status sent
  status=$(db_query "SELECT status FROM issues WHERE id = $issue")
  sent=$(db_query "SELECT COUNT(*) FROM deliveries WHERE issue_id = $issue AND status = 'sent'")
  kill "$WORKER_PID"; wait "$WORKER_PID" 2>/dev/null || true; WORKER_PID=""
  if [ -n "${KEEP_LOGS:-}" ]; then
    mkdir -p "$KEEP_LOGS"; cp "$WORK/worker.log" "$KEEP_LOGS/worker-$backend-$n-$(date +%H%M%S).log"
  fi
  sleep 0.3
  local received=$(( $(sink_count) - before ))
  [ "$status" = sent ] || die "issue ended $status, not sent"
  [ "$sent" = "$n" ] || die "$sent of $n deliveries are sent: $(tail -n 20 "$WORK/worker.log")"
  [ "$received" -ge "$n" ] || die "smtp-sink accepted $received messages, expected $n"
  if [ "$backend" = postgres ]; then
    psql -q "$PG_URL/postgres" -c "DROP DATABASE $PG_DB" >/dev/null; PG_DB=""
  fi
}

# smtp-source: N messages of 10 KB over SOURCE_SESSIONS reused sessions (-d); sets CEILING_SECONDS.
ceiling_once() {
  local t0; t0=$(now)
  local sink0 busy0 steal0; sink0=$(cpu_ticks "$SINK_PID"); busy0=$(busy_ticks); steal0=$(steal_ticks)
  "$SOURCE" -s "$SOURCE_SESSIONS" -m "$1" -l 10240 -d "127.0.0.1:$SINK_PORT"
  CEILING_SECONDS=$(echo "$(now) - $t0" | bc)
  ceiling_cpu "$1" "$CEILING_SECONDS" "$sink0" "$busy0" "$steal0"
  CEILING_CPU=$CPU_NOTE
}

# What a smtp-source run cost: the sink's CPU per message, how busy the cores were, and the
# share of the send the host took the CPUs away from this VM (steal); sets CPU_NOTE. The sink's
# CPU per message under smtp-source, beside the same under Rundbrief, says whether our traffic
# costs the sink more; "busy" says whether the ceiling itself was short of CPU.
ceiling_cpu() {
  local n=$1 secs=$2 sink0=$3 busy0=$4 steal0=$5
  local sink_us=$(( ($(cpu_ticks "$SINK_PID") - sink0) * 1000000 / TICKS / n ))
  local busy=$(( $(busy_ticks) - busy0 )) steal=$(( $(steal_ticks) - steal0 ))
  CPU_NOTE="sink $sink_us µs per message, cores $(share_of_cores "$busy" "$secs") % busy, $(share_of_cores "$steal" "$secs") % stolen"
}

# smtp-source: N copies of the campaign's own message ($WORK/message.eml, written by run_once)
# over 20 reused sessions; sets SAME_CEILING_SECONDS.
same_message_ceiling_once() {
  local t0; t0=$(now)
  local sink0 busy0 steal0; sink0=$(cpu_ticks "$SINK_PID"); busy0=$(busy_ticks); steal0=$(steal_ticks)
  "$SOURCE" -s "$SOURCE_SESSIONS" -m "$1" -F "$WORK/message.eml" -d "127.0.0.1:$SINK_PORT"
  SAME_CEILING_SECONDS=$(echo "$(now) - $t0" | bc)
  ceiling_cpu "$1" "$SAME_CEILING_SECONDS" "$sink0" "$busy0" "$steal0"
  SAME_CEILING_CPU=$CPU_NOTE
}

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
echo "== rundbrief $(git -C "$ROOT" rev-parse --short HEAD), $(sqlite3 --version | cut -d' ' -f1-1) (sqlite3 CLI), $(psql --version 2>/dev/null || true)"
echo "== settings: smtp connections $RUNDBRIEF_SMTP_CONNECTIONS, worker concurrency $RUNDBRIEF_WORKER_CONCURRENCY, batch $RUNDBRIEF_SEND_BATCH_SIZE, rate limit off; runs per cell: $RUNS (best shown); issue: $ISSUE_MARKDOWN_BYTES bytes of Markdown"
RESULTS="$WORK/results"
: >"$RESULTS"
for backend in $BACKENDS; do
  for n in $SIZES; do
    best="" best_rss="" best_ceiling="" best_same="" ratios=""
    for run in $(seq "$RUNS"); do
      echo "-- $backend, $n subscribers, run $run/$RUNS (load: $(cut -d' ' -f1-3 /proc/loadavg))"
      ceiling_once "$n"
      run_once "$n"
      same_message_ceiling_once "$n"
      printf '   rundbrief %.2f s (%.0f/s), peak RSS %.1f MB, CPU per message: worker %d µs, sink %d µs, the rest %d µs%s; cores %d %% busy, %d %% waiting for the disk, %d %% stolen\n' \
        "$SECONDS_TAKEN" "$(echo "$n / $SECONDS_TAKEN" | bc -l)" "$(echo "$RSS_KB / 1024" | bc -l)" \
        "$WORKER_US" "$SINK_US" "$OTHER_US" "${PG_US:+ (of which the PostgreSQL server $PG_US µs)}" "$BUSY_PERCENT" "$IOWAIT_PERCENT" "$STEAL_PERCENT"
      printf '   smtp-source 10 KB: %.2f s (%.0f/s; %s); smtp-source with the campaign message (%d bytes): %.2f s (%.0f/s; %s)\n' \
        "$CEILING_SECONDS" "$(echo "$n / $CEILING_SECONDS" | bc -l)" "$CEILING_CPU" "$MESSAGE_BYTES" \
        "$SAME_CEILING_SECONDS" "$(echo "$n / $SAME_CEILING_SECONDS" | bc -l)" "$SAME_CEILING_CPU"
      # Each run's own ratio: the ceiling and the send of one run are minutes apart at most.
      ratios="$ratios $(echo "100 * $CEILING_SECONDS / $SECONDS_TAKEN" | bc)"
      if [ -z "$best" ] || [ "$(echo "$SECONDS_TAKEN < $best" | bc)" = 1 ]; then best=$SECONDS_TAKEN; fi
      if [ -z "$best_ceiling" ] || [ "$(echo "$CEILING_SECONDS < $best_ceiling" | bc)" = 1 ]; then best_ceiling=$CEILING_SECONDS; fi
      if [ -z "$best_same" ] || [ "$(echo "$SAME_CEILING_SECONDS < $best_same" | bc)" = 1 ]; then best_same=$SAME_CEILING_SECONDS; fi
      if [ -z "$best_rss" ] || [ "$RSS_KB" -gt "$best_rss" ]; then best_rss=$RSS_KB; fi
    done
    # Peak RSS is the highest of the runs; times are the best of the runs. On a VM whose host
    # is shared, the ceiling moves by half within minutes; the median of the runs' own ratios
    # (10 KB ceiling) is the figure that one slow or fast minute does not decide.
    median=$(echo "$ratios" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{v[NR] = $1} END {
      if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }')
    echo "   ratios of the runs (10 KB):$ratios %; median $median %"
    echo "$backend $n $best $best_ceiling $best_rss $best_same $MESSAGE_BYTES $median" >>"$RESULTS"
  done
done

echo
echo "| backend | subscribers | mail bytes | seconds | msgs/s | smtp-source msgs/s (10 KB) | ratio | median ratio of $RUNS runs | smtp-source msgs/s (same message) | ratio | peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
while read -r backend n secs ceiling rss same bytes median; do
  awk -v b="$backend" -v n="$n" -v s="$secs" -v c="$ceiling" -v r="$rss" -v m="$same" -v y="$bytes" -v md="$median" 'BEGIN {
    printf "| %s | %d | %d | %.1f | %.0f | %.0f | %.0f %% | %d %% | %.0f | %.0f %% | %.1f |\n", b, n, y, s, n / s, n / c, 100 * c / s, md, n / m, 100 * m / s, r / 1024 }'
done <"$RESULTS"
