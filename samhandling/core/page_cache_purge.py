"""Purges the page cache when a record that pages show changes, once the change is committed.

- A page published, unpublished, moved or deleted: the page itself and every page that showed
  it (`page:<id>`), its parent (a listing of its children), the listings of its type on its site
  (`type:…`: the home page's latest news and upcoming events), the site's search results, the
  main menu if it is a top-level page, and its descendants (their breadcrumbs and addresses) if
  its title or address changed.
- Any other record of the project's apps (a registration, a membership, minutes, an adoption, a
  hearing response or comment, an organisation, an image, a document, …): the pages that showed
  it (`<app>.<model>:<id>`) and the pages that showed the records it points to (a registration's
  event page and every listing that shows the event's seats; a membership's committee and
  person).
- A health community, a site or a view restriction: every page of the site (header and footer).

Purging happens after commit (`transaction.on_commit`), so no render can put the old state back
under a new key (and page_cache.PageCache.store refuses a render that started before a purge)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from . import page_cache
from .page_cache_tags import (
    SITE_PATH_LENGTH,
    is_page_model,
    is_shown_model,
    record_tag,
    type_tag,
)

# Records whose pointers are not worth following: a registration changes its event's seats,
# not how its organisation is shown.
FOLLOW_ONLY = {"events.registration": {"event"}}
# Page fields whose change can add the page to listings that did not show it (or take it out),
# reorder them, or change the menu, breadcrumbs and addresses of other pages. Other changes
# reach every page that showed the page through its own tag.
STRUCTURE_FIELDS = ("title", "slug", "show_in_menus", "live")
LISTING_FIELDS = ("first_published_at", "date", "start", "end", "cancelled", "opens_on", "deadline")


def purge_after_commit(*tags: str) -> None:
    tags = tuple(sorted({tag for tag in tags if tag}))
    if tags:
        transaction.on_commit(lambda: page_cache.purge_tags(*tags))


# --- pages ----------------------------------------------------------------------------------------
def _parent_tags(path: str) -> list[str]:
    from wagtail.models import Page

    parent_path = path[: -Page.steplen]
    if not parent_path:
        return []
    parent_id = Page.objects.filter(path=parent_path).values_list("id", flat=True).first()
    return [f"page:{parent_id}" if parent_id else "", f"menu:{parent_path}"]


def page_tags(page, *, structure: bool) -> list[str]:
    """What to purge when `page` changes: the pages that showed it, the site's search results;
    if it came, went, moved or was renamed also its parent (a listing of its children), the
    listings of its type, the menu, and its descendants (breadcrumbs, addresses)."""
    site = page.path[:SITE_PATH_LENGTH]
    tags = [f"page:{page.pk}", f"search:{site}"]
    if structure:
        tags += [type_tag(type(page), page.path), f"tree:{page.path}", *_parent_tags(page.path)]
    return tags


def _remember_structure(sender, instance, **kwargs) -> None:
    """pre_save of a page: note whether it changes in a way that other pages' listings, menus or
    breadcrumbs show (see STRUCTURE_FIELDS)."""
    if not is_page_model(sender) or instance.pk is None:
        return
    names = {field.name for field in sender._meta.concrete_fields}
    fields = [name for name in (*STRUCTURE_FIELDS, *LISTING_FIELDS) if name in names]
    before = sender._base_manager.filter(pk=instance.pk).values(*fields).first()
    instance._page_cache_structure_changed = before is None or any(
        before[name] != getattr(instance, name) for name in fields
    )


def on_page_published(sender, instance, **kwargs) -> None:
    changed = getattr(instance, "_page_cache_structure_changed", True)
    purge_after_commit(*page_tags(instance, structure=changed))


def on_page_unpublished(sender, instance, **kwargs) -> None:
    purge_after_commit(*page_tags(instance, structure=True))


def on_page_moved(sender, instance, **kwargs) -> None:
    """pre_page_move and post_page_move: the old position and the new one."""
    from wagtail.models import Page

    fresh = Page.objects.filter(pk=instance.pk).only("path").first()
    if fresh is not None:
        instance_at = type(instance)(pk=instance.pk, path=fresh.path)
        purge_after_commit(*page_tags(instance_at, structure=True))


def on_page_deleted(sender, instance, **kwargs) -> None:
    if is_page_model(sender):
        purge_after_commit(*page_tags(instance, structure=True))


# --- other records --------------------------------------------------------------------------------
def record_tags(instance) -> list[str]:
    """The record's own tag and the tags of the records it points to."""
    model = type(instance)
    tags = [record_tag(model, instance.pk)]
    only = FOLLOW_ONLY.get(model._meta.label_lower)
    for field in model._meta.concrete_fields:
        if not field.is_relation or (only is not None and field.name not in only):
            continue
        tags.append(record_tag(field.related_model, getattr(instance, field.attname)))
    return [tag for tag in tags if tag]


def _site_tags_for(site) -> list[str]:
    if site is None:
        return []
    from wagtail.models import Page

    path = Page.objects.filter(pk=site.root_page_id).values_list("path", flat=True).first()
    return [f"site:{path}", f"menu:{path}"] if path else []


def on_record_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw") or is_page_model(sender) or not is_shown_model(sender):
        return
    tags = record_tags(instance)
    label = sender._meta.label_lower
    if label == "organisations.healthcommunity":
        from wagtail.models import Site

        tags += _site_tags_for(Site.objects.filter(pk=instance.site_id).first())
    elif label == "core.siteimage":  # a health community's logo is in every page's header
        from samhandling.organisations.models import HealthCommunity

        for community in HealthCommunity.objects.filter(logo=instance).select_related("site"):
            tags += _site_tags_for(community.site)
    purge_after_commit(*tags)


def on_relation_changed(sender, instance, action, model, pk_set, **kwargs) -> None:
    if not action.startswith("post_") or is_page_model(type(instance)):
        return
    tags = [record_tag(type(instance), instance.pk)]
    tags += [record_tag(model, pk) for pk in pk_set or ()]
    purge_after_commit(*(tag for tag in tags if tag))
    if type(instance)._meta.label_lower == "organisations.healthcommunity":
        on_record_changed(type(instance), instance)


def on_site_changed(sender, instance, **kwargs) -> None:
    purge_after_commit(*_site_tags_for(instance))


def on_restriction_changed(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path:
        purge_after_commit(f"tree:{path}")


def connect() -> None:
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

    uid = "samhandling-page-cache"
    pre_save.connect(_remember_structure, dispatch_uid=f"{uid}-pre-save")
    page_published.connect(on_page_published, dispatch_uid=f"{uid}-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid=f"{uid}-unpublished")
    pre_page_move.connect(on_page_moved, dispatch_uid=f"{uid}-pre-move")
    post_page_move.connect(on_page_moved, dispatch_uid=f"{uid}-post-move")
    post_delete.connect(on_page_deleted, dispatch_uid=f"{uid}-page-deleted")
    post_save.connect(on_record_changed, dispatch_uid=f"{uid}-saved")
    post_delete.connect(on_record_changed, dispatch_uid=f"{uid}-deleted")
    m2m_changed.connect(on_relation_changed, dispatch_uid=f"{uid}-m2m")
    for signal in (post_save, post_delete):
        signal.connect(on_site_changed, sender=Site, dispatch_uid=f"{uid}-site-{id(signal)}")
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{uid}-restriction-{id(signal)}",
        )
