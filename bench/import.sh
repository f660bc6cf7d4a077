#!/usr/bin/env bash
# The import benchmark (results: docs/benchmarks.md, "Import").
#
# For each backend and size: a fresh, migrated database, then `rundbrief import` of a generated
# file of N people (bench/import_rows.py: 24 languages, names in their own letters, each person
# on one to three of three lists that --create-lists makes) with consent obtained elsewhere.
# Reports rows/s (the import command's wall-clock time, process start included) and its peak
# resident set (/usr/bin/time's maximum RSS), and checks the database holds N subscribers. In
# the same run, as references, the database's own bulk loader with the same rows:
#  - "plain": sqlite3's `.import` (PostgreSQL: psql's `\copy`) of the CSV into a plain table
#    without indexes;
#  - "schema": into Rundbrief's real schema (a database `rundbrief migrate` made, the three
#    lists already there): `.import` (`\copy`) into a temporary staging table, then one
#    `INSERT INTO subscribers … SELECT`, one into subscriptions and one into consent_events, in
#    one transaction. The address's key and hash are computed beforehand (not timed), so this
#    is what the schema's indexes and constraints cost on their own: an upper bound for any
#    importer into this schema.
#
#   bench/import.sh                                 # sqlite and postgres, 100,000 and 1,000,000
#   SIZES=100000 BACKENDS=sqlite bench/import.sh    # one quick cell
#   RUNS=3 bench/import.sh                          # best of three runs per cell
#
# Settings (environment): SIZES, BACKENDS, RUNS (runs per cell; the fastest is reported),
# AFTER_MIGRATE_SQL (SQL run on each freshly migrated database before the import and the
# schema reference, e.g. "DROP INDEX subscribers_email_hash" to measure what an index costs),
# REFERENCES_ONLY=1 (only the bulk-loader references, no `rundbrief import`),
# BATCH_SIZE (--batch-size; default: the command's own), RUNDBRIEF_BIN (another build's
# binary; nothing is built then), PERF_DIR (a folder for a `perf record -g` profile of each
# import), PG_URL (server for the PostgreSQL runs; default postgres://postgres@127.0.0.1:5432;
# a database is created and dropped).
# Needs: cargo, python3, /usr/bin/time, sqlite3 (for the reference) and psql (for postgres).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
SIZES=${SIZES:-"100000 1000000"}
BACKENDS=${BACKENDS:-"sqlite postgres"}
RUNS=${RUNS:-1}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
export PGOPTIONS="-c client_min_messages=warning"
export RUNDBRIEF_LOG=${RUNDBRIEF_LOG:-warn}

die() { echo "bench/import.sh: $*" >&2; exit 1; }
now() { date +%s.%N; }

[ -x /usr/bin/time ] || die "/usr/bin/time is needed for the peak RSS (Debian: apt-get install time)"
command -v python3 >/dev/null || die "python3 is needed to generate the file"
case " $BACKENDS " in *" postgres "*) command -v psql >/dev/null || die "psql is needed for the PostgreSQL runs";; esac
HAVE_SQLITE3=1
command -v sqlite3 >/dev/null || HAVE_SQLITE3=0

if [ -n "${RUNDBRIEF_BIN:-}" ]; then
  RUNDBRIEF=$RUNDBRIEF_BIN
else
  echo "== building (release)"
  (cd "$ROOT" && cargo build --release --quiet -p rundbrief)
  RUNDBRIEF=$ROOT/target/release/rundbrief
fi

WORK=$(mktemp -d -t rundbrief-bench-import.XXXXXX)
PG_DB=""
cleanup() {
  [ -n "$PG_DB" ] && psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM"
echo "== commit: $(cd "$ROOT" && git rev-parse --short HEAD)"

# Runs "$@" under /usr/bin/time; sets SECONDS_TAKEN (wall clock) and RSS_KB (peak RSS).
timed() {
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$@"
  read -r SECONDS_TAKEN RSS_KB <"$WORK/time"
}

rate() { echo "$1 / $2" | bc; }

# SQL on the benchmark database of the current run.
db_query() {
  case "$backend" in
    sqlite) sqlite3 "$WORK/db/rundbrief.db" "$1" ;;
    postgres) psql -qtA "$RUNDBRIEF_DATABASE_URL" -c "$1" ;;
  esac
}

