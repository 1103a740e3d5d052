"""Every public page type of the demo, by name: one address each (shared by the reflow test at
320 px and the Content-Security-Policy test)."""

ARTICLE_PATH = "/nyhende/haustens-nyheiter-fra-helsefellesskapa/"
SERIES = "/arrangementer/dialogkonferanser-ny-runde/"
TROMSO = SERIES + "dialogkonferanse-tromso/"
SSU = "/utval/partnarskapsmotet/ssu/"


def public_page_types(live_demo) -> dict[str, str]:
    """The page types that answer a GET; "not-found" answers 404, the others 200."""
    from samhandling.committees.people import Person
    from samhandling.organisations.models import Organisation

    person = Person.objects.get(name="Ingrid Leirvåg")
    molde = Organisation.objects.get(name="Molde")
    return {
        "home": live_demo.mr + "/",
        "standard-page": live_demo.mr + "/om-helsefellesskapet/",
        "news-index": live_demo.mr + "/nyhende/",
        "news-article": live_demo.mr + ARTICLE_PATH,
        "event-index": live_demo.hn + "/arrangementer/",
        "event-series": live_demo.hn + SERIES,
        "event": live_demo.hn + TROMSO,
        "committee-index": live_demo.mr + "/utval/",
        "committee": live_demo.mr + SSU,
        "meeting": live_demo.mr + SSU + "2023-09-20/",
        "person": live_demo.mr + f"/utval/person/{person.pk}/",
        "follow-up": live_demo.mr + SSU + "oppfolging/",
        "archive": live_demo.mr + SSU + "arkiv/2023/",
        "agreement": live_demo.mr + "/samarbeidsavtalen/",
        "sub-agreement": live_demo.mr + "/samarbeidsavtalen/delavtale-1/",
        "action-plan": live_demo.mr + "/handlingsplan/",
        "hearing-index": live_demo.mr + "/hoyringar/",
        "hearing": live_demo.mr + "/hoyringar/revidert-samarbeidsavtale-2024/",
        "organisation-index": live_demo.mr + "/organisasjonar/",
        "organisation": live_demo.mr + f"/organisasjonar/{molde.pk}-molde/",
        "search": live_demo.mr + "/sok/?q=avtale",
        "not-found": live_demo.mr + "/finst-ikkje/",
    }
