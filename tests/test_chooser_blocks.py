"""The chooser blocks of core/blocks.py read the chosen objects through compiled SQL: the same
objects, order, gaps and copies as Wagtail's own blocks, and migrations that name Wagtail's."""

import pytest
from wagtail import blocks as wagtail_blocks
from wagtail.models import Page

from samhandling.core.blocks import DocumentChooserBlock, ImageChooserBlock, PageChooserBlock

pytestmark = pytest.mark.django_db


def test_chosen_pages_come_as_wagtails_block_gives_them(demo):
    ids = list(Page.objects.filter(depth__gt=1).order_by("pk").values_list("pk", flat=True)[:3])
    values = [ids[2], None, ids[0], 987654321, ids[2]]  # a gap, a deleted page, a repeat
    ours = PageChooserBlock().bulk_to_python(values)
    wagtails = wagtail_blocks.PageChooserBlock().bulk_to_python(values)
    assert [getattr(page, "pk", None) for page in ours] == [ids[2], None, ids[0], None, ids[2]]
    assert [getattr(page, "pk", None) for page in ours] == [
        getattr(page, "pk", None) for page in wagtails
    ]
    assert [getattr(page, "title", None) for page in ours] == [
        getattr(page, "title", None) for page in wagtails
    ]
    assert ours[0] is not ours[4]  # a repeated page is a copy of its own, as in Wagtail
    assert PageChooserBlock().bulk_to_python([]) == []
    assert PageChooserBlock().bulk_to_python(
        ["12"]
    ) == wagtail_blocks.PageChooserBlock().bulk_to_python(
        ["12"]
    )  # anything but integers: Wagtail's own way


def test_the_blocks_are_migrated_as_wagtails():
    assert PageChooserBlock().deconstruct()[0] == "wagtail.blocks.PageChooserBlock"
    assert ImageChooserBlock().deconstruct()[0] == "wagtail.images.blocks.ImageChooserBlock"
    assert (
        DocumentChooserBlock().deconstruct()[0] == "wagtail.documents.blocks.DocumentChooserBlock"
    )
