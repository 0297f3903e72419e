#!/usr/bin/env bash
# Two instances of the site plus nginx on one machine, in plain shell (no containers, no compose): the recipe
# docs/operations.md describes, for a machine without systemd units or to try the set-up out. With
# systemd, use deploy/systemd/clinic-site@.service (instances a and b) and Debian's nginx instead.
#
#   deploy/two-instances.sh start     starts instance a and b (each waits for /readyz), then nginx in front of them
#   deploy/two-instances.sh stop      stops nginx, then each instance gracefully (SIGTERM: requests in flight finish)
#   deploy/two-instances.sh status    what runs, by PID
#
# Reads (with these defaults):
#   CLINIC_JAR=target/clinic-site-*.jar     the jar to run
#   CLINIC_RUN_DIR=./run                    PID files, logs, the rendered nginx configuration
#   SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD   the PostgreSQL database both instances share (required)
#   CLINIC_PORT_A=8081 CLINIC_PORT_B=8082 CLINIC_MANAGEMENT_PORT_A=9081 CLINIC_MANAGEMENT_PORT_B=9082
#   JAVA_OPTS="-Xmx128m -Xmn8m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=128m -XX:MaxMetaspaceSize=160m -XX:TrimNativeHeapInterval=1000"
#   NGINX=nginx, and for deploy/nginx/render.sh: CLINIC_SERVER_NAMES, CLINIC_ORIGIN, CLINIC_TLS_CERTIFICATE,
#   CLINIC_TLS_CERTIFICATE_KEY (required), CLINIC_HTTP_LISTEN=80, CLINIC_HTTPS_LISTEN=443
# and passes every other CLINIC_*, SPRING_* and SERVER_* variable on to both instances (docs/configuration.md lists them).
# Each instance gets SERVER_FORWARDHEADERSSTRATEGY=native: it is only reachable through nginx, on the loopback.
set -euo pipefail
cd "$(dirname "$0")/.."

RUN=${CLINIC_RUN_DIR:-./run}
JAR=${CLINIC_JAR:-$(ls target/clinic-site-*.jar 2>/dev/null | grep -v -- '-plain\|sources' | head -n 1 || true)}
read -r -a JAVA_FLAGS <<<"${JAVA_OPTS:--Xmx128m -Xmn8m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=128m -XX:MaxMetaspaceSize=160m -XX:TrimNativeHeapInterval=1000}"
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
PORT_A=${CLINIC_PORT_A:-8081}
PORT_B=${CLINIC_PORT_B:-8082}
MANAGEMENT_A=${CLINIC_MANAGEMENT_PORT_A:-9081}
MANAGEMENT_B=${CLINIC_MANAGEMENT_PORT_B:-9082}

die() { echo "two-instances.sh: $*" >&2; exit 1; }
running() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

start_instance() {
  local name=$1 port=$2 management=$3
  running "$name" && die "instance $name already runs (PID $(cat "$RUN/$name.pid"))"
  MALLOC_ARENA_MAX=2 SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$port" \
    MANAGEMENT_SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT="$management" SERVER_FORWARDHEADERSSTRATEGY=native \
    nohup java "${JAVA_FLAGS[@]}" -jar "$JAR" >>"$RUN/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
  echo "instance $name: PID $!, 127.0.0.1:$port (management 127.0.0.1:$management), log $RUN/$name.log"
}

await_ready() {
  local name=$1 port=$2
  for _ in $(seq 1 ${CLINIC_STARTUP_SECONDS:-300}); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/readyz" || true)" = 200 ] && return 0
    running "$name" || die "instance $name stopped; see $RUN/$name.log"
    sleep 1
  done
  die "instance $name not ready after ${CLINIC_STARTUP_SECONDS:-300} s; see $RUN/$name.log"
}

stop_pid() {
  local name=$1
  running "$name" || { rm -f "$RUN/$name.pid"; return 0; }
  local pid
  pid=$(cat "$RUN/$name.pid")
  kill "$pid"
  for _ in $(seq 1 400); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && { echo "$name did not stop in 40 s: SIGKILL"; kill -9 "$pid"; }
  rm -f "$RUN/$name.pid"
  echo "stopped $name (PID $pid)"
}

case "${1:-}" in
  start)
    [ -n "$JAR" ] && [ -f "$JAR" ] || die "no jar (./mvnw -DskipTests package, or set CLINIC_JAR)"
    [ -n "${SPRING_DATASOURCE_URL:-}" ] || die "set SPRING_DATASOURCE_URL (PostgreSQL, shared by both instances)"
    mkdir -p "$RUN/nginx/tmp"
    # One at a time: the first applies any new Flyway migration, the second then finds the schema up to date.
    start_instance a "$PORT_A" "$MANAGEMENT_A"
    await_ready a "$PORT_A"
    start_instance b "$PORT_B" "$MANAGEMENT_B"
    await_ready b "$PORT_B"
    CLINIC_UPSTREAM_1="127.0.0.1:$PORT_A" CLINIC_UPSTREAM_2="127.0.0.1:$PORT_B" \
      CLINIC_LOG_DIR="$(cd "$RUN/nginx" && pwd)" deploy/nginx/render.sh >"$RUN/nginx/clinic.conf"
    nginx_dir=$(cd "$RUN/nginx" && pwd)
    cat >"$RUN/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  client_body_temp_path $nginx_dir/tmp/body;
  proxy_temp_path $nginx_dir/tmp/proxy;
  fastcgi_temp_path $nginx_dir/tmp/fastcgi;
  uwsgi_temp_path $nginx_dir/tmp/uwsgi;
  scgi_temp_path $nginx_dir/tmp/scgi;
  include $nginx_dir/clinic.conf;
}
CONF
    chmod 755 "$RUN/nginx" && chmod 777 "$RUN/nginx/tmp"
    "$NGINX" -t -q -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -e "$nginx_dir/error.log"
    "$NGINX" -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -e "$nginx_dir/error.log"
    echo "nginx: PID $(cat "$RUN/nginx/nginx.pid"), ${CLINIC_ORIGIN:-} -> 127.0.0.1:$PORT_A and :$PORT_B"
    ;;
  stop)
    if [ -f "$RUN/nginx/nginx.pid" ] && kill -0 "$(cat "$RUN/nginx/nginx.pid")" 2>/dev/null; then
      "$NGINX" -p "$(cd "$RUN/nginx" && pwd)" -c "$(cd "$RUN/nginx" && pwd)/nginx.conf" -s quit
      echo "stopped nginx"
    fi
    stop_pid a
    stop_pid b
    ;;
  status)
    for name in a b; do
      if running "$name"; then echo "instance $name: PID $(cat "$RUN/$name.pid")"; else echo "instance $name: stopped"; fi
    done
    if [ -f "$RUN/nginx/nginx.pid" ] && kill -0 "$(cat "$RUN/nginx/nginx.pid")" 2>/dev/null; then
      echo "nginx: PID $(cat "$RUN/nginx/nginx.pid")"
    else
      echo "nginx: stopped"
    fi
    ;;
  *)
    sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
