#!/usr/bin/env bash
# Benchmark (not a test; not run by .ci/run) of the staff pages the front desk waits on, at 100,000 inquiries with
# names, emails, phones, messages, search keys, notes, calls, assignments and replies, and a year of access trail
# (benchmark/InsightsLoad.java --people), on H2 (a throw-away file database) and on PostgreSQL (a throw-away
# database). For each: start the packaged app once so Flyway creates the schema and the first administrator, stop it
# (H2 in file mode allows one process), load the data with JDBC, start it again, sign in once as that administrator
# with the second factor (perf/second_step.py: the authenticator app's code through the real pages), then time each
# page: a first pass of WARMUP requests to every page (the JIT compiles the pages' code over their first tens of
# requests, and a clinic's server answers warm), then for each page WARMUP again and MEASURED requests one after
# another; the median and the 90th percentile of curl's total time,
# in ms, the first request's time, and the CPU time the app and (on PostgreSQL) the database server's processes for
# its connections used per measured request, which a busy machine hardly moves. The target is a median under 50 ms
# for each.
#
#   benchmark/back-office.sh [measured requests, default 21] [inquiries, default 100000]
#   DATABASES="h2" benchmark/back-office.sh      # only one of them (default: "h2 postgres")
#   WARMUP=50 TRAIL=1000000 PAGES="inbox trail"   # warm-up requests; access-trail rows; only pages whose label has a word
#   WARMUP_PASSES=                                # no warm-up pass over every page first (each page's own WARMUP only)
#   APP_JAR=/tmp/before.jar                       # another build than target/'s, to compare
#   KEEP_DIR=/srv/bench/mine KEEP_PG_DATABASE=bench_mine   # keep the loaded databases, and reuse them next time
#   PORT_RANGE=31501-31519                        # the app's ports from this range only (a shared machine's share)
#   SAVE_PAGES=/tmp/pages-before                  # keep each page's first answer there (<database>-<label>.html),
#                                                 # to diff a page's HTML between two builds on the same data
#
# KEEP_DIR keeps what a run loaded instead of throwing it away: the H2 file database in KEEP_DIR/h2/, the
# PostgreSQL database named KEEP_PG_DATABASE (default clinic_back_office_kept), and beside them what a later run
# needs to use them without loading again (KEEP_DIR/<database>.sample: the inquiry the searches look for;
# KEEP_DIR/second-step-<database>.json: the administrator's authenticator key; KEEP_DIR/<database>.loaded: what was
# loaded). A run with the same KEEP_DIR finds them and goes straight to the measuring. To compare two builds on the
# same data, load once, copy (cp -a KEEP_DIR, createdb -T), and give each build its own copy, since a build's
# migrations change its database (see docs/performance.md, "The back office, second pass").
#
# After ./mvnw -DskipTests package. Needs curl, unzip, java, python3; for PostgreSQL, psql and PostgreSQL on
# 127.0.0.1:5432 trusting user postgres. 127.0.0.1 only, free ports, stops only the process it started (by its PID),
# drops only the database it created.
set -euo pipefail
source "$(dirname "$0")/../perf/lib.sh"

