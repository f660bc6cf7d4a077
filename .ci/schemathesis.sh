#!/usr/bin/env bash
# schemathesis (pinned) against a live `rundbrief serve` on SQLite with an API token: every
# operation of /api/v1/openapi.json, all checks. Fails unless schemathesis finds nothing.
# Installs schemathesis into .ci/venv (a Python venv it creates) the first time.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
# Examples per operation: enough to reach every status and field, small enough to stay under
# about three minutes on two cores.
MAX_EXAMPLES=${SCHEMATHESIS_MAX_EXAMPLES:-25}

venv=.ci/venv
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  echo "== installing schemathesis $SCHEMATHESIS_VERSION into $venv"
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
  fi
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

echo "== building rundbrief"
# The binary the workspace's tests use: after .ci/run's `cargo test --workspace` this builds
# nothing, where `cargo build --bin rundbrief` alone unifies the dependencies' features without
# the dev-dependencies and compiled a second set of them (86 s in CI).
cargo test --workspace --locked --no-run --quiet
bin="${CARGO_TARGET_DIR:-target}/debug/rundbrief"

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export RUNDBRIEF_DATA_DIR="$data"
export RUNDBRIEF_DATABASE_URL="sqlite://$data/rundbrief.db"
export RUNDBRIEF_LISTEN="127.0.0.1:$port"
# The run sends hundreds of requests a minute from one address; the limit is tested elsewhere.
export RUNDBRIEF_API_RATE_LIMIT=0
export RUNDBRIEF_LOG=warn

"$bin" migrate >"$data/migrate.log" 2>&1 || { cat "$data/migrate.log" >&2; exit 1; }
# The whole output first: `| head -n1` could end the command with SIGPIPE, and pipefail the script.
created=$("$bin" token create --name schemathesis 2>"$data/token.log") || true
token=${created%%$'\n'*}
[ -n "$token" ] || { echo "no API token:" >&2; cat "$data/token.log" >&2; exit 1; }
"$bin" serve >"$data/serve.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "rundbrief serve ended:" >&2; cat "$data/serve.log" >&2; exit 1; }
  sleep 0.2
done
echo "== seeding a list, a subscriber and an issue"

# A list and an issue with a ready variant, so that the operations on existing records are
# reached too, not only their 404s.
api() { curl -fsS -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  "http://127.0.0.1:$port/api/v1$2" ${3:+--data "$3"} >/dev/null; }
api POST /lists '{"slug": "work", "names": {"de": "Arbeit", "en": "Work"}, "public": true}'
api POST /subscribers '{"email": "anna@example.org", "lists": [1], "consent": "obtained_elsewhere"}'
api POST /issues '{"title": "Ausgabe 1"}'
api PUT /issues/1/variants/de '{"subject": "Hallo", "body_markdown": "Text", "ready": true}'

echo "== schemathesis $SCHEMATHESIS_VERSION against http://127.0.0.1:$port/api/v1 (max $MAX_EXAMPLES examples per operation)"
status=0
"$venv/bin/schemathesis" --config-file .ci/schemathesis.toml run "http://127.0.0.1:$port/api/v1/openapi.json" \
  --url "http://127.0.0.1:$port/api/v1" \
  --header "Authorization: Bearer $token" \
  --checks all \
  --max-examples "$MAX_EXAMPLES" \
  --seed 17 \
  --no-color || status=$?
if [ "$status" -ne 0 ]; then
  echo "schemathesis found failures (exit $status); the server log:" >&2
  tail -n 50 "$data/serve.log" >&2
fi
exit "$status"
