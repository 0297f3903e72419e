#!/usr/bin/env bash
# The site as it will really run: Debian's nginx, configured by deploy/nginx/clinic.conf.template (rendered with
# deploy/nginx/render.sh), terminating TLS with a throw-away self-signed certificate in front of TWO instances of the
# built jar, each started with the environment docs/operations.md gives for instances behind the proxy
# (SERVER_FORWARDHEADERSSTRATEGY=native), both on one fresh PostgreSQL database (created here, dropped at the end):
# sessions, the sign-in throttle and the form's rate limit are held there, so nginx balances round-robin.
#
# Checks, each failing with its own message: HTTP answers 301 to the HTTPS origin; TLS 1.2/1.3 only, no CBC;
# HTTP/2; one Strict-Transport-Security header; gzip through the proxy; the fingerprinted stylesheet's one-year
# immutable Cache-Control, sent once; the session cookie is Secure and redirects are https (the app sees the
# scheme); the form's rate limit keys on the visitor's address (not the proxy's) and counts posts through both
# instances together, and a client's own
# X-Forwarded-For / X-Real-IP / Forwarded cannot move it to another; an instance answering 503 gets a GET passed on
# to the other instance and a POST not (a second nginx from the same template, in front of a stand-in); the MDN HTTP
# Observatory scanner gives / and /login A+ with every test passing over HTTPS (when perf/observatory.sh has
# installed it); SIGTERM to one instance while GETs flow loses none of them (graceful shutdown, nginx passing on).
#
#   perf/proxy.sh          (after ./mvnw -DskipTests package; needs nginx-light, openssl, curl, envsubst, and
#                           PostgreSQL on 127.0.0.1:5432 trusting user postgres, as .ci/run starts it)
#
# Talks to 127.0.0.1 (and 127.0.0.2-127.0.0.80 as other visitors) only, on free ports; needs no network; stops
# only what it started, by PID. The instances start as production starts them (perf/lib.sh app_launch:
# deploy/systemd's flags, which JAVA_OPTS overrides, and the class cache of APP_CACHE_DIR when set).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || die "nginx is missing (apt-get install -y nginx-light)"
for tool in openssl curl envsubst; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y openssl curl gettext-base)"
done
app_launch
RATE_LIMIT=3
ADMIN_EMAIL=proxy-test@clinic.test
ADMIN_PASSWORD="proxy-test-$(openssl rand -hex 8)"
started_at=$(now_ms)

WORK=$(mktemp -d /tmp/clinic-proxy.XXXXXX)
NGINX_PID=
NGINX2_PID=
APP_PIDS=()
LOOP_PIDS=()
passed=0
failed=0

cleanup() {
  local status=$?
  for pid in "${LOOP_PIDS[@]}"; do pkill -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  for pid in "$NGINX_PID" "$NGINX2_PID"; do
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  for pid in "${APP_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
    for log in "$WORK"/app*/app.log "$WORK"/nginx/error.log "$WORK"/nginx2/error.log; do
      [ -s "$log" ] && { echo "--- last lines of $log"; tail -n 25 "$log"; }
    done
  fi
  drop_pg_database
  rm -rf "$WORK"
}
trap cleanup EXIT
fresh_pg_database clinic_proxy

pass() { passed=$((passed + 1)); echo "  pass  $*"; }
fail() { failed=$((failed + 1)); echo "  FAIL  $*"; }
# check DESCRIPTION COMMAND...: pass when the command succeeds.
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

# new_port: sets NEW_PORT to a free port not already picked by this script (nothing listens on those yet).
PICKED_PORTS=" "
new_port() {
  for _ in $(seq 1 20); do
    NEW_PORT=$(free_port)
    if [[ "$PICKED_PORTS" != *" $NEW_PORT "* ]]; then PICKED_PORTS+="$NEW_PORT "; return; fi
  done
  die "no new free port"
}
new_port; HTTP_PORT=$NEW_PORT
new_port; HTTPS_PORT=$NEW_PORT
ORIGIN="https://127.0.0.1:$HTTPS_PORT"
CURL=(curl -s --max-time 20 --cacert "$WORK/tls/cert.pem")

# fetch CURL-OPTIONS...: curl to the proxy; a failed request is for the check that follows to report (as status
# 000), not a reason to stop the script.
fetch() { "${CURL[@]}" "$@" || true; }
# header NAME FILE: the values of one response header in a dump written by curl -D (one line each).
header() { tr -d '\r' <"$2" | sed -n "s/^$1: *//Ip"; }

