"""The rush's POSTs, sent from one asyncio loop over plain sockets.

Client, gunicorn and PostgreSQL share the machine's cores, so the client's own CPU is taken from
the server. `requests` in 50 threads spends about a millisecond of Python per POST (building the
request, cookie jar, urllib3, the GIL passed between threads); here each request's bytes are
built before the gate opens (the same headers and body `requests` would send: the CSRF cookie,
`X-Forwarded-For`, the form url-encoded), and sending one is a write and a read, as wrk does.
Gunicorn's sync workers answer one request per connection; `Connection: close` says so for
other worker classes too.
"""

import asyncio
import contextlib
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

HEADER_END = b"\r\n\r\n"


def request_bytes(*, url: str, form: dict, cookies: dict, forwarded_for: str) -> bytes:
    """An HTTP/1.1 POST of `form` (url-encoded, UTF-8) to `url`, as a browser sends it."""
    parts = urllib.parse.urlsplit(url)
    body = urllib.parse.urlencode(form).encode("ascii")
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    lines = [
        f"POST {parts.path or '/'}{'?' + parts.query if parts.query else ''} HTTP/1.1",
        f"Host: {parts.netloc}",
        "User-Agent: samhandling-rush",
        "Accept: text/html",
        "Connection: close",
        "Content-Type: application/x-www-form-urlencoded",
        f"Content-Length: {len(body)}",
        f"X-Forwarded-For: {forwarded_for}",
    ]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def parse_response(raw: bytes) -> tuple[int, dict[str, str]]:
    """(status, headers with lower-case names) of a whole HTTP/1.1 response; ValueError if it is
    not one (an empty answer: the server closed the connection without answering)."""
    head, separator, _body = raw.partition(HEADER_END)
    if not separator:
        raise ValueError("no complete HTTP response")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    version, status, *_reason = status_line.split(" ", 2)
    if not version.startswith("HTTP/"):
        raise ValueError(f"not an HTTP response: {status_line[:40]!r}")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status), headers


async def _exchange(host: str, port: int, payload: bytes, timeout: float) -> bytes:
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout=5)
    try:
        writer.write(payload)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), timeout=timeout)
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError, OSError):
            await writer.wait_closed()


async def _send_all(jobs, concurrency: int, timeout: float, done) -> None:
    semaphore = asyncio.Semaphore(concurrency)

    async def one(job):
        key, url, payload = job
        parts = urllib.parse.urlsplit(url)
        async with semaphore:
            started = time.perf_counter()
            try:
                raw = await _exchange(parts.hostname, parts.port or 80, payload, timeout)
                status, headers = parse_response(raw)
                done(key, status=status, headers=headers, error="", seconds=_since(started))
            except TimeoutError:
                done(key, status=None, headers={}, error="Timeout", seconds=_since(started))
            except (ConnectionError, OSError, ValueError) as error:
                error_text = f"ConnectionError {error.__class__.__name__}: {error}"
                done(key, status=None, headers={}, error=error_text, seconds=_since(started))

    await asyncio.gather(*(one(job) for job in jobs))


def _since(started: float) -> float:
    return time.perf_counter() - started


def send_all(jobs, *, concurrency: int, timeout: float, done) -> float:
    """Send every job (key, url, request bytes), at most `concurrency` at once; call
    `done(key, status=…, headers=…, error=…, seconds=…)` for each. Returns the seconds from
    the first request to the last answer."""
    started = time.perf_counter()
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # none in this thread, as in the benchmark
        asyncio.run(_send_all(jobs, concurrency, timeout, done))
    else:  # called from code that runs a loop of its own (a test runner's): a thread of its own
        with ThreadPoolExecutor(max_workers=1) as thread:
            thread.submit(asyncio.run, _send_all(jobs, concurrency, timeout, done)).result()
    return time.perf_counter() - started
