"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

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
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
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
