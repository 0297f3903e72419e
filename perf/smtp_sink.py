"""A tiny SMTP server for perf/two-instances.sh: accepts every message on 127.0.0.1 and writes each to its own file
in the folder given, so the script can count what the instances sent. Not a mail server: no relaying, no auth."""
import os
import socketserver
import sys
import threading

FOLDER = sys.argv[2]
counter = iter(range(1, 1_000_000))
lock = threading.Lock()


class Session(socketserver.StreamRequestHandler):

    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        self.reply("220 127.0.0.1 sink")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode(errors="replace").strip().split(" ")[0].upper()
            if verb == "EHLO":
                self.reply("250-127.0.0.1")
                self.reply("250 8BITMIME")
            elif verb == "DATA":
                self.reply("354 end with .")
                body = []
                while True:
                    data = self.rfile.readline()
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    body.append(data)
                with lock:
                    n = next(counter)
                with open(os.path.join(FOLDER, f"{n:05d}.eml"), "wb") as out:
                    out.writelines(body)
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


Server(("127.0.0.1", int(sys.argv[1])), Session).serve_forever()
