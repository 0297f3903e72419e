# Sourced by the benchmarks that time back-office pages (insights.sh, back-office.sh), after perf/lib.sh: start the
# packaged app against a given database, sign in as the first administrator through the real pages and both
# factors, and stop it again. The caller sets ADMIN_EMAIL, ADMIN_PASSWORD, WORK (a scratch folder), DATABASE (its
# label, for the second step's saved key), JAVA_FLAGS and, optionally, APP_JAR (default: the jar in target/), and
# keeps PID empty until start.

APP_JAR=${APP_JAR:-$(app_jar)}
PID=

# stop: ends the app this script started (by its PID), if it runs.
stop() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  PID=
}

# start URL USER: the packaged app on a free port against that database, waiting for its first answer; sets BASE.
start() {
  local port
  port=$(free_port)
  BASE="http://127.0.0.1:$port"
  CLINIC_ADMIN_EMAIL=$ADMIN_EMAIL CLINIC_ADMIN_PASSWORD=$ADMIN_PASSWORD java "${JAVA_FLAGS[@]}" -jar "$APP_JAR" \
    --server.address=127.0.0.1 "--server.port=$port" "--management.server.port=$(free_port)" \
    "--spring.datasource.url=$1" "--spring.datasource.username=$2" --spring.datasource.password= \
    "--clinic.base-url=$BASE" --logging.level.root=WARN >>"$WORK/app.log" 2>&1 &
  PID=$!
  local deadline=$(( $(now_ms) + ${APP_STARTUP_SECONDS:-180} * 1000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/" 2>/dev/null)" != "000" ]; do
    kill -0 "$PID" 2>/dev/null || { tail -n 40 "$WORK/app.log" >&2; die "the app stopped before answering"; }
    [ "$(now_ms)" -lt "$deadline" ] || { tail -n 40 "$WORK/app.log" >&2; die "the app did not answer in time"; }
    sleep 0.1
  done
}

# sign_in: the administrator's session in $WORK/cookies, both factors done.
sign_in() {
  local csrf location
  rm -f "$WORK/cookies"
  csrf=$(curl -s -c "$WORK/cookies" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 \
    | sed 's/.*value="//; s/"$//')
  location=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$WORK/cookies" -c "$WORK/cookies" \
    --data-urlencode "_csrf=$csrf" --data-urlencode "email=$ADMIN_EMAIL" --data-urlencode "password=$ADMIN_PASSWORD" \
    "$BASE/login")
  [ "$location" = "$BASE/staff/inquiries" ] || die "sign-in as $ADMIN_EMAIL failed (went to $location)"
  # A password alone opens nothing: the second step through the real pages (enrols the administrator's
  # authenticator app on the first sign-in to each database, then types its code).
  python3 "$PROJECT_DIR/perf/second_step.py" "$BASE" "$WORK/cookies" "$ADMIN_EMAIL" "$WORK/second-step-$DATABASE.json" \
    >/dev/null || die "the second step for $ADMIN_EMAIL was refused"
}