MEASURED=${1:-21}
INQUIRIES=${2:-100000}
WARMUP=${WARMUP:-50}
# WARMUP_PASSES=warm-up (the default) or empty: whether every page is warmed up before the first is measured
WARMUP_PASSES=${WARMUP_PASSES-warm-up}
TRAIL=${TRAIL:-1000000}
DATABASES=${DATABASES:-h2 postgres}
JAVA_OPTS=${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
APP_JAR=${APP_JAR:-$(app_jar)}
read -r -a JAVA_FLAGS <<<"$JAVA_OPTS"
ADMIN_EMAIL=owner@benchmark.example
ADMIN_PASSWORD="back office benchmark passphrase"
H2_OPTIONS="MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
for tool in curl unzip java python3; do command -v "$tool" >/dev/null || die "$tool is missing"; done

KEEP_DIR=${KEEP_DIR:-}
KEEP_PG_DATABASE=${KEEP_PG_DATABASE:-clinic_back_office_kept}
if [ -n "$KEEP_DIR" ]; then
  mkdir -p "$KEEP_DIR"
  KEEP_DIR=$(cd "$KEEP_DIR" && pwd)
fi
WORK=$(mktemp -d /tmp/clinic-back-office.XXXXXX)
PID=
RESULTS=()

source "$(dirname "$0")/signed-in-app.sh"

if [ -n "${PORT_RANGE:-}" ]; then
  # free_port (perf/lib.sh), but only in PORT_RANGE: on a machine shared with others, the ports given to this run
  # (in turn, from a counter in the scratch folder: start() asks for two ports before the first is taken)
  free_port() {
    local low=${PORT_RANGE%-*} high=${PORT_RANGE#*-} next port
    next=$(cat "$WORK/next-port" 2>/dev/null || echo 0)
    for _ in $(seq "$low" "$high"); do
      port=$(( low + next % (high - low + 1) ))
      next=$(( next + 1 ))
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "$next" >"$WORK/next-port"
        echo "$port"
        return 0
      fi
    done
    die "no free port in $PORT_RANGE"
  }
fi

# kept_pg_database NAME: the PostgreSQL database NAME as a run with KEEP_DIR loaded it, or, when KEEP_DIR does not
# say it was loaded (a first run, or one stopped half-way), created afresh (as fresh_pg_database in perf/lib.sh, but
# named, and not dropped at the end); sets PG_DATABASE and PG_JDBC_URL.
kept_pg_database() {
  command -v psql >/dev/null || die "psql is missing (apt-get install -y postgresql-client)"
  export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
  pg_isready -q 2>/dev/null || die "no PostgreSQL at $PGHOST:$PGPORT"
  [[ "$1" =~ ^[a-z_][a-z0-9_]*$ ]] || die "KEEP_PG_DATABASE=$1: lower-case letters, digits and _ only"
  if [ ! -f "$KEEP_DIR/postgres.loaded" ]; then
    psql -q -d postgres -c "drop database if exists $1" >/dev/null || die "could not drop database $1"
    psql -q -d postgres -c "create database $1" >/dev/null || die "could not create database $1"
  fi
  PG_DATABASE=$1
  PG_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PG_DATABASE"
}

cleanup() {
  stop
  # a kept database is left in place for the next run
  [ -n "$KEEP_DIR" ] || drop_pg_database
  rm -rf "$WORK"
}
trap cleanup EXIT

# cpu_ms PIDS...: the CPU time (user and system) the processes have used so far, in ms; a process that has ended
# counts nothing.
cpu_ms() {
  local ticks=0 pid fields
  for pid in "$@"; do
    fields=$(cut -d' ' -f14,15 "/proc/$pid/stat" 2>/dev/null) || continue
    ticks=$(( ticks + ${fields% *} + ${fields#* } ))
  done
  echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}

# threads_cpu_ms PID: the CPU time (user and system) the app's threads that serve requests have used so far, in ms:
# Tomcat's connector threads (http-nio-...: the request threads and their poller) and the insights' query threads
# (with H2, the queries run on them too). It leaves out the JIT compiler's and the collector's threads, which on a
# busy machine still work long after the warm-up and move the process's figure by tens of ms a request.
threads_cpu_ms() {
  local ticks=0 task fields
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      http-nio-*|insights-query) ;;
      *) continue ;;
    esac
    fields=$(sed 's/^.*) //' "$task/stat" 2>/dev/null | cut -d' ' -f12,13) || continue
    [ -n "$fields" ] || continue
    ticks=$(( ticks + ${fields% *} + ${fields#* } ))
  done
  echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}

# database_pids: on PostgreSQL, the server processes of the app's connections (its pool keeps them open); else none.
database_pids() {
  [ "$DATABASE" != postgres ] || psql -Atq -d postgres -c \
    "select pid from pg_stat_activity where datname = '$PG_DATABASE' and pid <> pg_backend_pid()"
}

# measure LABEL PATH [TEXT]: one GET that must answer 200 (and hold TEXT, when given), WARMUP more, then MEASURED
# timed ones; prints and records the median, the 90th percentile and the first GET's time (a cold page: the JIT, and
# any cache the page keeps, still empty), in ms. In the warm-up pass (PASS=warm-up) only the WARMUP requests.
measure() {
  local label=$1 path=$2 text=${3:-} code first times median p90
  if [ -n "${PAGES:-}" ] && ! grep -qiE "${PAGES// /|}" <<<"$label"; then return 0; fi
  read -r code first < <(curl -s -o "$WORK/page.html" -w '%{http_code} %{time_total}\n' -b "$WORK/cookies" "$BASE$path")
  first=$(awk '{ printf "%.1f", $1 * 1000 }' <<<"$first")
  [ "$code" = 200 ] || die "$path answered $code"
  # the first view is the cold one: in the warm-up pass when there is one
  if [ "$PASS" = warm-up ]; then
    COLD[$label]=$first
    for _ in $(seq 1 "$WARMUP"); do curl -s -o /dev/null -b "$WORK/cookies" "$BASE$path"; done
    return 0
  fi
  first=${COLD[$label]:-$first}
  grep -q 'name="_csrf"' "$WORK/page.html" || die "$path is not a signed-in staff page"
  [ -z "$text" ] || grep -qF -- "$text" "$WORK/page.html" || die "$path does not show $text"
  if [ -n "${SAVE_PAGES:-}" ]; then
    mkdir -p "$SAVE_PAGES" && cp "$WORK/page.html" "$SAVE_PAGES/$DATABASE-${label//[^a-zA-Z0-9]/-}.html"
  fi
  for _ in $(seq 1 "$WARMUP"); do curl -s -o /dev/null -b "$WORK/cookies" "$BASE$path"; done
  # CPU time per measured request, the app's and the database server's: unlike the time to answer, it hardly
  # moves with what else the machine runs, so two builds compare on a busy machine too
  local db_pids app_cpu db_cpu threads_cpu
  db_pids=$(database_pids)
  app_cpu=$(cpu_ms "$PID"); db_cpu=$(cpu_ms $db_pids); threads_cpu=$(threads_cpu_ms "$PID")
  times=$(for _ in $(seq 1 "$MEASURED"); do
    curl -s -o /dev/null -w '%{time_total}\n' -b "$WORK/cookies" "$BASE$path"
  done | awk '{ printf "%.1f\n", $1 * 1000 }' | sort -n)
  app_cpu=$(awk -v a="$app_cpu" -v b="$(cpu_ms "$PID")" -v n="$MEASURED" 'BEGIN { printf "%.1f", (b - a) / n }')
  db_cpu=$(awk -v a="$db_cpu" -v b="$(cpu_ms $db_pids)" -v n="$MEASURED" 'BEGIN { printf "%.1f", (b - a) / n }')
  threads_cpu=$(awk -v a="$threads_cpu" -v b="$(threads_cpu_ms "$PID")" -v n="$MEASURED" 'BEGIN { printf "%.1f", (b - a) / n }')
  median=$(awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }' <<<"$times")
  p90=$(awk '{ v[NR] = $1 } END { i = int(NR * 0.9 + 0.999); print v[i < 1 ? 1 : i] }' <<<"$times")
  printf '  %-28s median %7s ms, p90 %7s ms, first %7s ms, CPU per request: app %s ms (its request threads %s ms), database %s ms  (load %s)\n' \
    "$label:" "$median" "$p90" "$first" "$app_cpu" "$threads_cpu" "$db_cpu" "$(cut -d' ' -f1 /proc/loadavg)"
  RESULTS+=("| $DATABASE | $label | ${median} ms | ${p90} ms | ${first} ms | ${app_cpu} ms | ${db_cpu} ms | $(cut -d' ' -f1 /proc/loadavg) |")
}

section "machine"
echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg); java: $(java -version 2>&1 | head -n 1); flags: $JAVA_OPTS"

# The JDBC drivers the app itself ships, for the loader.
unzip -q -j -o "$APP_JAR" 'BOOT-INF/lib/h2-*.jar' 'BOOT-INF/lib/postgresql-*.jar' -d "$WORK/lib"

for DATABASE in $DATABASES; do
  # where this database's loaded data and the files to reuse it live: the scratch folder, or KEEP_DIR
  data=${KEEP_DIR:-$WORK}
  case "$DATABASE" in
    h2) url="jdbc:h2:file:$data/h2/clinic;$H2_OPTIONS"; user=sa ;;
    postgres)
      if [ -n "$KEEP_DIR" ]; then
        kept_pg_database "$KEEP_PG_DATABASE"
      else
        fresh_pg_database clinic_back_office
      fi
      url=$PG_JDBC_URL; user=$PGUSER ;;
    *) die "unknown database $DATABASE (h2 or postgres)" ;;
  esac
  section "$DATABASE"
  if [ -f "$data/$DATABASE.loaded" ]; then
    echo "  reusing the database loaded earlier in $data: $(cat "$data/$DATABASE.loaded")"
  else
    # nothing half-loaded is reused: a fresh database
    [ "$DATABASE" != h2 ] || rm -rf "$data/h2"
    rm -f "$data/second-step-$DATABASE.json"
    start "$url" "$user"
    stop
    java -cp "$WORK/lib/*" "$PROJECT_DIR/benchmark/InsightsLoad.java" "$url" "$user" "$INQUIRIES" --people "$TRAIL" \
      | tee "$WORK/load.txt" | grep -v '^sample' | sed 's/^/  /'
    grep '^sample' "$WORK/load.txt" >"$data/$DATABASE.sample"
    echo "$INQUIRIES inquiries, $TRAIL access-trail entries, loaded $(date -u '+%Y-%m-%d %H:%M UTC')" \
      >"$data/$DATABASE.loaded"
  fi
  IFS=$'\t' read -r _ REFERENCE FAMILY EMAIL PHONE <"$data/$DATABASE.sample"
  start "$url" "$user"
  # the administrator's authenticator key, enrolled by the first sign-in to this database (signed-in-app.sh keeps it
  # in the scratch folder): brought in from KEEP_DIR and kept there again, with the last code used
  [ ! -f "$data/second-step-$DATABASE.json" ] || [ "$data" = "$WORK" ] \
    || cp "$data/second-step-$DATABASE.json" "$WORK/second-step-$DATABASE.json"
  sign_in
  [ "$data" = "$WORK" ] || cp "$WORK/second-step-$DATABASE.json" "$data/second-step-$DATABASE.json"
  # Two passes over the pages: the first only warms every page up (WARMUP requests each), so the JIT has compiled
  # what all of them share before any is timed, as on a clinic's server that has answered the desk all morning; the
  # second measures each (WARMUP again, then MEASURED). Without it the first page timed paid for the compiler
  # running beside it (on 2 cores, up to 77 ms against 46 ms for the same page in the next run, 2026-12-07).
  declare -A COLD=()
  for PASS in $WARMUP_PASSES measure; do
    inbox=/staff/inquiries
    measure "inbox, all but spam" "$inbox"
    for tab in NEW CONTACTED BOOKED CLOSED SPAM; do measure "inbox, tab $tab" "$inbox?status=$tab"; done
    measure "inbox, service filter" "$inbox?service=FOOT_CARE"
    measure "inbox, search name" "$inbox?q=$FAMILY" "$FAMILY"
    measure "inbox, search email" "$inbox?q=$EMAIL" "$EMAIL"
    measure "inbox, search phone" "$inbox?q=$(sed 's/-/+/g' <<<"$PHONE")" "$REFERENCE"
    measure "inbox, search reference" "$inbox?q=$REFERENCE" "$REFERENCE"
    measure "inbox, far page (3000)" "$inbox?page=3000"
    id=$(curl -s -b "$WORK/cookies" "$BASE$inbox?q=$REFERENCE" | grep -o "href=\"$inbox/[0-9]*\"" | head -n 1 \
      | grep -o '[0-9]*')
    [ -n "$id" ] || die "no inquiry found for $REFERENCE"
    measure "one inquiry" "$inbox/$id" "$EMAIL"
    measure "reply page" "$inbox/$id/reply" "$EMAIL"
    measure "access trail" "/staff/audit"
    measure "insights, default period" "/staff/insights" 'role="img"'
  done
  stop
  if [ "$DATABASE" = postgres ] && [ -z "$KEEP_DIR" ]; then drop_pg_database; fi
done

section "summary ($INQUIRIES inquiries, $TRAIL access-trail entries, $WARMUP warm-up then $MEASURED measured requests; load now $(cut -d' ' -f1-3 /proc/loadavg))"
echo "| database | page | median | p90 | first view | app CPU per request | database CPU per request | load (1 min) |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${RESULTS[@]}"
