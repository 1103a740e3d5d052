"""Collects Content-Security-Policy violations in the browser tests, from three places: the
`securitypolicyviolation` events of every page (an init script passes them to Python), Chromium's
console ("… violates the following Content Security Policy directive …", which also covers frames
without script, such as the mail viewer's sandboxed e-mail), and the live server's report endpoint
(its log). Report-only violations are left out: the admin's strict report-only policy is expected
to be broken (README, "Security headers")."""

import logging
from contextlib import contextmanager

BINDING = "__samhandlingCspViolation"
LISTENER = """document.addEventListener("securitypolicyviolation", (event) => {
  window.BINDING({
    page: document.URL, directive: event.effectiveDirective, blocked: event.blockedURI,
    source: event.sourceFile, line: event.lineNumber, disposition: event.disposition,
  });
}, true);""".replace("BINDING", BINDING)


class _ReportLog(logging.Handler):
    def __init__(self, found: list):
        super().__init__(level=logging.WARNING)
        self.found = found

    def emit(self, record):
        self.found.append({"reported to the endpoint": record.getMessage()})


class CspWatch:
    def __init__(self):
        self.found: list[dict] = []

    def watch(self, context) -> None:
        context.expose_binding(BINDING, lambda _source, violation: self._event(violation))
        context.add_init_script(LISTENER)
        context.on("console", self._console)

    def watch_contexts_of(self, browser) -> None:
        """Every context the browser makes from now on is watched (tests that make their own
        contexts included)."""
        new_context = browser.new_context

        def watched_new_context(**options):
            context = new_context(**options)
            self.watch(context)
            return context

        browser.new_context = watched_new_context

    def _event(self, violation: dict) -> None:
        if violation.get("disposition") == "enforce":
            self.found.append(violation)

    def _console(self, message) -> None:
        text = message.text
        # Chromium logs an enforced violation as an error, a report-only one as info.
        enforced = message.type == "error" and "report-only" not in text
        if enforced and "Content Security Policy" in text:
            self.found.append({"console": f"{message.location.get('url')}: {text}"})

    @contextmanager
    def during_test(self):
        self.found.clear()
        handler = _ReportLog(self.found)
        logger = logging.getLogger("samhandling.csp")
        logger.addHandler(handler)
        try:
            yield
        finally:
            logger.removeHandler(handler)

    def assert_none(self) -> None:
        found, self.found = list(self.found), []
        assert not found, "Content-Security-Policy violations:\n" + "\n".join(map(str, found))
