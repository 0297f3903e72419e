#!/usr/bin/env bash
# Records the class cache an instance starts from, once per release and per JDK update (deploy/systemd: the unit
# reads it through JAVA_CACHE_OPTS). Two starts of the extracted jar with the production flags on a throw-away H2
# database (so they touch no clinic data and send no mail) and a free 127.0.0.1 port: the first migrates it, the
# second (the training run) restarts on it, serves the public pages, the sign-in page and an error page three times,
# then stops on SIGTERM, as systemd stops it, and the JVM writes
# * on JDK 24 and later: the ahead-of-time cache (JEP 483, 514) STATE_DIR/app.aot (-XX:AOTCacheOutput);
# * on JDK 17 to 23: Spring Boot's CDS archive STATE_DIR/app.jsa (-XX:ArchiveClassesAtExit).
# A cache is valid only for the JDK and the jar that made it; the JVM ignores a stale one with a warning.
#
#   sudo -u clinic deploy/train-cache.sh [JAR, default /opt/clinic-site/app/clinic-site.jar] [STATE_DIR, default .]
#   JAVA=/usr/bin/java JAVA_OPTS="..." (default: the flags of deploy/systemd/clinic-site.env, with
#   -Dspring.aot.enabled=true when the jar holds Spring's AOT code, i.e. was built with ./mvnw -Paot: the cache holds
#   the classes a start loads, and the generated bean definitions load other classes than a plain start)
#   TRAINING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/clinic_training (with TRAINING_DATASOURCE_USERNAME and
#   TRAINING_DATASOURCE_PASSWORD): train on a scratch PostgreSQL database instead of the throw-away H2 one, for an
#   instance on PostgreSQL. The cache loads every class it holds at each start, so one trained on H2 holds H2's
#   classes and lacks the PostgreSQL driver's: on PostgreSQL, an instance started from a cache trained there held
#   8 MB less after 300 requests (docs/performance.md, "ninth pass"). Never the clinic's database: the training
#   migrates it, makes its first administrator and counts its page views (createdb -O clinic clinic_training once).
#
# Then restart the instance (systemctl restart clinic-site@a). Stops only the JVM it started (by its PID).
set -euo pipefail

JAR=${1:-/opt/clinic-site/app/clinic-site.jar}
STATE_DIR=${2:-.}
JAVA=${JAVA:-/usr/bin/java}
[ -f "$JAR" ] || { echo "no jar at $JAR (extract it: java -Djarmode=tools -jar clinic-site.jar extract)" >&2; exit 1; }
if [ -z "${JAVA_OPTS:-}" ]; then
  JAVA_OPTS="-Xmx128m -Xmn8m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=128m -XX:MaxMetaspaceSize=160m -XX:TrimNativeHeapInterval=1000"
  # A zip file stores its entries' names as they are, so grep finds the generated initializer without unzip.
  if grep -qa 'ca/gagephysio/ClinicApplication__ApplicationContextInitializer' "$JAR"; then
    JAVA_OPTS="$JAVA_OPTS -Dspring.aot.enabled=true"
  fi
fi
read -r -a FLAGS <<<"$JAVA_OPTS"
echo "training with $JAVA_OPTS"
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 1; }

feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${feature:-17}" -ge 24 ]; then
  CACHE="$STATE_DIR/app.aot" OUTPUT=(-XX:AOTCacheOutput="$STATE_DIR/app.aot")
  # The JVM that assembles the cache at exit inherits the flags: with -XX:MaxMetaspaceSize=160m it ran out of room
  # ("Unable to allocate from 'ro' region"), so the training run keeps only the GC, the JIT level and the -D system
  # properties (-Dspring.aot.enabled=true decides which classes the app loads: the cache must be trained with it).
  properties=()
  for word in "${FLAGS[@]}"; do [[ $word == -D* ]] && properties+=("$word"); done
  # -XX:-AOTRecordTraining: the cache holds the classes, loaded and linked, but no method profiles (JEP 515). They
  # serve the C2 compiler, which -XX:TieredStopAtLevel=1 leaves out, and held 9 MB resident in every instance; without
  # them C1 did less work at start and the first answer came no later (docs/performance.md, "ninth pass"). A
  # diagnostic flag, so it needs -XX:+UnlockDiagnosticVMOptions; the instance itself starts with product flags only.
  # Where JAVA_OPTS drops -XX:TieredStopAtLevel=1 for C2, the profiles would serve it: leave this line out then.
  FLAGS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining
    ${properties[@]+"${properties[@]}"})
