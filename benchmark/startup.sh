#!/usr/bin/env bash
# Time from launch to the first answered request, the CPU time the JVM spent to get there, and resident memory
# (VmRSS) after a warm-up of a few hundred requests, for several ways of starting the app on JDK 17 and JDK 25, in
# two cases:
# * restart: on a database that is already migrated and has its first administrator (an upgrade, a restart, the
#   second instance coming up): the case issue 24's target is about;
# * first: the very first start, on an empty database (every Flyway migration, and the first administrator's password
#   hashed with Argon2).
# Each variant is measured RUNS times per case and the medians printed.
#
#   benchmark/startup.sh [PATH] [RUNS] [WARM_UP_REQUESTS]
#   defaults: /articles/massage-for-back-pain, 3 runs, 300 requests
#   STARTUP_CASES="restart first" (the default: both; "restart" alone halves the time)
#   STARTUP_VARIANTS="4-jdk25-aot 6-jdk25-spring-aot" measures only those (default: every one the jar and JDKs allow)
#   JDK17=java (its java), JDK25=/usr/lib/jvm/temurin-25-jdk-amd64 (the JDK 25 variants are skipped when missing)
#   APP_JAR=path/to/clinic-site.jar (default: the one in target/). A jar built with -Paot (Spring's ahead-of-time
#   processing; deploy/ runs such a jar) adds variants 5 and 6: the tuned variants 2 and 4 started with
#   -Dspring.aot.enabled=true, each from a class cache trained with it too.
#   TRY_OPTS="..." adds variant 7-jdk25-try: variant 6 (or 4, for a jar without Spring's AOT code) with these
#   options too, in training and in every run (to measure one change against 6 in the same run), e.g.
#   TRY_OPTS="-Dspring.main.lazy-initialization=true" STARTUP_VARIANTS="6-jdk25-spring-aot 7-jdk25-try".
#   APP_STARTUP_SECONDS=120: how long a start may take (more on a busy machine).
#
# How a start is timed: a small Python launcher takes the time, starts the JVM, and tries to connect to the app's
# port every 5 ms (a failed connect to a closed port costs microseconds, and no process is started per try, as curl
# would be); once the port takes a connection it sends GET / and waits for the first byte of the answer. "First
# answer" is launch to that byte; "CPU" is the JVM's user + system time at that moment (/proc/PID/stat, all its
# threads), which a loaded machine inflates far less than the wall time. The app's own "Started ClinicApplication in"
# line is printed beside them, and the CPU of the four busiest threads by then (main, the C1 compiler, the VM thread
# that runs the serial collector, Hibernate's background boot on task-1, the first request's Tomcat thread...).
#
# The variants take turns run by run (1, 2, 3, 4, 1, 2, ...) and case by case, so a load that changes during the
# benchmark falls on all of them alike; each line gives the load average (1 minute) when the start began.
#
# Both class caches come from a training run on the real path, as deploy/train-cache.sh records them: the extracted
# jar started with the recommended flags on a copy of a migrated database (made by a start of its own), serving the
# public pages, the sign-in page and an error three times, then stopped with SIGTERM (as systemd stops it):
# * JDK 17: Spring Boot's CDS recipe, -XX:ArchiveClassesAtExit=app.jsa, then -XX:SharedArchiveFile=app.jsa.
# * JDK 25: the ahead-of-time cache (JEP 483, 514: classes loaded and linked; without JEP 515's method profiles,
#   -XX:-AOTRecordTraining, as deploy/ records it), -XX:AOTCacheOutput=app.aot, then -XX:AOTCache=app.aot. The cache
#   is only valid for the JDK and the jar that made it (the JVM says so and starts without it otherwise): record it
#   again per release and per JDK update.
# That migrated database, with its first administrator, is kept and copied for every restart.
# Files go to benchmark/out/ (git-ignored). Talks to 127.0.0.1 only, stops only what it starts (by PID).
set -euo pipefail
source "$(dirname "$0")/../perf/lib.sh"

