#!/usr/bin/env bash
# Sign-up answer time by address state (issue 16; results: docs/benchmarks.md, "Sign-up answer
# time by address state").
#
# The public sign-up (`POST /subscribe`) must answer in the same time whatever the state of the
# address, or a stranger could tell from the clock whether someone is subscribed. This starts
# `rundbrief serve` on a fresh database (file outbox, rate limits off), prepares SIGNUPS
# addresses of each kind:
#
#   new         never seen
#   pending     signed up once through the form beforehand (the job has created them)
#   active      created through the API with "consent": "obtained_elsewhere"
#   suppressed  created through the API, then erased through the API (DELETE)
#
# and then signs each of them up through the form once, one curl per request, interleaving
# the kinds (new, pending, active, suppressed, new, ...; each round starting one kind further
# on) so that drift hits all kinds alike, after a warm-up of WARMUP sign-ups of fresh addresses
# that is not counted. It checks that the new addresses became pending (the requests did the
# real work), prints the machine, the commit, the median and p90 per kind and how far apart the
# medians are, with PASS/FAIL against BAR_PERCENT (the script exits 0 either way).
#
#   bench/signup-timing.sh                          # SQLite, 200 addresses of each kind
#   SIGNUPS=1000 bench/signup-timing.sh             # more addresses
#   BACKEND=postgres bench/signup-timing.sh         # PostgreSQL (a throwaway database)
#
# Settings (environment): SIGNUPS (default 200), WARMUP (default 20), BAR_PERCENT (default 15),
# GAP_MS (a pause after each timed request, default 0: the job a sign-up queues then finishes
# before the next request instead of running beside it),
# BACKEND (sqlite or postgres; default sqlite), PG_URL (server for BACKEND=postgres; default
# postgres://postgres@127.0.0.1:5432; a database is created and dropped), RUNDBRIEF_BIN
# (another build's binary, e.g. of an older commit; nothing is built then), KEEP_LOGS (a folder to keep the server log in), and any RUNDBRIEF_*
# variable not set below.
# Needs: cargo, curl, and psql for BACKEND=postgres.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
SIGNUPS=${SIGNUPS:-200}
WARMUP=${WARMUP:-20}
BAR_PERCENT=${BAR_PERCENT:-15}
BACKEND=${BACKEND:-sqlite}
GAP_MS=${GAP_MS:-0}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
export PGOPTIONS="-c client_min_messages=warning"
KINDS="new pending active suppressed"
DOMAIN=bench.example.org

die() { echo "bench/signup-timing.sh: $*" >&2; exit 1; }

command -v curl >/dev/null || die "curl is needed (Debian: apt-get install curl)"
case "$BACKEND" in
  sqlite) ;;
  postgres) command -v psql >/dev/null || die "psql is needed for BACKEND=postgres" ;;
  *) die "BACKEND must be sqlite or postgres, not '$BACKEND'" ;;
esac
[[ "$SIGNUPS" =~ ^[1-9][0-9]*$ ]] || die "SIGNUPS must be a positive number"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "WARMUP must be a number"
[[ "$GAP_MS" =~ ^[0-9]+$ ]] || die "GAP_MS must be a number of milliseconds"

if [ -n "${RUNDBRIEF_BIN:-}" ]; then
  RUNDBRIEF=$RUNDBRIEF_BIN
  [ -x "$RUNDBRIEF" ] || die "RUNDBRIEF_BIN=$RUNDBRIEF is not an executable"
else
  echo "== building (release)"
  (cd "$ROOT" && cargo build --release --quiet)
  RUNDBRIEF=$ROOT/target/release/rundbrief
fi

WORK=$(mktemp -d -t rundbrief-signup-timing.XXXXXX)
SERVER_PID="" PG_DB=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "${KEEP_LOGS:-}" ] && [ -f "$WORK/server.log" ]; then
    mkdir -p "$KEEP_LOGS" && cp "$WORK/server.log" "$KEEP_LOGS/signup-timing-server-$(date +%H%M%S).log" || true
  fi
  [ -n "$PG_DB" ] && psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# The server: fresh data directory, the file outbox (no SMTP), both rate limits off, a fixed
