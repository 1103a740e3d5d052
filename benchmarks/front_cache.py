"""The front cache on loopback, for the page benchmark and the front-cache tests: Varnish with the
shipped configuration (deploy/varnish/default.vcl) in front of a given app port, and nginx serving
one static file (the benchmark's reference). Each runs in the foreground in a temporary working
directory of its own and is stopped by its own process id."""

import contextlib
import dataclasses
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
LOOPBACK = "127.0.0.1"
START_TIMEOUT = 30.0
INSTALL_HINT = (
    "Install it from Debian's packages: apt-get install varnish nginx wrk "
    "(CI: add them to the job's apt-get line)."
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def varnishd_path() -> str | None:
    fallback = Path("/usr/sbin/varnishd")
    return shutil.which("varnishd") or (str(fallback) if fallback.exists() else None)


def nginx_path() -> str | None:
    fallback = Path("/usr/sbin/nginx")
    return shutil.which("nginx") or (str(fallback) if fallback.exists() else None)


def vcl_for_backend(port: int, host: str = LOOPBACK) -> str:
    """The shipped VCL with its backend pointed at `host:port` (nothing else changed)."""
    text = VCL.read_text()
    old = '    .host = "127.0.0.1";\n    .port = "8000";\n'
    if old not in text:
        raise RuntimeError(f"{VCL}: the backend block is not the expected one: {old!r}")
    return text.replace(old, f'    .host = "{host}";\n    .port = "{port}";\n')


def _wait_for_port(port: int, process: subprocess.Popen, what: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited at start:\n{log.read_text(errors='replace')}")
        with contextlib.suppress(OSError), socket.create_connection((LOOPBACK, port), timeout=1):
            return
        time.sleep(0.1)
    output = log.read_text(errors="replace")
    raise RuntimeError(f"{what} did not listen on {port} in time:\n{output}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # its own session: only what we started
        process.wait(timeout=10)


@dataclasses.dataclass(frozen=True)
class Varnish:
    base: str  # where visitors (the TLS proxy) connect: the "http" listener
    purge_url: str  # where the app sends PURGE: the "purge" listener (FRONTEND_CACHE_PURGE_URL)


@contextlib.contextmanager
def varnish(backend_port: int, *, memory: str = "128m") -> Iterator[Varnish]:
    """Varnish on free loopback ports in front of `backend_port`, with the shipped VCL."""
    binary = varnishd_path()
    if not binary:
        raise FileNotFoundError(f"varnishd is not installed. {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="samhandling-varnish-") as work:
        work_dir = Path(work)
        os.chmod(work_dir, 0o755)  # noqa: S103 - varnish's own user reads the compiled VCL
        vcl = work_dir / "default.vcl"
        vcl.write_text(vcl_for_backend(backend_port))
        vcl.chmod(0o644)
        port, purge_port = free_port(), free_port()
        log = work_dir / "varnishd.log"
        command = [
            binary,
            "-F",  # foreground: this process is the one we stop
            "-n",
            str(work_dir / "instance"),
            "-a",
            f"http={LOOPBACK}:{port}",
            "-a",
            f"purge={LOOPBACK}:{purge_port}",
            "-f",
            str(vcl),
            "-s",
            f"malloc,{memory}",
            "-p",
            "default_grace=0",
        ]
        if os.geteuid() != 0:
            command[1:1] = ["-j", "none"]  # no privilege separation without root
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                command,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
            try:
                _wait_for_port(port, process, "varnishd", log)
                yield Varnish(f"http://{LOOPBACK}:{port}", f"http://{LOOPBACK}:{purge_port}")
            finally:
                _stop(process)


NGINX_CONF = """\
worker_processes {workers};
pid {work}/nginx.pid;
error_log {work}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    default_type text/html;
    sendfile on;
    keepalive_requests 100000;
    server {{
        listen {host}:{port};
        root {work}/www;
    }}
}}
"""


@contextlib.contextmanager
def nginx_static(files: dict[str, bytes], *, workers: str = "auto") -> Iterator[str]:
    """nginx on a free loopback port serving `files` (name: body) from its root (one worker per
    core, as Debian's nginx.conf); yields its base URL (without the trailing /)."""
    binary = nginx_path()
    if not binary:
        raise FileNotFoundError(f"nginx is not installed. {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="samhandling-nginx-") as work:
        work_dir = Path(work)
        os.chmod(work_dir, 0o755)  # noqa: S103 - nginx's workers read the file
        (work_dir / "www").mkdir()
        for name, body in files.items():
            (work_dir / "www" / name).write_bytes(body)
        port = free_port()
        conf = work_dir / "nginx.conf"
        conf.write_text(NGINX_CONF.format(workers=workers, work=work, host=LOOPBACK, port=port))
        log = work_dir / "error.log"
        log.touch()
        process = subprocess.Popen(
            [binary, "-c", str(conf), "-p", str(work_dir)],
            stdout=subprocess.DEVNULL,
            stderr=log.open("ab"),
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            _wait_for_port(port, process, "nginx", log)
            yield f"http://{LOOPBACK}:{port}"
        finally:
            _stop(process)
