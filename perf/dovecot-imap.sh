#!/usr/bin/env bash
# Runs the inbound-mail round trip (InboundAnswerTests) against a real IMAP server from Debian's packages: a Dovecot
# started here on a free high port at 127.0.0.1, with a throw-away configuration, user and Maildir in a temporary
# folder, and stopped again (only the Dovecot this script started, by its PID; start_dovecot in perf/lib.sh). The
# site's own emails still go to the test's GreenMail SMTP server; the patient's answer is put into the Dovecot mailbox
# with IMAP APPEND.
#
# Expects the test classes compiled (./mvnw test-compile, or after ./mvnw verify): it runs surefire:test alone, so
# nothing is compiled again. Installs dovecot-imapd with apt-get only if dovecot is missing (as root, like .ci/run).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

user="frontdesk"
trap stop_dovecot EXIT
start_dovecot "$user"

CLINIC_TEST_SMTP_PORT=${CLINIC_TEST_SMTP_PORT:-$(free_port)} ./mvnw -B -ntp ${MAVEN_EXTRA_ARGS:-} surefire:test \
  -Dtest=InboundAnswerTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dclinic.test.imap.port="$DOVECOT_PORT" -Dclinic.test.imap.user="$user" \
  -Dclinic.test.imap.password="$(dovecot_password "$user")"
