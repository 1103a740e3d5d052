"""Test data for hearings: a hearing page with numbered sections under a site's hearings index,
built on the demo sites (the `demo` fixture), and confirmed responses written straight to the
database (the services are tested on their own)."""

import datetime
import uuid

from django.utils import timezone
from wagtail.models import Site

from samhandling.hearings.choices import ResponderKind, ResponseStatus
from samhandling.hearings.pages import HearingIndexPage, HearingPage, HearingQuestion
from samhandling.hearings.responses import HearingResponse, ResponseVersion, SectionAnswer

MR_HOST = "more-og-romsdal.localhost"


def hearing_index(host: str = MR_HOST) -> HearingIndexPage:
    """The site's hearings index (made if the demo has none)."""
    home = Site.objects.get(hostname=host).root_page
    index = HearingIndexPage.objects.child_of(home).first()
    if index is None:
        index = HearingIndexPage(
            title="Høyringar (test)", slug=f"hoyringar-test-{uuid.uuid4().hex[:6]}"
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def make_hearing(
    *,
    host: str = MR_HOST,
    title: str = "Høyring av testplanen",
    sections: int = 3,
    opens_on: datetime.date | None = None,
    deadline: datetime.date | None = None,
    questions: tuple[str, ...] = (),
    **fields,
) -> HearingPage:
    """A published hearing with `sections` numbered sections (open today by default: it opened a
    week ago and closes in seven weeks)."""
    today = timezone.localdate()
    opens_on = opens_on or today - datetime.timedelta(days=7)
    deadline = deadline or opens_on + datetime.timedelta(weeks=8)
    hearing = HearingPage(
        title=title,
        slug=f"hoyring-{uuid.uuid4().hex[:8]}",
        lead="Eit utkast på høyring.",
        opens_on=opens_on,
        deadline=deadline,
        sections=[
            ("section", {"heading": f"Del {n}", "text": f"<p>Teksten i del {n}.</p>"})
            for n in range(1, sections + 1)
        ],
        **fields,
    )
    hearing_index(host).add_child(instance=hearing)
    for number, text in enumerate(questions):
        HearingQuestion.objects.create(hearing=hearing, sort_order=number, text=text)
    hearing.save_revision().publish()
    hearing.refresh_from_db()
    return hearing


def confirmed_response(
    hearing: HearingPage,
    *,
    organisation=None,
    name: str = "Kari Nordmann",
    email: str = "kari@example.org",
    general_answer: str = "Vi støttar utkastet.",
    section_texts: dict[str, str] | None = None,
    received_at: datetime.datetime | None = None,
    **fields,
) -> HearingResponse:
    """A confirmed response with one version, on behalf of `organisation` (a private person when
    None unless `kind` is given)."""
    now = received_at or timezone.now()
    kind = fields.pop("kind", ResponderKind.ORGANISATION if organisation else ResponderKind.PRIVATE)
    response = HearingResponse.objects.create(
        hearing=hearing,
        kind=kind,
        organisation=organisation,
        name=name,
        email=email,
        general_answer=general_answer,
        status=ResponseStatus.CONFIRMED,
        confirmed_at=now,
        received_at=now,
        **fields,
    )
    for key, text in (section_texts or {}).items():
        SectionAnswer.objects.create(response=response, section_key=key, text=text)
    ResponseVersion.objects.create(
        response=response,
        number=1,
        created_at=now,
        content={"general_answer": general_answer, "sections": section_texts or {}},
    )
    return response
