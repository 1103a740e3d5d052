"""`make run` as a newcomer meets it: one command serves the demo with the task worker and the
scheduler, a sign-up's confirmation reaches the console and the mail viewer within seconds, its
calendar file and private link open, the search finds what the demo holds, an unknown address
gets the site's own 404 page, and one Ctrl+C stops every process.

Nothing here starts a worker by hand: the first wave of tests did, and hid that the demo never
sent an e-mail. This runs the Makefile itself against a database of its own.
"""

import base64
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django_otp.oath import totp

ROOT = Path(__file__).resolve().parent.parent
MR = "more-og-romsdal.localhost"
PARTICIPANT = "nykomar@kommune.example"
CONFIRMATION_WITHIN = 20  # seconds from the sign-up to the e-mail in the mailbox
FORM_FILL_SECONDS = 3.5  # FORM_GUARD_MIN_SECONDS (3) and a margin: the form is sent no sooner

# The newcomer's demo runs on SQLite whatever the suite's database: run it once, in the SQLite pass.
pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="make run is the newcomer's SQLite demo; it is tested in the SQLite pass of make test",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """Just enough of a browser: cookies, a Host header per site, forms read from the page."""

    def __init__(self, port: int):
        self.port = port
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
        )

    def url(self, host: str, path: str) -> str:
        return f"http://{host}:{self.port}{path}"

    def open(self, host: str, path: str, data: dict | None = None):
        """(status, body, final url); *.localhost is resolved to 127.0.0.1 as browsers do."""
        target = self.url("127.0.0.1", path)
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        headers = {"Host": f"{host}:{self.port}"}
        request = urllib.request.Request(target, data=body, headers=headers)  # noqa: S310
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read(), response.url
        except urllib.error.HTTPError as error:
            return error.code, error.read(), target


def _wait_until_serving(browser: Browser, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 600  # a cold machine migrates and collects static files first
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"make run stopped early:\n{log.read_text()[-4000:]}")
        try:
            status, _, _ = browser.open(MR, "/")
            if status == 200:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(1)
    pytest.fail(f"make run did not serve within 10 minutes:\n{log.read_text()[-4000:]}")


def _open_signup_form(browser: Browser):
    """Follows the events listing of the Møre og Romsdal site to the first event that takes
    sign-ups, as a visitor would; returns the form's address and its fields."""
    status, body, _ = browser.open(MR, "/")
    soup = BeautifulSoup(body, "html.parser")
    candidates = [a["href"] for a in soup.select("a[href]") if "arrangement" in a["href"]]
    seen = set()
    while candidates:
        href = urllib.parse.urlsplit(candidates.pop(0)).path
        if href in seen or href.endswith(".ics"):
            continue
        seen.add(href)
        status, body, _ = browser.open(MR, href)
        soup = BeautifulSoup(body, "html.parser")
        form = soup.select_one('form[action*="/pamelding/"]')
        if form is not None:
            return form
        candidates += [a["href"] for a in soup.select("a[href]") if "arrangement" in a["href"]]
    pytest.fail("No event on the Møre og Romsdal demo site takes sign-ups")


