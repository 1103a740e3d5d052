from .images import SiteImage, SiteRendition  # noqa: F401
from .pages import HomePage, StandardPage  # noqa: F401
