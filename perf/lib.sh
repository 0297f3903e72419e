# Shared by the perf/ and benchmark/ scripts: start the built jar (as production does: app_launch) on a free 127.0.0.1
# port with a throw-away H2 file database, wait for its first answer, and stop it again; ports, PostgreSQL databases,
# Dovecot, the Node.js tools. Source it; do not run it.
# Everything here talks to 127.0.0.1 only and stops only the processes it started.

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

section() { printf '\n== %s\n' "$*"; }

die() { echo "ERROR: $*" >&2; exit 1; }

# The jar `./mvnw package` (or verify) built, or APP_JAR when set (.ci/run sets a copy no build rewrites).
app_jar() {
  local jar
  if [ -n "${APP_JAR:-}" ]; then
    [ -f "$APP_JAR" ] || die "APP_JAR=$APP_JAR: no such file"
    echo "$APP_JAR"
    return
  fi
  jar=$(ls "$PROJECT_DIR"/target/clinic-site-*.jar 2>/dev/null | grep -v -- '-plain\|sources' | head -n 1)
  [ -n "$jar" ] || die "no jar in target/: run ./mvnw -DskipTests package first"
  echo "$jar"
}

# A TCP port nobody listens on at 127.0.0.1: at random between 20000 and 31999, or, when PERF_PORTS=FIRST-LAST is set
# (a machine shared by several people, each given a range), the next one in that range, in turn, so that two ports
# picked before either is listened on (an instance's and its management port) are never the same.
# Without PERF_PORTS, FREE_PORT_FROM and FREE_PORT_COUNT narrow the random range.
free_port() {
  local port
  if [ -n "${PERF_PORTS:-}" ]; then
    free_port_in_range "${PERF_PORTS%-*}" "${PERF_PORTS#*-}"
    return
  fi
  for _ in $(seq 1 100); do
    # Below the kernel's ephemeral range (32768 and up), where outgoing connections take their local ports.
    port=$((${FREE_PORT_FROM:-20000} + RANDOM % ${FREE_PORT_COUNT:-12000}))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found"
}

# free_port_in_range FIRST LAST: the next port of the range nobody listens on, after the last one handed out to any
# script using the same range (kept in a file under /tmp, under flock, since callers run free_port in subshells).
free_port_in_range() {
  local first=$1 last=$2 state next port i
  [[ "$first" =~ ^[0-9]+$ && "$last" =~ ^[0-9]+$ && "$first" -le "$last" ]] \
    || die "PERF_PORTS=$PERF_PORTS: give FIRST-LAST, such as 31401-31449"
  state="/tmp/clinic-perf-ports-$first-$last"
  (
    flock 9
    next=$(cat "$state" 2>/dev/null || echo 0)
    [[ "$next" =~ ^[0-9]+$ ]] || next=0
    for ((i = 0; i <= last - first; i++)); do
      port=$((first + (next + i) % (last - first + 1)))
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo $(((next + i + 1) % (last - first + 1))) >"$state"
        echo "$port"
        exit 0
      fi
    done
    exit 1
  ) 9>>"$state.lock" || die "no free port in $PERF_PORTS"
}

