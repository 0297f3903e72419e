#!/usr/bin/env bash
# Time from launch to the first answered request, and resident memory (VmRSS) after a warm-up of a few hundred
# requests, for several ways of starting the app; each way is measured RUNS times and the median printed.
#
#   benchmark/startup.sh [PATH] [RUNS] [WARM_UP_REQUESTS]
#   defaults: /articles/massage-for-back-pain, 3 runs, 300 requests
# The CDS variants follow Spring Boot's recipe: extract the jar, run once with -XX:ArchiveClassesAtExit and
# -Dspring.context.exit=onRefresh to record a class archive, then start with -XX:SharedArchiveFile.
# Files go to benchmark/out/ (git-ignored). Talks to 127.0.0.1 only, stops what it starts.
set -euo pipefail
source "$(dirname "$0")/../perf/lib.sh"

PAGE="${1:-/articles/massage-for-back-pain}"
RUNS="${2:-3}"
WARM_UP="${3:-300}"
OUT="$PROJECT_DIR/benchmark/out"
trap stop_app EXIT

section "machine"
echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(free -m | awk '/^Mem:/ {print $2}') MB memory, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -n 1)"

section "extract the jar and record a CDS archive (training run)"
JAR=$(app_jar)
rm -rf "$OUT/app" && mkdir -p "$OUT"
java -Djarmode=tools -jar "$JAR" extract --destination "$OUT/app" >/dev/null
EXTRACTED="$OUT/app/$(basename "$JAR")"
TRAINING_DB=$(mktemp -d /tmp/clinic-training.XXXXXX)
# The training run serves the public pages once before it stops, so the archive also holds the classes the first
# requests load (Thymeleaf, the page cache, the error page), not only those of the context refresh.
TRAINING_PORT=$(free_port)
java -XX:ArchiveClassesAtExit="$OUT/app.jsa" -jar "$EXTRACTED" \
  --server.port="$TRAINING_PORT" --server.address=127.0.0.1 --management.server.port="$(free_port)" \
  "--spring.datasource.url=jdbc:h2:file:$TRAINING_DB/clinic;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" \
  >"$OUT/training.log" 2>&1 &
TRAINING_PID=$!
for _ in $(seq 1 1200); do
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$TRAINING_PORT/" && break
  kill -0 "$TRAINING_PID" 2>/dev/null || break
  sleep 0.1
done
for path in / /articles /articles/massage-for-back-pain /team /team/valerie-van-woudenberg /privacy /inquiry /login \
  /sitemap.xml /feed.xml /robots.txt /no-such-page; do
  curl -s -o /dev/null --max-time 10 -H 'Accept: text/html' -H 'Accept-Encoding: gzip' "http://127.0.0.1:$TRAINING_PORT$path" || true
done
kill "$TRAINING_PID" 2>/dev/null || true
wait "$TRAINING_PID" 2>/dev/null || true
rm -rf "$TRAINING_DB"
[ -s "$OUT/app.jsa" ] || { tail -n 30 "$OUT/training.log"; die "the training run wrote no CDS archive"; }
echo "archive: $(du -m "$OUT/app.jsa" | cut -f1) MB"

HEAP="-Xmx128m -Xss512k -XX:+UseSerialGC"
declare -A VARIANTS=(
  [1-plain]="java -jar $JAR"
  [2-heap]="java $HEAP -jar $JAR"
  [3-heap+cds]="java $HEAP -XX:SharedArchiveFile=$OUT/app.jsa -jar $EXTRACTED"
  [4-heap+cds+c1]="java $HEAP -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=$OUT/app.jsa -jar $EXTRACTED"
  [5-lean]="env MALLOC_ARENA_MAX=2 java $HEAP -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=160m -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=$OUT/app.jsa -jar $EXTRACTED"
  # What docs/performance.md recommends: the lean flags with a 96 MB heap (the site's live data is a few MB; the cached
  # article page is kept compressed).
  [6-recommended]="env MALLOC_ARENA_MAX=2 java -Xmx96m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=160m -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=$OUT/app.jsa -jar $EXTRACTED"
)
# STARTUP_VARIANTS="3-heap+cds 5-lean" measures only those.
if [ -n "${STARTUP_VARIANTS:-}" ]; then
  for name in "${!VARIANTS[@]}"; do
    [[ " $STARTUP_VARIANTS " == *" $name "* ]] || unset "VARIANTS[$name]"
  done
fi

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

section "$RUNS runs per variant: launch to first answer, then $WARM_UP requests to $PAGE, then RSS"
results=()
for name in $(printf '%s\n' "${!VARIANTS[@]}" | sort); do
  read -r -a APP_COMMAND <<<"${VARIANTS[$name]}"
  starts=() rss=()
  for run in $(seq 1 "$RUNS"); do
    start_app
    seq "$WARM_UP" | xargs -P 4 -I{} curl -s -o /dev/null -H 'Accept: text/html' -H 'Accept-Encoding: gzip' \
      --max-time 10 "$APP_URL$PAGE"
    starts+=("$APP_STARTUP_MS") rss+=("$(app_rss_mb)")
    stop_app
    printf '  %-16s run %d: first answer after %5d ms, %4d MB resident\n' "$name" "$run" "${starts[-1]}" "${rss[-1]}"
  done
  results+=("$(printf '%-16s %6.1f s  %5d MB   %s' "$name" "$(median "${starts[@]}" | awk '{print $1/1000}')" \
    "$(median "${rss[@]}")" "${VARIANTS[$name]//$PROJECT_DIR\//}")")
done
unset APP_COMMAND

section "result (medians; targets: first answer < 5 s, resident < 300 MB)"
printf '%-16s %8s  %8s   %s\n' variant "start" "RSS" command
printf '%s\n' "${results[@]}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
