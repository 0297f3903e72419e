#!/usr/bin/env bash
# Durability and backups, on H2 (the default, a file database) and on PostgreSQL (a fresh database this script
# creates and drops), with the built jar as the clinic runs it:
#
#   1. An inquiry whose confirmation page was shown survives `kill -9` of its instance immediately after: the
#      script fetches the real form (for its one-time token), posts it, sees the confirmation, kills the JVM with
#      SIGKILL, starts it again on the same database, signs in as the bootstrap administrator and finds the
#      inquiry in the inbox. A staff note is added, so the backup below holds a note and sign-in audit entries.
#   2. A backup taken with docs/operations.md's command (H2: org.h2.tools.Script with the instance stopped; PostgreSQL:
#      pg_dump while it runs) is restored with its restore command into an empty database; every
#      inquiry, note and access-trail entry is there (same ids, compared table by table), and the app started on
#      the restored database finds the inquiry in its inbox.
#   3. The first H2 start logs in Spring Boot's ECS structured format (LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs): every
#      line of its log is one JSON object.
#
#   perf/durability.sh            (after ./mvnw -DskipTests package; needs curl, and for PostgreSQL psql, pg_dump,
#                                  pg_restore and a server on 127.0.0.1:5432 that trusts user postgres)
#   DURABILITY_DATABASES=h2 perf/durability.sh      # only H2 (default: "h2 postgres")
#
# Talks to 127.0.0.1 only, on free ports; stops only the processes it started, by PID; drops only the databases it
# created. The instances start as production starts them (perf/lib.sh app_launch: deploy/systemd's flags, which
# JAVA_OPTS overrides, and the class cache of APP_CACHE_DIR when set).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

JAR=$(app_jar)
app_launch
DATABASES=${DURABILITY_DATABASES:-h2 postgres}
PG=(-h 127.0.0.1 -p "${PGPORT:-5432}" -U postgres)
ADMIN_EMAIL=durability-test@clinic.test
ADMIN_PASSWORD="durability-test-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
H2_URL_OPTIONS="MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
# The app refuses a post sent sooner than this after its form (3 s as shipped); shortened, not switched off.
FILL_TIME=1s
started_at=$(now_ms)

WORK=$(mktemp -d /tmp/clinic-durability.XXXXXX)
INSTANCE_PID=
CREATED_DATABASES=()
passed=0
failed=0

cleanup() {
  local status=$?
  if [ -n "$INSTANCE_PID" ] && kill -0 "$INSTANCE_PID" 2>/dev/null; then
    kill -9 "$INSTANCE_PID" 2>/dev/null || true
    wait "$INSTANCE_PID" 2>/dev/null || true
  fi
  for db in "${CREATED_DATABASES[@]}"; do
    psql "${PG[@]}" -q -d postgres -c "drop database if exists $db with (force)" >/dev/null 2>&1 || true
  done
  if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
    for log in "$WORK"/*.log; do
      [ -s "$log" ] && { echo "--- last lines of $log"; tail -n 25 "$log"; }
    done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

pass() { passed=$((passed + 1)); echo "  pass  $*"; }
fail() { failed=$((failed + 1)); echo "  FAIL  $*"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

# start_instance NAME DATASOURCE_URL [VAR=value...]: the jar with the environment docs/operations.md gives, on a free port;
# waits for /readyz (the database is reachable and the app is ready). Sets INSTANCE_PID and BASE.
start_instance() {
  local name=$1 url=$2 port
  shift 2
  port=$(free_port)
  BASE="http://127.0.0.1:$port"
  env SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$port" MANAGEMENT_SERVER_PORT="$(free_port)" \
    SPRING_DATASOURCE_URL="$url" \
    CLINIC_BASE_URL="$BASE" CLINIC_ADMIN_EMAIL="$ADMIN_EMAIL" CLINIC_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    CLINIC_INQUIRY_MINIMUMFILLTIME="$FILL_TIME" "$@" \
    "${APP_LAUNCH[@]}" >>"$WORK/$name.log" 2>&1 &
  INSTANCE_PID=$!
  local deadline=$(( $(now_ms) + ${DURABILITY_STARTUP_SECONDS:-300} * 1000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/readyz" 2>/dev/null)" = 200 ]; do
    kill -0 "$INSTANCE_PID" 2>/dev/null || die "$name stopped before it was ready (see its log below)"
    [ "$(now_ms)" -lt "$deadline" ] || die "$name was not ready within ${DURABILITY_STARTUP_SECONDS:-300} s"
    sleep 0.2
  done
  echo "$name: pid $INSTANCE_PID on $BASE, ready after $(( ($(now_ms) - started_at) / 1000 )) s since the script began"
}

stop_instance() {
  kill "$INSTANCE_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$INSTANCE_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$INSTANCE_PID" 2>/dev/null || true
  wait "$INSTANCE_PID" 2>/dev/null || true
  INSTANCE_PID=
}

kill_instance() {
  kill -9 "$INSTANCE_PID"
  wait "$INSTANCE_PID" 2>/dev/null || true
  INSTANCE_PID=
}

# post_inquiry NAME: as a visitor does it: the form, its token, a person's fill time, the post, the confirmation.
# Sets REFERENCE; returns 1 (with a message) if any step does not answer as it should.
post_inquiry() {
  local name=$1 token code location page
  token=$(curl -s --max-time 20 "$BASE/inquiry" | { grep -o 'name="token" value="[^"]*"' || true; } \
    | head -n 1 | sed 's/.*value="//; s/"$//')
  [ -n "$token" ] || { echo "    the form carried no token"; return 1; }
  sleep 1.2
  read -r code location < <(curl -s --max-time 20 -o /dev/null -w '%{http_code} %{redirect_url}\n' \
    --data-urlencode "token=$token" --data-urlencode "name=$name" \
    --data-urlencode "email=durability-$RANDOM@example.com" --data-urlencode "phone=905-555-0142" \
    --data-urlencode "service=BACK_PAIN" --data-urlencode "askingAbout=BOTH" --data-urlencode "consent=true" \
    --data-urlencode "message=Stored before the confirmation, kept through kill -9" "$BASE/inquiry")
  [ "$code" = 303 ] || { echo "    the post answered $code, not 303"; return 1; }
  REFERENCE=${location##*/inquiry/sent/}
  page=$(curl -s --max-time 20 -w '\n%{http_code}' "$location")
  [ "${page##*$'\n'}" = 200 ] && grep -q "$REFERENCE" <<<"$page" \
    || { echo "    the confirmation page did not show $REFERENCE"; return 1; }
}

