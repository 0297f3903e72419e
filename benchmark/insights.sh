#!/usr/bin/env bash
# Benchmark (not a test; not run by .ci/run) of the owner's insights page on a clinic-sized history: 100,000
# inquiries over two years and two years of daily visit aggregates for 50 pages (benchmark/InsightsLoad.java), on H2
# (the default, a throw-away file database) and on PostgreSQL (a throw-away database). For each: start the packaged
# app once so Flyway creates the schema, stop it (H2 in file mode allows one process), load the data with JDBC, start
# it again, sign in as the first administrator, then time GET /staff/insights for the default period (12 weeks) and
# for 12 months: WARMUP requests first, then MEASURED requests one after another; the median and the slowest of the
# measured ones, from curl's total time, in ms. The target is a median under 200 ms of warm requests: WARMUP is 100
# because the JIT compiles the page's code over its first tens of requests (one run on PostgreSQL, 12 weeks: a median
# of 202 ms after 10, 126 ms after 25, 81 ms after 85), and a clinic's server answers warm.
#
#   benchmark/insights.sh [measured requests, default 21] [inquiries, default 100000]
#   DATABASES="h2" benchmark/insights.sh          # only one of them (default: "h2 postgres")
#   PARTS=yes benchmark/insights.sh               # also the CSV of single charts, to see where the time goes
#
# After ./mvnw -DskipTests package. Needs curl, unzip, java; for PostgreSQL, psql and PostgreSQL on 127.0.0.1:5432
# trusting user postgres. 127.0.0.1 only, free ports, stops only what it started, drops only the database it created.
set -euo pipefail
source "$(dirname "$0")/../perf/lib.sh"

MEASURED=${1:-21}
INQUIRIES=${2:-100000}
WARMUP=${WARMUP:-100}
DATABASES=${DATABASES:-h2 postgres}
JAVA_OPTS=${JAVA_OPTS:--Xmx256m -Xss512k -XX:+UseSerialGC}
read -r -a JAVA_FLAGS <<<"$JAVA_OPTS"
ADMIN_EMAIL=owner@benchmark.example
ADMIN_PASSWORD="insights benchmark passphrase"
H2_OPTIONS="MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
for tool in curl unzip java; do command -v "$tool" >/dev/null || die "$tool is missing"; done

WORK=$(mktemp -d /tmp/clinic-insights.XXXXXX)
PID=
RESULTS=()

source "$(dirname "$0")/signed-in-app.sh"

cleanup() {
  stop
  drop_pg_database
  rm -rf "$WORK"
}
trap cleanup EXIT

# measure LABEL PATH: WARMUP then MEASURED timed GETs; prints and records the median and the slowest, in ms.
measure() {
  local label=$1 path=$2 code times median slowest
  code=$(curl -s -o "$WORK/page.html" -w '%{http_code}' -b "$WORK/cookies" "$BASE$path")
  [ "$code" = 200 ] || die "$path answered $code"
  case "$path" in *.csv*) ;; *) grep -q 'role="img"' "$WORK/page.html" || die "$path has no chart" ;; esac
  for _ in $(seq 1 "$WARMUP"); do curl -s -o /dev/null -b "$WORK/cookies" "$BASE$path"; done
  times=$(for _ in $(seq 1 "$MEASURED"); do
    curl -s -o /dev/null -w '%{time_total}\n' -b "$WORK/cookies" "$BASE$path"
  done | awk '{ printf "%.1f\n", $1 * 1000 }' | sort -n)
  median=$(awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }' <<<"$times")
  slowest=$(tail -n 1 <<<"$times")
  echo "  $label: median ${median} ms, slowest ${slowest} ms ($MEASURED requests after $WARMUP)"
  RESULTS+=("| $DATABASE | $label | ${median} ms | ${slowest} ms |")
}

section "machine"
echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg); java: $(java -version 2>&1 | head -n 1); flags: $JAVA_OPTS"

# The JDBC drivers the app itself ships, for the loader.
unzip -q -j -o "$(app_jar)" 'BOOT-INF/lib/h2-*.jar' 'BOOT-INF/lib/postgresql-*.jar' -d "$WORK/lib"

for DATABASE in $DATABASES; do
  case "$DATABASE" in
    h2) url="jdbc:h2:file:$WORK/h2/clinic;$H2_OPTIONS"; user=sa ;;
    postgres) fresh_pg_database clinic_insights; url=$PG_JDBC_URL; user=$PGUSER ;;
    *) die "unknown database $DATABASE (h2 or postgres)" ;;
  esac
  section "$DATABASE"
  start "$url" "$user"
  stop
  java -cp "$WORK/lib/*" "$PROJECT_DIR/benchmark/InsightsLoad.java" "$url" "$user" "$INQUIRIES" | sed 's/^/  /'
  start "$url" "$user"
  sign_in
  measure "12 weeks (default)" "/staff/insights"
  measure "12 months" "/staff/insights?range=MONTHS_12"
  if [ -n "${PARTS:-}" ]; then
    # where the time goes: the figures behind single charts, as CSV
    for part in visits inquiries pages articles; do measure "$part.csv, 12 weeks" "/staff/insights/$part.csv"; done
  fi
  stop
  [ "$DATABASE" = postgres ] && drop_pg_database
done

section "summary ($INQUIRIES inquiries, 2 years of visits for 50 pages; load now $(cut -d' ' -f1-3 /proc/loadavg))"
echo "| database | period | median | slowest |"
echo "|---|---|---|---|"
printf '%s\n' "${RESULTS[@]}"
