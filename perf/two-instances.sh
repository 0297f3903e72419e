#!/usr/bin/env bash
# Two instances of the built jar on one fresh PostgreSQL database, as a clinic with no single point of failure runs
# them (behind a round-robin proxy; here the checks talk to each instance directly). Shows that what must be shared
# is shared: an inquiry posted to one is in the other's inbox; a sign-in through one works on the other and signing
# out through the other ends it; one email per inquiry reaches the SMTP server (perf/smtp_sink.py), not two; the
# form's rate limit and the sign-in throttle count posts and failures made through both together; a settings change
# through one shows on the other's public page within seconds (site.ContentVersion). The checks are in
# perf/two_instances.py; each fails with its own message.
#
#   perf/two-instances.sh   (after ./mvnw -DskipTests package; needs PostgreSQL on 127.0.0.1:5432 trusting
#                            user postgres, python3, curl)
#
# Creates a database of its own (clinic_two_<random>, perf/lib.sh) and drops it at the end; talks to 127.0.0.1 only, on free
# ports; needs no network; stops only what it started, by PID. PGHOST/PGPORT/PGUSER override. The instances start
# as production starts them (perf/lib.sh app_launch: deploy/systemd's flags, which JAVA_OPTS overrides, and the class
# cache of APP_CACHE_DIR when set).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

for tool in python3 curl; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y python3 curl)"
done
app_launch
RATE_LIMIT=3
# The app refuses a post sent sooner than this after its form (3 s as shipped); shortened, not switched off.
FILL_SECONDS=1
ADMIN_EMAIL=two-instances@clinic.test
ADMIN_PASSWORD="two-instances-$(od -An -tx8 -N8 /dev/urandom | tr -d ' ')"
WORK=$(mktemp -d /tmp/clinic-two.XXXXXX)
APP_PIDS=()
APP_PORTS=()
SINK_PID=

cleanup() {
  local status=$?
  for pid in "${APP_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; fi
  if [ "$status" -ne 0 ]; then
    for log in "$WORK"/app*.log "$WORK"/sink.log; do
      [ -s "$log" ] && { echo "--- last lines of $log"; tail -n 30 "$log"; }
    done
  fi
  drop_pg_database
  rm -rf "$WORK"
}
trap cleanup EXIT

fresh_pg_database clinic_two
section "a fresh PostgreSQL database, $PG_DATABASE"

section "an SMTP sink (perf/smtp_sink.py) on 127.0.0.1"
SMTP_PORT=$(free_port)
mkdir -p "$WORK/mail"
python3 "$PROJECT_DIR/perf/smtp_sink.py" "$SMTP_PORT" "$WORK/mail" >"$WORK/sink.log" 2>&1 &
SINK_PID=$!

section "two instances on that one database: ${APP_LAUNCH[*]}"
start_instance() {
  local n=$1 port
  port=$(free_port)
  while [[ " ${APP_PORTS[*]:-} $SMTP_PORT " == *" $port "* ]]; do port=$(free_port); done
  # Each instance's management port (health, metrics) on a free port too: the default, 9080, is one per machine.
  # No weekly digest (CLINIC_DIGEST_CRON=-): on a Monday morning in the clinic's time zone an instance queues it to
  # the administrator at the next ten-minute mark, a third email beside the inquiry's two that two_instances.py
  # counts (seen in CI on Monday 2026-12-07, 10:10 in Toronto).
  env SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$port" MANAGEMENT_SERVER_PORT="$(free_port)" \
    SPRING_DATASOURCE_URL="$PG_JDBC_URL" SPRING_DATASOURCE_USERNAME="$PGUSER" \
    SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
    SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT="$SMTP_PORT" \
    CLINIC_NOTIFICATIONS_STAFFRECIPIENTS=frontdesk@clinic.test CLINIC_NOTIFICATIONS_SENDINTERVAL=PT1S \
    CLINIC_DIGEST_CRON=- \
    CLINIC_BASE_URL="http://127.0.0.1:$port" \
    CLINIC_ADMIN_EMAIL="$ADMIN_EMAIL" CLINIC_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    CLINIC_INQUIRY_RATELIMIT_CAPACITY="$RATE_LIMIT" CLINIC_INQUIRY_MINIMUMFILLTIME="${FILL_SECONDS}s" \
    "${APP_LAUNCH[@]}" >"$WORK/app$n.log" 2>&1 &
  APP_PIDS+=($!)
  APP_PORTS+=("$port")
}
# Both at once: Flyway's lock lets one migrate the fresh database while the other waits.
start_instance 1
start_instance 2
started_at=$(now_ms)
startup_limit=${TWO_INSTANCES_STARTUP_SECONDS:-360}
deadline=$(( started_at + startup_limit * 1000 ))
for i in 0 1; do
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:${APP_PORTS[$i]}/" 2>/dev/null)" != "000" ]; do
    kill -0 "${APP_PIDS[$i]}" 2>/dev/null || die "instance $((i + 1)) stopped before answering (see its log below)"
    [ "$(now_ms)" -lt "$deadline" ] || die "instance $((i + 1)) did not answer within $startup_limit s"
    sleep 0.2
  done
  echo "instance $((i + 1)): pid ${APP_PIDS[$i]}, 127.0.0.1:${APP_PORTS[$i]}, up after $(( ($(now_ms) - started_at) / 1000 )) s"
done

section "what the two instances share"
python3 "$PROJECT_DIR/perf/two_instances.py" "http://127.0.0.1:${APP_PORTS[0]}" "http://127.0.0.1:${APP_PORTS[1]}" \
  "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$WORK/mail" "$RATE_LIMIT" "$FILL_SECONDS" || die "two instances on one database: see the FAILs above"
echo "two instances on one database: every check passed"
