"""A tiny SMTP server for the perf/ scripts: accepts every message on 127.0.0.1 and writes each to its own file in the
folder given, so a script can count and read what the site sent. Not a mail server: no relaying, no auth.

    smtp_sink.py PORT FOLDER [IMAP_PORT USERS_FILE]

With IMAP_PORT and USERS_FILE (a Dovecot passwd-file, "address:{PLAIN}password" a line; perf/lib.sh start_dovecot)
it is also the delivery agent of those accounts: a message for one of them is put in its INBOX on 127.0.0.1:IMAP_PORT
with IMAP APPEND (RFC 9051 section 6.3.12), a Delivered-To line first, as a local delivery agent would
(perf/mail-client-trial.sh)."""
import imaplib
import os
import socketserver
import sys
import threading

FOLDER = sys.argv[2]
IMAP_PORT = int(sys.argv[3]) if len(sys.argv) > 4 else None
ACCOUNTS = {}
if IMAP_PORT:
    with open(sys.argv[4]) as users:
        for line in users:
            if ":{PLAIN}" in line:
                user, password = line.rstrip("\n").split(":{PLAIN}", 1)
                ACCOUNTS[user.lower()] = (user, password)
counter = iter(range(1, 1_000_000))
lock = threading.Lock()


def deliver(recipient, message):
    """Puts MESSAGE (bytes, CRLF lines) in RECIPIENT's INBOX if it is one of the accounts; True if it was."""
    account = ACCOUNTS.get(recipient.lower())
    if not account:
        return False
    imap = imaplib.IMAP4("127.0.0.1", IMAP_PORT)
    try:
        imap.login(*account)
        imap.append("INBOX", None, None, b"Delivered-To: " + recipient.encode() + b"\r\n" + message)
    finally:
        imap.logout()
    return True


class Session(socketserver.StreamRequestHandler):

    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        self.reply("220 127.0.0.1 sink")
        recipients = []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            text = line.decode(errors="replace").strip()
            verb = text.split(" ")[0].upper()
            if verb == "EHLO":
                self.reply("250-127.0.0.1")
                self.reply("250 8BITMIME")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 ok")
            elif verb == "RCPT":
                recipients.append(text[text.find("<") + 1:text.rfind(">")] if "<" in text else text.split(":", 1)[-1])
                self.reply("250 ok")
            elif verb == "DATA":
                self.reply("354 end with .")
                body = []
                while True:
                    data = self.rfile.readline()
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    # dot-stuffing undone (RFC 5321 section 4.5.2)
                    body.append(data[1:] if data.startswith(b"..") else data)
                with lock:
                    n = next(counter)
                with open(os.path.join(FOLDER, f"{n:05d}.eml"), "wb") as out:
                    out.writelines(body)
                message = b"".join(line.rstrip(b"\r\n") + b"\r\n" for line in body)
                try:
                    for recipient in recipients:
                        if IMAP_PORT and deliver(recipient, message):
                            print(f"{n:05d}.eml put in the mailbox of {recipient}", flush=True)
                    self.reply("250 queued")
                except (OSError, imaplib.IMAP4.error) as error:
                    print(f"{n:05d}.eml not delivered: {error}", flush=True)
                    self.reply("451 delivery failed")
                recipients = []
            elif verb == "RSET":
                recipients = []
                self.reply("250 ok")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


Server(("127.0.0.1", int(sys.argv[1])), Session).serve_forever()
