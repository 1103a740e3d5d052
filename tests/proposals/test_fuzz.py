"""Fuzzing the proposal form with hypothesis (the same hostile values as the other public forms:
control characters, huge strings, any unicode, HTML, formulas, forged choices, missing and
repeated fields). Whatever is sent: never a 5xx, and nothing half-saved: a refused request leaves
the Proposal and ProposalMail rows as they were; an accepted one adds one proposal and its one
e-mail, with no control character in a one-line field."""

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samhandling.proposals.models import Proposal, ProposalMail
from tests.fuzzing import FORM_EXAMPLES, fixed_budget, record
from tests.public_forms import client_addresses
from tests.test_fuzz_forms import forged_id, mutated

from .helpers import form_url, proposal_data, visitor

pytestmark = pytest.mark.django_db
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_emails = itertools.count(1)
_addresses = client_addresses()


def counts() -> tuple[int, int]:
    return Proposal.objects.count(), ProposalMail.objects.count()


def test_fuzz_the_proposal_form(demo):
    from tests.form_guard import guard_fields

    client = visitor()
    valid = {**proposal_data(), **guard_fields()}
    choices = {
        "organisation": forged_id,
        "kind": st.sampled_from(["news", "date", "NEWS", "event", ""]),
        "date": st.sampled_from(["2031-02-30", "0000-01-01", "9999-12-31", "1.1.1", "i morgon"]),
        "time": st.sampled_from(["25:00", "9.30", "-1:00", "12:60"]),
        "link": st.sampled_from(["javascript:alert(1)", "http://", "ftp://x.org", "//x.org"]),
        "email": st.emails(),
    }

    @fixed_budget(FORM_EXAMPLES)
    @given(data=mutated(valid, choices))
    def propose(data):
        if data.get("email") == valid["email"]:
            data["email"] = f"fuzz{next(_emails)}@example.org"  # a new person each time
        before = counts()
        response = client.post(form_url(), data, REMOTE_ADDR=next(_addresses))
        record("public form: proposal", response.status_code)
        assert response.status_code < 500
        after = counts()
        if response.status_code == 302:
            assert after == (before[0] + 1, before[1] + 1)
            saved = Proposal.objects.order_by("-pk").first()
            for field in ("title", "name", "place", "organisation_other", "email"):
                assert not CONTROL.search(getattr(saved, field)), field
        else:
            assert after == before, response.status_code

    propose()
