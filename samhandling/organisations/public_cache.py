"""Purges an organisation's public page when what it shows changes: a committee membership, an
agreement adoption, a hearing response or an event registration of the organisation, saved or
deleted (after commit, as page_cache_purge does).

The page also notes every record it reads (page_cache_tags), so a membership, adoption, response
or registration it showed that moves to another organisation purges the old organisation's page
through the record's own tag; the tag below reaches the page of the organisation it now has."""

from django.db.models.signals import post_delete, post_save

from samhandling.core.page_cache_purge import purge_after_commit

from .public_selectors import organisation_page_tag


def on_shown_record_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    organisation_id = getattr(instance, "organisation_id", None)
    if organisation_id:
        purge_after_commit(organisation_page_tag(organisation_id))


def connect() -> None:
    from samhandling.agreements.versions import Adoption
    from samhandling.committees.people import Membership
    from samhandling.events.models import Registration
    from samhandling.hearings.responses import HearingResponse

    for model in (Membership, Adoption, HearingResponse, Registration):
        for signal in (post_save, post_delete):
            signal.connect(
                on_shown_record_changed,
                sender=model,
                dispatch_uid=f"organisation-page-{model._meta.label_lower}-{id(signal)}",
            )