# One import into a fresh database; sets SECONDS_TAKEN and RSS_KB.
import_once() {
  local n=$1 file=$2
  rm -rf "$WORK/db"; mkdir -p "$WORK/db"
  export RUNDBRIEF_DATA_DIR="$WORK/db"
  if [ "$backend" = postgres ]; then PG_DB="rundbrief_bench_import_$$_$n"; fi
  fresh_database "$backend" "$WORK/db" "$PG_DB"
  "$RUNDBRIEF" migrate
  [ -n "${AFTER_MIGRATE_SQL:-}" ] && db_query "$AFTER_MIGRATE_SQL" >/dev/null
  local perf_pid=""
  local args=(import "$file" --consent obtained-elsewhere --source "Benchmark" --by bench
              --create-lists --language en)
  [ -n "${BATCH_SIZE:-}" ] && args+=(--batch-size "$BATCH_SIZE")
  if [ -n "${PERF_DIR:-}" ]; then
    mkdir -p "$PERF_DIR"
    perf record -q -F 999 -g -o "$PERF_DIR/import-$backend-$n-$(date +%H%M%S).data" \
      -- /usr/bin/time -f '%e %M' -o "$WORK/time" "$RUNDBRIEF" "${args[@]}" 2>"$WORK/import.log" \
      || die "the import failed: $(tail -n 20 "$WORK/import.log")"
    read -r SECONDS_TAKEN RSS_KB <"$WORK/time"
  else
    timed "$RUNDBRIEF" "${args[@]}" 2>"$WORK/import.log" \
      || die "the import failed: $(tail -n 20 "$WORK/import.log")"
  fi
  grep '^import:' "$WORK/import.log" | sed 's/^/   /'
  local stored; stored=$(db_query "SELECT COUNT(*) FROM subscribers")
  [ "$stored" = "$n" ] || die "$stored of $n subscribers are stored: $(tail -n 20 "$WORK/import.log")"
  local events; events=$(db_query "SELECT COUNT(*) FROM consent_events")
  [ "$events" = "$n" ] || die "$events consent events for $n subscribers"
  if [ "$backend" = postgres ]; then
    psql -q "$PG_URL/postgres" -c "DROP DATABASE $PG_DB" >/dev/null; PG_DB=""
  fi
}

# The same CSV into a plain table by the database's own bulk loader; sets SECONDS_TAKEN.
reference_once() {
  local n=$1 file=$2
  case "$backend" in
    sqlite)
      rm -f "$WORK/reference.db"
      # WAL and synchronous=NORMAL, as Rundbrief's own connection.
      sqlite3 "$WORK/reference.db" "PRAGMA journal_mode=WAL;" >/dev/null
      local t0; t0=$(now)
      sqlite3 "$WORK/reference.db" "PRAGMA synchronous=NORMAL;" \
        "CREATE TABLE people (email TEXT, name TEXT, language TEXT, lists TEXT);" \
        ".import --csv --skip 1 $file people"
      SECONDS_TAKEN=$(echo "$(now) - $t0" | bc) ;;
    postgres)
      PG_DB="rundbrief_bench_import_ref_$$"
      fresh_database postgres "$WORK" "$PG_DB"
      psql -q "$RUNDBRIEF_DATABASE_URL" -c "CREATE TABLE people (email TEXT, name TEXT, language TEXT, lists TEXT)"
      local t0; t0=$(now)
      psql -q "$RUNDBRIEF_DATABASE_URL" -c "\\copy people FROM '$file' WITH (FORMAT csv, HEADER true)"
      SECONDS_TAKEN=$(echo "$(now) - $t0" | bc)
      psql -q "$PG_URL/postgres" -c "DROP DATABASE $PG_DB" >/dev/null; PG_DB="" ;;
  esac
}

