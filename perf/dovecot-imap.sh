#!/usr/bin/env bash
# Runs the inbound-mail round trip (InboundAnswerOnDovecotTests: every InboundAnswerTests test) against a real IMAP
# server from Debian's packages: a Dovecot started here on a free high port at 127.0.0.1, with a throw-away
# configuration, user and Maildir in a temporary folder, and stopped again (only the Dovecot this script started, by
# its PID). The site's own emails still go to the test's GreenMail SMTP server; the patient's answer is put into the
# Dovecot mailbox with IMAP APPEND.
#
#   perf/dovecot-imap.sh                   those tests alone, on test classes already compiled (./mvnw test-compile,
#                                          or after ./mvnw verify): surefire:test, so nothing is compiled again
#   perf/dovecot-imap.sh ./mvnw -B verify  any Maven command, with the Dovecot's -Dclinic.test.imap.* added: .ci/run
#                                          runs its h2-verify lane so, and the Dovecot tests run in that lane's JVM on
#                                          its one Spring context instead of a JVM and context of their own
#
# Installs dovecot-imapd with apt-get only if dovecot is missing (as root, like .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dovecot >/dev/null; then
  echo "apt-get install dovecot-imapd"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dovecot-imapd
fi

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

work=$(mktemp -d)
chmod 755 "$work"
imap_port=$(free_port)
user="frontdesk"
password="dovecot-test-$RANDOM$RANDOM"
# The mail files belong to the unprivileged dovecot account (Dovecot refuses to run a mailbox as root).
mail_uid=$(id -u dovecot 2>/dev/null || id -u)
mail_gid=$(id -g dovecot 2>/dev/null || id -g)
mkdir -p "$work/home" "$work/run"
chown "$mail_uid:$mail_gid" "$work/home"
printf '%s:{PLAIN}%s\n' "$user" "$password" >"$work/users"
chmod 644 "$work/users"
cat >"$work/dovecot.conf" <<CONF
base_dir = $work/run
state_dir = $work/state
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = $work/dovecot.log
first_valid_uid = 0
mail_location = maildir:$work/home/%u/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $work/users
}
userdb {
  driver = static
  args = uid=$mail_uid gid=$mail_gid home=$work/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
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
dovecot -F -c "$work/dovecot.conf" &
dovecot_pid=$!
stop_dovecot() {
  kill "$dovecot_pid" 2>/dev/null || true
  wait "$dovecot_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap stop_dovecot EXIT

for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$imap_port") 2>/dev/null && break
  kill -0 "$dovecot_pid" 2>/dev/null || { cat "$work/dovecot.log" 2>/dev/null; echo "Dovecot did not start"; exit 1; }
  sleep 0.1
done
echo "Dovecot $(dovecot --version) on 127.0.0.1:$imap_port (PID $dovecot_pid)"

if [ $# -eq 0 ]; then
  set -- ./mvnw -B -ntp ${MAVEN_EXTRA_ARGS:-} surefire:test -Dtest=InboundAnswerOnDovecotTests \
    -Dsurefire.failIfNoSpecifiedTests=false
fi
# Maven passes its -D options on to the test JVM as system properties (ClinicMailbox reads them there).
CLINIC_TEST_SMTP_PORT=${CLINIC_TEST_SMTP_PORT:-$(free_port)} "$@" \
  -Dclinic.test.imap.port="$imap_port" -Dclinic.test.imap.user="$user" -Dclinic.test.imap.password="$password"
