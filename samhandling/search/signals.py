"""Keeps the index current: pages published, unpublished, moved, saved or deleted, and the records
that sources watch (people, memberships, agreement versions, documents). The work is done after
the transaction commits (`indexing.schedule`)."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import Page, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import registry
from .indexing import schedule


def _page_published(sender, instance, **kwargs):
    schedule(f"page:{instance.pk}")


def _page_unpublished(sender, instance, **kwargs):
    schedule(f"tree:{instance.pk}")


def _page_moved(sender, instance, **kwargs):
    schedule(f"tree:{instance.pk}")


def _page_saved(sender, instance, raw=False, **kwargs):
    # A live page saved outside publishing (a script, a service) may change what is shown.
    if not raw and instance.live:
        schedule(f"page:{instance.pk}")


def _document_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .models import SearchEntry

    owners = SearchEntry.objects.filter(document_id=instance.pk).values_list("owner", flat=True)
    schedule(*set(owners))


def _watcher(owners_of):
    def changed(sender, instance, raw=False, **kwargs):
        if not raw:
            schedule(*owners_of(instance))

    return changed


def connect() -> None:
    page_published.connect(_page_published, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="search-page-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="search-page-moved")
    for model in {Page, *get_page_models()}:
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"search-page-saved-{model}")
    post_save.connect(_document_saved, sender=get_document_model(), dispatch_uid="search-doc")
    for number, (model, owners_of) in enumerate(registry.watches()):
        receiver = _watcher(owners_of)
        uid = f"search-watch-{number}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid + "-save")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid + "-delete")
