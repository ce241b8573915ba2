"""A small SMTP server for `make smoke`: the stack's app servers send real mail to it over SMTP
(Django's SMTP backend, as in production) and each message lands in a folder as a .eml file.

    python scripts/mailsink.py PORT FOLDER
"""

import socketserver
import sys
import threading
from pathlib import Path

counter = iter(range(1, 1_000_000))
lock = threading.Lock()


class Session(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 mailsink ready")
        while line := self.rfile.readline():
            verb = line.decode("ascii", "replace").strip().split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 mailsink")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.store(self.read_data())
                self.reply("250 OK: stored")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def read_data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            line = line[1:] if line.startswith(b"..") else line  # dot-unstuffing
            lines.append(line.rstrip(b"\r\n") + b"\n")  # stored with Unix line ends
        return b"".join(lines)

    def store(self, message: bytes) -> None:
        with lock:
            number = next(counter)
        (self.server.folder / f"{number:05d}.eml").write_bytes(message)


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main(port: int, folder: str) -> None:
    with Server(("127.0.0.1", port), Session) as server:
        server.folder = Path(folder)
        server.folder.mkdir(parents=True, exist_ok=True)
        server.serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