# production_flags: sets APP_JAVA_FLAGS (an array) and APP_MALLOC_ARENA_MAX to what the clinic runs the app with,
# deploy/systemd/clinic-site.env's JAVA_OPTS and MALLOC_ARENA_MAX, unless the caller's environment sets them.
production_flags() {
  local env_file="$PROJECT_DIR/deploy/systemd/clinic-site.env"
  read -r -a APP_JAVA_FLAGS <<<"${JAVA_OPTS:-$(sed -n 's/^JAVA_OPTS=//p' "$env_file" | head -n 1)}"
  [ ${#APP_JAVA_FLAGS[@]} -gt 0 ] || die "no JAVA_OPTS in $env_file"
  # The release jar is built with -Paot and the environment file starts it with -Dspring.aot.enabled=true; a jar
  # built without it (./mvnw package, as .ci/run builds) has no generated code and refuses to start with that flag,
  # so it is left out for such a jar, as deploy/train-cache.sh does (a zip keeps entry names as they are: grep finds it).
  if ! grep -qa 'ca/gagephysio/ClinicApplication__ApplicationContextInitializer' "$(app_jar)"; then
    local flag kept=()
    for flag in "${APP_JAVA_FLAGS[@]}"; do [ "$flag" = -Dspring.aot.enabled=true ] || kept+=("$flag"); done
    APP_JAVA_FLAGS=("${kept[@]}")
  fi
  APP_MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-$(sed -n 's/^MALLOC_ARENA_MAX=//p' "$env_file" | head -n 1)}
}

# app_launch: sets APP_LAUNCH, the command (an array) that starts the built jar as deploy/systemd starts it, up to the
# application's own arguments: `env MALLOC_ARENA_MAX=... java FLAGS [class cache] -jar JAR` with production_flags, so
# the scripts test the app as the clinic runs it. When APP_CACHE_DIR names a folder perf/class-cache.sh prepared
# (.ci/run does, once, beside its test lanes), the jar extracted there and the class cache recorded for it
# (deploy/train-cache.sh: the CDS archive app.jsa on JDK 17 to 23, the AOT cache app.aot on JDK 24 and later), with
# the java that recorded it (a cache is valid for that JDK only); otherwise the jar itself (app_jar) with JAVA
# (default: java on the PATH).
app_launch() {
  local jar java
  production_flags
  APP_LAUNCH=(env "MALLOC_ARENA_MAX=$APP_MALLOC_ARENA_MAX")
  if [ -n "${APP_CACHE_DIR:-}" ]; then
    jar=$(ls "$APP_CACHE_DIR"/clinic-site-*.jar 2>/dev/null | head -n 1)
    [ -n "$jar" ] && [ -s "$APP_CACHE_DIR/java" ] \
      || die "APP_CACHE_DIR=$APP_CACHE_DIR: no extracted jar or no java recorded there (run perf/class-cache.sh)"
    java=$(cat "$APP_CACHE_DIR/java")
    if [ -s "$APP_CACHE_DIR/app.aot" ]; then
      APP_LAUNCH+=("$java" "${APP_JAVA_FLAGS[@]}" -XX:AOTCache="$APP_CACHE_DIR/app.aot" -jar "$jar")
    elif [ -s "$APP_CACHE_DIR/app.jsa" ]; then
      APP_LAUNCH+=("$java" "${APP_JAVA_FLAGS[@]}" -XX:SharedArchiveFile="$APP_CACHE_DIR/app.jsa" -Xshare:auto -jar "$jar")
    else
      die "APP_CACHE_DIR=$APP_CACHE_DIR holds no class cache (run perf/class-cache.sh)"
    fi
  else
    APP_LAUNCH+=("${JAVA:-java}" "${APP_JAVA_FLAGS[@]}" -jar "$(app_jar)")
  fi
}

# Milliseconds since the epoch.
now_ms() { date +%s%3N; }

# start_app [java options...]: starts the app from its jar (or from APP_COMMAND, an array such as app_launch's
# APP_LAUNCH, when set by the caller: the options then come after its -jar, so give the application's own --options)
# and sets APP_PID, APP_PORT, APP_URL, APP_TMP and APP_STARTUP_MS (launch to first HTTP answer).
# APP_DATASOURCE_URL, when set, replaces the throw-away H2 database (e.g. fresh_pg_database's PG_JDBC_URL).
start_app() {
  APP_TMP=$(mktemp -d /tmp/clinic-app.XXXXXX)
  APP_PORT=$(free_port)
  APP_URL="http://127.0.0.1:$APP_PORT"
  # The management port (health, info, metrics) on a free port too: its default, 9080, may be taken.
  local management_port
  management_port=$(free_port)
  # Each free_port is free when asked, so in a narrow range two calls may give the same one.
  while [ "$management_port" = "$APP_PORT" ]; do management_port=$(free_port); done
  local launch_args=(--server.address=127.0.0.1 "--server.port=$APP_PORT" "--management.server.port=$management_port"
    "--spring.datasource.url=${APP_DATASOURCE_URL:-jdbc:h2:file:$APP_TMP/db/clinic;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0}"
    "--clinic.base-url=$APP_URL")
  local started
  started=$(now_ms)
  if [ -n "${APP_COMMAND+x}" ]; then
    "${APP_COMMAND[@]}" "$@" "${launch_args[@]}" >"$APP_TMP/app.log" 2>&1 &
  else
    java "$@" -jar "$(app_jar)" "${launch_args[@]}" >"$APP_TMP/app.log" 2>&1 &
  fi
  APP_PID=$!
  # Any HTTP answer counts (even a 404): the server is up and dispatching.
  # APP_STARTUP_SECONDS: more on a busy machine (a start took over two minutes at a load of 15 on 2 cores).
  local deadline=$(( $(now_ms) + ${APP_STARTUP_SECONDS:-120} * 1000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$APP_URL/" 2>/dev/null)" != "000" ]; do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      tail -n 40 "$APP_TMP/app.log" >&2
      die "the app stopped before answering"
    fi
    [ "$(now_ms)" -lt "$deadline" ] || { tail -n 40 "$APP_TMP/app.log" >&2; die "the app did not answer within ${APP_STARTUP_SECONDS:-120} s"; }
    sleep 0.05
  done
  APP_STARTUP_MS=$(( $(now_ms) - started ))
}

# Resident memory of the app, in MB, from /proc.
app_rss_mb() {
  awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$APP_PID/status"
}

stop_app() {
  if [ -n "${APP_PID:-}" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=
  [ -n "${APP_TMP:-}" ] && rm -rf "$APP_TMP"
  APP_TMP=
}

# The Node.js tools the scripts run, each at one version: perf/observatory.sh (and perf/proxy.sh) the MDN HTTP
# Observatory's scanner, perf/lighthouse.sh Lighthouse. perf/node-tools.sh installs both ahead of time.
OBSERVATORY_PACKAGE=@mdn/mdn-http-observatory@1.4.8
LIGHTHOUSE_PACKAGE=lighthouse@12.2.3

# npm_tool NAME PACKAGE@VERSION: installs an npm package (without running its install scripts) into
# target/node-tools/NAME, which git ignores, once; prints the folder.
npm_tool() {
  local dir="$PROJECT_DIR/target/node-tools/$1"
  local marker="$dir/.installed-$(echo "$2" | tr '/@' '__')"
  if [ ! -f "$marker" ]; then
    command -v npm >/dev/null || die "npm is missing (apt-get install -y npm)"
    rm -rf "$dir" && mkdir -p "$dir"
    npm install --prefix "$dir" --ignore-scripts --no-audit --no-fund --loglevel=error "$2" >&2 \
      || die "npm install $2 failed"
    touch "$marker"
  fi
  echo "$dir"
}

# publish_fees: signs in as CLINIC_ADMIN_EMAIL (the first administrator, which the app makes at start-up from
# CLINIC_ADMIN_EMAIL and CLINIC_ADMIN_PASSWORD exported before start_app), with the password and then the second step
# through the real pages, and saves two services at /staff/fees with the editor's own CSRF token; the fees page then answers 200. Shared by the benchmark and
# Lighthouse, since the seed has no fees (none is ever invented). Benchmark data in a throw-away database only: the
# prices say so.
publish_fees() {
  local jar="$APP_TMP/fees-cookies" csrf location
  csrf=$(curl -s -c "$jar" "$APP_URL/login" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
  location=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" -c "$jar" --data-urlencode "_csrf=$csrf" \
    --data-urlencode "email=$CLINIC_ADMIN_EMAIL" --data-urlencode "password=$CLINIC_ADMIN_PASSWORD" "$APP_URL/login")
  [ "$location" = "$APP_URL/staff/inquiries" ] || die "sign-in as $CLINIC_ADMIN_EMAIL failed (went to $location)"
  python3 "$PROJECT_DIR/perf/second_step.py" "$APP_URL" "$jar" "$CLINIC_ADMIN_EMAIL" "$APP_TMP/second-step.json" \
    >/dev/null || die "the second step for $CLINIC_ADMIN_EMAIL was refused"
  csrf=$(curl -s -b "$jar" -c "$jar" "$APP_URL/staff/fees" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 \
    | sed 's/.*value="//; s/"$//')
  location=$(curl -s -o "$APP_TMP/fees-answer.html" -w '%{redirect_url}' -b "$jar" -c "$jar" --data-urlencode "_csrf=$csrf" \
    --data-urlencode "revision=0" --data-urlencode "save=save" \
    --data-urlencode "services[0].name=Benchmark assessment" --data-urlencode "services[0].minutes=60" \
    --data-urlencode "services[0].price=95.00" --data-urlencode "services[0].kind=FIRST_VISIT" \
    --data-urlencode "services[1].name=Benchmark follow-up" --data-urlencode "services[1].minutes=30" \
    --data-urlencode "services[1].price=80.00" --data-urlencode "services[1].kind=FOLLOW_UP" \
    --data-urlencode "_services[0].hst=on" --data-urlencode "_services[1].hst=on" --data-urlencode "restoredFrom=" \
    --data-urlencode "insurers=Benchmark Insurance" --data-urlencode "paymentMethods=Debit" \
    "$APP_URL/staff/fees")
  if [ "$location" != "$APP_URL/staff/fees" ]; then
    grep -o '<title>[^<]*</title>\|<li><a href="#[^"]*">[^<]*</a></li>\|class="flash[^"]*"[^>]*>[^<]*<' \
      "$APP_TMP/fees-answer.html" >&2 || true
    die "saving the benchmark fees failed (went to ${location:-nowhere})"
  fi
  echo "published benchmark fees at /fees as $CLINIC_ADMIN_EMAIL"
}

# fresh_pg_database PREFIX: creates an empty PostgreSQL database named PREFIX_<random> (on PGHOST/PGPORT as PGUSER,
# by default 127.0.0.1:5432 as postgres, trusted; PERF_DATABASE_PREFIX, when set, goes before the name, for a shared
# server where each person's databases carry their own prefix) and sets PG_DATABASE and PG_JDBC_URL. Pair it with
# drop_pg_database in the caller's clean-up.
fresh_pg_database() {
  command -v psql >/dev/null || die "psql is missing (apt-get install -y postgresql-client)"
  export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
  pg_isready -q 2>/dev/null \
    || die "no PostgreSQL at $PGHOST:$PGPORT (pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)"
  PG_DATABASE="${PERF_DATABASE_PREFIX:-}$1_$(od -An -tx4 -N4 /dev/urandom | tr -d ' ')"
  psql -q -d postgres -c "create database $PG_DATABASE" >/dev/null || die "could not create database $PG_DATABASE"
  PG_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PG_DATABASE"
}

drop_pg_database() {
  if [ -n "${PG_DATABASE:-}" ]; then
    psql -q -d postgres -c "drop database if exists $PG_DATABASE" >/dev/null 2>&1 \
      || echo "could not drop database $PG_DATABASE" >&2
    PG_DATABASE=
  fi
}

# start_dovecot USER...: starts a Dovecot IMAP server of its own (Debian's dovecot-imapd, installed with apt-get if
# missing, as root like .ci/run) on a free port at 127.0.0.1, with a throw-away configuration, one account per USER
# (any name, a full address too; each with a random password, see dovecot_password) and their Maildirs in a
# temporary folder. Never touches a system Dovecot. Sets DOVECOT_PORT, DOVECOT_PID (the master process, in the
# foreground of its own background job) and DOVECOT_DIR; stop_dovecot stops that PID alone and removes the folder.
start_dovecot() {
  if ! command -v dovecot >/dev/null; then
    echo "apt-get install dovecot-imapd"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dovecot-imapd
  fi
  DOVECOT_DIR=$(mktemp -d /tmp/clinic-dovecot.XXXXXX)
  chmod 755 "$DOVECOT_DIR"
  DOVECOT_PORT=$(free_port)
  # The mail files belong to the unprivileged dovecot account (Dovecot refuses to run a mailbox as root).
  local mail_uid mail_gid user
  mail_uid=$(id -u dovecot 2>/dev/null || id -u)
  mail_gid=$(id -g dovecot 2>/dev/null || id -g)
  mkdir -p "$DOVECOT_DIR/home" "$DOVECOT_DIR/run"
  chown "$mail_uid:$mail_gid" "$DOVECOT_DIR/home"
  : >"$DOVECOT_DIR/users"
  for user in "$@"; do
    printf '%s:{PLAIN}%s\n' "$user" "dovecot-test-$RANDOM$RANDOM" >>"$DOVECOT_DIR/users"
  done
  chmod 644 "$DOVECOT_DIR/users"
  cat >"$DOVECOT_DIR/dovecot.conf" <<CONF
base_dir = $DOVECOT_DIR/run
state_dir = $DOVECOT_DIR/state
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = $DOVECOT_DIR/dovecot.log
first_valid_uid = 0
mail_location = maildir:$DOVECOT_DIR/home/%u/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DOVECOT_DIR/users
}
userdb {
  driver = static
  args = uid=$mail_uid gid=$mail_gid home=$DOVECOT_DIR/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $DOVECOT_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
CONF
  # -F: in the foreground of its own background job, so $! is the Dovecot master process and only it is stopped.
  dovecot -F -c "$DOVECOT_DIR/dovecot.conf" &
  DOVECOT_PID=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$DOVECOT_PORT") 2>/dev/null && break
    kill -0 "$DOVECOT_PID" 2>/dev/null || { cat "$DOVECOT_DIR/dovecot.log" 2>/dev/null; die "Dovecot did not start"; }
    sleep 0.1
  done
  echo "Dovecot $(dovecot --version) on 127.0.0.1:$DOVECOT_PORT (PID $DOVECOT_PID)"
}

# dovecot_password USER: the password start_dovecot gave USER.
dovecot_password() {
  grep -F "$1:{PLAIN}" "$DOVECOT_DIR/users" | head -n 1 | sed 's/^.*:{PLAIN}//'
}

stop_dovecot() {
  if [ -n "${DOVECOT_PID:-}" ]; then
    kill "$DOVECOT_PID" 2>/dev/null || true
    wait "$DOVECOT_PID" 2>/dev/null || true
  fi
  DOVECOT_PID=
  [ -n "${DOVECOT_DIR:-}" ] && rm -rf "$DOVECOT_DIR"
  DOVECOT_DIR=
}