# secret key, a free loopback port. The log is at warn, except the binary's own info lines,
# among them "listening on http://...", where the port is read from (`rundbrief_` keeps the
# library crates at warn: the directive `rundbrief` alone would match them as a prefix).
mkdir -p "$WORK/data"
unset RUNDBRIEF_SMTP_URL
export RUNDBRIEF_DATA_DIR="$WORK/data"
export RUNDBRIEF_LISTEN=127.0.0.1:0
export RUNDBRIEF_RATE_LIMIT=0
export RUNDBRIEF_API_RATE_LIMIT=0
export RUNDBRIEF_SECRET_KEY=bench-signup-timing-fixed-secret-key-0123456789
export RUNDBRIEF_LOG="${RUNDBRIEF_LOG:-warn},rundbrief=info,rundbrief_=warn"
export RUNDBRIEF_TEMPLATES_DIR="$ROOT/templates"
if [ "$BACKEND" = postgres ]; then PG_DB="rundbrief_signup_timing_$$"; fi
fresh_database "$BACKEND" "$WORK/data" "$PG_DB"

cd "$WORK"
"$RUNDBRIEF" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE=""
for _ in $(seq 300); do
  BASE=$(grep -o 'listening on http://[0-9.:]*' "$WORK/server.log" 2>/dev/null | head -n 1 | sed 's/^listening on //' || true)
  [ -n "$BASE" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "the server did not start: $(tail -n 20 "$WORK/server.log")"
  sleep 0.1
done
[ -n "$BASE" ] || die "no 'listening on http://' line after 30 s: $(tail -n 20 "$WORK/server.log")"
TOKEN=$("$RUNDBRIEF" token create --name bench 2>/dev/null | head -n 1)
[ -n "$TOKEN" ] || die "rundbrief token create printed no token"

# One sign-up through the public form; prints "HTTP-CODE SECONDS".
signup() {
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
    --data-urlencode "email=$1" -d language=de -d consent=yes -d website= "$BASE/subscribe"
}
# An API request; prints the body, fails on an unexpected status.
api() {
  local method=$1 path=$2 expect=$3 body=${4:-}
  local out code args=()
  [ -z "$body" ] || args=(-H 'Content-Type: application/json' --data "$body")
  out=$(curl -s -w '\n%{http_code}' -X "$method" -H "Authorization: Bearer $TOKEN" \
    "${args[@]}" "$BASE/api/v1$path")
  code=${out##*$'\n'}
  [ "$code" = "$expect" ] || die "$method $path answered $code, expected $expect: ${out%$'\n'*}"
  printf '%s' "${out%$'\n'*}"
}
# How many subscribers with STATUS match the text Q (follows the pages).
count_subscribers() {
  local status=$1 q=$2 cursor="" total=0 page
  while :; do
    page=$(api GET "/subscribers?status=$status${q:+&q=$q}&limit=500${cursor:+&cursor=$cursor}" 200)
    total=$(( total + $(grep -o '"status":"' <<<"$page" | wc -l) ))
    cursor=$(grep -o '"next_cursor":[0-9]*' <<<"$page" | sed 's/.*://' || true)
    [ -n "$cursor" ] || break
  done
  echo "$total"
}
addr() { printf '%s-%05d@%s' "$1" "$2" "$DOMAIN"; }

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
dirty=""
git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null || dirty=" (with uncommitted changes in the working tree)"
if [ -n "${RUNDBRIEF_BIN:-}" ]; then
  echo "== rundbrief: $RUNDBRIEF_BIN (RUNDBRIEF_BIN; this checkout is at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)), backend $BACKEND, $BASE"
else
  echo "== rundbrief $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$dirty, backend $BACKEND, $BASE"
fi
echo "== settings: $SIGNUPS addresses of each kind, $WARMUP warm-up sign-ups, pause after each request $GAP_MS ms, bar $BAR_PERCENT %"

echo "-- preparing $SIGNUPS pending, $SIGNUPS active and $SIGNUPS suppressed addresses"
for i in $(seq "$SIGNUPS"); do
  read -r code _ < <(signup "$(addr pending "$i")")
  [ "$code" = 200 ] || die "the sign-up of $(addr pending "$i") answered $code"
  api POST /subscribers 201 "{\"email\":\"$(addr active "$i")\",\"language\":\"de\",\"consent\":\"obtained_elsewhere\"}" >/dev/null
  id=$(api POST /subscribers 201 "{\"email\":\"$(addr suppressed "$i")\",\"language\":\"de\",\"consent\":\"obtained_elsewhere\"}" \
    | grep -o '"id":[0-9]*' | head -n 1 | sed 's/.*://')
  [ -n "$id" ] || die "no id in the answer to creating $(addr suppressed "$i")"
  api DELETE "/subscribers/$id" 204 >/dev/null
done
# The sign-ups are processed by a job: wait until every pending address exists.
for _ in $(seq 240); do
  pending=$(count_subscribers pending "pending-")
  [ "$pending" -ge "$SIGNUPS" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "the server died: $(tail -n 20 "$WORK/server.log")"
  sleep 0.5
done
[ "$pending" -ge "$SIGNUPS" ] || die "only $pending of $SIGNUPS pending addresses exist after 120 s"
active=$(count_subscribers active "active-")
erased=$(count_subscribers erased "")
[ "$active" = "$SIGNUPS" ] || die "$active active addresses, expected $SIGNUPS"
[ "$erased" = "$SIGNUPS" ] || die "$erased erased subscribers, expected $SIGNUPS"
# Let the confirmation mails of the pending sign-ups go out before the clock starts.
sleep 3
echo "   $pending pending, $active active, $erased erased (suppressed)"

echo "-- warm-up: $WARMUP sign-ups (not counted)"
for i in $(seq "$WARMUP"); do
  read -r code _ < <(signup "$(addr warmup "$i")")
  [ "$code" = 200 ] || die "the warm-up sign-up answered $code"
done

echo "-- timing $(( 4 * SIGNUPS )) sign-ups, interleaved (load: $(cut -d' ' -f1-3 /proc/loadavg))"
RESULTS="$WORK/results"
: >"$RESULTS"
read -r -a kinds <<<"$KINDS"
for i in $(seq "$SIGNUPS"); do
  # Each round starts one kind further on (new, pending, active, suppressed; then pending,
  # active, suppressed, new; ...), so that every kind follows every other kind equally often:
  # the job a sign-up queues runs while the next request is answered, and a fixed order would
  # charge, say, the confirmation mail of a `pending` sign-up always to the `active` one after it.
  for j in 0 1 2 3; do
    kind=${kinds[$(( (i + j) % 4 ))]}
    read -r code secs < <(signup "$(addr "$kind" "$i")")
    [ "$code" = 200 ] || die "the sign-up of $(addr "$kind" "$i") ($kind) answered $code"
    echo "$kind $secs" >>"$RESULTS"
    [ "$GAP_MS" = 0 ] || sleep "$(awk -v ms="$GAP_MS" 'BEGIN {print ms / 1000}')"
  done
done
kill -0 "$SERVER_PID" 2>/dev/null || die "the server died: $(tail -n 20 "$WORK/server.log")"
# The timed sign-ups did what a sign-up does: the new addresses are now pending.
for _ in $(seq 240); do
  fresh=$(count_subscribers pending "new-")
  [ "$fresh" -ge "$SIGNUPS" ] && break
  sleep 0.5
done
[ "$fresh" -ge "$SIGNUPS" ] || die "only $fresh of the $SIGNUPS new addresses became pending"

echo
echo "| kind | count | median ms | p90 ms |"
echo "|---|---:|---:|---:|"
MEDIANS="$WORK/medians"
: >"$MEDIANS"
for kind in $KINDS; do
  awk -v k="$kind" '$1 == k {print $2 * 1000}' "$RESULTS" | sort -g | awk -v k="$kind" -v out="$MEDIANS" '
    { v[NR] = $1 }
    END {
      n = NR
      median = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
      r = int(0.9 * n); if (r < 0.9 * n) r++  # nearest rank
      printf "| %s | %d | %.3f | %.3f |\n", k, n, median, v[r]
      print k, median >> out
    }'
done
echo
sort -k2 -g "$MEDIANS" | awk -v bar="$BAR_PERCENT" '
  NR == 1 { lo = $2; lok = $1 } { hi = $2; hik = $1 }
  END {
    spread = 100 * (hi / lo - 1)
    printf "medians within %.1f %% of each other (bar: %s %%): largest %s %.3f ms, smallest %s %.3f ms\n", spread, bar, hik, hi, lok, lo
    print (spread <= bar) ? "PASS" : "FAIL"
  }'