def _filled(form) -> dict:
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name, kind = field["name"], field.get("type", "")
        if kind in ("radio", "checkbox"):
            if field.has_attr("checked") or (kind == "radio" and name not in data):
                data[name] = field.get("value", "on")
            if kind == "checkbox" and field.has_attr("required"):
                data[name] = field.get("value", "on")
        elif field.name == "select":
            options = [o.get("value", "") for o in field.select("option") if o.get("value")]
            data[name] = options[0] if options else ""
        else:
            data[name] = field.get("value", "") or field.text
    data.update(
        {
            "name": "Nina Nykomar",
            "email": PARTICIPANT,
            "phone": "40000000",
            "job_title": "Rådgjevar",
        }
    )
    for field in form.select("input[required]"):
        if field.get("type") == "checkbox":
            data[field["name"]] = field.get("value", "on")
    return data


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("make-run")
    port = _free_port()
    log = folder / "make-run.log"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "MAKEFLAGS", "MFLAGS")
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
            "MEDIA_ROOT": str(folder / "media"),
            "SAMHANDLING_MAIL_VIEWER_DIR": str(folder / "mail"),
            "SAMHANDLING_DEMO_CACHE_DIR": str(folder / "cache"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    with log.open("wb") as output:
        process = subprocess.Popen(
            ["make", "run", f"PORT={port}"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, which Ctrl+C signals as a whole
        )
    browser = Browser(port)
    try:
        _wait_until_serving(browser, process, log)
        yield {"browser": browser, "process": process, "log": log, "mail": folder / "mail"}
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def test_a_sign_up_is_confirmed_by_e_mail_within_seconds(demo_server):
    browser, mailbox = demo_server["browser"], demo_server["mail"]
    form = _open_signup_form(browser)
    time.sleep(FORM_FILL_SECONDS)  # a person takes longer than the bot check's minimum (3 s)
    sent_at = time.monotonic()
    status, body, _ = browser.open(MR, urllib.parse.urlsplit(form["action"]).path, _filled(form))
    assert status == 200, body.decode()[:2000]
    text = BeautifulSoup(body, "html.parser").get_text(" ")
    assert PARTICIPANT in text or "Nina Nykomar" in text, text[:2000]

    mail = None
    while time.monotonic() - sent_at < CONFIRMATION_WITHIN and mail is None:
        mail = next(
            (
                p
                for p in sorted(mailbox.glob("*.eml"))
                if PARTICIPANT in p.read_text("utf-8", "replace")
            ),
            None,
        )
        time.sleep(0.25)
    waited = time.monotonic() - sent_at
    print(f"\nconfirmation in the mailbox {waited:.1f} s after the sign-up")
    assert mail is not None, f"no e-mail to {PARTICIPANT} within {CONFIRMATION_WITHIN} s"
    log = demo_server["log"].read_text("utf-8", "replace")
    assert PARTICIPANT in log, "the e-mail is not in the console output of make run"


def test_the_mail_viewer_shows_the_confirmation_its_calendar_file_and_private_link(demo_server):
    browser = demo_server["browser"]
    status, body, final = browser.open("127.0.0.1", "/admin/demo-mail/")
    assert "/admin/login/" in final  # the viewer is for the admin only

    status, body, _ = browser.open("127.0.0.1", "/admin/login/")
    token = BeautifulSoup(body, "html.parser").select_one("input[name=csrfmiddlewaretoken]")[
        "value"
    ]
    status, body, final = browser.open(
        "127.0.0.1",
        "/admin/login/",
        {"username": "admin", "password": "samhandling-demo", "csrfmiddlewaretoken": token},
    )
    # The second step: a code from the authenticator whose key `make run` printed.
    assert "/admin/second-factor/" in final, final
    token = BeautifulSoup(body, "html.parser").select_one("input[name=csrfmiddlewaretoken]")[
        "value"
    ]
    log = demo_server["log"].read_text("utf-8", "replace")
    key = re.search(r"with the key ((?:[A-Z2-7]{4} ?)+)", log).group(1).replace(" ", "")
    code = f"{totp(base64.b32decode(key), digits=6):06d}"
    status, body, final = browser.open(
        "127.0.0.1",
        "/admin/second-factor/",
        {"code": code, "next": "/admin/demo-mail/", "csrfmiddlewaretoken": token},
    )
    assert final.endswith("/admin/demo-mail/"), final
    status, body, _ = browser.open("127.0.0.1", "/admin/demo-mail/")
    assert status == 200
    soup = BeautifulSoup(body, "html.parser")
    row = next(tr for tr in soup.select("tbody tr") if PARTICIPANT in tr.get_text())
    status, body, _ = browser.open("127.0.0.1", row.select_one("a")["href"])
    assert status == 200
    soup = BeautifulSoup(body, "html.parser")
    calendar = next(a["href"] for a in soup.select("a[href]") if "/attachment/" in a["href"])
    status, ics, _ = browser.open("127.0.0.1", calendar)
    assert status == 200 and b"BEGIN:VCALENDAR" in ics

    link = next(a["href"] for a in soup.select("a[href]") if "/p/" in a["href"])
    parts = urllib.parse.urlsplit(link)
    status, body, _ = browser.open(parts.hostname, parts.path)
    assert status == 200
    assert "Nina Nykomar" in BeautifulSoup(body, "html.parser").get_text(" ")


RESPONDER = "hoyringssvar@kommune.example"
HEARING = "/hoyringar/revidert-samarbeidsavtale-2024/"


def _mail_to(mailbox: Path, address: str, *, count: int, within: float) -> list[str]:
    """The e-mails to `address` in the mail viewer's store, once there are `count` of them."""
    started = time.monotonic()
    while time.monotonic() - started < within:
        found = [
            text
            for p in sorted(mailbox.glob("*.eml"))
            if address in (text := p.read_text("utf-8", "replace"))
        ]
        if len(found) >= count:
            return found
        time.sleep(0.25)
    pytest.fail(f"{count} e-mail(s) to {address} did not arrive within {within} s")


def _form_fields(form) -> dict:
    return {
        field["name"]: field.get("value", "") for field in form.select("input[type=hidden][name]")
    }


def test_a_hearing_response_is_confirmed_by_its_e_mail_link_and_gets_a_receipt(demo_server):
    """The demo's open hearing takes a response; the worker sends the confirmation link, and
    confirming it sends the receipt with the response as a PDF."""
    browser, mailbox = demo_server["browser"], demo_server["mail"]
    status, body, _ = browser.open(MR, HEARING)
    assert status == 200
    soup = BeautifulSoup(body, "html.parser")
    respond = next(a["href"] for a in soup.select("a[href]") if a["href"].endswith("/svar/"))
    status, body, _ = browser.open(MR, urllib.parse.urlsplit(respond).path)
    form = BeautifulSoup(body, "html.parser").select_one("form:has(textarea[name=general_answer])")
    data = {
        **_form_fields(form),
        "kind": "private",
        "name": "Hanne Høyring",
        "email": RESPONDER,
        "general_answer": "Eg støttar utkastet til revidert samarbeidsavtale.",
    }
    time.sleep(FORM_FILL_SECONDS)
    status, body, _ = browser.open(MR, urllib.parse.urlsplit(respond).path, data)
    assert status == 200, BeautifulSoup(body, "html.parser").get_text(" ")[:2000]

    confirmation = _mail_to(mailbox, RESPONDER, count=1, within=CONFIRMATION_WITHIN)[0]
    link = re.search(r"https?://[^\s\"<>]+/hoyring/svar/[A-Za-z0-9_-]+/", confirmation).group(0)
    path = urllib.parse.urlsplit(link).path
    status, body, _ = browser.open(MR, path)
    assert status == 200
    form = BeautifulSoup(body, "html.parser").select_one("form:has(input[value=confirm])")
    time.sleep(1.5)  # a person reads before pressing (the button's minimum is 1 s)
    status, body, _ = browser.open(MR, path, _form_fields(form))
    assert status == 200

    mails = _mail_to(mailbox, RESPONDER, count=2, within=CONFIRMATION_WITHIN)
    receipt = next(text for text in mails if "application/pdf" in text)
    assert "Content-Disposition: attachment" in receipt


SUBSCRIBER = "nyhendebrev@kommune.example"


def test_a_newsletter_subscription_from_the_footer_is_confirmed_by_its_e_mail_link(demo_server):
    """The home page's footer form subscribes without a cookie; the worker sends the
    confirmation link, and the button on its page confirms the subscription."""
    browser, mailbox = demo_server["browser"], demo_server["mail"]
    status, body, _ = browser.open(MR, "/")
    assert status == 200
    form = BeautifulSoup(body, "html.parser").select_one('footer form[action$="/nyhendebrev/"]')
    time.sleep(FORM_FILL_SECONDS)
    status, body, _ = browser.open(
        MR, urllib.parse.urlsplit(form["action"]).path, {**_form_fields(form), "email": SUBSCRIBER}
    )
    assert status == 200, BeautifulSoup(body, "html.parser").get_text(" ")[:2000]

    confirmation = _mail_to(mailbox, SUBSCRIBER, count=1, within=CONFIRMATION_WITHIN)[0]
    link = re.search(r"https?://[^\s\"<>]+/nyhendebrev/stadfest/[^\s\"<>/]+/", confirmation)
    path = urllib.parse.urlsplit(link.group(0)).path
    status, body, _ = browser.open(MR, path)
    assert status == 200
    form = BeautifulSoup(body, "html.parser").select_one("main form[method=post]")
    time.sleep(1.5)  # a person reads before pressing
    status, body, _ = browser.open(MR, path, _form_fields(form))
    assert status == 200
    text = BeautifulSoup(body, "html.parser").get_text(" ")
    assert "Nyhendebrev" in text, text[:2000]  # the page lists what the address now receives


def test_search_finds_the_cooperation_agreement(demo_server):
    status, body, _ = demo_server["browser"].open(MR, "/sok/?q=avtale")
    assert status == 200
    assert re.search(r"[Ss]amarbeidsavtal", BeautifulSoup(body, "html.parser").get_text(" "))


def test_search_finds_the_hearing(demo_server):
    status, body, _ = demo_server["browser"].open(MR, "/sok/?q=h%C3%B8yring")
    assert status == 200
    assert "Høyring: revidert samarbeidsavtale 2024" in BeautifulSoup(body, "html.parser").get_text(
        " "
    )


def test_an_unknown_address_gets_the_sites_own_404_page(demo_server):
    status, body, _ = demo_server["browser"].open(MR, "/finst-ikkje/")
    assert status == 404
    html = body.decode()
    assert 'lang="nn"' in html
    assert "URLconf" not in html and "Traceback" not in html  # not Django's debug page


def test_one_ctrl_c_stops_every_process(demo_server):
    process = demo_server["process"]
    os.killpg(process.pid, signal.SIGINT)  # what the terminal sends on Ctrl+C
    process.wait(timeout=30)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.5)
    else:
        pytest.fail("a process of make run is still running after Ctrl+C")
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", demo_server["browser"].port), timeout=2)
    log = demo_server["log"].read_text("utf-8", "replace")
    for name in ("web.1", "worker.1", "scheduler.1"):
        assert f"{name} stopped" in log
