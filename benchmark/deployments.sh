#!/usr/bin/env bash
# Benchmark (not a test; not run by .ci/run) of the two ways the site is deployed, with metrics on as shipped:
#
#   1. one instance on H2 (the default), reached directly over HTTP;
#   2. two instances on one fresh PostgreSQL database behind nginx over HTTPS, started by deploy/two-instances.sh with
#      deploy/nginx's template and a throw-away self-signed certificate.
#
# For each: the article page's and the home page's requests per second and p99 (wrk, -t2 -c32, gzip), then
# inquiries stored per second and the POST's p99 (benchmark/InquiryLoad.java: a GET of the form for a fresh token,
# then the POST; 8 at a time). For the benchmark only, the form's minimum fill time is 0 s and its rate limit out of
# reach (one client posting thousands of times at once), and nginx balances round robin instead of by client
# address (every request here comes from 127.0.0.1, so hashing by address would send them all to one instance; the
# public pages and the form need no shared session).
#
#   benchmark/deployments.sh [seconds per wrk run, default 15] [inquiries, default 1000]
#   DEPLOYMENTS="h2" benchmark/deployments.sh        # only one of them (default: "h2 postgres")
#
# After ./mvnw -DskipTests package. Needs wrk, nginx, openssl, curl, envsubst, keytool, psql; PostgreSQL on
# 127.0.0.1:5432 trusting user postgres. 127.0.0.1 only, free ports, stops only what it started, drops only the
# database it created. JAVA_OPTS overrides the instances' flags (default: docs/performance.md's, with the full JIT).
set -euo pipefail
source "$(dirname "$0")/../perf/lib.sh"

SECONDS_PER_RUN=${1:-15}
INQUIRIES=${2:-1000}
DEPLOYMENTS=${DEPLOYMENTS:-h2 postgres}
JAVA_OPTS=${JAVA_OPTS:--Xmx128m -Xss512k -XX:+UseSerialGC}
read -r -a JAVA_FLAGS <<<"$JAVA_OPTS"
ARTICLE=/articles/massage-for-back-pain
RELAXED=(CLINIC_INQUIRY_MINIMUMFILLTIME=0s CLINIC_INQUIRY_RATELIMIT_CAPACITY=100000000 LOGGING_LEVEL_ROOT=WARN)
for tool in wrk curl; do command -v "$tool" >/dev/null || die "$tool is missing"; done

WORK=$(mktemp -d /tmp/clinic-deployments.XXXXXX)
chmod 755 "$WORK"
DB=
TWO_STARTED=
RESULTS=()

cleanup() {
  stop_app
  if [ -n "$TWO_STARTED" ]; then
    CLINIC_RUN_DIR="$WORK/run" "$PROJECT_DIR/deploy/two-instances.sh" stop >/dev/null 2>&1 || true
  fi
  [ -n "$DB" ] && psql -h 127.0.0.1 -U postgres -q -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

# measure_page LABEL URL: wrk's requests per second and p99 (ms) for one page, after a warm-up as long.
measure_page() {
  local label=$1 url=$2 out rps p99
  wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" -H 'Accept-Encoding: gzip' "$url" >/dev/null
  out=$(wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency -H 'Accept-Encoding: gzip' "$url")
  rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  grep -q 'Non-2xx' <<<"$out" && echo "  WARNING: $(grep 'Non-2xx' <<<"$out")"
  echo "  $label: $rps req/s, p99 $p99"
  RESULTS+=("| $DEPLOYMENT | $label | $rps req/s | $p99 |")
}

# measure_inquiries BASE [java options]: InquiryLoad's stored per second and POST p99.
measure_inquiries() {
  local base=$1 out per_second p99
  shift
  out=$(java "$@" "$PROJECT_DIR/benchmark/InquiryLoad.java" "$base" "$INQUIRIES" 8 120 200)
  echo "$out" | sed 's/^/  /'
  per_second=$(sed -n 's/^Inquiries stored per s: *\([0-9.]*\).*/\1/p' <<<"$out")
  p99=$(sed -n 's/^POST \/inquiry latency ms:.*p99 \([0-9.]*\).*/\1/p' <<<"$out")
  RESULTS+=("| $DEPLOYMENT | inquiries stored | $per_second /s | ${p99}ms (POST) |")
}

section "machine"
echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg); java: $(java -version 2>&1 | head -n 1); flags: $JAVA_OPTS"

