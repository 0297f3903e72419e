#!/usr/bin/env bash
# Inquiry form benchmark (not a test): starts the packaged app on a free local port with a throw-away H2 file
# database, posts valid inquiries (each a GET of the form for a fresh one-time token, then a POST), reports inquiries
# stored per second and p99 latency, counts the rows really stored, and stops the app.
#
#   benchmark/inquiry-load.sh                     # 2000 inquiries, 8 at a time, at most 120 s
#   REQUESTS=5000 CONCURRENCY=16 MAX_SECONDS=60 benchmark/inquiry-load.sh
#
# Builds target/*.jar first if it is missing (./mvnw -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS="${REQUESTS:-2000}"
CONCURRENCY="${CONCURRENCY:-8}"
MAX_SECONDS="${MAX_SECONDS:-120}"
WARMUP="${WARMUP:-300}"

jar_file() { ls target/clinic-site-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true; }
JAR="$(jar_file)"
if [[ -z "$JAR" ]]; then
  echo "Building the application jar..."
  ./mvnw -q -B -DskipTests package
  JAR="$(jar_file)"
fi

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if port_is_free "$candidate"; then PORT="$candidate"; break; fi
done
[[ -n "$PORT" ]] || { echo "No free port found" >&2; exit 1; }

WORK="$(mktemp -d)"
DB_URL="jdbc:h2:file:$WORK/clinic;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
APP_PID=""
cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "Relaxed for the benchmark (one client posting thousands of times, instantly):"
echo "  clinic.inquiry.minimum-fill-time=0s   (a post sooner than 3 s after its form would come back to be sent again)"
echo "  clinic.inquiry.rate-limit.capacity=100000000 (the per-client limit would answer 429)"
echo "Starting $JAR on 127.0.0.1:$PORT with a temporary H2 file database in $WORK"
java -Xmx512m -jar "$JAR" \
  --server.address=127.0.0.1 --server.port="$PORT" --management.server.port=0 \
  --spring.datasource.url="$DB_URL" \
  --clinic.inquiry.token-secret=benchmark-only \
  --clinic.inquiry.minimum-fill-time=0s \
  --clinic.inquiry.rate-limit.capacity=100000000 \
  --logging.level.root=WARN \
  >"$WORK/app.log" 2>&1 &
APP_PID=$!

for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$APP_PID" 2>/dev/null; then cat "$WORK/app.log" >&2; echo "The application did not start" >&2; exit 1; fi
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null || { cat "$WORK/app.log" >&2; exit 1; }

java benchmark/InquiryLoad.java "http://127.0.0.1:$PORT" "$REQUESTS" "$CONCURRENCY" "$MAX_SECONDS" "$WARMUP"

kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
H2_JAR="$WORK/$(unzip -Z1 "$JAR" | grep 'BOOT-INF/lib/h2-' | head -1)"
unzip -q -o "$JAR" 'BOOT-INF/lib/h2-*' -d "$WORK"
echo "Rows in the database afterwards (warm-up included):"
java -cp "$H2_JAR" org.h2.tools.Shell -url "$DB_URL" -user sa -password "" \
  -sql "select status, count(*) as inquiries from inquiry group by status"
echo "Machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(free -h | awk '/^Mem:/ {print $2}') memory;" \
  "load average now: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"
