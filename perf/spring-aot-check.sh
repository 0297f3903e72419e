#!/usr/bin/env bash
# Checks a jar built with Spring's AOT processing (./mvnw -Paot -DskipTests package) as production would run it,
# with -Dspring.aot.enabled=true, on a throw-away H2 file database and a mail server of its own (perf/smtp_sink.py):
# * the public pages answer 200, an unknown page 404, a back-office page sends to the sign-in page;
# * signing in as the first administrator through both steps and saving fees works (Security, sessions, JPA writes,
#   the events the page cache listens to), and /fees then answers 200;
# * three inquiries posted through the form are stored and their acknowledgements reach the mail server: Spring
#   Boot defines its mail sender only when spring.mail.host is set, a condition AOT processing fixes at build time,
#   so the aot profile of pom.xml processes with a stand-in host and the notification module decides at run time
#   whether to send (docs/performance.md, "Spring's AOT processing"). A jar processed without it fails here.
#
#   perf/spring-aot-check.sh           APP_JAR=path/to/clinic-site.jar (default: target/'s), JAVA=java,
#                                      JAVA_OPTS="..." (default: none besides -Dspring.aot.enabled=true)
#   On JDK 25 too: JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java perf/spring-aot-check.sh
#   On PostgreSQL (as deploy/ runs it; the generated repositories included): DATABASE=postgres, a fresh database
#   named PG_DATABASE_PREFIX_<random> (default clinic_aot_check), dropped at the end; PGHOST, PGPORT, PGUSER as
#   perf/lib.sh's fresh_pg_database takes them.
#
# Talks to 127.0.0.1 only; stops only what it started (by PID).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

JAR=${APP_JAR:-$(app_jar)}
JAVA=${JAVA:-java}
read -r -a JAVA_FLAGS <<<"${JAVA_OPTS:-}"
unzip -l "$JAR" 'BOOT-INF/classes/ca/gagephysio/ClinicApplication__ApplicationContextInitializer.class' >/dev/null \
  || die "$JAR holds no Spring AOT code: build it with ./mvnw -Paot -DskipTests package"

SINK=$(mktemp -d /tmp/clinic-aot-mail.XXXXXX)
SMTP_PORT=$(free_port)
python3 "$PROJECT_DIR/perf/smtp_sink.py" "$SMTP_PORT" "$SINK" &
SINK_PID=$!
cleanup() {
  stop_app
  kill "$SINK_PID" 2>/dev/null || true
  wait "$SINK_PID" 2>/dev/null || true
  rm -rf "$SINK"
  drop_pg_database
}
trap cleanup EXIT
DATABASE_ENV=()
case "${DATABASE:-h2}" in
  h2) ;;
  postgres)
    fresh_pg_database "${PG_DATABASE_PREFIX:-clinic_aot_check}"
    export APP_DATASOURCE_URL=$PG_JDBC_URL
    DATABASE_ENV=("SPRING_DATASOURCE_USERNAME=$PGUSER" SPRING_DATASOURCE_PASSWORD=)
    echo "PostgreSQL database $PG_DATABASE"
    ;;
  *) die "DATABASE=${DATABASE}: h2 or postgres" ;;
esac

export CLINIC_ADMIN_EMAIL=aot-check@gagephysio.example
CLINIC_ADMIN_PASSWORD="aot-check-$(od -An -tx8 -N8 /dev/urandom | tr -d ' ')"
export CLINIC_ADMIN_PASSWORD
# The form's too-fast check off (the script posts at once) and the outbox polled every second.
APP_COMMAND=(env ${DATABASE_ENV[@]+"${DATABASE_ENV[@]}"} SPRING_MAIL_HOST=127.0.0.1 "SPRING_MAIL_PORT=$SMTP_PORT" "$JAVA" ${JAVA_FLAGS[@]+"${JAVA_FLAGS[@]}"}
  -Dspring.aot.enabled=true -jar "$JAR" --clinic.inquiry.minimum-fill-time=0s --clinic.notifications.send-interval=PT1S
  --clinic.notifications.from=website@gagephysio.example)
section "starting $(basename "$JAR") with -Dspring.aot.enabled=true ($("$JAVA" -version 2>&1 | head -n 1), ${DATABASE:-h2})"
start_app
echo "first answer after $APP_STARTUP_MS ms"
failures=0
# expect STATUS PATH [ACCEPT]: a GET of PATH answers STATUS (a browser's Accept unless told; the probes send JSON).
expect() {
  local want=$1 path=$2 accept=${3:-text/html} got
  got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 -H "Accept: $accept" "$APP_URL$path")
  if [ "$got" = "$want" ]; then echo "  ok   $got $path"; else echo "  FAIL $got $path (expected $want)"; failures=$((failures + 1)); fi
}

section "pages"
for path in / /articles /articles/massage-for-back-pain /team /team/valerie-van-woudenberg /privacy /inquiry /login \
  /sitemap.xml /feed.xml /robots.txt; do
  expect 200 "$path"
done
expect 200 /livez '*/*'
expect 200 /readyz '*/*'
expect 404 /no-such-page
expect 302 /staff/inquiries

section "signing in through both steps and saving fees"
publish_fees
expect 200 /fees

section "three inquiries through the form, and their emails"
java "$PROJECT_DIR/benchmark/InquiryLoad.java" "$APP_URL" 3 1 60 0 | tail -n 3
if grep -q 'No mail server is configured' "$APP_TMP/app.log"; then
  echo "  FAIL the app says no mail server is configured, though SPRING_MAIL_HOST is set"
  failures=$((failures + 1))
fi
for _ in $(seq 1 600); do
  [ "$(find "$SINK" -name '*.eml' | wc -l)" -ge 3 ] && break
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.1
done
sent=$(find "$SINK" -name '*.eml' | wc -l)
if [ "$sent" -ge 3 ]; then echo "  ok   $sent emails reached the mail server"; else
  echo "  FAIL $sent emails reached the mail server within 60 s (expected at least 3)"; failures=$((failures + 1)); fi
if grep -E ' (ERROR|WARN) ' "$APP_TMP/app.log" | grep -v 'sample\|Sample' | head -n 20; then :; fi

section "result"
if [ "$failures" -ne 0 ]; then
  tail -n 80 "$APP_TMP/app.log"
  die "$failures checks failed (above: the end of the app's log)"
fi
echo "every check passed"