section "machine"
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("$NGINX" -v 2>&1 | sed 's/.*: //'); $(openssl version | cut -d' ' -f1-2); java: $(java -version 2>&1 | head -n 1)"

section "two instances on one PostgreSQL database, $PG_DATABASE: ${APP_LAUNCH[*]}"
start_instance() {
  local n=$1 port dir
  new_port; port=$NEW_PORT
  dir="$WORK/app$n"
  mkdir -p "$dir"
  # Exactly what docs/operations.md tells the clinic to set for an instance behind the proxy, as environment variables.
  env SERVER_FORWARDHEADERSSTRATEGY=native \
    SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$port" MANAGEMENT_SERVER_PORT="$(free_port)" \
    SPRING_DATASOURCE_URL="$PG_JDBC_URL" SPRING_DATASOURCE_USERNAME="$PGUSER" \
    SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
    CLINIC_BASE_URL="$ORIGIN" \
    CLINIC_ADMIN_EMAIL="$ADMIN_EMAIL" CLINIC_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    CLINIC_INQUIRY_RATELIMIT_CAPACITY="$RATE_LIMIT" \
    "${APP_LAUNCH[@]}" >"$dir/app.log" 2>&1 &
  APP_PIDS+=($!)
  APP_PORTS+=("$port")
}
APP_PORTS=()
start_instance 1
start_instance 2
# The machine may be busy (on a shared 2-core machine under heavy load a start took almost 4 minutes): allow up to
# PROXY_TEST_STARTUP_SECONDS (default 360) for both instances to answer their first request.
startup_limit=${PROXY_TEST_STARTUP_SECONDS:-360}
deadline=$(( $(now_ms) + startup_limit * 1000 ))
for i in 0 1; do
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:${APP_PORTS[$i]}/" 2>/dev/null)" != "000" ]; do
    kill -0 "${APP_PIDS[$i]}" 2>/dev/null || die "instance $((i + 1)) stopped before answering (see its log below)"
    [ "$(now_ms)" -lt "$deadline" ] || die "instance $((i + 1)) did not answer within $startup_limit s"
    sleep 0.2
  done
  echo "instance $((i + 1)): pid ${APP_PIDS[$i]}, 127.0.0.1:${APP_PORTS[$i]}, up after $(( ($(now_ms) - started_at) / 1000 )) s"
done

section "nginx: deploy/nginx/clinic.conf.template rendered with render.sh, throw-away certificate"
mkdir -p "$WORK/tls" "$WORK/nginx/tmp"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$WORK/tls/key.pem" -out "$WORK/tls/cert.pem" 2>/dev/null
CLINIC_SERVER_NAMES=127.0.0.1 CLINIC_ORIGIN="$ORIGIN" \
  CLINIC_TLS_CERTIFICATE="$WORK/tls/cert.pem" CLINIC_TLS_CERTIFICATE_KEY="$WORK/tls/key.pem" \
  CLINIC_UPSTREAM_1="127.0.0.1:${APP_PORTS[0]}" CLINIC_UPSTREAM_2="127.0.0.1:${APP_PORTS[1]}" \
  CLINIC_HTTP_LISTEN="127.0.0.1:$HTTP_PORT" CLINIC_HTTPS_LISTEN="127.0.0.1:$HTTPS_PORT" \
  CLINIC_LOG_DIR="$WORK/nginx" CLINIC_ACME_ROOT="$WORK/nginx/acme" \
  "$PROJECT_DIR/deploy/nginx/render.sh" >"$WORK/nginx/clinic.conf"
check "render.sh filled in every placeholder" \
  bash -c '! grep -n "\${CLINIC_[A-Z0-9_]*}" "$1"' _ "$WORK/nginx/clinic.conf"
# The rendered site file is included as Debian's /etc/nginx/nginx.conf includes sites-enabled/, with the same
# http-level settings that file has (gzip on, ssl_protocols with TLS 1.0), which the site file must override.
cat >"$WORK/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
  ssl_prefer_server_ciphers on;
  gzip on;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  include $WORK/nginx/clinic.conf;
}
CONF
# Run as root, nginx's workers drop to nobody: they need to reach the temp folders.
chmod 755 "$WORK" "$WORK/nginx"
chmod 777 "$WORK/nginx/tmp"
"$NGINX" -t -q -e "$WORK/nginx/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" \
  || die "nginx -t refused the rendered configuration: $(cat "$WORK/nginx/error.log")"