PAGE="${1:-/articles/massage-for-back-pain}"
RUNS="${2:-3}"
WARM_UP="${3:-300}"
OUT="$PROJECT_DIR/benchmark/out"
JDK17=${JDK17:-java}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
CASES=${STARTUP_CASES:-restart first}
trap stop_app EXIT

# The recommended flags (deploy/systemd/clinic-site.env), valid on JDK 17 and 25; docs/performance.md, "Recommended
# JVM flags", says why each.
# Read from that file, not written here a second time; -Dspring.aot.enabled=true is left out, as the variants that
# start Spring's AOT code add it themselves.
FLAGS=$(sed -n 's/^JAVA_OPTS=//p' "$PROJECT_DIR/deploy/systemd/clinic-site.env" | head -n 1 | sed 's/ *-Dspring\.aot\.enabled=true//')
[ -n "$FLAGS" ] || die "no JAVA_OPTS in deploy/systemd/clinic-site.env"
read -r -a FLAG_WORDS <<<"$FLAGS"
read -r -a TRY_WORDS <<<"${TRY_OPTS:-}"

section "machine"
echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(free -m | awk '/^Mem:/ {print $2}') MB memory, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JDK 17: $("$JDK17" -version 2>&1 | head -n 1)"
[ -x "$JDK25/bin/java" ] && echo "JDK 25: $("$JDK25/bin/java" -version 2>&1 | head -n 1)"
echo "cases: $CASES; started $(date -u '+%Y-%m-%d %H:%M:%S') UTC"

JAR=${APP_JAR:-$(app_jar)}
rm -rf "$OUT/app" "$OUT/existing-db" "$OUT"/*.jsa "$OUT"/*.aot && mkdir -p "$OUT"
java -Djarmode=tools -jar "$JAR" extract --destination "$OUT/app" >/dev/null
EXTRACTED="$OUT/app/$(basename "$JAR")"

# The launcher (see the header): launch_and_time PORT LOG COMMAND... starts COMMAND with its output in LOG and prints
# "PID WALL_MS CPU_MS" once the app on PORT has answered, or "PID failed REASON" (and exits 1).
launch_and_time() {
  python3 -c '
import os, socket, subprocess, sys, time
port, log, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
deadline_s = float(os.environ.get("APP_STARTUP_SECONDS", "120"))
tick = os.sysconf("SC_CLK_TCK")
started = time.monotonic()
with open(log, "wb") as out:
    app = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
def give_up(reason):
    print(app.pid, "failed", reason)
    sys.exit(1)
while True:
    if app.poll() is not None:
        give_up("the app stopped before answering")
    if time.monotonic() - started > deadline_s:
        give_up("no answer within %d s" % deadline_s)
    try:
        connection = socket.create_connection(("127.0.0.1", port), timeout=1)
    except OSError:
        time.sleep(0.005)
        continue
    connection.settimeout(max(1.0, deadline_s - (time.monotonic() - started)))
    try:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\nConnection: close\r\n\r\n")
        first = connection.recv(1)
    except OSError:
        first = b""
    finally:
        answered = time.monotonic()
        connection.close()
    if first:
        break
    time.sleep(0.005)
with open("/proc/%d/stat" % app.pid) as stat:
    fields = stat.read().rsplit(")", 1)[1].split()
cpu_ms = (int(fields[11]) + int(fields[12])) * 1000 // tick
# The same per thread, summed by name (the kernel keeps 15 characters of it), the busiest first: which of the main
# thread, the JIT compiler, the collector and the Tomcat thread of the first request took the CPU of the start.
by_name = {}
for task in os.listdir("/proc/%d/task" % app.pid):
    try:
        with open("/proc/%d/task/%s/comm" % (app.pid, task)) as comm, open("/proc/%d/task/%s/stat" % (app.pid, task)) as stat:
            name, thread = comm.read().strip(), stat.read().rsplit(")", 1)[1].split()
    except OSError:
        continue  # a thread that ended meanwhile
    name = "main" if name == "java" else name
    by_name[name] = by_name.get(name, 0) + (int(thread[11]) + int(thread[12])) * 1000 // tick
busiest = sorted(by_name.items(), key=lambda item: -item[1])[:4]
print(app.pid, int((answered - started) * 1000), cpu_ms,
      ",".join("%s=%d" % (name.replace(" ", "_"), ms) for name, ms in busiest if ms) or "-")
' "$@"
}

# start_timed CASE COMMAND...: starts the app (lib.sh's APP_* variables, so stop_app and app_rss_mb work) on an empty
# database (CASE first) or a copy of the migrated one (restart), and sets STARTED_MS, CPU_MS and SPRING_SAYS.
start_timed() {
  local case=$1 answer management_port
  shift
  APP_TMP=$(mktemp -d /tmp/clinic-startup.XXXXXX)
  [ "$case" = restart ] && cp -r "$OUT/existing-db" "$APP_TMP/db"
  APP_PORT=$(free_port)
  APP_URL="http://127.0.0.1:$APP_PORT"
  management_port=$(free_port)
  while [ "$management_port" = "$APP_PORT" ]; do management_port=$(free_port); done
  answer=$(launch_and_time "$APP_PORT" "$APP_TMP/app.log" "$@" --server.address=127.0.0.1 "--server.port=$APP_PORT" \
    "--management.server.port=$management_port" \
    "--spring.datasource.url=jdbc:h2:file:$APP_TMP/db/clinic;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" \
    "--clinic.base-url=$APP_URL") || true
  read -r APP_PID STARTED_MS CPU_MS THREADS_MS <<<"$answer"
  if [ "$STARTED_MS" = failed ] || [ -z "$CPU_MS" ]; then
    tail -n 40 "$APP_TMP/app.log" >&2
    die "$answer"
  fi
  SPRING_SAYS=$(sed -n 's/.*Started ClinicApplication in \([0-9.]*\) seconds (process running for \([0-9.]*\)).*/\1 s (JVM \2 s)/p' \
    "$APP_TMP/app.log" | head -n 1)
}

