#!/usr/bin/env bash
# Lays the built jar out as production starts it (docs/performance.md, "Recommended JVM flags"; deploy/systemd): the
# jar extracted with Spring Boot's tools (java -Djarmode=tools extract) and the class cache recorded for it by
# deploy/train-cache.sh, production's own training step (JDK 17 to 23: Spring Boot's CDS archive app.jsa; JDK 24 and
# later: the AOT cache app.aot), with production's flags. The perf/ scripts start the app from it when APP_CACHE_DIR
# names the folder (perf/lib.sh app_launch): .ci/run makes it once, beside its test lanes, for the dozen starts of
# its scripts, each of which then loads its classes from the cache instead of from the jar.
#
#   perf/class-cache.sh [FOLDER]     default target/class-cache; prints the folder last
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java perf/class-cache.sh     another JDK (the scripts then run on it)
#
# Replaces FOLDER. The training run (deploy/train-cache.sh) is on a throw-away H2 database and a free 127.0.0.1 port,
# and stops only the JVM it started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

JAR=$(app_jar)
DIR=$(realpath -m "${1:-$PROJECT_DIR/target/class-cache}")
JAVA=$(command -v "${JAVA:-java}") || die "no java on the PATH"
JAVA=$(readlink -f "$JAVA")

rm -rf "$DIR"
mkdir -p "$(dirname "$DIR")"
# The folder holds clinic-site-<version>.jar and lib/; the cache is valid for that jar at that path only.
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$DIR" >/dev/null || die "extracting $JAR failed"
EXTRACTED="$DIR/$(basename "$JAR")"
[ -f "$EXTRACTED" ] || die "the extracted jar is not at $EXTRACTED"

# With the production flags (production_flags, perf/lib.sh), as app_launch starts the app.
production_flags
env MALLOC_ARENA_MAX="$APP_MALLOC_ARENA_MAX" JAVA="$JAVA" JAVA_OPTS="${APP_JAVA_FLAGS[*]}" \
  "$PROJECT_DIR/deploy/train-cache.sh" "$EXTRACTED" "$DIR"
echo "$JAVA" >"$DIR/java"
echo "$DIR"