for DEPLOYMENT in $DEPLOYMENTS; do
  case "$DEPLOYMENT" in
    h2)
      section "one instance, H2, plain HTTP"
      for setting in "${RELAXED[@]}"; do export "${setting?}"; done
      start_app "${JAVA_FLAGS[@]}"
      for setting in "${RELAXED[@]}"; do unset "${setting%%=*}"; done
      echo "started in $((APP_STARTUP_MS / 1000)) s on $APP_URL"
      measure_page "$ARTICLE" "$APP_URL$ARTICLE"
      measure_page "/" "$APP_URL/"
      measure_inquiries "$APP_URL"
      stop_app
      ;;
    postgres)
      section "two instances, one PostgreSQL, nginx with TLS (deploy/two-instances.sh)"
      DB="clinic_bench_$$"
      psql -h 127.0.0.1 -U postgres -q -d postgres -c "create database $DB" >/dev/null
      mkdir -p "$WORK/tls"
      openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 \
        -addext subjectAltName=IP:127.0.0.1 -keyout "$WORK/tls/key.pem" -out "$WORK/tls/cert.pem" 2>/dev/null
      keytool -importcert -noprompt -alias clinic -file "$WORK/tls/cert.pem" -keystore "$WORK/tls/trust.p12" \
        -storetype PKCS12 -storepass benchmark >/dev/null
      https_port=$(free_port)
      TWO_STARTED=yes
      env "${RELAXED[@]}" CLINIC_RUN_DIR="$WORK/run" JAVA_OPTS="$JAVA_OPTS" \
        CLINIC_PORT_A="$(free_port)" CLINIC_PORT_B="$(free_port)" \
        CLINIC_MANAGEMENT_PORT_A="$(free_port)" CLINIC_MANAGEMENT_PORT_B="$(free_port)" \
        SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
        SPRING_DATASOURCE_PASSWORD= CLINIC_BASE_URL="https://127.0.0.1:$https_port" \
        CLINIC_SERVER_NAMES=127.0.0.1 CLINIC_ORIGIN="https://127.0.0.1:$https_port" \
        CLINIC_TLS_CERTIFICATE="$WORK/tls/cert.pem" CLINIC_TLS_CERTIFICATE_KEY="$WORK/tls/key.pem" \
        CLINIC_HTTP_LISTEN="127.0.0.1:$(free_port)" CLINIC_HTTPS_LISTEN="127.0.0.1:$https_port" \
        "$PROJECT_DIR/deploy/two-instances.sh" start
      # Round robin for the benchmark (see the top of this file), then nginx reads its configuration again.
      sed -i 's/^\( *\)hash \$remote_addr consistent;/\1# (benchmark: round robin)/' "$WORK/run/nginx/clinic.conf"
      nginx -p "$WORK/run/nginx" -c "$WORK/run/nginx/nginx.conf" -s reload
      sleep 1
      origin="https://127.0.0.1:$https_port"
      [ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$WORK/tls/cert.pem" "$origin$ARTICLE")" = 200 ] \
        || die "the article does not answer 200 through nginx"
      measure_page "$ARTICLE" "$origin$ARTICLE"
      measure_page "/" "$origin/"
      measure_inquiries "$origin" -Djavax.net.ssl.trustStore="$WORK/tls/trust.p12" \
        -Djavax.net.ssl.trustStorePassword=benchmark -Djavax.net.ssl.trustStoreType=PKCS12
      upstreams=$(awk '/POST \/inquiry/ { sub(/^.*upstream=/, ""); sub(/ .*/, ""); print }' \
        "$WORK/run/nginx/clinic-access.log" | sort | uniq -c | tr '\n' ' ')
      echo "  POST /inquiry per instance (nginx's access log): $upstreams"
      echo "  inquiries in the database: $(psql -h 127.0.0.1 -U postgres -d "$DB" -tA -c 'select count(*) from inquiry')"
      CLINIC_RUN_DIR="$WORK/run" "$PROJECT_DIR/deploy/two-instances.sh" stop
      TWO_STARTED=
      ;;
    *) die "unknown deployment $DEPLOYMENT (h2 or postgres)" ;;
  esac
done

section "summary ($SECONDS_PER_RUN s per page, $INQUIRIES inquiries; load now $(cut -d' ' -f1-3 /proc/loadavg))"
echo "| deployment | what | throughput | p99 |"
echo "|---|---|---|---|"
printf '%s\n' "${RESULTS[@]}"
