"""The accessibility helper itself: it must fail loudly, and name what is wrong and where."""

import pytest

from .axe import check_accessibility

BROKEN = """<!doctype html><html><head><title>Broken</title></head><body><main>
<h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="no-alt">
<a href="/x" id="empty-link"></a></main></body></html>"""


def test_check_accessibility_lists_each_violation_and_its_nodes(page):
    page.set_content(BROKEN)
    with pytest.raises(AssertionError) as failure:
        check_accessibility(page, "axe-self-test")
    message = str(failure.value)
    assert "image-alt" in message and "#no-alt" in message
    assert "link-name" in message and "#empty-link" in message
    assert "html-has-lang" in message
