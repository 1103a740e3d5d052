"""The program of an event: parts with a heading and items, and breaks between them."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ProgramItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("Time"), required=False)
    title = blocks.CharBlock(label=_("Item"))
    speaker = blocks.CharBlock(label=_("Speaker"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("Program item")


class ProgramPartBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"))
    items = blocks.ListBlock(ProgramItemBlock(), label=_("Items"))

    class Meta:
        icon = "list-ol"
        label = _("Program part")


class ProgramBreakBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("Time"), required=False)
    text = blocks.CharBlock(label=_("Text"), help_text=_("For example: coffee break."))

    class Meta:
        icon = "time"
        label = _("Break")


class ProgramStreamBlock(blocks.StreamBlock):
    part = ProgramPartBlock()
    pause = ProgramBreakBlock()

    class Meta:
        label = _("Program")
