"""Links to pages in rich text (core/rich_text_links.py) and image renditions
(core/images.py `SiteImage.get_rendition`) are kept with the site's structure: the same HTML as
Wagtail's own, and a moved page or a changed image shows at once."""

import pytest
from django.utils import translation
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import expand_db_html
from wagtail.rich_text.pages import PageLinkHandler

from samhandling.core.images import SiteImage
from samhandling.core.pages import StandardPage
from tests.conftest import MR_HOST

pytestmark = pytest.mark.django_db


def _pages(demo):
    root = demo[MR_HOST].root_page
    return list(StandardPage.objects.live().descendant_of(root).order_by("path")[:2])


@pytest.mark.parametrize("language", ["nn", "nb", "en"])
def test_kept_page_links_are_wagtails_and_follow_a_move(
    demo, language, django_capture_on_commit_callbacks
):
    first, second = _pages(demo)
    html = (
        f'<p><a linktype="page" id="{first.pk}">Ein</a> og '
        f'<a linktype="page" id="{second.pk}">to</a></p>'
    )
    with translation.override(language):
        wagtails = PageLinkHandler.expand_db_attributes_many([{"id": first.pk}, {"id": second.pk}])
        assert expand_db_html(html) == expand_db_html(html)  # made, then kept
        expanded = expand_db_html(html)
    assert expanded == f"<p>{wagtails[0]}Ein</a> og {wagtails[1]}to</a></p>"
    assert f"/{first.slug}/" in expanded
    with django_capture_on_commit_callbacks(execute=True):
        first.slug = "flytta-side"
        first.save_revision().publish()
    with translation.override(language):
        assert "/flytta-side/" in expand_db_html(html)


def test_a_kept_rendition_points_at_the_callers_image_and_follows_a_new_file(
    demo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = SiteImage.objects.create(title="Test", file=get_test_image_file())
    first = image.get_rendition("width-100")
    again = SiteImage.objects.get(pk=image.pk)
    kept = again.get_rendition("width-100")
    assert kept.url == first.url and kept.pk == first.pk
    assert kept.image is again  # alt text in context comes from the caller's image
    again.contextual_alt_text = "I samanhengen"
    assert 'alt="I samanhengen"' in kept.img_tag()

    with django_capture_on_commit_callbacks(execute=True):  # a new file: renditions made again
        image.file = get_test_image_file(filename="ny.png", size=(640, 480))
        image.renditions.all().delete()
        image.save()
    renewed = SiteImage.objects.get(pk=image.pk).get_rendition("width-100")
    assert renewed.pk != first.pk and renewed.height == 75
