"""The project's image model: Wagtail's, plus the photographer or source to credit."""

import copy

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage


class SiteImage(AbstractImage):
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Photographer or source, shown with the image, e.g. 'Foto: Colourbox'."),
    )

    admin_form_fields = (*WagtailImage.admin_form_fields, "credit")

    def get_rendition(self, filter):
        """Wagtail's, kept in the process under the structure version (an image saved or
        deleted is a structure change: its file, focal point and renditions may have changed).

        Wagtail looks a rendition up in the shared cache and writes it back there on every call:
        two round trips to Redis for each image on every page view. A copy of the kept rendition
        is returned, pointing at this image (whose alt text in context it must use)."""
        if self.pk is None:
            return super().get_rendition(filter)
        from .structure_cache import immutable

        spec = filter if isinstance(filter, str) else filter.spec
        kept = immutable(
            "image-rendition",
            self.pk,
            spec,
            build=lambda: super(SiteImage, self).get_rendition(filter),
        )
        rendition = copy.copy(kept)
        rendition.image = self
        return rendition

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