# train LOG JAVA_COMMAND...: a training run of the extracted jar on a copy of the migrated database (a restart, as
# deploy/train-cache.sh trains), or on an empty one while there is none yet: wait for its first answer, serve the
# pages a start serves first, then SIGTERM and wait for the JVM to write its cache and exit. The first run's database
# is kept as the migrated database every restart copies.
train() {
  local log=$1
  shift
  if [ -d "$OUT/existing-db" ]; then start_timed restart "$@" -jar "$EXTRACTED"; else start_timed first "$@" -jar "$EXTRACTED"; fi
  # The public pages, their feeds, the sign-in page and an error page: the classes (Thymeleaf, the page cache, the
  # security filters, the error page) and, for JDK 25, the method profiles of the first requests.
  for _ in 1 2 3; do
    for path in / /articles /articles/massage-for-back-pain /team /team/valerie-van-woudenberg /privacy /inquiry /login \
      /sitemap.xml /feed.xml /robots.txt /no-such-page /staff/inquiries; do
      curl -s -o /dev/null --max-time 10 -H 'Accept: text/html' -H 'Accept-Encoding: gzip' "$APP_URL$path" || true
    done
  done
  kill "$APP_PID" 2>/dev/null || true
  while kill -0 "$APP_PID" 2>/dev/null; do sleep 0.1; done
  cp "$APP_TMP/app.log" "$log"
  [ -d "$OUT/existing-db" ] || cp -r "$APP_TMP/db" "$OUT/existing-db"
  APP_PID=
  stop_app
}

# Spring's AOT processing is in the jar when its generated context initializer is (built with -Paot).
SPRING_AOT=no
unzip -l "$JAR" 'BOOT-INF/classes/ca/gagephysio/ClinicApplication__ApplicationContextInitializer.class' >/dev/null 2>&1 \
  && SPRING_AOT=yes
echo "Spring AOT processing in the jar: $SPRING_AOT"

