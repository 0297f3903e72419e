#!/usr/bin/env bash
# Benchmark helper (not a test; not run by .ci/run): where a restart's start-up time goes, bean by bean. Starts the
# built jar through benchmark/StartupSteps.java, which records the start with Spring's own recorder
# (BufferingApplicationStartup) and prints the slowest steps: the context's refresh, the web server's creation, each
# bean's creation (with the beans created inside it) and the like. With deploy/'s flags (production_flags), on a
# throw-away H2 database: a first start makes and migrates it, then the measured restart runs on a copy, as
# benchmark/startup.sh's restart case does. On JDK 24 and later the first start also trains an AOT cache that the
# restart uses (the probe's class path differs from the jar's, so deploy/'s cache cannot be reused).
#
#   benchmark/startup-steps.sh [steps shown, default 40]
#   APP_JAR=<jar>            another build (a jar built with -Paot runs with Spring's AOT code, as deploy/ does)
#   JAVA=<java>              default: Temurin 25's when /usr/lib/jvm/temurin-25-jdk-amd64 exists, else java
#
# The recorder costs time of its own: compare the steps with each other, and the first answer with
# benchmark/startup.sh. 127.0.0.1 and free ports only; stops only the JVMs it started (each runs in the foreground
# and stops itself once started).
set -euo pipefail
source "$(dirname "$0")/../perf/lib.sh"

SHOWN=${1:-40}
JAR=$(app_jar)
if [ -z "${JAVA:-}" ]; then
  JAVA=java
  [ ! -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] || JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fi
JAVAC=$(dirname "$(readlink -f "$(command -v "$JAVA")")")/javac
[ -x "$JAVAC" ] || die "no javac beside $JAVA"
FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')

WORK=$(mktemp -d /tmp/clinic-startup-steps.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null || die "extracting $JAR failed"
CLASS_PATH="$WORK/app/$(basename "$JAR"):$WORK/app/lib/*"
"$JAVAC" -nowarn -cp "$CLASS_PATH" -d "$WORK/probe" "$PROJECT_DIR/benchmark/StartupSteps.java"
# in a jar: the JVM records an AOT cache only for a class path of jars (a folder on it is refused)
"$(dirname "$JAVAC")/jar" --create --file "$WORK/probe.jar" -C "$WORK/probe" .

production_flags
# run DATABASE_FOLDER [JVM flag ...]: one start of the probe on that H2 database, stopped once started
run() {
  local db=$1 port management_port
  shift
  port=$(free_port)
  management_port=$(free_port)
  while [ "$management_port" = "$port" ]; do management_port=$(free_port); done
  env MALLOC_ARENA_MAX="$APP_MALLOC_ARENA_MAX" "$JAVA" "${APP_JAVA_FLAGS[@]}" "$@" -cp "$WORK/probe.jar:$CLASS_PATH" \
    StartupSteps "$SHOWN" --server.address=127.0.0.1 "--server.port=$port" "--management.server.port=$management_port" \
    "--spring.datasource.url=jdbc:h2:file:$db/clinic;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" \
    "--clinic.base-url=http://127.0.0.1:$port"
}

section "first start (migrates an empty database$([ "$FEATURE" -lt 24 ] || echo ", trains an AOT cache")); load $(cut -d' ' -f1-3 /proc/loadavg)"
CACHE=()
if [ "$FEATURE" -ge 24 ]; then
  # trained as deploy/train-cache.sh trains: without -XX:MaxMetaspaceSize, which leaves the cache no room, and without
  # method profiles
  FULL_FLAGS=("${APP_JAVA_FLAGS[@]}")
  APP_JAVA_FLAGS=()
  for word in "${FULL_FLAGS[@]}"; do [[ $word == -XX:MaxMetaspaceSize=* ]] || APP_JAVA_FLAGS+=("$word"); done
  run "$WORK/db" -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining -XX:AOTCacheOutput="$WORK/probe.aot" >"$WORK/first.log" 2>&1 || { tail -n 40 "$WORK/first.log"; die "the first start failed"; }
  APP_JAVA_FLAGS=("${FULL_FLAGS[@]}")
  CACHE=(-XX:AOTCache="$WORK/probe.aot")
else
  run "$WORK/db" >"$WORK/first.log" 2>&1 || { tail -n 40 "$WORK/first.log"; die "the first start failed"; }
fi
grep -o 'Started ClinicApplication in .*' "$WORK/first.log" || true

section "restart on a copy of it: $("$JAVA" -version 2>&1 | head -n 1), ${APP_JAVA_FLAGS[*]} ${CACHE[*]}; load $(cut -d' ' -f1-3 /proc/loadavg)"
cp -r "$WORK/db" "$WORK/restart-db"
run "$WORK/restart-db" ${CACHE[@]+"${CACHE[@]}"} >"$WORK/restart.log" 2>&1 || { tail -n 40 "$WORK/restart.log"; die "the restart failed"; }
grep -o 'Started ClinicApplication in .*' "$WORK/restart.log" || true
sed -n '/^== the /,$p' "$WORK/restart.log"
