import pytest

from samhandling.audit.models import AuditLogEntry
from samhandling.inputs.models import Input, InputStatus, ThemeSummary
from samhandling.inputs.services import (
    InputRefused,
    input_merge,
    input_publish,
    input_send,
    input_set_status,
    input_set_themes,
    input_unmerge,
    summary_publish,
    summary_save,
)

from .factories import event, group_input, registration, series, theme

pytestmark = pytest.mark.django_db


def test_group_input_is_logged_without_its_text(demo, admin_client):
    page = event()
    item = group_input(page, text="Hemmelig tekst")
    entry = AuditLogEntry.objects.get(object_id=str(item.pk), action="samhandling.input.create")
    assert "Hemmelig" not in str(entry.data) and "Hemmelig" not in entry.label


def test_merge_hides_duplicates_counts_them_and_joins_themes(demo):
    page = event()
    a, b = theme("A"), theme("B")
    kept = group_input(page, text="Meld utskrivning tidlig", themes=[a])
    dup = group_input(page, group="Gruppe 2", text="Meld utskrivning tidlig!", themes=[b])
    earlier = group_input(page, group="Gruppe 3", text="Samme")
    input_merge(kept=dup, duplicates=[earlier])
    input_publish(item=dup, published=True)
    assert input_merge(kept=kept, duplicates=[dup]) == 1
    dup.refresh_from_db()
    earlier.refresh_from_db()
    assert dup.merged_into == kept and not dup.published
    assert earlier.merged_into == kept  # re-pointed to the one kept
    assert set(kept.themes.all()) == {a, b}
    with pytest.raises(InputRefused):
        input_publish(item=dup, published=True)
    with pytest.raises(InputRefused):
        input_merge(kept=dup, duplicates=[kept])
    with pytest.raises(InputRefused):
        input_merge(kept=kept, duplicates=[kept])
    input_unmerge(item=dup)
    dup.refresh_from_db()
    assert dup.merged_into is None


def test_status_keeps_a_hearing_only_when_used(demo):
    from samhandling.hearings.pages import HearingPage

    hearing = HearingPage.objects.first()
    item = group_input(event())
    input_set_status(item=item, status=InputStatus.USED, hearing=hearing)
    assert item.hearing == hearing
    input_set_status(item=item, status=InputStatus.FOLLOW_UP, hearing=hearing)
    item.refresh_from_db()
    assert item.status == InputStatus.FOLLOW_UP and item.hearing is None
    with pytest.raises(InputRefused):
        input_set_status(item=item, status="bogus")
    input_set_themes(item=item, themes=[theme()])
    assert item.themes.count() == 1


def test_summary_per_theme_per_series_is_one_row(demo):
    autumn = series()
    topic = theme("Rekruttering")
    first = summary_save(theme=topic, series=autumn, text="Første")
    second = summary_save(theme=topic, series=autumn, text="Andre", published=True)
    assert first.pk == second.pk
    assert ThemeSummary.objects.get(pk=first.pk).text == "Andre"
    summary_publish(summary=second, published=False)
    assert not ThemeSummary.objects.get(pk=first.pk).published
    with pytest.raises(InputRefused):
        summary_save(theme=topic, text="x")
    with pytest.raises(InputRefused):
        summary_save(theme=topic, series=autumn, event=event(), text="x")
    with pytest.raises(InputRefused):
        summary_save(theme=topic, series=autumn, text="   ")


def test_participant_send_rules(demo):
    page = event(days=-20)
    reg, _token = registration(page)
    with pytest.raises(InputRefused) as refused:
        input_send(registration=reg, text="For sent")
    assert refused.value.code == "closed"
    open_page = event(days=-3)
    reg, _token = registration(open_page)
    item = input_send(registration=reg, text="  Innspill  ")
    assert item.text == "Innspill" and item.source == "participant" and not item.published
    with pytest.raises(InputRefused) as refused:
        input_send(registration=reg, text="x" * 10_001)
    assert refused.value.code == "too_long"
    reg.status = "cancelled"
    reg.save()
    with pytest.raises(InputRefused):
        input_send(registration=reg, text="Avmeldt")
    assert Input.objects.filter(registration=reg).count() == 1
