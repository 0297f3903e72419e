#!/usr/bin/env bash
# Requests per second and p99 latency of each public page served by the app, against the very same bytes served as
# static files by nginx (gzip on the fly), both asked for gzip, measured alternately on this machine; prints the
# ratio app/nginx per page and a verdict against the targets of issue 10:
#   every cached page at least 0.7x nginx's requests per second, the inquiry form (fresh token per request) at least
#   0.35x, and no page's p99 above 10x nginx's.
# Beside it, a second comparison (issue 24): nginx serving a copy of each page compressed ahead of time by this
# script (gzip_static on, each page's .gz made with gzip -9 next to it), the limit for a page served from a cache of
# pre-compressed bytes; its ratio is printed per page but sets no verdict. GZIP_STATIC=no leaves it out.
#
#   benchmark/wrk-vs-nginx.sh [ROUNDS] [SECONDS] [PATH ...]
#   defaults: 3 rounds of 15 s per page, after a warm-up of every page (SECONDS each, or WARMUP_SECONDS); the
#   pages: /, /articles, the seed article, /team, the owner's bio, /privacy, /fees, /feed.xml, /sitemap.xml,
#   /inquiry. The seed has no fees (none is ever invented), so when /fees is asked for, the script first signs in as
#   the throw-away database's first administrator through the real pages and both factors and saves benchmark fees
#   at /staff/fees, as an owner would; the page is then served from the page cache like every other.
#   WRK_THREADS=2 WRK_CONNECTIONS=32; JAVA_OPTS for the app (default: -Xmx128m -XX:+UseSerialGC).
#   MIN_RATIO (0.7), MIN_FORM_RATIO (0.35) and MAX_P99_RATIO (10) change the targets.
# Exits 1 if a page misses a target. Figures mean something only on a quiet machine (see docs/performance.md).
# Needs wrk and nginx (apt-get install -y wrk nginx-light). Talks to 127.0.0.1 only, stops what it starts.
set -euo pipefail
source "$(dirname "$0")/../perf/lib.sh"

