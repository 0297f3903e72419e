#!/usr/bin/env bash
# Requests per second and p99 latency of one page served by the app, against the very same HTML served as a static
# file by nginx, both gzip-compressed, measured alternately on this machine; prints the ratio app/nginx.
#
#   benchmark/wrk-vs-nginx.sh [PATH] [ROUNDS] [SECONDS]
#   defaults: /articles/massage-for-back-pain, 3 rounds, 15 s each; WRK_THREADS=2 WRK_CONNECTIONS=32;
#   JAVA_OPTS for the app (default: the README's recommended flags, without CDS).
# Needs wrk and nginx (apt-get install -y wrk nginx-light). Talks to 127.0.0.1 only, stops what it starts.
set -euo pipefail
source "$(dirname "$0")/../perf/lib.sh"

PAGE="${1:-/articles/massage-for-back-pain}"
ROUNDS="${2:-3}"
SECONDS_PER_RUN="${3:-15}"
THREADS="${WRK_THREADS:-2}"
CONNECTIONS="${WRK_CONNECTIONS:-32}"
read -r -a JAVA_FLAGS <<<"${JAVA_OPTS:--Xmx128m -XX:+UseSerialGC}"
command -v wrk >/dev/null || die "wrk is missing (apt-get install -y wrk)"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || die "nginx is missing (apt-get install -y nginx-light)"

NGINX_DIR=$(mktemp -d /tmp/clinic-nginx.XXXXXX)
NGINX_PID=
cleanup() {
  if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
  rm -rf "$NGINX_DIR"
  stop_app
}
trap cleanup EXIT

section "machine"
echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(free -m | awk '/^Mem:/ {print $2}') MB memory, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -n 1); nginx: $("$NGINX" -v 2>&1 | sed 's/.*: //'); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"

section "start the app (${JAVA_FLAGS[*]}) and nginx"
start_app "${JAVA_FLAGS[@]}"
echo "app up at $APP_URL in ${APP_STARTUP_MS} ms"
mkdir -p "$NGINX_DIR/www" "$NGINX_DIR/tmp"
code=$(curl -s -H 'Accept: text/html' -o "$NGINX_DIR/www/page.html" -w '%{http_code}' "$APP_URL$PAGE")
echo "saved $PAGE from the app: HTTP $code, $(wc -c <"$NGINX_DIR/www/page.html") bytes of HTML"
chmod -R a+rX "$NGINX_DIR"
NGINX_PORT=$(free_port)
cat >"$NGINX_DIR/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $NGINX_DIR/tmp/body;
  proxy_temp_path $NGINX_DIR/tmp/proxy;
  fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
  uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
  scgi_temp_path $NGINX_DIR/tmp/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  gzip on;
  gzip_min_length 1024;
  gzip_types text/html text/css;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $NGINX_DIR/www;
    location / { default_type text/html; try_files /page.html =404; }
  }
}
CONF
"$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" 2>"$NGINX_DIR/stderr.log" &
NGINX_PID=$!
NGINX_URL="http://127.0.0.1:$NGINX_PORT$PAGE"
for _ in $(seq 1 50); do curl -s -o /dev/null "$NGINX_URL" && break; sleep 0.1; done

for target in "app $APP_URL$PAGE" "nginx $NGINX_URL"; do
  set -- $target
  headers=$(curl -s -D - -o "$NGINX_DIR/body.gz" -H 'Accept: text/html' -H 'Accept-Encoding: gzip' "$2")
  encoding=$(echo "$headers" | tr -d '\r' | sed -n 's/^[Cc]ontent-[Ee]ncoding: *//p')
  echo "$1: HTTP $(echo "$headers" | head -n 1 | cut -d' ' -f2), Content-Encoding ${encoding:-none}, $(wc -c <"$NGINX_DIR/body.gz") bytes on the wire"
done

# wrk_run URL: prints "requests/s p99-ms".
wrk_run() {
  local out
  out=$(timeout $((SECONDS_PER_RUN + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency \
    -H 'Accept: text/html' -H 'Accept-Encoding: gzip' "$1")
  local rps p99
  rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}')
  if echo "$out" | grep -q 'Non-2xx'; then echo "  (note: $(echo "$out" | grep 'Non-2xx' | xargs))" >&2; fi
  echo "$rps $p99"
}

section "warm-up (${SECONDS_PER_RUN} s each, not counted)"
wrk_run "$APP_URL$PAGE" >/dev/null
wrk_run "$NGINX_URL" >/dev/null

section "$ROUNDS alternating rounds of ${SECONDS_PER_RUN} s, wrk -t$THREADS -c$CONNECTIONS, Accept: text/html, Accept-Encoding: gzip"
app_rates=() nginx_rates=() app_p99=() nginx_p99=()
for round in $(seq 1 "$ROUNDS"); do
  read -r rate p99 < <(wrk_run "$APP_URL$PAGE"); app_rates+=("$rate"); app_p99+=("$p99")
  printf 'round %d  app    %10.0f req/s  p99 %7.2f ms\n' "$round" "$rate" "$p99"
  read -r rate p99 < <(wrk_run "$NGINX_URL"); nginx_rates+=("$rate"); nginx_p99+=("$p99")
  printf 'round %d  nginx  %10.0f req/s  p99 %7.2f ms\n' "$round" "$rate" "$p99"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
app_median=$(median "${app_rates[@]}")
nginx_median=$(median "${nginx_rates[@]}")
section "result (medians over $ROUNDS rounds)"
printf 'app    %10.0f req/s  p99 %7.2f ms\n' "$app_median" "$(median "${app_p99[@]}")"
printf 'nginx  %10.0f req/s  p99 %7.2f ms\n' "$nginx_median" "$(median "${nginx_p99[@]}")"
awk -v a="$app_median" -v n="$nginx_median" 'BEGIN { printf "ratio app/nginx: %.2f\n", a / n }'
echo "app resident memory after the runs: $(app_rss_mb) MB"
