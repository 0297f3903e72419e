#!/usr/bin/env bash
# Time from launch to the first answered request, and resident memory (VmRSS) after a warm-up of a few hundred
# requests, for several ways of starting the app on JDK 17 and JDK 25; each way is measured RUNS times and the
# median printed.
#
#   benchmark/startup.sh [PATH] [RUNS] [WARM_UP_REQUESTS]
#   defaults: /articles/massage-for-back-pain, 3 runs, 300 requests
#   JDK25=/usr/lib/jvm/temurin-25-jdk-amd64 (its java; the JDK 25 variants are skipped when it is missing)
#   STARTUP_VARIANTS="2-jdk17-recommended 4-jdk25-aot" measures only those.
#   APP_JAR=path/to/clinic-site.jar (default: the one in target/)
#
# Both caches come from a training run on the real path: the extracted jar started with the recommended flags,
# serving the public pages, the sign-in page and an error once, then stopped with SIGTERM (as systemd stops it):
# * JDK 17: Spring Boot's CDS recipe, -XX:ArchiveClassesAtExit=app.jsa, then -XX:SharedArchiveFile=app.jsa.
# * JDK 25: the ahead-of-time cache (JEP 483, 514, 515: classes loaded and linked, and method profiles),
#   -XX:AOTCacheOutput=app.aot, then -XX:AOTCache=app.aot. The cache is only valid for the JDK and the jar that
#   made it (the JVM says so and starts without it otherwise): record it again per release and per JDK update.
# Files go to benchmark/out/ (git-ignored). Talks to 127.0.0.1 only, stops only what it starts (by PID).
set -euo pipefail
source "$(dirname "$0")/../perf/lib.sh"

PAGE="${1:-/articles/massage-for-back-pain}"
RUNS="${2:-3}"
WARM_UP="${3:-300}"
OUT="$PROJECT_DIR/benchmark/out"
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
trap stop_app EXIT

# The recommended flags (deploy/systemd/clinic-site.env), valid on JDK 17 and 25. No -Xss: 512k overflowed the stack
# of Hibernate's query parser on JDK 25 (its ANTLR parser recurses deeply on the larger queries), and a thread's stack
# is reserved, not resident, beyond the pages it touched, so a smaller one saved next to nothing. -Xmx128m: with 96m
# the app ran out of heap while starting on JDK 25 (with and without the AOT cache).
FLAGS="-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=160m"
read -r -a FLAG_WORDS <<<"$FLAGS"

section "machine"
echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(free -m | awk '/^Mem:/ {print $2}') MB memory, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -n 1)"
[ -x "$JDK25/bin/java" ] && echo "JDK 25: $("$JDK25/bin/java" -version 2>&1 | head -n 1)"

JAR=${APP_JAR:-$(app_jar)}
rm -rf "$OUT/app" "$OUT/app.jsa" "$OUT/app.aot" && mkdir -p "$OUT"
java -Djarmode=tools -jar "$JAR" extract --destination "$OUT/app" >/dev/null
EXTRACTED="$OUT/app/$(basename "$JAR")"

# train LOG JAVA_COMMAND...: a training run of the extracted jar on a throw-away database: wait for its first answer,
# serve the pages a start serves first, then SIGTERM and wait for the JVM to write its cache and exit.
train() {
  local log=$1 db port pid
  shift
  db=$(mktemp -d /tmp/clinic-training.XXXXXX)
  port=$(free_port)
  "$@" -jar "$EXTRACTED" --server.port="$port" --server.address=127.0.0.1 --management.server.port="$(free_port)" \
    "--spring.datasource.url=jdbc:h2:file:$db/clinic;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" \
    >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 2400); do
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  # The public pages, their feeds, the sign-in page and an error page: the classes (Thymeleaf, the page cache, the
  # security filters, the error page) and, for JDK 25, the method profiles of the first requests.
  for round in 1 2 3; do
    for path in / /articles /articles/massage-for-back-pain /team /team/valerie-van-woudenberg /privacy /inquiry /login \
      /sitemap.xml /feed.xml /robots.txt /no-such-page /staff/inquiries; do
      curl -s -o /dev/null --max-time 10 -H 'Accept: text/html' -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port$path" || true
    done
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$db"
}

section "training runs: a CDS archive on JDK 17, an AOT cache on JDK 25"
train "$OUT/training-17.log" java "${FLAG_WORDS[@]}" -XX:ArchiveClassesAtExit="$OUT/app.jsa"
[ -s "$OUT/app.jsa" ] || { tail -n 30 "$OUT/training-17.log"; die "the training run wrote no CDS archive"; }
echo "CDS archive (JDK 17): $(du -m "$OUT/app.jsa" | cut -f1) MB"
if [ -x "$JDK25/bin/java" ]; then
  # Without -XX:MaxMetaspaceSize (and the small heap): the JVM that assembles the cache at the end of the training
  # run inherits the flags, and with 160m it failed ("Unable to allocate from 'ro' region"). The GC and the JIT
  # level stay as in production.
  train "$OUT/training-25.log" "$JDK25/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:AOTCacheOutput="$OUT/app.aot"
  [ -s "$OUT/app.aot" ] || { tail -n 30 "$OUT/training-25.log"; die "the training run wrote no AOT cache"; }
  echo "AOT cache (JDK 25): $(du -m "$OUT/app.aot" | cut -f1) MB"
fi

declare -A VARIANTS=(
  [1-jdk17-plain]="java -jar $JAR"
  # What deploy/ runs on JDK 17: the recommended flags and the CDS archive.
  [2-jdk17-recommended]="env MALLOC_ARENA_MAX=2 java $FLAGS -XX:SharedArchiveFile=$OUT/app.jsa -jar $EXTRACTED"
)
if [ -x "$JDK25/bin/java" ]; then
  VARIANTS[3-jdk25-plain]="$JDK25/bin/java -jar $JAR"
  # What deploy/ runs on JDK 25: the same flags and the AOT cache.
  VARIANTS[4-jdk25-aot]="env MALLOC_ARENA_MAX=2 $JDK25/bin/java $FLAGS -XX:AOTCache=$OUT/app.aot -jar $EXTRACTED"
fi
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

section "result (medians; targets on JDK 25 with the AOT cache: first answer < 2 s, resident < 250 MB)"
printf '%-16s %8s  %8s   %s\n' variant "start" "RSS" command
printf '%s\n' "${results[@]}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
