"""The API's interactive documentation (/api/docs): Swagger UI from our own static files, usable
and accessible, at 1280 and 320 px; without JavaScript it points to the OpenAPI description."""

from .axe import check_accessibility

MEETINGS = "#operations-meetings-samhandling_api_meetings_list_meetings"


def _requested_hosts(page) -> set:
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    return hosts


def test_docs_render_from_our_own_files_and_try_a_request(live_demo, page):
    hosts = _requested_hosts(page)
    page.goto(f"{live_demo.mr}/api/docs")
    page.wait_for_selector(f"{MEETINGS} .opblock-summary-control")
    assert page.locator("h1").inner_text().startswith("Samhandling API")
    page.click(f"{MEETINGS} .opblock-summary-control")
    page.click(f"{MEETINGS} button.try-out__btn")
    page.click(f"{MEETINGS} button.execute")
    page.wait_for_selector(f"{MEETINGS} .live-responses-table .response-col_status")
    assert "Møte i SSU" in page.locator(f"{MEETINGS} .live-responses-table").inner_text()
    check_accessibility(page, "api-docs-1280")
    assert hosts == {live_demo.mr.split("/")[2]}, "the docs page asked another host for something"


def test_docs_at_320_px_fit_the_screen(live_demo, new_page):
    page = new_page(viewport={"width": 320, "height": 800})
    page.goto(f"{live_demo.hn}/api/docs")
    page.wait_for_selector(f"{MEETINGS} .opblock-summary-control")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    check_accessibility(page, "api-docs-320")


def test_without_javascript_the_docs_link_the_openapi_description(live_demo, nojs_page):
    nojs_page.goto(f"{live_demo.mr}/api/docs")
    assert nojs_page.locator("h1").inner_text() == "Samhandling API"
    link = nojs_page.get_by_role("link", name="/api/openapi.json")
    assert link.is_visible()
    assert link.get_attribute("href") == "/api/openapi.json"
