"""The draft on hearing as numbered sections. Each section keeps the id Wagtail gives its block,
so responses and comments point at a section by that id (`section_key`) even when sections are
added, moved or renamed in a later revision."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

SECTION_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class DraftSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=255)
    text = blocks.RichTextBlock(label=_("Text"), features=SECTION_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Section")


class DraftStreamBlock(blocks.StreamBlock):
    section = DraftSectionBlock()

    class Meta:
        block_counts = {}
