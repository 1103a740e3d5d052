"""Small local mail servers for tests, on a free port of 127.0.0.1.

`SmtpSink` speaks just enough SMTP for Django's SMTP backend and keeps every message it accepts,
after waiting `delay` seconds before accepting each one (a slow mail server, so that workers
overlap while sending). `SilentServer` accepts connections and never answers (a stalled one)."""

import email
import socket
import socketserver
import threading
import time
from collections import Counter
from email.utils import getaddresses


class _Handler(socketserver.StreamRequestHandler):
    timeout = 10

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())
        self.wfile.flush()

    def handle(self) -> None:
        sink: SmtpSink = self.server.sink
        self.reply("220 sink.localhost ESMTP")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 sink.localhost")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (chunk := self.rfile.readline()) != b".\r\n":
                    if not chunk:  # the client left before the final ".": nothing was sent
                        return
                    lines.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                time.sleep(sink.delay)
                sink.accept(recipients, b"".join(lines))
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # RSET, NOOP and the rest
                self.reply("250 OK")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    def __init__(self, *, delay: float = 0.0):
        self.delay = delay
        self.messages: list[tuple[list[str], email.message.Message]] = []
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.sink = self
        self.port = self._server.server_address[1]

    def accept(self, recipients: list[str], data: bytes) -> None:
        with self._lock:
            self.messages.append((recipients, email.message_from_bytes(data)))

    def deliveries(self) -> Counter:
        """How many times each recipient address got a message."""
        with self._lock:
            return Counter(address for recipients, _ in self.messages for address in recipients)

    def __enter__(self) -> "SmtpSink":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()


class SilentServer:
    """Accepts connections and never says a word (not even the SMTP greeting)."""

    def __init__(self):
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self.port = self._socket.getsockname()[1]
        self._held: list[socket.socket] = []
        self._stop = threading.Event()

    def _accept(self) -> None:
        self._socket.settimeout(0.1)
        while not self._stop.is_set():
            try:
                connection, _address = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._held.append(connection)

    def __enter__(self) -> "SilentServer":
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for connection in self._held:
            connection.close()
        self._socket.close()


def recipients_of(message: email.message.Message) -> list[str]:
    return [address for _name, address in getaddresses(message.get_all("To", []))]


def smtp_to(settings, port: int, *, timeout: float = 10) -> None:
    """Point Django's SMTP backend at a local server (pytest-django's `settings` fixture)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    settings.EMAIL_TIMEOUT = timeout


def race_two_runs_and_the_worker(
    settings, *, command: str, worker, delay: float
) -> tuple[Counter, float]:
    """Two overlapping runs of the management command `command` (the scheduler's, and someone's
    by hand) and the task worker (`worker()`), each starting a third of `delay` after the other,
    against a mail server that takes `delay` seconds to accept each message. Returns the
    deliveries by address and the seconds the race took, after checking that no racer failed and
    that a later run of `command` finds nothing left to send."""
    import io

    from django.core.management import call_command

    from tests.concurrency import race

    def run(n: int):
        time.sleep(n * delay / 3)  # overlapping, not in step: each starts while another sends
        if n < 2:
            call_command(command, stdout=io.StringIO())
        else:
            worker()

    with SmtpSink(delay=delay) as sink:
        smtp_to(settings, sink.port)
        started = time.monotonic()
        outcomes = race(run, 3)
        elapsed = time.monotonic() - started
        assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
        deliveries = sink.deliveries()
        call_command(command, stdout=io.StringIO())
        assert sink.deliveries() == deliveries, "a later run sent again"
    return deliveries, elapsed
