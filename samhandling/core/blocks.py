"""StreamField blocks shared by every page type."""

import copy

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents import blocks as document_blocks
from wagtail.images import blocks as image_blocks

from .compiled_lists import compiled_list


class _CompiledChooser:
    """A chooser block whose chosen objects are read through SQL compiled once per process and
    number of objects (`core.compiled_lists`), as Wagtail's `in_bulk` reads them: building that
    query cost more than running it, on every view of a page with links, images or documents.
    Stored and migrated as Wagtail's own block (`canonical_module_path`)."""

    wagtail_path = ""

    @cached_property
    def canonical_module_path(self):
        return self.wagtail_path

    def bulk_to_python(self, values):
        if not all(type(value) is int for value in values if value is not None):
            return super().bulk_to_python(values)
        wanted = sorted({value for value in values if value is not None})
        if not wanted:
            return [None for _value in values]
        model = self.model_class

        def build(**ids):
            return model.objects.filter(pk__in=list(ids.values()))

        ids = {f"id{index}": pk for index, pk in enumerate(wanted)}
        name = f"chooser:{model._meta.label}"
        found = {obj.pk: obj for obj in compiled_list(name, (len(wanted),), build, **ids)}
        result, seen = [], set()
        for pk in values:  # as Wagtail's: in order, None kept, a copy for a repeated one
            obj = found.get(pk)
            if obj is not None and pk in seen:
                obj = copy.copy(obj)
            result.append(obj)
            seen.add(pk)
        return result


class PageChooserBlock(_CompiledChooser, blocks.PageChooserBlock):
    wagtail_path = "wagtail.blocks.PageChooserBlock"


class ImageChooserBlock(_CompiledChooser, image_blocks.ImageChooserBlock):
    wagtail_path = "wagtail.images.blocks.ImageChooserBlock"


class DocumentChooserBlock(_CompiledChooser, document_blocks.DocumentChooserBlock):
    wagtail_path = "wagtail.documents.blocks.DocumentChooserBlock"


RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("Describe the image for those who cannot see it. Empty: the image's own."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    credit = blocks.CharBlock(
        label=_("Credit"), required=False, help_text=_("Empty: the image's own credit.")
    )

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "core/blocks/captioned_image.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False)
    description = blocks.CharBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "core/blocks/document_link.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("info", _("Information")),
            ("success", _("Success")),
            ("warning", _("Warning")),
            ("danger", _("Important")),
        ],
        default="info",
    )
    heading = blocks.CharBlock(label=_("Heading"), required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "core/blocks/callout.html"


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"))
    role = blocks.CharBlock(label=_("Role or title"), required=False)
    organisation = blocks.CharBlock(label=_("Organisation"), required=False)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), required=False)

    class Meta:
        icon = "user"
        label = _("Contact")
        template = "core/blocks/contact.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an external address."""

    title = blocks.CharBlock(label=_("Link text"), required=False)
    page = PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)
    description = blocks.CharBlock(label=_("Description"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")
        template = "core/blocks/link.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            from django.core.exceptions import ValidationError
            from wagtail.blocks.struct_block import StructBlockValidationError

            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choose either a page or an external address."))
                }
            )
        return value


class ContentStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    image = CaptionedImageBlock()
    document = DocumentLinkBlock()
    callout = CalloutBlock()
    contact = ContactBlock()

    class Meta:
        label = _("Content")


class LinkListBlock(blocks.StreamBlock):
    link = LinkBlock()