# sign_in: the bootstrap administrator, with the sign-in form's CSRF token, then the second step through the real
# pages (perf/second_step.py: an authenticator-app code, the app enrolled on the first sign-in to each database);
# the session goes to $WORK/cookies.
sign_in() {
  local csrf location
  rm -f "$WORK/cookies"
  csrf=$(curl -s --max-time 20 -c "$WORK/cookies" "$BASE/login" | { grep -o 'name="_csrf" value="[^"]*"' || true; } \
    | sed 's/.*value="//; s/"$//')
  location=$(curl -s --max-time 20 -o /dev/null -w '%{redirect_url}' -b "$WORK/cookies" -c "$WORK/cookies" \
    --data-urlencode "_csrf=$csrf" --data-urlencode "email=$ADMIN_EMAIL" --data-urlencode "password=$ADMIN_PASSWORD" \
    "$BASE/login")
  [ "$location" = "$BASE/staff/inquiries" ] || return 1
  python3 "$PROJECT_DIR/perf/second_step.py" "$BASE" "$WORK/cookies" "$ADMIN_EMAIL" "$WORK/second-step.json" >/dev/null
}

# inbox_finds REFERENCE: signed in, the inbox's search by reference lists it. Sets INQUIRY_ID.
inbox_finds() {
  local list
  sign_in || { echo "    sign-in as $ADMIN_EMAIL failed"; return 1; }
  list=$(curl -s --max-time 20 -b "$WORK/cookies" "$BASE/staff/inquiries?q=$1")
  grep -q "$1" <<<"$list" || { echo "    the inbox search for $1 did not list it"; return 1; }
  INQUIRY_ID=$(grep -o 'href="/staff/inquiries/[0-9]*"' <<<"$list" | head -n 1 | grep -o '[0-9]*')
  [ -n "$INQUIRY_ID" ]
}

# add_note ID TEXT: a staff note on the inquiry, through its page's form.
add_note() {
  local csrf code
  csrf=$(curl -s --max-time 20 -b "$WORK/cookies" "$BASE/staff/inquiries/$1" \
    | { grep -o 'name="_csrf" value="[^"]*"' || true; } | head -n 1 | sed 's/.*value="//; s/"$//')
  code=$(curl -s --max-time 20 -o /dev/null -w '%{http_code}' -b "$WORK/cookies" \
    --data-urlencode "_csrf=$csrf" --data-urlencode "note=$2" "$BASE/staff/inquiries/$1/note")
  [ "$code" = 302 ] || [ "$code" = 303 ]
}

# What the backup must hold, one line per row: every inquiry, note (all staff activity) and access-trail entry.
ROWS_SQL="select 'inquiry ' || id || ' ' || reference from inquiry
  union all select 'activity ' || id || ' ' || inquiry_id || ' ' || kind from inquiry_activity
  union all select 'audit ' || id || ' ' || action from audit_entry
  order by 1"

section "machine"
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); java: $(java -version 2>&1 | head -n 1); $(basename "$JAR")"
echo "instances: ${APP_LAUNCH[*]}"