declare -A VARIANTS=(
  [1-jdk17-plain]="$JDK17 -jar $JAR"
  # What deploy/ runs on JDK 17 with a jar built without -Paot: the recommended flags and the CDS archive.
  [2-jdk17-recommended]="env MALLOC_ARENA_MAX=2 $JDK17 $FLAGS -XX:SharedArchiveFile=$OUT/app.jsa -jar $EXTRACTED"
)
if [ -x "$JDK25/bin/java" ]; then
  VARIANTS[3-jdk25-plain]="$JDK25/bin/java -jar $JAR"
  # The same flags and the AOT cache.
  VARIANTS[4-jdk25-aot]="env MALLOC_ARENA_MAX=2 $JDK25/bin/java $FLAGS -XX:AOTCache=$OUT/app.aot -jar $EXTRACTED"
fi
TRY_BASE=app
if [ "$SPRING_AOT" = yes ]; then
  # What deploy/ runs: 2 and 4 with Spring's AOT-generated bean definitions, each from a cache trained with them.
  VARIANTS[5-jdk17-spring-aot]="env MALLOC_ARENA_MAX=2 $JDK17 $FLAGS -Dspring.aot.enabled=true -XX:SharedArchiveFile=$OUT/app-spring-aot.jsa -jar $EXTRACTED"
  if [ -x "$JDK25/bin/java" ]; then
    VARIANTS[6-jdk25-spring-aot]="env MALLOC_ARENA_MAX=2 $JDK25/bin/java $FLAGS -Dspring.aot.enabled=true -XX:AOTCache=$OUT/app-spring-aot.aot -jar $EXTRACTED"
  fi
  TRY_BASE=app-spring-aot
fi
TRY_TRAINING=()
if [ -n "${TRY_OPTS:-}" ] && [ -x "$JDK25/bin/java" ]; then
  TRY_TRAINING=("${TRY_WORDS[@]}")
  [ "$SPRING_AOT" = yes ] && TRY_TRAINING+=(-Dspring.aot.enabled=true)
  VARIANTS[7-jdk25-try]="env MALLOC_ARENA_MAX=2 $JDK25/bin/java $FLAGS ${TRY_TRAINING[*]} -XX:AOTCache=$OUT/app-try.aot -jar $EXTRACTED"
fi
if [ -n "${STARTUP_VARIANTS:-}" ]; then
  for name in "${!VARIANTS[@]}"; do
    [[ " $STARTUP_VARIANTS " == *" $name "* ]] || unset "VARIANTS[$name]"
  done
fi
[ "${#VARIANTS[@]}" -gt 0 ] || die "no variant left to measure (STARTUP_VARIANTS=${STARTUP_VARIANTS:-})"
wanted() { [ -n "${VARIANTS[$1]+x}" ]; }

# train_17 NAME [java options]: a CDS archive OUT/NAME.jsa; train_25 NAME [java options]: an AOT cache OUT/NAME.aot.
train_17() {
  local name=$1
  shift
  train "$OUT/training-$name-17.log" env MALLOC_ARENA_MAX=2 "$JDK17" "${FLAG_WORDS[@]}" "$@" \
    -XX:ArchiveClassesAtExit="$OUT/$name.jsa"
  [ -s "$OUT/$name.jsa" ] || { tail -n 30 "$OUT/training-$name-17.log"; die "the training run wrote no CDS archive"; }
  echo "CDS archive (JDK 17) $name.jsa: $(du -m "$OUT/$name.jsa" | cut -f1) MB (training start: first answer after ${STARTED_MS} ms)"
}
train_25() {
  local name=$1
  shift
  # Without -XX:MaxMetaspaceSize (and the small heap): the JVM that assembles the cache at the end of the training
  # run inherits the flags, and with 160m it failed ("Unable to allocate from 'ro' region"). The GC and the JIT
  # level stay as in production.
  # No method profiles in the cache (-XX:-AOTRecordTraining, as deploy/train-cache.sh): with C1 alone nothing uses
  # them, and they held 9 MB resident.
  train "$OUT/training-$name-25.log" env MALLOC_ARENA_MAX=2 "$JDK25/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining "$@" -XX:AOTCacheOutput="$OUT/$name.aot"
  [ -s "$OUT/$name.aot" ] || { tail -n 30 "$OUT/training-$name-25.log"; die "the training run wrote no AOT cache"; }
  echo "AOT cache (JDK 25) $name.aot: $(du -m "$OUT/$name.aot" | cut -f1) MB (training start: first answer after ${STARTED_MS} ms)"
}

