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
#   A jar built with -Paot (Spring's ahead-of-time processing) adds variants 5 and 6: the tuned variants 2 and 4
#   started with -Dspring.aot.enabled=true, each from a class cache trained with it too.
#
# The variants take turns run by run (1, 2, 3, 4, 1, 2, ...), so a load that changes during the benchmark falls on
# all of them alike; each run line gives the load average (1 minute) when it started.
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
rm -rf "$OUT/app" "$OUT"/*.jsa "$OUT"/*.aot && mkdir -p "$OUT"
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

# Spring's AOT processing is in the jar when its generated context initializer is (built with -Paot).
SPRING_AOT=no
unzip -l "$JAR" 'BOOT-INF/classes/ca/gagephysio/ClinicApplication__ApplicationContextInitializer.class' >/dev/null 2>&1 \
  && SPRING_AOT=yes
echo "Spring AOT processing in the jar: $SPRING_AOT"

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
if [ "$SPRING_AOT" = yes ]; then
  # The same as 2 and 4 with Spring's AOT-generated bean definitions, each from a cache trained with them.
  VARIANTS[5-jdk17-spring-aot]="env MALLOC_ARENA_MAX=2 java $FLAGS -Dspring.aot.enabled=true -XX:SharedArchiveFile=$OUT/app-spring-aot.jsa -jar $EXTRACTED"
  if [ -x "$JDK25/bin/java" ]; then
    VARIANTS[6-jdk25-spring-aot]="env MALLOC_ARENA_MAX=2 $JDK25/bin/java $FLAGS -Dspring.aot.enabled=true -XX:AOTCache=$OUT/app-spring-aot.aot -jar $EXTRACTED"
  fi
fi
if [ -n "${STARTUP_VARIANTS:-}" ]; then
  for name in "${!VARIANTS[@]}"; do
    [[ " $STARTUP_VARIANTS " == *" $name "* ]] || unset "VARIANTS[$name]"
  done
fi
wanted() { [ -n "${VARIANTS[$1]+x}" ]; }

# train_17 NAME [java options]: a CDS archive OUT/NAME.jsa; train_25 NAME [java options]: an AOT cache OUT/NAME.aot.
train_17() {
  local name=$1
  shift
  train "$OUT/training-$name-17.log" java "${FLAG_WORDS[@]}" "$@" -XX:ArchiveClassesAtExit="$OUT/$name.jsa"
  [ -s "$OUT/$name.jsa" ] || { tail -n 30 "$OUT/training-$name-17.log"; die "the training run wrote no CDS archive"; }
  echo "CDS archive (JDK 17) $name.jsa: $(du -m "$OUT/$name.jsa" | cut -f1) MB"
}
train_25() {
  local name=$1
  shift
  # Without -XX:MaxMetaspaceSize (and the small heap): the JVM that assembles the cache at the end of the training
  # run inherits the flags, and with 160m it failed ("Unable to allocate from 'ro' region"). The GC and the JIT
  # level stay as in production.
  train "$OUT/training-$name-25.log" "$JDK25/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "$@" \
    -XX:AOTCacheOutput="$OUT/$name.aot"
  [ -s "$OUT/$name.aot" ] || { tail -n 30 "$OUT/training-$name-25.log"; die "the training run wrote no AOT cache"; }
  echo "AOT cache (JDK 25) $name.aot: $(du -m "$OUT/$name.aot" | cut -f1) MB"
}

section "training runs (for the variants measured): CDS archives on JDK 17, AOT caches on JDK 25; load $(cut -d' ' -f1-3 /proc/loadavg)"
wanted 2-jdk17-recommended && train_17 app
wanted 4-jdk25-aot && train_25 app
wanted 5-jdk17-spring-aot && train_17 app-spring-aot -Dspring.aot.enabled=true
wanted 6-jdk25-spring-aot && train_25 app-spring-aot -Dspring.aot.enabled=true

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

section "$RUNS runs per variant, taking turns: launch to first answer, then $WARM_UP requests to $PAGE, then RSS"
NAMES=$(printf '%s\n' "${!VARIANTS[@]}" | sort)
declare -A STARTS=() RSS=()
for run in $(seq 1 "$RUNS"); do
  for name in $NAMES; do
    read -r -a APP_COMMAND <<<"${VARIANTS[$name]}"
    load=$(cut -d' ' -f1 /proc/loadavg)
    start_app
    seq "$WARM_UP" | xargs -P 4 -I{} curl -s -o /dev/null -H 'Accept: text/html' -H 'Accept-Encoding: gzip' \
      --max-time 10 "$APP_URL$PAGE"
    started=$APP_STARTUP_MS resident=$(app_rss_mb)
    stop_app
    STARTS[$name]="${STARTS[$name]:-} $started" RSS[$name]="${RSS[$name]:-} $resident"
    printf '  %-20s run %d: first answer after %5d ms, %4d MB resident (load %s)\n' "$name" "$run" "$started" \
      "$resident" "$load"
  done
done
unset APP_COMMAND
results=()
for name in $NAMES; do
  read -r -a starts <<<"${STARTS[$name]}"
  read -r -a rss <<<"${RSS[$name]}"
  results+=("$(printf '%-20s %6.1f s  %5.0f MB   %s' "$name" "$(median "${starts[@]}" | awk '{print $1/1000}')" \
    "$(median "${rss[@]}")" "${VARIANTS[$name]//$PROJECT_DIR\//}")")
done

section "result (medians; targets on JDK 25 with the AOT cache: first answer < 2 s, resident < 250 MB)"
printf '%-20s %8s  %8s   %s\n' variant "start" "RSS" command
printf '%s\n' "${results[@]}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