for database in $DATABASES; do
  case "$database" in
    h2)
      section "H2 (file database): kill -9 right after the confirmation"
      jar_entries=$(unzip -Z1 "$JAR")
      H2_JAR="$WORK/$(grep -m 1 'BOOT-INF/lib/h2-' <<<"$jar_entries")"
      DB_USER=sa
      unzip -q -o "$JAR" 'BOOT-INF/lib/h2-*' -d "$WORK"
      url="jdbc:h2:file:$WORK/h2/clinic;$H2_URL_OPTIONS"
      restored_url="jdbc:h2:file:$WORK/h2-restored/clinic;$H2_URL_OPTIONS"
      start_instance h2 "$url" LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs
      check "with LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs every log line is an ECS JSON object" \
        bash -c '[ -s "$1" ] && ! grep -v "^{\"@timestamp\":\".*\"ecs\":{\"version\":\"[0-9.]*\"}.*}$" "$1" | grep -q .' _ "$WORK/h2.log"
      ;;
    postgres)
      section "PostgreSQL (a fresh database): kill -9 right after the confirmation"
      command -v psql >/dev/null && command -v pg_dump >/dev/null && command -v pg_restore >/dev/null \
        || die "psql, pg_dump and pg_restore are needed (apt-get install -y postgresql-client)"
      db="${PERF_DATABASE_PREFIX:-}clinic_durability_$$_$RANDOM"
      restored_db="${db}_restored"
      psql "${PG[@]}" -q -d postgres -c "create database $db" >/dev/null || die "cannot create database $db"
      CREATED_DATABASES+=("$db" "$restored_db")
      DB_USER=postgres
      url="jdbc:postgresql://127.0.0.1:${PGPORT:-5432}/$db"
      restored_url="jdbc:postgresql://127.0.0.1:${PGPORT:-5432}/$restored_db"
      start_instance postgres "$url" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
      ;;
    *) die "unknown database $database (h2 or postgres)" ;;
  esac

  if post_inquiry "Durable $database Visitor"; then
    pass "the confirmation of $REFERENCE was shown"
  else
    fail "an inquiry could be posted and its confirmation shown"
    continue
  fi
  kill_instance
  echo "  killed with SIGKILL right after the confirmation"
  start_instance "$database" "$url" SPRING_DATASOURCE_USERNAME="$DB_USER" SPRING_DATASOURCE_PASSWORD=
  check "after kill -9 and a restart, the inbox finds $REFERENCE" inbox_finds "$REFERENCE"
  check "a staff note can be added to it" add_note "$INQUIRY_ID" "Called back; durability check"

  section "$database: backup and restore into an empty database"
  case "$database" in
    h2)
      # docs/operations.md's commands: the instance stopped, so the file is consistent and not locked.
      stop_instance
      java -cp "$H2_JAR" org.h2.tools.Script -url "$url" -user sa -script "$WORK/backup.zip" -options compression zip \
        || die "org.h2.tools.Script failed"
      java -cp "$H2_JAR" org.h2.tools.RunScript -url "$restored_url" -user sa -script "$WORK/backup.zip" \
        -options compression zip || die "org.h2.tools.RunScript failed"
      # Shell prints a header line, the rows (padded) and a "(n rows, t ms)" line.
      rows() { java -cp "$H2_JAR" org.h2.tools.Shell -url "$1" -user sa -sql "$ROWS_SQL" | sed '1d;$d; s/ *$//'; }
      rows "$url" >"$WORK/rows-original"
      rows "$restored_url" >"$WORK/rows-restored"
      ;;
    postgres)
      # docs/operations.md's commands: pg_dump while the instance runs (one consistent snapshot), pg_restore into a new one.
      pg_dump "${PG[@]}" -Fc -f "$WORK/backup.dump" "$db" || die "pg_dump failed"
      stop_instance
      psql "${PG[@]}" -q -d postgres -c "create database $restored_db" >/dev/null
      pg_restore "${PG[@]}" --no-owner --exit-on-error -d "$restored_db" "$WORK/backup.dump" \
        || die "pg_restore failed"
      psql "${PG[@]}" -d "$db" -tA -c "$ROWS_SQL" >"$WORK/rows-original"
      psql "${PG[@]}" -d "$restored_db" -tA -c "$ROWS_SQL" >"$WORK/rows-restored"
      ;;
  esac
  inquiries=$(grep -c '^inquiry ' "$WORK/rows-original" || true)
  notes=$(grep -c '^activity .* NOTE$' "$WORK/rows-original" || true)
  audits=$(grep -c '^audit ' "$WORK/rows-original" || true)
  check "the original holds the inquiry, the note and the sign-ins' audit entries ($inquiries inquiries, $notes notes, $audits audit entries)" \
    bash -c '[ "$1" -ge 1 ] && [ "$2" -ge 1 ] && [ "$3" -ge 2 ] && grep -q " $4$" "$5"' _ "$inquiries" "$notes" "$audits" "$REFERENCE" "$WORK/rows-original"
  check "the restored database has every inquiry, note and audit entry, with the same ids ($(wc -l <"$WORK/rows-restored") rows)" \
    cmp -s "$WORK/rows-original" "$WORK/rows-restored"
  start_instance "$database-restored" "$restored_url" SPRING_DATASOURCE_USERNAME="$DB_USER" SPRING_DATASOURCE_PASSWORD=
  check "the app on the restored database starts (Flyway accepts it) and its inbox finds $REFERENCE" \
    inbox_finds "$REFERENCE"
  stop_instance
done

section "result"
echo "$passed passed, $failed failed, in $(( ($(now_ms) - started_at) / 1000 )) s; load now $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$failed" -eq 0 ]
