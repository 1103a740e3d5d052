import pytest


@pytest.fixture
def cache_on(settings, monkeypatch):
    """The page cache on (it is off in the other tests), entries kept five minutes. One clock:
    a page rendered right after a purge may be kept (no margin for other servers' clocks)."""
    monkeypatch.setattr("samhandling.core.page_cache.CLOCK_MARGIN", 0.0)
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_SECONDS = 300
    return settings
