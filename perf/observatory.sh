#!/usr/bin/env bash
# The MDN HTTP Observatory's scanner (npm @mdn/mdn-http-observatory), offline, against the built jar on a free
# 127.0.0.1 port. Every header test must pass, except the two that need HTTPS (redirection to HTTPS and
# Strict-Transport-Security), which cannot pass over plain HTTP on the loopback; SecurityHeadersTests checks HSTS
# over HTTPS instead. The same holds for the session cookie's Secure flag (a page that starts a session, such as
# /login): Tomcat sets it when the request came over HTTPS, so the app runs here as it does behind the clinic's
# proxy (server.forward-headers-strategy=native) and this script asks for each such page as if over HTTPS
# (X-Forwarded-Proto: https), and fails unless every cookie then carries Secure.
#
#   perf/observatory.sh              scans / and /login
#   perf/observatory.sh /some/path   other paths (each must answer 2xx or 3xx: the scanner refuses others)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PATHS=("$@")
if [ ${#PATHS[@]} -eq 0 ]; then
  PATHS=(/ /login)
fi

OBSERVATORY_DIR=$(npm_tool observatory "$OBSERVATORY_PACKAGE")
SCANNER="$OBSERVATORY_DIR/node_modules/@mdn/mdn-http-observatory"
# Its install script (skipped: no install scripts are run) downloads Chromium's HSTS preload list; a loopback
# address is never on that list, so an empty one gives the same verdict without the download.
[ -f "$SCANNER/conf/hsts-preload.json" ] || echo '{}' >"$SCANNER/conf/hsts-preload.json"
OUT="$PROJECT_DIR/target/observatory"
rm -rf "$OUT" && mkdir -p "$OUT"

trap stop_app EXIT
# As production starts it (perf/lib.sh app_launch: deploy/systemd's flags and, when APP_CACHE_DIR is set, its cache).
app_launch
APP_COMMAND=("${APP_LAUNCH[@]}")
start_app --server.forward-headers-strategy=native
echo "app up at $APP_URL in ${APP_STARTUP_MS} ms"

status=0
for path in "${PATHS[@]}"; do
  name=$(echo "$path" | sed 's#[^A-Za-z0-9]#_#g')
  timeout 120 node "$SCANNER/src/scan.js" "127.0.0.1:$APP_PORT$path" >"$OUT/$name.json" || true
  node - "$path" "$OUT/$name.json" <<'JS' || status=1
const [path, file] = process.argv.slice(2);
const result = JSON.parse(require("node:fs").readFileSync(file, "utf8"));
if (result.error) {
  console.log(`${path}: the Observatory could not scan it: ${result.error}`);
  process.exit(1);
}
const needHttps = { "redirection": "redirection-missing", "strict-transport-security": "hsts-not-implemented-no-https",
  "cookies": "cookies-session-without-secure-flag" };
let failed = false;
console.log(`\n${path}: grade ${result.scan.grade}, score ${result.scan.score} over plain HTTP `
  + `(${result.scan.testsPassed}/${result.scan.testsQuantity} tests passed)`);
for (const [name, test] of Object.entries(result.tests)) {
  let verdict = test.pass ? "pass" : "FAIL";
  if (!test.pass && needHttps[name] === test.result) {
    verdict = "needs HTTPS";
  } else if (!test.pass) {
    failed = true;
  }
  console.log(`  ${verdict.padEnd(11)} ${name.padEnd(31)} ${test.result}`);
}
process.exit(failed ? 1 : 0);
JS
  # Over HTTPS (as the proxy reports it) every cookie must be Secure: what the cookie test above cannot see.
  cookies=$(curl -s -o /dev/null -D - -H 'X-Forwarded-Proto: https' "$APP_URL$path" | tr -d '\r' | grep -i '^set-cookie:' || true)
  if [ -n "$cookies" ]; then
    if echo "$cookies" | grep -qiv '; *Secure'; then
      echo "  FAIL        a cookie without Secure over HTTPS: $cookies"
      status=1
    else
      echo "  pass        every cookie is Secure over HTTPS ($(echo "$cookies" | cut -d= -f1 | sed 's/^set-cookie: *//I' | paste -sd, -))"
    fi
  fi
done
[ "$status" -eq 0 ] && echo "Observatory passed: every header test that can pass without HTTPS passes" \
  || { echo "Observatory FAILED"; exit 1; }
