import pytest

# Modules that test the demo's own hearing records keep them.
KEEP_DEMO_RECORDS = {"tests.hearings.test_demo"}


@pytest.fixture(autouse=True)
def _without_demo_hearing_records(request):
    """The demo's hearings come with responses, comments and e-mails; the tests here count such
    records across the database, so they start without the demo's (rolled back after the test)."""
    if "demo" not in request.fixturenames or request.module.__name__ in KEEP_DEMO_RECORDS:
        return
    request.getfixturevalue("demo")
    from samhandling.hearings.models import HearingMail, HearingResponse, SectionComment

    HearingMail.objects.all().delete()
    HearingResponse.objects.all().delete()
    SectionComment.objects.all().delete()
