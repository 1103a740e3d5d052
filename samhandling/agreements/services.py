"""Business rules of agreements: recording that a party has adopted a version."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .versions import DUPLICATE_ADOPTION_MESSAGE, FUTURE_ADOPTION_MESSAGE


def adoption_create(
    *,
    version,
    organisation,
    adopted_on: datetime.date,
    body: str = "",
    today: datetime.date | None = None,
):
    """Record a party's adoption of a version. Refuses a date in the future and a second
    adoption by the same party (the database's unique constraint backs this up)."""
    from .versions import Adoption, AgreementVersion

    if adopted_on > (today or timezone.localdate()):
        raise ValidationError({"adopted_on": FUTURE_ADOPTION_MESSAGE})
    try:
        with transaction.atomic():
            AgreementVersion.objects.select_for_update().get(pk=version.pk)
            if Adoption.objects.filter(version=version, organisation=organisation).exists():
                raise ValidationError(DUPLICATE_ADOPTION_MESSAGE)
            return Adoption.objects.create(
                version=version, organisation=organisation, adopted_on=adopted_on, body=body
            )
    except IntegrityError as error:
        raise ValidationError(DUPLICATE_ADOPTION_MESSAGE) from error
