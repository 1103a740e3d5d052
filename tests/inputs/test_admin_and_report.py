"""The secretariat's admin views and the report for the board (PDF and DOCX)."""

import io

import pytest
from django.test import Client
from django.utils import translation

from samhandling.events.models import EventPage, EventSeriesPage
from samhandling.inputs.models import Input, InputStatus, ThemeSummary
from samhandling.inputs.report import report_docx, report_pdf
from samhandling.inputs.selectors import report_sections
from samhandling.inputs.services import input_merge, summary_save

from .factories import event, group_input, series, theme

pytestmark = pytest.mark.django_db


def pdf_text(body: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def docx_text(body: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)


def _scenario():
    autumn = series(title="Dialogserie")
    tromso, bodo = event(autumn, title="Tromsø"), event(autumn, title="Bodø")
    topic = theme("Rekruttering")
    summary_save(theme=topic, series=autumn, text="Styret bør merke seg rekruttering")
    kept = group_input(
        tromso, group="Gruppe 2", text="Felles stillinger – Čáhcesuolu", themes=[topic]
    )
    dup = group_input(bodo, group="Gruppe 4", text="Duplikat av felles stillinger", themes=[topic])
    input_merge(kept=kept, duplicates=[dup])
    group_input(bodo, group="Gruppe 5", text="Uten tema <b>&</b> <para>")
    return autumn, topic


@pytest.mark.parametrize("render,extract", [(report_pdf, pdf_text), (report_docx, docx_text)])
def test_report_lists_theme_summary_and_input(demo, render, extract):
    autumn, _topic = _scenario()
    with translation.override("nn"):
        text = extract(render(scope_title=autumn.title, sections=report_sections(series=autumn)))
    for expected in [
        "Oppsummering av innspel til styret",
        "Dialogserie",
        "Rekruttering",
        "Styret bør merke seg rekruttering",
        "Gruppe 2",
        "Felles stillinger – Čáhcesuolu",
        "Uten tema <b>&</b> <para>",
    ]:
        assert expected in text, expected
    assert "Duplikat av felles stillinger" not in text  # merged: counted under the kept one
    assert "også sagt av 1 til" in text


def test_admin_report_downloads_in_bokmal(demo, admin_client):
    autumn, _topic = _scenario()
    admin_client.cookies["django_language"] = "nb"
    response = admin_client.get(f"/admin/innspel/rapport.pdf?series={autumn.pk}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    response = admin_client.get(f"/admin/innspel/rapport.docx?series={autumn.pk}")
    assert response.status_code == 200
    assert "Styret bør merke seg rekruttering" in docx_text(response.content)
    assert admin_client.get("/admin/innspel/rapport.txt?series=1").status_code == 404
    assert admin_client.get("/admin/innspel/rapport.pdf").status_code == 404


def test_admin_registers_group_input_filters_and_acts(demo, admin_client):
    page = event()
    topic = theme("Akutt")
    response = admin_client.post(
        "/admin/innspel/ny/",
        {"event": page.pk, "group": "Gruppe 3", "text": "Fra tavla", "themes": [topic.pk]},
    )
    assert response.status_code == 302
    item = Input.objects.get(text="Fra tavla")
    assert item.group == "Gruppe 3" and item.created_by == admin_client.user
    bad = admin_client.post(
        "/admin/innspel/ny/", {"event": page.pk, "group": "Gruppe 9", "text": ""}
    )
    assert bad.status_code == 400
    listing = admin_client.get(f"/admin/innspel/?event={page.pk}&theme={topic.pk}&group=Gruppe+3")
    assert listing.status_code == 200 and "Fra tavla" in listing.content.decode()
    searched = admin_client.get(f"/admin/innspel/?event={page.pk}&q=tavla").content.decode()
    assert "Fra tavla" in searched
    assert "Fra tavla" not in admin_client.get("/admin/innspel/?q=ingenting").content.decode()
    other = group_input(page, group="Gruppe 1", text="Annet")
    url = f"/admin/innspel/?event={page.pk}"
    admin_client.post(url, {"ids": [item.pk, other.pk], "action": "publish"})
    assert Input.objects.filter(pk__in=[item.pk, other.pk], published=True).count() == 2
    admin_client.post(url, {"ids": [other.pk], "action": "status", "status": "follow_up"})
    assert Input.objects.get(pk=other.pk).status == InputStatus.FOLLOW_UP
    admin_client.post(url, {"ids": [other.pk], "action": "add_theme", "theme": topic.pk})
    assert topic in Input.objects.get(pk=other.pk).themes.all()
    admin_client.post(url, {"ids": [item.pk, other.pk], "action": "merge", "kept": item.pk})
    other.refresh_from_db()
    assert other.merged_into_id == item.pk and not other.published
    assert admin_client.post(url, {"ids": [], "action": "publish"}).status_code == 302
    edit = admin_client.get(f"/admin/innspel/{item.pk}/")
    assert edit.status_code == 200
    response = admin_client.post(
        f"/admin/innspel/{item.pk}/", {"themes": [], "status": "not_taken", "published": ""}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "not_taken" and not item.published and not item.themes.exists()


def test_admin_writes_and_publishes_summaries(demo, admin_client):
    autumn = series()
    topic = theme("Utskrivning")
    assert admin_client.get("/admin/innspel/oppsummering/").status_code == 200
    url = f"/admin/innspel/oppsummering/?series={autumn.pk}"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url, {f"theme-{topic.pk}-text": "Oppsummert", f"theme-{topic.pk}-published": "on"}
    )
    assert response.status_code == 302
    summary = ThemeSummary.objects.get(theme=topic, series=autumn)
    assert summary.published and summary.text == "Oppsummert"


def test_admin_views_need_login(demo):
    assert Client().get("/admin/innspel/").status_code == 302
    assert Client().get("/admin/innspel/rapport.pdf?series=1").status_code == 302


def test_demo_seed_000_input_covers_both_conferences(demo):
    autumn = EventSeriesPage.objects.get(slug="dialogkonferanser-hosten-2023")
    sections = report_sections(series=autumn)
    assert len([s for s in sections if s.summary and s.summary.published]) == 4
    events = EventPage.objects.child_of(autumn)
    groups = set(
        Input.objects.filter(event__in=events, source="group").values_list("group", flat=True)
    )
    assert groups == {f"Gruppe {n}" for n in range(1, 6)}
    assert Input.objects.filter(event__in=events, source="participant").count() == 2
    assert Input.objects.filter(event__in=events, merged_into__isnull=False).exists()
    tromso = events.get(slug="dialogkonferanse-i-tromso-med-kommuner")
    html = Client(HTTP_HOST="helse-nord.localhost").get(tromso.url).content.decode()
    assert "Rekruttering er den største bekymringen" in html
    assert "Sara Eira" not in html
    from samhandling.inputs.demo import build

    before = Input.objects.count()
    build()
    assert Input.objects.count() == before


def test_admin_registers_group_input_on_an_open_topic(demo, admin_client):
    from wagtail.models import Site

    from samhandling.inputs.models import Topic

    topic = Topic.objects.create(site=Site.objects.first(), title="Åpent tema")
    response = admin_client.post(
        "/admin/innspel/ny/", {"topic": topic.pk, "group": "Gruppe 1", "text": "Om emnet"}
    )
    assert response.status_code == 302
    assert Input.objects.get(text="Om emnet").topic == topic
    both = {"topic": topic.pk, "event": event().pk, "group": "Gruppe 1", "text": "x"}
    assert admin_client.post("/admin/innspel/ny/", both).status_code == 400


def test_admin_bad_parameters_are_never_a_server_error(demo, admin_client):
    assert admin_client.get("/admin/innspel/?event=abc&series=x&status=nope").status_code == 200
    assert admin_client.get("/admin/innspel/999999/").status_code == 404
    assert admin_client.get("/admin/innspel/oppsummering/?series=abc").status_code == 200
    item = group_input(event(), text="Alene")
    response = admin_client.post(
        "/admin/innspel/", {"ids": [item.pk, "x"], "action": "merge", "kept": "999"}
    )
    assert response.status_code == 302
    response = admin_client.post("/admin/innspel/", {"ids": [item.pk], "action": "status"})
    assert response.status_code == 302 and Input.objects.get(pk=item.pk).status == "new"
    assert (
        admin_client.post("/admin/innspel/", {"ids": [item.pk], "action": "??"}).status_code == 302
    )
