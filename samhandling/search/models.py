"""The project's own search index: one row per searchable thing per site, and the extracted text
of uploaded documents (so that a rebuild need not read every PDF again)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """What the search page finds. Written only by `samhandling.search.indexing`, from published,
    public content; the search also checks at query time that the entry's page is still visible."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="+"
    )
    # Identifies the thing within the site ("page:12", "agenda:<uuid>", "document:4@page:12").
    key = models.CharField(_("key"), max_length=200)
    # The entries of one owner ("page:12", "person:3") are always rebuilt together.
    owner = models.CharField(_("owner"), max_length=100, db_index=True)
    kind = models.CharField(_("type"), max_length=40)
    # The page the thing is shown on: hidden, moved or deleted with it.
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    # [[title, url], …] from the outside in: committee, meeting, case.
    context = models.JSONField(_("context"), default=list, blank=True)
    url = models.CharField(_("address"), max_length=1000)
    date = models.DateField(_("date"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    # Lower-cased words (and their stems where the stemmer changes more than the ending),
    # space-separated with a space at either end: what the substring matching runs on.
    title_words = models.TextField(blank=True, editable=False)
    body_words = models.TextField(blank=True, editable=False)
    context_words = models.TextField(blank=True, editable=False)
    # The other pages the entry shows something of (" 12 34 "): its context, a committee that owns
    # a measure. When one of them changes its title, address or visibility, the entry is rebuilt.
    refs = models.TextField(blank=True, editable=False)
    # PostgreSQL only (left empty on SQLite): the `norwegian` text search vector, title weight A,
    # text B, context C.
    vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["site", "key"], name="search_entry_unique_key"),
        ]
        indexes = [models.Index(fields=["site", "kind"], name="search_entry_site_kind")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"

    @property
    def kind_label(self) -> str:
        from .registry import kind

        registered = kind(self.kind)
        return registered.label if registered else self.kind

    @property
    def context_items(self) -> list[dict]:
        return [{"title": title, "url": url} for title, url in self.context]


class DocumentText(models.Model):
    """The text of an uploaded document, extracted once per version of its file."""

    document = models.OneToOneField(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    fingerprint = models.CharField(_("file fingerprint"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    extracted_at = models.DateTimeField(_("extracted"), auto_now=True)

    class Meta:
        verbose_name = _("document text")
        verbose_name_plural = _("document texts")

    def __str__(self) -> str:
        return str(self.document)
