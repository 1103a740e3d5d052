"""The shipped proxy configuration is accepted by the programs it is for (Debian's nginx and
Varnish); skipped with a message where they are not installed."""

import shutil
import subprocess

import pytest

from benchmarks import front_cache

SITE = front_cache.ROOT / "deploy" / "nginx" / "samhandling.conf"
CERTIFICATE = "/etc/letsencrypt/live/samhandling.example.no/fullchain.pem"
KEY = "/etc/letsencrypt/live/samhandling.example.no/privkey.pem"


def test_varnish_compiles_the_shipped_vcl(tmp_path):
    if not front_cache.varnishd_path():
        pytest.skip("varnishd is not installed (apt-get install varnish).")
    done = subprocess.run(
        [front_cache.varnishd_path(), "-n", str(tmp_path / "n"), "-C", "-f", str(front_cache.VCL)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_nginx_accepts_the_shipped_site(tmp_path):
    if not front_cache.nginx_path() or not shutil.which("openssl"):
        pytest.skip("nginx or openssl is not installed (apt-get install nginx openssl).")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=samhandling.example.no",
            "-keyout",
            str(tmp_path / "key.pem"),
            "-out",
            str(tmp_path / "cert.pem"),
        ],
        capture_output=True,
        check=True,
        timeout=60,
    )
    site = SITE.read_text()
    assert CERTIFICATE in site and KEY in site
    site = site.replace(CERTIFICATE, str(tmp_path / "cert.pem")).replace(
        KEY, str(tmp_path / "key.pem")
    )
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{\n    include {tmp_path}/site.conf;\n}}\n"
    )
    done = subprocess.run(
        [front_cache.nginx_path(), "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