ROUNDS="${1:-3}"
SECONDS_PER_RUN="${2:-15}"
shift $(( $# < 2 ? $# : 2 ))
if [ $# -gt 0 ]; then
  PAGES=("$@")
else
  PAGES=(/ /articles /articles/massage-for-back-pain /team /team/valerie-van-woudenberg /privacy /fees /feed.xml
    /sitemap.xml /inquiry)
fi
WARMUP_SECONDS="${WARMUP_SECONDS:-$SECONDS_PER_RUN}"
THREADS="${WRK_THREADS:-2}"
CONNECTIONS="${WRK_CONNECTIONS:-32}"
MIN_RATIO="${MIN_RATIO:-0.7}"
MIN_FORM_RATIO="${MIN_FORM_RATIO:-0.35}"
MAX_P99_RATIO="${MAX_P99_RATIO:-10}"
GZIP_STATIC="${GZIP_STATIC:-yes}"
read -r -a JAVA_FLAGS <<<"${JAVA_OPTS:--Xmx128m -XX:+UseSerialGC}"
# A browser's user agent on every request (wrk sends none), so the app counts each one as a page view (visits module)
# and the ratio includes the cost of counting; a request without one is a script's and not counted.
BROWSER_UA="${BROWSER_UA:-Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive number (usage: $0 [ROUNDS] [SECONDS] [PATH ...])"
[[ "$SECONDS_PER_RUN" =~ ^[1-9][0-9]*$ ]] || die "SECONDS must be a positive number"
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

# The first administrator of the throw-away database, made at start-up, who publishes the fees when /fees is asked for.
export CLINIC_ADMIN_EMAIL="${CLINIC_ADMIN_EMAIL:-owner@benchmark.example}"
export CLINIC_ADMIN_PASSWORD="${CLINIC_ADMIN_PASSWORD:-wrk benchmark owner passphrase}"

# publish_fees (perf/lib.sh) signs in as that administrator and saves benchmark fees, as an owner would.

section "start the app (${JAVA_FLAGS[*]}) and nginx"
start_app "${JAVA_FLAGS[@]}"
echo "app up at $APP_URL in ${APP_STARTUP_MS} ms"
if printf '%s\n' "${PAGES[@]}" | grep -qx /fees \
    && [ "$(curl -s -o /dev/null -w '%{http_code}' "$APP_URL/fees")" = 404 ]; then
  publish_fees
fi
mkdir -p "$NGINX_DIR/www" "$NGINX_DIR/tmp"
# Each page is saved as the app serves it (identity) and given to nginx under a file name of its own.
for i in "${!PAGES[@]}"; do
  code=$(curl -s -H 'Accept: text/html' -o "$NGINX_DIR/www/page$i" -w '%{http_code}' "$APP_URL${PAGES[$i]}")
  [ "$code" = 200 ] || die "${PAGES[$i]} answered HTTP $code, not 200"
  echo "saved ${PAGES[$i]} from the app: $(wc -c <"$NGINX_DIR/www/page$i") bytes"
done
# The copy compressed ahead of time, for the gzip_static server: the same bytes, gzipped once, at the best level
# (the cost is paid once, here, not per request), kept beside the original as nginx's gzip_static expects.
mkdir -p "$NGINX_DIR/static"
for i in "${!PAGES[@]}"; do
  cp "$NGINX_DIR/www/page$i" "$NGINX_DIR/static/page$i"
  gzip -9 -k -n "$NGINX_DIR/static/page$i"
done
chmod -R a+rX "$NGINX_DIR"
NGINX_PORT=$(free_port)
NGINX_STATIC_PORT=$(free_port)
while [ "$NGINX_STATIC_PORT" = "$NGINX_PORT" ]; do NGINX_STATIC_PORT=$(free_port); done
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
  gzip_types text/html text/css text/plain text/xml application/xml application/atom+xml;
  default_type text/html;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $NGINX_DIR/www;
    location / { try_files \$uri =404; }
  }
  # The same pages compressed ahead of time: nginx sends page<N>.gz as it is to a client that accepts gzip, whatever
  # its size (gzip_min_length applies only to compressing on the fly, which this server does not do).
  server {
    listen 127.0.0.1:$NGINX_STATIC_PORT;
    root $NGINX_DIR/static;
    gzip off;
    gzip_static on;
    location / { try_files \$uri =404; }
  }
}
CONF
"$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" 2>"$NGINX_DIR/stderr.log" &
NGINX_PID=$!
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
STATIC_URL="http://127.0.0.1:$NGINX_STATIC_PORT"
# The servers to measure, by label and base URL (a page's URL at nginx is the base and "/page<N>").
SERVERS=("nginx $NGINX_URL")
[ "$GZIP_STATIC" = no ] || SERVERS+=("static $STATIC_URL")
for _ in $(seq 1 50); do curl -s -o /dev/null "$NGINX_URL/page0" && break; sleep 0.1; done

for i in "${!PAGES[@]}"; do
  targets=("app $APP_URL${PAGES[$i]}")
  for server in "${SERVERS[@]}"; do set -- $server; targets+=("$1 $2/page$i"); done
  for target in "${targets[@]}"; do
    set -- $target
    headers=$(curl -s -D - -o "$NGINX_DIR/body.gz" -H 'Accept: text/html' -H 'Accept-Encoding: gzip' "$2")
    encoding=$(echo "$headers" | tr -d '\r' | sed -n 's/^[Cc]ontent-[Ee]ncoding: *//p')
    printf '%-32s %-6s HTTP %s, Content-Encoding %s, %s bytes on the wire\n' "${PAGES[$i]}" "$1" \
      "$(echo "$headers" | head -n 1 | cut -d' ' -f2)" "${encoding:-none}" "$(wc -c <"$NGINX_DIR/body.gz")"
  done
done

# wrk_run URL [SECONDS]: prints "requests/s p99-ms".
wrk_run() {
  local out seconds="${2:-$SECONDS_PER_RUN}"
  out=$(timeout $((seconds + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency \
    -H 'Accept: text/html' -H 'Accept-Encoding: gzip' -H "User-Agent: $BROWSER_UA" "$1")
  local rps p99
  rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}')
  if echo "$out" | grep -q 'Non-2xx'; then echo "  (note: $(echo "$out" | grep 'Non-2xx' | xargs))" >&2; fi
  echo "$rps $p99"
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Every page is warmed up before any is measured: they share most of their code path, so otherwise the first page
# measured would pay for the JIT compiling what the others then get for free.
section "warm-up: ${WARMUP_SECONDS} s per page on each server, not counted"
for i in "${!PAGES[@]}"; do
  wrk_run "$APP_URL${PAGES[$i]}" "$WARMUP_SECONDS" >/dev/null
  wrk_run "$NGINX_URL/page$i" "$WARMUP_SECONDS" >/dev/null
  [ "$GZIP_STATIC" = no ] || wrk_run "$STATIC_URL/page$i" "$WARMUP_SECONDS" >/dev/null
done

results=()
static_results=()
for i in "${!PAGES[@]}"; do
  page=${PAGES[$i]}
  section "$page: $ROUNDS alternating rounds of ${SECONDS_PER_RUN} s"
  app_rates=() nginx_rates=() app_p99=() nginx_p99=() static_rates=() static_p99=()
  for round in $(seq 1 "$ROUNDS"); do
    read -r rate p99 < <(wrk_run "$APP_URL$page"); app_rates+=("$rate"); app_p99+=("$p99")
    printf 'round %d  app    %10.0f req/s  p99 %7.2f ms\n' "$round" "$rate" "$p99"
    read -r rate p99 < <(wrk_run "$NGINX_URL/page$i"); nginx_rates+=("$rate"); nginx_p99+=("$p99")
    printf 'round %d  nginx  %10.0f req/s  p99 %7.2f ms\n' "$round" "$rate" "$p99"
    if [ "$GZIP_STATIC" != no ]; then
      read -r rate p99 < <(wrk_run "$STATIC_URL/page$i"); static_rates+=("$rate"); static_p99+=("$p99")
      printf 'round %d  static %10.0f req/s  p99 %7.2f ms  (nginx, gzip_static)\n' "$round" "$rate" "$p99"
    fi
  done
  results+=("$page $(median "${app_rates[@]}") $(median "${app_p99[@]}") $(median "${nginx_rates[@]}") $(median "${nginx_p99[@]}")")
  [ "$GZIP_STATIC" = no ] || static_results+=("$page $(median "${app_rates[@]}") $(median "${app_p99[@]}") $(median "${static_rates[@]}") $(median "${static_p99[@]}")")
done

section "result: medians over $ROUNDS rounds of ${SECONDS_PER_RUN} s, wrk -t$THREADS -c$CONNECTIONS, Accept-Encoding: gzip"
echo "targets: cached pages >= ${MIN_RATIO}x nginx's req/s, /inquiry >= ${MIN_FORM_RATIO}x, p99 <= ${MAX_P99_RATIO}x nginx's"
printf '%-32s %10s %9s %10s %9s %6s %6s  %s\n' page 'app req/s' 'app p99' 'nginx r/s' 'ngx p99' ratio 'p99 x' verdict
failed=0
for line in "${results[@]}"; do
  read -r page app_rate app_p99 nginx_rate nginx_p99 <<<"$line"
  min=$MIN_RATIO
  [ "$page" = /inquiry ] || [[ "$page" == /inquiry\?* ]] && min=$MIN_FORM_RATIO
  verdict=$(awk -v a="$app_rate" -v n="$nginx_rate" -v ap="$app_p99" -v np="$nginx_p99" -v min="$min" \
    -v maxp="$MAX_P99_RATIO" 'BEGIN {
      r = (n > 0) ? a / n : 0; p = (np > 0) ? ap / np : 0
      v = (r >= min && p <= maxp) ? "pass" : "FAIL"
      if (r < min) v = v " (req/s below " min "x)"
      if (p > maxp) v = v " (p99 above " maxp "x)"
      printf "%.2f %.1f %s", r, p, v }')
  read -r ratio p99_ratio verdict_text <<<"$verdict"
  printf '%-32s %10.0f %7.2fms %10.0f %7.2fms %6s %6s  %s\n' "$page" "$app_rate" "$app_p99" "$nginx_rate" \
    "$nginx_p99" "$ratio" "$p99_ratio" "$verdict_text"
  [[ "$verdict_text" == pass* ]] || failed=1
done
if [ "$GZIP_STATIC" != no ]; then
  section "against nginx with gzip_static (pre-compressed copies): the limit for a cached page, no verdict"
  printf '%-32s %10s %9s %10s %9s %6s %6s\n' page 'app req/s' 'app p99' 'static r/s' 'st. p99' ratio 'p99 x'
  for line in "${static_results[@]}"; do
    read -r page app_rate app_p99 static_rate static_p99 <<<"$line"
    printf '%-32s %10.0f %7.2fms %10.0f %7.2fms %6s %6s\n' "$page" "$app_rate" "$app_p99" "$static_rate" \
      "$static_p99" "$(awk -v a="$app_rate" -v n="$static_rate" 'BEGIN {printf "%.2f", (n > 0) ? a / n : 0}')" \
      "$(awk -v a="$app_p99" -v n="$static_p99" 'BEGIN {printf "%.1f", (n > 0) ? a / n : 0}')"
  done
fi
echo "app resident memory after the runs: $(app_rss_mb) MB; load now $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$failed" -ne 0 ]; then
  echo "at least one page missed its target"
  exit 1
fi
echo "every page met its targets"
