"""The hearing page reads the published responses with a fixed number of queries: the count does
not grow with the number of responses (with section answers, question answers, attachments and
blanked parts), and stays small."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samhandling.hearings.choices import RedactionPart
from samhandling.hearings.responses import QuestionAnswer, Redaction, ResponseAttachment
from tests.conftest import MR_HOST

from .factories import confirmed_response, make_hearing

pytestmark = pytest.mark.django_db

# Wagtail's own serving of a page takes 8 (locale, routing, ancestors, view restrictions); the
# hearing page's reads take about 10, five of them the published responses.
MAX_QUERIES = 18
RESPONSE_QUERIES = 5


def add_responses(hearing, count: int, start: int = 0) -> None:
    sections = hearing.draft_sections
    question = hearing.questions.first()
    received = timezone.now() - datetime.timedelta(days=20)
    for n in range(start, start + count):
        response = confirmed_response(
            hearing,
            name=f"Person {n}",
            email=f"p{n}@example.org",
            general_answer=f"Svar nummer {n}.",
            section_texts={s.key: f"Om del {s.number} frå {n}." for s in sections},
            received_at=received,
        )
        QuestionAnswer.objects.create(response=response, question=question, choice="agree")
        attachment = ResponseAttachment.objects.create(
            response=response, original_name=f"v{n}.pdf", size=100, file=f"hearings/x/v{n}.pdf"
        )
        if n % 3 == 0:
            Redaction.objects.create(
                response=response,
                part=RedactionPart.ATTACHMENT,
                target=str(attachment.pk),
                reason="Sensitivt",
            )
            Redaction.objects.create(
                response=response,
                part=RedactionPart.SECTION,
                target=sections[0].key,
                reason="Personopplysningar",
            )


def queries_for(url: str) -> int:
    client = Client(HTTP_HOST=MR_HOST)
    client.get(url)  # warm the caches (site, menu) as a running site has them
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_hearing_page_does_not_grow_with_the_number_of_responses(demo):
    today = timezone.localdate()
    hearing = make_hearing(
        opens_on=today - datetime.timedelta(days=70),
        deadline=today - datetime.timedelta(days=10),
        questions=("Einig?",),
    )
    add_responses(hearing, 5)
    few = queries_for(hearing.url)
    add_responses(hearing, 45, start=5)
    many = queries_for(hearing.url)
    html = Client(HTTP_HOST=MR_HOST).get(hearing.url).content.decode()
    assert "Svar nummer 49." in html
    assert few == many, f"{few} queries with 5 responses, {many} with 50"
    assert many <= MAX_QUERIES, f"{many} queries"
    from samhandling.hearings.selectors import published_responses

    with CaptureQueriesContext(connection) as captured:
        shown = published_responses(hearing=hearing)
    assert len(shown) == 50
    assert len(captured.captured_queries) == RESPONSE_QUERIES


def test_the_index_does_not_grow_with_the_number_of_hearings(demo):
    from .factories import hearing_index

    index = hearing_index()
    make_hearing(title="Ei")
    few = queries_for(index.url)
    for n in range(5):
        make_hearing(title=f"Fleire {n}")
    many = queries_for(index.url)
    assert few == many