else
  CACHE="$STATE_DIR/app.jsa" OUTPUT=(-XX:ArchiveClassesAtExit="$STATE_DIR/app.jsa")
fi

DATASOURCE=(--spring.datasource.username=sa --spring.datasource.password=)
if [ -n "${TRAINING_DATASOURCE_URL:-}" ]; then
  if [ "$TRAINING_DATASOURCE_URL" = "${SPRING_DATASOURCE_URL:-}" ]; then
    echo "TRAINING_DATASOURCE_URL is the instance's own database (SPRING_DATASOURCE_URL): give a scratch one" >&2
    exit 1
  fi
  DATASOURCE=("--spring.datasource.username=${TRAINING_DATASOURCE_USERNAME:-}"
    "--spring.datasource.password=${TRAINING_DATASOURCE_PASSWORD:-}")
fi

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "no free port" >&2; exit 1
}

WORK=$(mktemp -d /tmp/clinic-train.XXXXXX)
PID=
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# start_instance LOG [JVM flags]: the jar on the throw-away database and a free port, PID in PID, waiting for its
# first answer. env -u: it must not reach the clinic's database or mail server whatever the caller's environment says.
start_instance() {
  local log=$1
  shift
  PORT=$(free_port)
  env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD -u SPRING_MAIL_HOST \
    "$JAVA" "${FLAGS[@]}" "$@" -jar "$JAR" --server.address=127.0.0.1 "--server.port=$PORT" \
    "--management.server.port=$(free_port)" --management.server.address=127.0.0.1 \
    "--spring.datasource.url=${TRAINING_DATASOURCE_URL:-jdbc:h2:file:$WORK/clinic;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0}" \
    "${DATASOURCE[@]}" "--clinic.base-url=http://127.0.0.1:$PORT" \
    >"$log" 2>&1 &
  PID=$!
  for _ in $(seq 1 3000); do
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/" && return 0
    kill -0 "$PID" 2>/dev/null || { tail -n 30 "$log" >&2; echo "the training run stopped" >&2; exit 1; }
    sleep 0.1
  done
  echo "the training run did not answer" >&2
  exit 1
}
stop_instance() {
  kill "$PID"
  wait "$PID" 2>/dev/null || true
  PID=
}

rm -f "$CACHE"
# First a start of its own migrates the empty database and makes its first administrator; the recording run then
# restarts on it, as an instance restarts on the clinic's database, so the cache holds what a restart loads and not
# the migrations' or the first start's classes (docs/performance.md, "ninth pass").
start_instance "$WORK/first-start.log"
stop_instance
start_instance "$WORK/training.log" "${OUTPUT[@]}"
for _ in 1 2 3; do
  for path in / /articles /team /privacy /inquiry /login /sitemap.xml /feed.xml /robots.txt /no-such-page /staff/inquiries; do
    curl -s -o /dev/null --max-time 10 -H 'Accept: text/html' -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT$path" || true
  done
done
stop_instance
[ -s "$CACHE" ] || { tail -n 30 "$WORK/training.log" >&2; echo "the training run wrote no cache" >&2; exit 1; }
echo "recorded $CACHE ($(du -m "$CACHE" | cut -f1) MB) with $("$JAVA" -version 2>&1 | head -n 1)"