section "training runs (for the variants measured): CDS archives on JDK 17, AOT caches on JDK 25; load $(cut -d' ' -f1-3 /proc/loadavg)"
# First a start of its own migrates an empty database and makes the first administrator; every training run then
# restarts on a copy of it, so the caches hold what a restart loads, not the migrations' and the first start's classes
# (1 to 2 MB resident; docs/performance.md, "ninth pass").
train "$OUT/existing-db.log" "$JDK17"
echo "migrated database made by a start of its own (first answer after ${STARTED_MS} ms)"
wanted 2-jdk17-recommended && train_17 app
wanted 4-jdk25-aot && train_25 app
wanted 5-jdk17-spring-aot && train_17 app-spring-aot -Dspring.aot.enabled=true
wanted 6-jdk25-spring-aot && train_25 app-spring-aot -Dspring.aot.enabled=true
wanted 7-jdk25-try && train_25 app-try "${TRY_TRAINING[@]}"

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

section "$RUNS runs per variant and case, taking turns: launch to first answer (and the JVM's CPU time by then), then $WARM_UP requests to $PAGE, then RSS"
NAMES=$(printf '%s\n' "${!VARIANTS[@]}" | sort)
declare -A STARTS=() CPUS=() RSS=()
for run in $(seq 1 "$RUNS"); do
  for case in $CASES; do
    for name in $NAMES; do
      read -r -a command <<<"${VARIANTS[$name]}"
      load=$(cut -d' ' -f1 /proc/loadavg)
      start_timed "$case" "${command[@]}"
      seq "$WARM_UP" | xargs -P 4 -I{} curl -s -o /dev/null -H 'Accept: text/html' -H 'Accept-Encoding: gzip' \
        --max-time 10 "$APP_URL$PAGE"
      resident=$(app_rss_mb)
      stop_app
      key="$case $name"
      STARTS[$key]="${STARTS[$key]:-} $STARTED_MS" CPUS[$key]="${CPUS[$key]:-} $CPU_MS" RSS[$key]="${RSS[$key]:-} $resident"
      printf '  %-7s %-20s run %d: first answer after %6d ms, CPU %6d ms, %4d MB resident (load %5s; Spring: %s)\n' \
        "$case" "$name" "$run" "$STARTED_MS" "$CPU_MS" "$resident" "$load" "${SPRING_SAYS:-?}"
      printf '  %-7s %-20s        CPU by thread at the first answer, ms: %s\n' "" "" "${THREADS_MS:--}"
    done
  done
done

section "result (medians of $RUNS; issue 24's target, a restart on JDK 25 with the AOT cache: first answer < 2 s, resident < 250 MB)"
printf '%-7s %-20s %8s  %8s  %6s   %s\n' case variant "start" "CPU" "RSS" command
for case in $CASES; do
  for name in $NAMES; do
    key="$case $name"
    read -r -a starts <<<"${STARTS[$key]}"
    read -r -a cpus <<<"${CPUS[$key]}"
    read -r -a rss <<<"${RSS[$key]}"
    printf '%-7s %-20s %6.2f s  %6.2f s  %3.0f MB   %s\n' "$case" "$name" \
      "$(median "${starts[@]}" | awk '{print $1/1000}')" "$(median "${cpus[@]}" | awk '{print $1/1000}')" \
      "$(median "${rss[@]}")" "${VARIANTS[$name]//$PROJECT_DIR\//}"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); finished $(date -u '+%H:%M:%S') UTC"
