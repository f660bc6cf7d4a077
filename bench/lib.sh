# Shared by the benchmark scripts: sourced, not run.

# A fresh, empty database for this run on backend $1 (sqlite or postgres), named $3 on
# PostgreSQL ($PG_URL) or a file in directory $2; exports RUNDBRIEF_DATABASE_URL.
fresh_database() {
  local backend=$1 dir=$2 name=$3
  case "$backend" in
    sqlite) export RUNDBRIEF_DATABASE_URL="sqlite://$dir/rundbrief.db" ;;
    postgres)
      psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $name" >/dev/null
      psql -q "$PG_URL/postgres" -c "CREATE DATABASE $name" >/dev/null
      export RUNDBRIEF_DATABASE_URL="$PG_URL/$name" ;;
    *) echo "unknown backend: $backend" >&2; return 1 ;;
  esac
}
