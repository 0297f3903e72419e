#!/usr/bin/env bash
# Runs the inbound-mail round trip (InboundAnswerOnDovecotTests: every InboundAnswerTests test) against a real IMAP
# server from Debian's packages: a Dovecot started here on a free high port at 127.0.0.1, with a throw-away
# configuration, user and Maildir in a temporary folder, and stopped again (only the Dovecot this script started, by
# its PID; start_dovecot in perf/lib.sh). The site's own emails still go to the test's GreenMail SMTP server; the
# patient's answer is put into the Dovecot mailbox with IMAP APPEND.
#
#   perf/dovecot-imap.sh                   those tests alone, on test classes already compiled (./mvnw test-compile,
#                                          or after ./mvnw verify): surefire:test, so nothing is compiled again
#   perf/dovecot-imap.sh ./mvnw -B verify  any Maven command, with the Dovecot's -Dclinic.test.imap.* added: .ci/run
#                                          runs its h2-verify lane so, and the Dovecot tests run in that lane's JVM on
#                                          its one Spring context instead of a JVM and context of their own
#
# Installs dovecot-imapd with apt-get only if dovecot is missing (as root, like .ci/run).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

user="frontdesk"
trap stop_dovecot EXIT
start_dovecot "$user"

if [ $# -eq 0 ]; then
  set -- ./mvnw -B -ntp ${MAVEN_EXTRA_ARGS:-} surefire:test -Dtest=InboundAnswerOnDovecotTests \
    -Dsurefire.failIfNoSpecifiedTests=false
fi
# Maven passes its -D options on to the test JVM as system properties (ClinicMailbox reads them there).
# The tests tagged "dovecot" are left out of every other build (pom.xml: clinic.test.excluded-groups).
CLINIC_TEST_SMTP_PORT=${CLINIC_TEST_SMTP_PORT:-$(free_port)} "$@" -Dclinic.test.excluded-groups=browser,postgres \
  -Dclinic.test.imap.port="$DOVECOT_PORT" -Dclinic.test.imap.user="$user" \
  -Dclinic.test.imap.password="$(dovecot_password "$user")"
