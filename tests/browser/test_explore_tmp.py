from .axe import axe_violations, format_violations, screenshot

PAGES = [
    ("x-home", "mr", "/"),
    ("x-home-hn", "hn", "/"),
    ("x-article", "mr", "/nyhende/haustens-nyheiter-fra-helsefellesskapa/"),
    ("x-news", "mr", "/nyhende/"),
    ("x-org", "mr", "/organisering/"),
    ("x-uu", "mr", "/tilgjengelegheitserklaering/"),
    ("x-404", "mr", "/finst-ikkje/"),
    ("x-search", "mr", "/sok/?q=SSU"),
    ("x-search-empty", "mr", "/sok/"),
]

def test_explore(live_demo, page):
    import time
    for name, site, path in PAGES:
        t = time.time()
        resp = page.goto(getattr(live_demo, site) + path)
        print(name, resp.status, page.title(), round(time.time() - t, 2))
        screenshot(page, name)
        print(format_violations(axe_violations(page)))
