"""Builds the sign-up rush in the benchmark's own database, through the ORM and Wagtail's page API.

Run by `benchmarks.signup_rush` in a subprocess with the benchmark's settings and DATABASE_URL:

    python -m benchmarks.scenario [--migrate] --organisations 100 --capacity 100 --cap 2

It makes (or reuses) a home page with an event index, served as the default site on 127.0.0.1,
a health community for that site whose members are the organisations (municipalities from the
reference data first, then extra organisations if more are asked for), and for each of
`--events` a new series (places per organisation = --cap, one-event rule off) with one event
(capacity = --capacity) open for sign-up. The last line of output is JSON describing it."""

import argparse
import datetime
import json
import sys

HOST = "127.0.0.1"


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _organisations(count: int) -> list:
    from samhandling.organisations.models import Organisation, OrganisationKind

    chosen = list(
        Organisation.objects.filter(kind=OrganisationKind.KOMMUNE, is_active=True).order_by(
            "municipality_number"
        )[:count]
    )
    for number in range(len(chosen) + 1, count + 1):
        extra, _created = Organisation.objects.get_or_create(
            name=f"Benchmark organisation {number:03d}", kind=OrganisationKind.OTHER
        )
        chosen.append(extra)
    return chosen


def build(*, organisations: int, capacity: int, cap: int, events: int) -> dict:
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Site

    from samhandling.core.demo.builder import ensure_wagtail_roots
    from samhandling.core.pages import HomePage
    from samhandling.events.models import EventIndexPage, EventPage, EventSeriesPage
    from samhandling.organisations.models import HealthCommunity

    with transaction.atomic():
        root = ensure_wagtail_roots()
        home = HomePage.objects.child_of(root).filter(slug="rush").first()
        if home is None:
            home = HomePage(title="Sign-up rush", slug="rush")
            root.add_child(instance=home)
            home = _publish(home)
        index = EventIndexPage.objects.child_of(home).first()
        if index is None:
            index = EventIndexPage(title="Arrangement", slug="arrangementer")
            home.add_child(instance=index)
            index = _publish(index)

        Site.objects.exclude(hostname=HOST).update(is_default_site=False)
        site, _created = Site.objects.update_or_create(
            hostname=HOST,
            port=80,
            defaults={"root_page": home, "site_name": "Sign-up rush", "is_default_site": True},
        )
        members = _organisations(organisations)
        community, _created = HealthCommunity.objects.get_or_create(
            site=site,
            defaults={
                "name": "Sign-up rush",
                "default_language": "nb",
                "contact_email": "rush@example.org",
                "owner": members[0],
            },
        )
        community.members.set(members)

        start = (timezone.now() + datetime.timedelta(days=30)).replace(microsecond=0)
        built = []
        first = EventSeriesPage.objects.child_of(index).count() + 1
        for number in range(first, first + events):
            series = EventSeriesPage(
                title=f"Rush series {number}",
                slug=f"serie-{number}",
                max_per_organisation=cap,
                one_event_per_organisation=False,
            )
            index.add_child(instance=series)
            series = _publish(series)
            event = EventPage(
                title=f"Rush conference {number}",
                slug=f"konferanse-{number}",
                start=start,
                end=start + datetime.timedelta(hours=6),
                venue_name="Benchmark hall",
                venue_city="Tromsø",
                registration_enabled=True,
                capacity=capacity,
            )
            series.add_child(instance=event)
            event = _publish(event)
            _site_id, _root_url, path = event.get_url_parts()
            # The sign-up form (and its CSRF cookie) is on its own page, not on the event page.
            signup_path = f"/arrangement/{event.pk}/pamelding/"
            built.append(
                {
                    "event_id": event.pk,
                    "series_id": series.pk,
                    "path": path,
                    "signup_path": signup_path,
                }
            )
    return {
        "host": HOST,
        "organisations": [organisation.pk for organisation in members],
        "events": built,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--migrate", action="store_true", help="run the migrations first")
    parser.add_argument("--organisations", type=int, default=100)
    parser.add_argument("--capacity", type=int, default=100)
    parser.add_argument("--cap", type=int, default=2)
    parser.add_argument("--events", type=int, default=1, help="series, each with one event")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command

    if args.migrate:
        call_command("migrate", interactive=False, verbosity=0)
    scenario = build(
        organisations=args.organisations, capacity=args.capacity, cap=args.cap, events=args.events
    )
    sys.stdout.write(json.dumps(scenario) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