# The rows with each address's key (lower case) and SHA-256 hash, as Rundbrief stores them,
# for the schema reference: email,key,hash,name,language,lists.
keyed_file() {
  python3 - "$1" "$2" <<'PY'
import csv, hashlib, sys
with open(sys.argv[1], newline="") as src, open(sys.argv[2], "w", newline="") as dst:
    rows, out = csv.reader(src), csv.writer(dst, lineterminator="\n")
    next(rows)
    out.writerow(["email", "key", "hash", "name", "language", "lists"])
    for email, name, language, lists in rows:
        key = email.lower()
        out.writerow([email, key, hashlib.sha256(key.encode()).hexdigest(), name, language, lists])
PY
}

# The same rows by the database's own loader into Rundbrief's migrated schema (see the top);
# sets SECONDS_TAKEN and checks N subscribers, N consent events and the subscriptions.
schema_reference_once() {
  local n=$1 keyed=$2 at="2026-12-06 12:00:00+00:00"
  rm -rf "$WORK/db"; mkdir -p "$WORK/db"
  export RUNDBRIEF_DATA_DIR="$WORK/db"
  if [ "$backend" = postgres ]; then PG_DB="rundbrief_bench_import_schema_$$"; fi
  fresh_database "$backend" "$WORK/db" "$PG_DB"
  "$RUNDBRIEF" migrate
  [ -n "${AFTER_MIGRATE_SQL:-}" ] && db_query "$AFTER_MIGRATE_SQL" >/dev/null
  # The lists exist, as --create-lists makes them in the first batch.
  db_query "INSERT INTO lists (slug, names, created_at) VALUES ('weekly', '{\"en\":\"Weekly\"}', '$at'),
            ('events', '{\"en\":\"Events\"}', '$at'), ('offers', '{\"en\":\"Offers\"}', '$at')" >/dev/null
  # AT, EMPTY and N stand for what each database spells its own way.
  local insert="
    INSERT INTO subscribers (id, email, email_key, email_hash, name, language, status,
                             attributes, created_at, confirmed_at)
      SELECT N, email, key, hash, name, language, 'active', EMPTY, AT, AT FROM staging;
    INSERT INTO subscriptions (subscriber_id, list_id, created_at)
      SELECT s.N, l.id, AT FROM staging s JOIN lists l
        ON strpos('|' || lower(s.lists) || '|', '|' || l.slug || '|') > 0;
    INSERT INTO consent_events (subscriber_id, action, text_version, user_agent, created_at)
      SELECT N, 'import', 'import-consent-obtained-elsewhere',
             'rundbrief import of people.csv by bench; Benchmark', AT FROM staging;"
  local t0
  case "$backend" in
    sqlite)
      insert=${insert//strpos(/instr(}; insert=${insert//N,/rowid,}; insert=${insert//s.N/s.rowid}
      insert=${insert//EMPTY/\'\{\}\'}; insert=${insert//AT/\'$at\'}
      t0=$(now)
      # As Rundbrief's connection: WAL (set by migrate), synchronous=NORMAL, foreign keys on.
      sqlite3 -bail "$WORK/db/rundbrief.db" "PRAGMA synchronous=NORMAL;" "PRAGMA foreign_keys=ON;" \
        "CREATE TEMP TABLE staging (email TEXT, key TEXT, hash TEXT, name TEXT, language TEXT, lists TEXT);" \
        ".import --csv --skip 1 --schema temp $keyed staging" \
        "BEGIN IMMEDIATE; $insert COMMIT;" >/dev/null ;;
    postgres)
      insert=${insert//N,/n,}; insert=${insert//s.N/s.n}
      insert=${insert//EMPTY/\'\{\}\'::jsonb}; insert=${insert//AT/\'$at\'::timestamptz}
      t0=$(now)
      psql -q -v ON_ERROR_STOP=1 "$RUNDBRIEF_DATABASE_URL" >/dev/null <<SQL
BEGIN;
CREATE TEMP TABLE staging (n BIGSERIAL, email TEXT, key TEXT, hash TEXT, name TEXT,
                           language TEXT, lists TEXT) ON COMMIT DROP;
\copy staging (email, key, hash, name, language, lists) FROM '$keyed' WITH (FORMAT csv, HEADER true)
$insert
SELECT setval(pg_get_serial_sequence('subscribers', 'id'), (SELECT max(id) FROM subscribers));
COMMIT;
SQL
      ;;
  esac
  SECONDS_TAKEN=$(echo "$(now) - $t0" | bc)
  local stored events subscriptions
  stored=$(db_query "SELECT COUNT(*) FROM subscribers")
  events=$(db_query "SELECT COUNT(*) FROM consent_events")
  subscriptions=$(db_query "SELECT COUNT(*) FROM subscriptions")
  [ "$stored" = "$n" ] && [ "$events" = "$n" ] && [ "$subscriptions" -ge "$n" ] \
    || die "schema reference: $stored subscribers, $events consent events, $subscriptions subscriptions for $n rows"
  if [ "$backend" = postgres ]; then
    psql -q "$PG_URL/postgres" -c "DROP DATABASE $PG_DB" >/dev/null; PG_DB=""
  fi
}

RESULTS=()
for n in $SIZES; do
  file="$WORK/people-$n.csv"
  python3 "$ROOT/bench/import_rows.py" "$n" >"$file"
  printf '== %s rows, %s MB\n' "$n" "$(( $(stat -c %s "$file") / 1048576 ))"
  keyed="$WORK/people-keyed-$n.csv"
  keyed_file "$file" "$keyed"
  for backend in $BACKENDS; do
    best="" best_rss=""
    for _ in $(seq "$([ "${REFERENCES_ONLY:-0}" = 1 ] && echo 0 || echo "$RUNS")"); do
      import_once "$n" "$file"
      printf '   %s: %.1f s, %s rows/s, peak RSS %s MB\n' "$backend" "$SECONDS_TAKEN" \
        "$(rate "$n" "$SECONDS_TAKEN")" "$(( RSS_KB / 1024 ))"
      if [ -z "$best" ] || [ "$(echo "$SECONDS_TAKEN < $best" | bc)" = 1 ]; then best=$SECONDS_TAKEN; fi
      if [ -z "$best_rss" ] || [ "$RSS_KB" -gt "$best_rss" ]; then best_rss=$RSS_KB; fi
    done
    ref="-" schema_ref="-"
    if [ "$backend" = postgres ] || [ "$HAVE_SQLITE3" = 1 ]; then
      loader=$([ "$backend" = sqlite ] && echo "sqlite3 .import" || echo "psql \\copy")
      reference_once "$n" "$file"
      ref=$(rate "$n" "$SECONDS_TAKEN")
      printf '   %s reference (plain table, %s): %.1f s, %s rows/s\n' "$backend" \
        "$loader" "$SECONDS_TAKEN" "$ref"
      schema_best=""
      for _ in $(seq "$RUNS"); do
        schema_reference_once "$n" "$keyed"
        printf '   %s reference (Rundbrief schema, %s + INSERT … SELECT): %.1f s, %s rows/s\n' \
          "$backend" "$loader" "$SECONDS_TAKEN" "$(rate "$n" "$SECONDS_TAKEN")"
        if [ -z "$schema_best" ] || [ "$(echo "$SECONDS_TAKEN < $schema_best" | bc)" = 1 ]; then
          schema_best=$SECONDS_TAKEN
        fi
      done
      schema_ref=$(rate "$n" "$schema_best")
    fi
    if [ -z "$best" ]; then best_rate="-" best_mb="-"; else
      best_rate=$(rate "$n" "$best") best_mb=$(( best_rss / 1024 )); fi
    RESULTS+=("$(printf '| %s | %s | %s | %s | %s | %s |' "$backend" "$n" "$best_rate" \
      "$best_mb" "$ref" "$schema_ref")")
  done
  rm -f "$file" "$keyed"
done

echo
echo "| backend | rows | rows/s | peak RSS (MB, highest of the runs) | reference rows/s, plain table | reference rows/s, Rundbrief's schema |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${RESULTS[@]}"
