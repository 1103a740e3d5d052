"""Idempotent building blocks for demo content: each `ensure_*` creates what is missing and
updates what differs, and leaves equal things alone (no new revision, no new row)."""

import hashlib
import io
import uuid

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from samhandling.core.images import SiteImage

from . import drawings


def ensure_locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def block_id(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "samhandling-demo/" + "/".join(parts)))


def stream(key: str, blocks: list[tuple[str, object]]) -> list[dict]:
    """Raw StreamField data with stable block ids, so that equal content compares equal."""
    return [
        {"type": kind, "value": value, "id": block_id(key, str(n))}
        for n, (kind, value) in enumerate(blocks)
    ]


def _raw(value):
    return list(value.raw_data) if hasattr(value, "raw_data") else value


def ensure_page(parent: Page, page_class, *, slug: str, **fields) -> Page:
    """Create the page under parent, or bring it in line with `fields` (publishing a revision only
    when something changed)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is None:
        fields.setdefault("locale", parent.locale)
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page
    page = existing.specific
    changed = False
    for name, value in fields.items():
        if _raw(getattr(page, name)) != _raw(value):
            setattr(page, name, value)
            changed = True
    if changed or not page.live:
        page.save_revision().publish()
    return page


def ensure_site(
    *, hostname: str, port: int, root_page: Page, site_name: str, default: bool
) -> Site:
    site = Site.objects.filter(hostname=hostname).first() or Site(hostname=hostname)
    wanted = {
        "port": port,
        "root_page_id": root_page.pk,
        "site_name": site_name,
        "is_default_site": default,
    }
    if site.pk is None or any(getattr(site, k) != v for k, v in wanted.items()):
        if default:
            Site.objects.exclude(pk=site.pk).filter(is_default_site=True).update(
                is_default_site=False
            )
        for key, value in wanted.items():
            setattr(site, key, value)
        site.save()
    return site


def ensure_image(*, title: str, drawing: str, description: str, credit: str) -> SiteImage:
    image = SiteImage.objects.filter(title=title).first()
    if image is None:
        png = getattr(drawings, drawing)()
        image = SiteImage(title=title, description=description, credit=credit)
        image.file = ImageFile(io.BytesIO(png), name=f"{drawing}.png")
        image.save()
    elif (image.description, image.credit) != (description, credit):
        image.description, image.credit = description, credit
        image.save(update_fields=["description", "credit"])
    return image


def ensure_pdf_document(*, title: str, lines: list[str]):
    document_model = get_document_model()
    document = document_model.objects.filter(title=title).first()
    if document is None:
        pdf = drawings.text_pdf(lines)
        name = hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:10] + ".pdf"
        document = document_model(title=title)
        document.file.save(name, ContentFile(pdf), save=False)
        document.save()
    return document


def ensure_wagtail_roots() -> Page:
    """The root page and root collection that Wagtail's migrations make; a database flush removes
    them too, so the demo puts them back before building under them."""
    from django.conf import settings
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(instance=Collection(name="Root"))
    root = Page.get_first_root_node()
    if root is None:
        locale = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root