"$NGINX" -e "$WORK/nginx/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
NGINX_PID=$!
for _ in $(seq 1 100); do
  [ "$(fetch -o /dev/null -w '%{http_code}' "$ORIGIN/")" = 200 ] && break
  kill -0 "$NGINX_PID" 2>/dev/null || die "nginx stopped: $(cat "$WORK/nginx/error.log")"
  sleep 0.2
done
echo "nginx: pid $NGINX_PID, http://127.0.0.1:$HTTP_PORT -> $ORIGIN"

section "HTTP is redirected to HTTPS"
code=$(fetch -o /dev/null -D "$WORK/h" -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/articles/massage-for-back-pain?utm_source=x")
location=$(header location "$WORK/h")
check "http:// answers 301 to $ORIGIN/articles/massage-for-back-pain?utm_source=x (got $code to $location)" \
  test "$code $location" = "301 $ORIGIN/articles/massage-for-back-pain?utm_source=x"

section "TLS"
check "TLS 1.3 is accepted" "${CURL[@]}" -o /dev/null --tlsv1.3 "$ORIGIN/"
check "TLS 1.2 with ECDHE-ECDSA-AES128-GCM-SHA256 is accepted" \
  "${CURL[@]}" -o /dev/null --tlsv1.2 --tls-max 1.2 --ciphers ECDHE-ECDSA-AES128-GCM-SHA256 "$ORIGIN/"
# The client is told to allow what OpenSSL 3 itself no longer offers by default (SECLEVEL=0), so a refusal here
# is nginx's.
check "TLS 1.1 is refused" \
  bash -c '! "$@"' _ "${CURL[@]}" -o /dev/null --tlsv1.1 --tls-max 1.1 --ciphers 'DEFAULT:@SECLEVEL=0' "$ORIGIN/"
check "TLS 1.2 with a CBC cipher (ECDHE-ECDSA-AES128-SHA) is refused" \
  bash -c '! "$@"' _ "${CURL[@]}" -o /dev/null --tlsv1.2 --tls-max 1.2 --ciphers 'ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0' "$ORIGIN/"
version=$(fetch -o /dev/null --http2 -w '%{http_version}' "$ORIGIN/")
check "HTTP/2 is negotiated (got HTTP/$version)" test "$version" = 2

section "headers over HTTPS"
code=$(fetch -o "$WORK/page.gz" -D "$WORK/h" -w '%{http_code}' -H 'Accept-Encoding: gzip' \
  "$ORIGIN/articles/massage-for-back-pain")
hsts=$(header strict-transport-security "$WORK/h")
check "the article answers 200 (got $code)" test "$code" = 200
# The app's header (two years, includeSubDomains), once: nginx must not add a second one.
check "exactly one Strict-Transport-Security, of at least a year (got: $(echo "$hsts" | paste -sd'|' -))" \
  bash -c '[ "$(echo "$1" | wc -l)" = 1 ] && age=$(echo "$1" | sed -n "s/^max-age=\([0-9]*\).*/\1/p") && [ "${age:-0}" -ge 31536000 ]' _ "$hsts"
check "Content-Encoding: gzip through the proxy (got: $(header content-encoding "$WORK/h" | paste -sd'|' -))" \
  test "$(header content-encoding "$WORK/h")" = gzip
check "the gzipped article unpacks to the page" bash -c 'gzip -dc "$1" | grep -q "</html>"' _ "$WORK/page.gz"
check "the Content-Security-Policy comes through, once" test "$(header content-security-policy "$WORK/h" | wc -l)" = 1
stylesheet=$(gzip -dc "$WORK/page.gz" 2>/dev/null | grep -o '/css/site-[0-9a-f]*\.css' | head -n 1 || true)
if [ -z "$stylesheet" ]; then
  fail "the article links a fingerprinted stylesheet (/css/site-<hash>.css)"
else
  code=$(fetch -o /dev/null -D "$WORK/h" -w '%{http_code}' "$ORIGIN$stylesheet")
  cache=$(header cache-control "$WORK/h")
  check "$stylesheet answers 200 (got $code) with one Cache-Control, a year and immutable (got: $(echo "$cache" | paste -sd'|' -))" \
    bash -c '[ "$1" = 200 ] && [ "$(echo "$2" | wc -l)" = 1 ] && echo "$2" | grep -q "max-age=31536000" && echo "$2" | grep -q immutable' \
    _ "$code" "$cache"
fi

section "the app sees the visitor's scheme: Secure cookie, https redirects"
fetch -o /dev/null -D "$WORK/h" -c "$WORK/jar" "$ORIGIN/login"
# Whatever the session cookie is called (Spring Session's, named JSESSIONID by the app's settings), every cookie
# must be Secure.
all_secure() { [ -n "$1" ] && ! echo "$1" | grep -qiv '; *Secure'; }
cookie=$(header set-cookie "$WORK/h")
check "/login sets its cookies with Secure (got: ${cookie:-no cookie})" all_secure "$cookie"
code=$(fetch -o /dev/null -D "$WORK/h" -w '%{http_code}' "$ORIGIN/staff")
location=$(header location "$WORK/h")
check "/staff signed out redirects to $ORIGIN/login (got $code to $location)" test "$code $location" = "302 $ORIGIN/login"
csrf=$(fetch -b "$WORK/jar" -c "$WORK/jar" "$ORIGIN/login" | { grep -o 'name="_csrf" value="[^"]*"' || true; } | sed 's/.*value="//; s/"$//')
code=$(fetch -o /dev/null -D "$WORK/h" -w '%{http_code}' -b "$WORK/jar" -c "$WORK/jar" \
  --data-urlencode "_csrf=$csrf" --data-urlencode "email=$ADMIN_EMAIL" --data-urlencode "password=$ADMIN_PASSWORD" \
  "$ORIGIN/login")
location=$(header location "$WORK/h")
cookie=$(header set-cookie "$WORK/h")
check "signing in redirects within $ORIGIN/ (got $code to $location)" \
  bash -c '[ "$1" = 302 ] && [[ "$2" == "$3/"* ]] && [[ "$2" != *error* ]]' _ "$code" "$location" "$ORIGIN"
check "the signed-in session's new cookie is Secure (got: ${cookie:-no cookie})" all_secure "$cookie"
# A password alone opens nothing: the second step, through the real pages over HTTPS (perf/second_step.py enrols
# the administrator's authenticator app on this first sign-in and types its code), then the page asked for.
code=$(fetch -o /dev/null -D "$WORK/h" -w '%{http_code}' -b "$WORK/jar" "$location")
second=$(header location "$WORK/h")
check "$location sends a password-only session to $ORIGIN/staff/second-factor (got $code to $second)" \
  test "$code $second" = "302 $ORIGIN/staff/second-factor"
landed=$(python3 "$PROJECT_DIR/perf/second_step.py" "$ORIGIN" "$WORK/jar" "$ADMIN_EMAIL" "$WORK/second-step.json" \
  "$WORK/tls/cert.pem" || true)
check "the second step completes over HTTPS within $ORIGIN/ (got ${landed:-a refusal})" \
  bash -c '[[ "$1" == "$2/"* ]]' _ "$landed" "$ORIGIN"
code=$(fetch -o /dev/null -w '%{http_code}' -b "$WORK/jar" "$location")
check "$location answers 200 to the signed-in session (got $code)" test "$code" = 200

section "uploads: the upload addresses take the app's 100 MB, the rest of the site 1 MB"
# A phone's 40 MB photo must reach the app (which answers with its own page; here, without a CSRF token, its 403),
# not nginx's bare 413, which Chromium shows as "HTTP ERROR 413" (deploy/nginx: client_max_body_size).
head -c $((40 * 1024 * 1024)) /dev/zero >"$WORK/photo.jpg"
code=$(fetch --max-time 60 -o /dev/null -w '%{http_code}' -b "$WORK/jar" -F "photo=@$WORK/photo.jpg;type=image/jpeg" \
  "$ORIGIN/staff/team")
check "a 40 MB upload to /staff/team reaches the app, not nginx's 413 (got $code)" \
  bash -c '[ "$1" != 413 ] && [ "$1" != 000 ]' _ "$code"
code=$(fetch --max-time 60 -o /dev/null -w '%{http_code}' -F "photo=@$WORK/photo.jpg;type=image/jpeg" "$ORIGIN/inquiry")
check "the same 40 MB to /inquiry is refused by nginx itself (got $code)" test "$code" = 413
rm -f "$WORK/photo.jpg"

section "the app sees the visitor's address: the form's rate limit ($RATE_LIMIT posts per address, both instances)"
# upstream_of ADDRESS: which instance (host:port) nginx sends this visitor to, from the access log.
upstream_of() {
  local marker="/probe-$1-$RANDOM$RANDOM"
  fetch -o /dev/null --interface "$1" "$ORIGIN$marker"
  for _ in $(seq 1 50); do
    grep -q " $marker " "$WORK/nginx/clinic-access.log" && break
    sleep 0.1
  done
  grep " $marker " "$WORK/nginx/clinic-access.log" | sed -n 's/.* upstream=\([^ ]*\) .*/\1/p' | tail -n 1 || true
}
# post_form ADDRESS [curl options...]: an empty inquiry post (answered with the form and its errors, nothing is
# stored), from ADDRESS; prints the status.
post_form() {
  local address=$1; shift
  fetch -o /dev/null -w '%{http_code}' --interface "$address" "$@" --data 'name=' "$ORIGIN/inquiry"
}
visitor=127.0.0.2
codes=()
for _ in $(seq 1 $((RATE_LIMIT + 1))); do codes+=("$(post_form $visitor)"); done
# Accepted: any 2xx, 3xx or 4xx answer but 429 (today the form with its errors, 200).
accepted() { [[ "$1" =~ ^[234][0-9][0-9]$ ]] && [ "$1" != 429 ]; }
# Round-robin: the posts alternate between the instances, which count them together in the database.
check "$visitor (its posts alternating between the instances): $RATE_LIMIT posts answered, then 429 (got ${codes[*]})" \
  bash -c 'last=${@: -1}; for c in "${@:1:$#-1}"; do [[ "$c" =~ ^[234][0-9][0-9]$ ]] && [ "$c" != 429 ] || exit 1; done; [ "$last" = 429 ]' \
  _ "${codes[@]}"
codes=()
for n in 1 2 3; do
  codes+=("$(post_form $visitor -H "X-Forwarded-For: 203.0.113.$n" -H "X-Real-IP: 203.0.113.$n" \
    -H "Forwarded: for=203.0.113.$n;proto=https")")
done
check "its own X-Forwarded-For, X-Real-IP and Forwarded (a new address each time) do not get it past the limit (got ${codes[*]})" \
  test "${codes[*]}" = "429 429 429"
# Another visitor, through the same instances: if the app counted the proxy's address, not the visitor's, it would
# share the refused count and be refused too.
other=127.0.0.3
codes=()
for _ in 1 2; do codes+=("$(post_form $other)"); done
check "another visitor, $other, through both instances is not refused (got ${codes[*]})" \
  bash -c 'for c in "$@"; do [[ "$c" =~ ^[234][0-9][0-9]$ ]] && [ "$c" != 429 ] || exit 1; done' _ "${codes[@]}"

section "an instance answering 503: GETs passed on to the other, POSTs never (an inquiry is not stored twice)"
# A second nginx from the same template, whose first upstream is a stand-in for a failing instance (answers every
# request 503, as a pausing Tomcat does) and whose second is instance 1.
new_port; FAILING_PORT=$NEW_PORT
new_port; HTTPS2_PORT=$NEW_PORT
new_port; HTTP2_PORT=$NEW_PORT
ORIGIN2="https://127.0.0.1:$HTTPS2_PORT"
mkdir -p "$WORK/nginx2/tmp"
CLINIC_SERVER_NAMES=127.0.0.1 CLINIC_ORIGIN="$ORIGIN2" \
  CLINIC_TLS_CERTIFICATE="$WORK/tls/cert.pem" CLINIC_TLS_CERTIFICATE_KEY="$WORK/tls/key.pem" \
  CLINIC_UPSTREAM_1="127.0.0.1:$FAILING_PORT" CLINIC_UPSTREAM_2="127.0.0.1:${APP_PORTS[0]}" \
  CLINIC_HTTP_LISTEN="127.0.0.1:$HTTP2_PORT" CLINIC_HTTPS_LISTEN="127.0.0.1:$HTTPS2_PORT" \
  CLINIC_LOG_DIR="$WORK/nginx2" CLINIC_ACME_ROOT="$WORK/nginx2/acme" \
  "$PROJECT_DIR/deploy/nginx/render.sh" >"$WORK/nginx2/clinic.conf"
sed -e "s#$WORK/nginx/#$WORK/nginx2/#g" -e "s#^  include $WORK/nginx2/clinic.conf;#  server { listen 127.0.0.1:$FAILING_PORT; return 503; }\n&#" \
  "$WORK/nginx/nginx.conf" >"$WORK/nginx2/nginx.conf"
chmod 755 "$WORK/nginx2"
chmod 777 "$WORK/nginx2/tmp"
"$NGINX" -e "$WORK/nginx2/error.log" -p "$WORK/nginx2" -c "$WORK/nginx2/nginx.conf" &
NGINX2_PID=$!
for _ in $(seq 1 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$FAILING_PORT/")" = 503 ] && break
  kill -0 "$NGINX2_PID" 2>/dev/null || die "the second nginx stopped: $(cat "$WORK/nginx2/error.log")"
  sleep 0.2
done
# A visitor whose requests go to the failing instance first: its GET is answered 200 by instance 1 after a 503.
failing_visitor=
for n in $(seq 41 80); do
  marker="/probe-$n-$RANDOM$RANDOM"
  code=$(fetch -o /dev/null -w '%{http_code}' --interface "127.0.0.$n" "$ORIGIN2$marker")
  for _ in $(seq 1 50); do grep -q " $marker " "$WORK/nginx2/clinic-access.log" && break; sleep 0.1; done
  line=$(grep " $marker " "$WORK/nginx2/clinic-access.log" || true)
  if [[ "$line" == *"upstream=127.0.0.1:$FAILING_PORT, 127.0.0.1:${APP_PORTS[0]} status=503, 404 "* ]]; then
    failing_visitor=127.0.0.$n
    break
  fi
done
if [ -z "$failing_visitor" ]; then
  fail "no GET from 127.0.0.41-80 was passed on from the failing instance to instance 1 (last: $line)"
else
  pass "a GET from $failing_visitor that met the failing instance was answered by instance 1 (its $code for the probe path; $(echo "$line" | sed 's/.*upstream=/upstream=/'))"
  # Round-robin: post until a POST meets the failing instance first (the next one, or the one after).
  for _ in 1 2 3; do
    logged=$(grep -c ' /inquiry ' "$WORK/nginx2/clinic-access.log" || true)
    code=$(fetch -o /dev/null -w '%{http_code}' --interface "$failing_visitor" --data 'name=' "$ORIGIN2/inquiry")
    # nginx logs a request once it has answered it: wait for that line, not a fixed time.
    for _ in $(seq 1 50); do
      [ "$(grep -c ' /inquiry ' "$WORK/nginx2/clinic-access.log" || true)" -gt "$logged" ] && break
      sleep 0.1
    done
    line=$(grep ' /inquiry ' "$WORK/nginx2/clinic-access.log" | tail -n 1 || true)
    [[ "$line" == *"upstream=127.0.0.1:$FAILING_PORT"* ]] && break
  done
  check "a POST from $failing_visitor that met the failing instance is not sent again (got $code; $(echo "$line" | sed 's/.*upstream=/upstream=/'))" \
    test "$code" = 503
fi
kill "$NGINX2_PID" 2>/dev/null || true
wait "$NGINX2_PID" 2>/dev/null || true
NGINX2_PID=

section "MDN HTTP Observatory over HTTPS through the proxy: A+ with every test passing"
# The scanner perf/observatory.sh installs from npm (into target/, as .ci/run does before this script); this script
# installs nothing, so it stays offline. It is given the host with the HTTPS port: its plain-HTTP request there is
# redirected (error_page 497) to the same https:// URL, and the throw-away certificate is trusted through
# NODE_EXTRA_CA_CERTS.
SCANNER="$PROJECT_DIR/target/node-tools/observatory/node_modules/@mdn/mdn-http-observatory"
if [ ! -f "$SCANNER/src/scan.js" ] || ! command -v node >/dev/null; then
  echo "  SKIPPED: the Observatory scanner is not installed (run perf/observatory.sh once first)"
else
  [ -f "$SCANNER/conf/hsts-preload.json" ] || echo '{}' >"$SCANNER/conf/hsts-preload.json"
  for path in / /login; do
    NODE_EXTRA_CA_CERTS="$WORK/tls/cert.pem" timeout 120 node "$SCANNER/src/scan.js" "127.0.0.1:$HTTPS_PORT$path" \
      >"$WORK/observatory.json" 2>&1 || true
    verdict=$(node - "$WORK/observatory.json" <<'JS' || true
const text = require("node:fs").readFileSync(process.argv[2], "utf8");
let result;
try { result = JSON.parse(text); } catch (e) { console.log(`no result: ${text.slice(0, 200)}`); process.exit(1); }
if (result.error) { console.log(`scan failed: ${result.error}`); process.exit(1); }
const failing = Object.entries(result.tests).filter(([, t]) => !t.pass).map(([name, t]) => `${name}: ${t.result}`);
console.log(`grade ${result.scan.grade}, score ${result.scan.score}, ${result.scan.testsPassed}/${result.scan.testsQuantity} tests passed`
  + (failing.length ? `; failing: ${failing.join(", ")}` : ""));
process.exit(result.scan.grade === "A+" && failing.length === 0 ? 0 : 1);
JS
)
    check "Observatory on $ORIGIN$path: $verdict" bash -c '[[ "$1" == "grade A+,"* && "$1" != *failing* ]]' _ "$verdict"
  done
fi

section "SIGTERM to one instance while GETs flow: none lost"
victim=$(upstream_of 127.0.0.1)
victim_index=
for i in 0 1; do [ "$victim" = "127.0.0.1:${APP_PORTS[$i]}" ] && victim_index=$i; done
[ -n "$victim_index" ] || die "could not tell which instance serves 127.0.0.1 (got '$victim')"
victim_pid=${APP_PIDS[$victim_index]}
survivor_port=${APP_PORTS[$((1 - victim_index))]}
echo "stopping instance $((victim_index + 1)) ($victim, pid $victim_pid, which answered the last probe); 3 clients keep asking for pages"
# Three clients, each GETting pages one after another until told to stop (a file appears) or 90 s have passed.
for client in 1 2 3; do
  (
    end=$(( $(now_ms) + 90000 ))
    while [ ! -e "$WORK/stop-loops" ] && [ "$(now_ms)" -lt "$end" ]; do
      for page in / /articles/massage-for-back-pain /inquiry; do
        "${CURL[@]}" -o /dev/null -w "%{http_code} $page\n" "$ORIGIN$page" || echo "curl-error-$? $page"
      done
    done >"$WORK/loop-$client.txt"
  ) &
  LOOP_PIDS+=($!)
done
# SIGTERM once every client has had an answer (the pages are flowing), not after a fixed time.
for _ in $(seq 1 300); do
  [ -s "$WORK/loop-1.txt" ] && [ -s "$WORK/loop-2.txt" ] && [ -s "$WORK/loop-3.txt" ] && break
  sleep 0.1
done
kill -TERM "$victim_pid"
stop_sent=$(now_ms)
for _ in $(seq 1 600); do kill -0 "$victim_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$victim_pid" 2>/dev/null; then
  fail "instance $((victim_index + 1)) still running 60 s after SIGTERM"
else
  echo "instance $((victim_index + 1)) exited $(( ($(now_ms) - stop_sent) )) ms after SIGTERM"
fi
# Keep going a little after it is gone, so requests meet the stopped instance too.
sleep 3
touch "$WORK/stop-loops"
for pid in "${LOOP_PIDS[@]}"; do wait "$pid" || true; done
LOOP_PIDS=()
total=$(cat "$WORK"/loop-*.txt | wc -l)
bad=$(cat "$WORK"/loop-*.txt | grep -vc '^200 ' || true)
check "every one of $total GETs during the stop answered 200 ($bad did not: $(cat "$WORK"/loop-*.txt | grep -v '^200 ' | sort | uniq -c | head -n 5 | xargs))" \
  test "$total" -ge 10 -a "$bad" -eq 0
check "the instance shut down gracefully (its log says so)" \
  bash -c 'grep -q "Commencing graceful shutdown" "$1" && grep -q "Graceful shutdown complete" "$1"' _ "$WORK/app$((victim_index + 1))/app.log"
passed_on=$(grep -c 'upstream=[^ ]*, ' "$WORK/nginx/clinic-access.log" || true)
echo "nginx passed $passed_on request(s) on to the other instance after a failure (access log)"
code=$(fetch -o /dev/null -w '%{http_code}' "$ORIGIN/")
check "the site still answers with one instance (got $code)" test "$code" = 200
check "the other instance is still running" kill -0 "${APP_PIDS[$((1 - victim_index))]}"

section "result after $(( ($(now_ms) - started_at) / 1000 )) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
