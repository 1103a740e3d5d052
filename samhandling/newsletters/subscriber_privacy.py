"""Newsletter subscriptions as a source of personal data (samhandling/privacy/registry.py).

A data request shows each community's subscription of the address (language, lists, dates of
consent and confirmation). Erasure unsubscribes from all: the subscriber is deleted, the address
blanked in its deliveries, and a suppression keeps only the address's hash (so that an import
cannot add it again)."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samhandling.privacy.registry import PersonalDataSource, Record, register_source

from .subscribers import Subscriber, SuppressionReason


def subscribers_of_email(*, email: str):
    return Subscriber.objects.filter(email__iexact=(email or "").strip())


def _records(*, email: str) -> list[Record]:
    records = []
    for subscriber in subscribers_of_email(email=email).select_related("community"):
        lists = [item.name for item in subscriber.lists.all()]
        confirmed = subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else ""
        fields = [
            (_("Health community"), subscriber.community.name),
            (_("E-mail"), subscriber.email),
            (_("Language"), subscriber.language),
            (_("Lists"), ", ".join(lists)),
            (_("Consent given"), subscriber.consented_at.isoformat()),
            (_("Confirmed"), confirmed or _("Not confirmed")),
        ]
        data = {
            "community": subscriber.community.name,
            "email": subscriber.email,
            "language": subscriber.language,
            "lists": lists,
            "consented_at": subscriber.consented_at.isoformat(),
            "confirmed_at": confirmed or None,
        }
        records.append(Record(title=subscriber.community.name, fields=fields, data=data))
    return records


def _erase(*, email: str, now) -> dict[str, int]:
    from .subscribing import unsubscribe_all

    erased = 0
    for subscriber in subscribers_of_email(email=email):
        unsubscribe_all(subscriber=subscriber, reason=SuppressionReason.UNSUBSCRIBED, now=now)
        erased += 1
    return {"deleted": erased}


def register_subscriber_source() -> None:
    register_source(
        PersonalDataSource(
            key="newsletter_subscriptions",
            label=gettext_lazy("Newsletter subscriptions"),
            find=_records,
            erase=_erase,
            purpose=gettext_lazy(
                "To send you the newsletters you chose, in your language. The dates of your "
                "consent and confirmation show that you asked for them."
            ),
            retention=lambda: (
                _(
                    "Until you unsubscribe, which every newsletter has a link for. An address not "
                    "confirmed within %(days)s days is deleted. After unsubscribing we keep only a "
                    "hash of the address, so that it is not added again by mistake."
                )
                % {"days": settings.NEWSLETTER_UNCONFIRMED_DAYS}
            ),
            order=70,
        )
    )
