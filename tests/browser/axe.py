"""Accessibility checks with axe-core (WCAG 2.0 and 2.1, levels A and AA), plus a screenshot."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "vendor" / "axe.min.js"
SCREENSHOTS = HERE / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a <script> tag: the Content-Security-Policy refuses inline
        # scripts, and what Playwright evaluates is not subject to it.
        page.evaluate(AXE_JS.read_text())
    return page.evaluate(_RUN, WCAG_TAGS)


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {node['target']}")
            for detail in (node["summary"] or "").splitlines()[1:]:
                if detail.strip():
                    lines.append(f"        {detail.strip()}")
    return "\n".join(lines)


def check_accessibility(page, name: str) -> None:
    """Save a full-page screenshot as screenshots/<name>.png and fail on any axe violation."""
    screenshot(page, name)
    violations = axe_violations(page)
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + (
        format_violations(violations)
    )
