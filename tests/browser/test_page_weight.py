"""First-visit weight of an event page, as production serves it.

Chromium loads the page with an empty cache and every request it makes is counted: the HTML, the
style sheets, the script, the fonts and the images. Static files are counted as WhiteNoise's
CompressedManifestStaticFilesStorage serves them in production: Brotli where `collectstatic`
made a `.br` file (the `brotli` package is a dependency), gzip for a client without Brotli,
unchanged for files it does not compress (fonts, images) or where compressing saves under 5 %;
the same rules, the same code (`whitenoise.compress.Compressor`). Django itself sends the HTML
uncompressed, so it is counted uncompressed (a proxy that compresses HTML makes it lighter).

Run with `-s` to see the figures; they are printed either way at the end of the test."""

from urllib.parse import urlparse

from whitenoise.compress import Compressor

TROMSO = "/arrangementer/dialogkonferanser-ny-runde/dialogkonferanse-tromso/"
BUDGET = 150 * 1024


def _served_sizes(url: str, body: bytes, content_type: str) -> tuple[int, int]:
    """(bytes with Brotli, bytes with gzip) as production sends this response."""
    path = urlparse(url).path
    if not path.startswith("/static/"):
        return len(body), len(body)  # the HTML, images from the media storage
    compressor = Compressor(quiet=True)
    if not compressor.should_compress(path):
        return len(body), len(body)

    def effective(data: bytes) -> int:
        return len(data) if len(data) / max(len(body), 1) <= 0.95 else len(body)

    return (
        effective(Compressor.compress_brotli(body)),
        effective(Compressor.compress_gzip(body)),
    )


def test_event_page_first_visit_weighs_under_150_kb(live_demo, new_page, capsys):
    page = new_page(viewport={"width": 1280, "height": 900})
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(live_demo.hn + TROMSO)
    page.wait_for_load_state("networkidle")

    rows = []
    for response in responses:
        if response.status >= 300 or response.request.method != "GET":
            continue
        body = response.body()
        content_type = response.headers.get("content-type", "").split(";")[0]
        brotli_size, gzip_size = _served_sizes(response.url, body, content_type)
        rows.append((urlparse(response.url).path, content_type, len(body), brotli_size, gzip_size))

    kinds = {content_type for _path, content_type, *_sizes in rows}
    assert "text/html" in kinds and "text/css" in kinds and "font/woff2" in kinds, kinds
    assert any(path.endswith(".js") for path, *_rest in rows), "the page's script was not loaded"
    raw = sum(row[2] for row in rows)
    with_brotli = sum(row[3] for row in rows)
    with_gzip = sum(row[4] for row in rows)

    lines = [f"First visit of {TROMSO} ({len(rows)} requests):"]
    lines += [
        f"  {path:<60} {size / 1024:7.1f} KB  br {br / 1024:6.1f}  gzip {gz / 1024:6.1f}"
        for path, _type, size, br, gz in sorted(rows, key=lambda row: -row[2])
    ]
    lines.append(
        f"  total: {raw / 1024:.1f} KB uncompressed, {with_brotli / 1024:.1f} KB as served "
        f"(Brotli), {with_gzip / 1024:.1f} KB with gzip only; budget {BUDGET // 1024} KB"
    )
    report = "\n".join(lines)
    with capsys.disabled():
        print("\n" + report)
    # The budget holds even for a browser without Brotli.
    assert with_gzip < BUDGET, report
