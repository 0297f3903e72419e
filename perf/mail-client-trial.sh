#!/usr/bin/env bash
# Issue 23 "tried as a new user would, with a real mail client's reply": the built jar, a Dovecot IMAP server of its
# own (perf/lib.sh start_dovecot) holding the clinic's mailbox and the patient's, and perf/smtp_sink.py as the mail
# exchange between them (it puts what the site and the patient send into the Dovecot mailbox of its recipient).
#   1. the patient sends the public inquiry form; the site's acknowledgement (Reply-To: the clinic's mailbox) lands in
#      the patient's Dovecot mailbox;
#   2. s-nail (Debian's, a real mail client: over IMAP, with Debian's /etc/s-nail.rc, which quotes with "> ") replies
#      to it, writing below the quote, with a signature, and sends it over SMTP to the sink, which puts it in the
#      clinic's mailbox;
#   3. the site's mailbox watcher (IMAP IDLE) takes it; signed in as the administrator (the password and the second
#      step, perf/second_step.py), the inquiry's timeline shows the patient's words as the answer's new text, not
#      s-nail's attribution line, with the quote and the signature folded away.
# Prints what s-nail sent and the timeline's answer; exits 1 if the new text is not the patient's words.
#
# Expects the jar (./mvnw -B -q package -DskipTests). Talks to 127.0.0.1 only; stops only what it started, by PID.
# Installs dovecot-imapd and s-nail with apt-get only if missing (as root, like .ci/run).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

if ! command -v s-nail >/dev/null; then
  echo "apt-get install s-nail"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends s-nail
fi

CLINIC_MAILBOX=frontdesk@clinic.test
PATIENT=zoe@patient.test
PATIENT_NAME="Zoë Tremblay"
ANSWER_WORDS="Tuesday morning works for me, thanks."
WORK=$(mktemp -d /tmp/clinic-mail-trial.XXXXXX)
mkdir -p "$WORK/mail"
SINK_PID=
cleanup() {
  stop_app
  if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; fi
  stop_dovecot
  rm -rf "$WORK"
}
trap cleanup EXIT
started=$(now_ms)

section "Dovecot with the clinic's mailbox ($CLINIC_MAILBOX) and the patient's ($PATIENT)"
start_dovecot "$CLINIC_MAILBOX" "$PATIENT"

section "the mail exchange (perf/smtp_sink.py) delivering into Dovecot"
SMTP_PORT=$(free_port)
python3 perf/smtp_sink.py "$SMTP_PORT" "$WORK/mail" "$DOVECOT_PORT" "$DOVECOT_DIR/users" >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && break
  kill -0 "$SINK_PID" 2>/dev/null || { cat "$WORK/sink.log"; die "the SMTP sink did not start"; }
  sleep 0.1
done
echo "SMTP on 127.0.0.1:$SMTP_PORT (PID $SINK_PID)"

section "the site, reading the clinic's mailbox"
export CLINIC_ADMIN_EMAIL=owner@clinic.test
export CLINIC_ADMIN_PASSWORD="trial-$(od -An -tx8 -N8 /dev/urandom | tr -d ' ')-Kept-Nowhere"
export CLINIC_INBOUNDMAIL_PASSWORD
CLINIC_INBOUNDMAIL_PASSWORD=$(dovecot_password "$CLINIC_MAILBOX")
start_app -Dspring.mail.host=127.0.0.1 "-Dspring.mail.port=$SMTP_PORT" \
  -Dclinic.inbound-mail.host=127.0.0.1 "-Dclinic.inbound-mail.port=$DOVECOT_PORT" \
  "-Dclinic.inbound-mail.username=$CLINIC_MAILBOX" -Dclinic.inbound-mail.ssl=false
echo "$APP_URL (PID $APP_PID), up in $APP_STARTUP_MS ms"

section "1. $PATIENT_NAME sends the inquiry form; the acknowledgement reaches her mailbox"
python3 perf/mail_client_trial.py inquire "$APP_URL" "$PATIENT_NAME" "$PATIENT"
deadline=$(( $(now_ms) + 120000 ))
until grep -q "put in the mailbox of $PATIENT" "$WORK/sink.log"; do
  [ "$(now_ms)" -lt "$deadline" ] || { cat "$WORK/sink.log"; tail -n 40 "$APP_TMP/app.log"; die "no acknowledgement within 120 s"; }
  sleep 0.2
done
grep "put in the mailbox of" "$WORK/sink.log"

section "2. s-nail replies to it over IMAP, below the quote, and sends the reply over SMTP"
# Debian's /etc/s-nail.rc as it is (quote, indentprefix "> "), less its interactive questions; batch mode (-#)
# reads the commands and the text typed in compose mode from standard input.
patient_url="imap://$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$PATIENT")"
patient_url="$patient_url:$(dovecot_password "$PATIENT")@127.0.0.1:$DOVECOT_PORT/INBOX"
printf 'reply 1\n%s\n%s\n\n-- \n%s\n~.\nx\n' "$ANSWER_WORDS" "Zoë" "$PATIENT_NAME" \
  | LC_ALL=C.UTF-8 s-nail -# -S v15-compat -S noasksend -S reply-to-honour=yes -S followup-to-honour=no \
      -S "from=$PATIENT_NAME <$PATIENT>" -S "mta=smtp://127.0.0.1:$SMTP_PORT" -S smtp-auth=none \
      -S ttycharset=utf-8 -S sendcharsets=utf-8 -f "$patient_url"
deadline=$(( $(now_ms) + 30000 ))
until grep -q "put in the mailbox of $CLINIC_MAILBOX" "$WORK/sink.log"; do
  [ "$(now_ms)" -lt "$deadline" ] || { cat "$WORK/sink.log"; die "s-nail's reply did not reach the clinic's mailbox"; }
  sleep 0.2
done
reply_file="$WORK/mail/$(grep "put in the mailbox of $CLINIC_MAILBOX" "$WORK/sink.log" | tail -n 1 | cut -d' ' -f1)"
echo "--- what s-nail sent ($(basename "$reply_file"))"
cat "$reply_file"

section "3. the inquiry's timeline, signed in as $CLINIC_ADMIN_EMAIL"
python3 perf/mail_client_trial.py timeline "$APP_URL" "$CLINIC_ADMIN_EMAIL" "$CLINIC_ADMIN_PASSWORD" \
  "$PATIENT_NAME" "$WORK" 120 | tee "$WORK/timeline.txt"
new_text=$(sed -n '/^--- its new text$/,/^---/p' "$WORK/timeline.txt" | sed '1d;/^---/d')
echo
if printf '%s' "$new_text" | grep -qF "$ANSWER_WORDS" && ! printf '%s' "$new_text" | grep -q "wrote:\|^>\|^-- *$"; then
  echo "PASS: the answer's new text is $PATIENT_NAME's words, without s-nail's attribution, the quote or the signature"
else
  die "the answer's new text is not $PATIENT_NAME's words alone: $new_text"
fi
echo "took $(( ($(now_ms) - started) / 1000 )) s"
