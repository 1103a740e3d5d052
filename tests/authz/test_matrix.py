"""The authorisation matrix (issue #10): seven roles against every view, export and API endpoint
that shows or changes personal data or an organisation's records (matrix.py). Each cell is its own
test: an allowed role gets the record (the answer contains its mark); a refused role gets 403, 404
or the login page, or (a list) the list without the record, and never any of the marks.
`test_every_view_is_in_the_matrix` fails when a view of the project is in neither the matrix nor
the list of views that show no personal data."""

import io
import json
import zipfile

import pytest
from django.test import Client

from tests.conftest import MR_HOST
from tests.staff_login import admin_login

from . import world as w
from .matrix import NO_PERSONAL_DATA, NO_PERSONAL_DATA_PREFIXES, ROLES, ROWS, STAFF_ROLES
from .matrix import declared as is_declared
from .views import project_routes

pytestmark = pytest.mark.django_db

# Every mark of a record of community X: a refused role's answer contains none of them.
ALL_MARKS = (
    w.MARK_PARTICIPANT,
    w.MARK_PARTICIPANT_EMAIL,
    w.MARK_RESPONDENT,
    w.MARK_RESPONDENT_EMAIL,
    w.MARK_ANSWER,
    w.MARK_COMMENTER,
    w.MARK_INPUT,
    w.MARK_SUBSCRIBER_EMAIL,
    w.MARK_MEMBER,
    w.MARK_PROPOSER,
    w.MARK_INVITED_EMAIL,
    w.MARK_OUTBOX_SUBJECT,
)
LOGIN_PAGES = ("/admin/login/", "/admin/second-factor/", "/innlogging/")


def client_for(world, role: str) -> Client:
    client = Client(HTTP_HOST=MR_HOST)
    client.cookies["django_language"] = "nn"
    user = world.users.get(role)
    if role in STAFF_ROLES:
        admin_login(client, user)  # password and a verified second factor
    elif user is not None:
        client.force_login(user)
    return client


def body_text(response) -> str:
    """The answer as text: HTML, JSON and CSV as they are; XLSX, DOCX and ZIP unpacked; PDF's
    text extracted."""
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    kind = response.get("Content-Type", "")
    if content[:2] == b"PK":  # XLSX, DOCX, ZIP: the text of every member
        texts = []
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for name in archive.namelist():
                data = archive.read(name)
                if data[:2] == b"PK":
                    with zipfile.ZipFile(io.BytesIO(data)) as inner:
                        data = b" ".join(inner.read(n) for n in inner.namelist())
                texts.append(name + " " + (_pdf_text(data) or data.decode("utf-8", "replace")))
        return "\n".join(texts)
    if content[:5] == b"%PDF-":
        return _pdf_text(content)
    text = content.decode("utf-8", "replace")
    if "json" in kind:
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return text


def _pdf_text(content: bytes) -> str:
    if content[:5] != b"%PDF-":
        return ""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def _request(world, row, role):
    client = client_for(world, role)
    url = row.url(world, role)
    if row.method == "POST":
        return client.post(url, row.data(world) if row.data else {})
    return client.get(url)


def _refused(response, row, role) -> bool:
    status = response.status_code
    if status in (403, 404):
        return True
    if status == 302:  # to the login, or Wagtail's "no permission" back to the dashboard
        location = response["Location"].split("?")[0]
        return location.endswith(LOGIN_PAGES) or (
            role in STAFF_ROLES and location in ("/admin/", "")
        )
    # A public answer, or the list without the record.
    return status == 200 and (row.public or role in row.own_list_roles)


CELLS = [(row, role) for row in ROWS for role in ROLES]


@pytest.mark.parametrize(
    ("row", "role"), CELLS, ids=[f"{row.method} {row.route} as {role}" for row, role in CELLS]
)
def test_cell(world, row, role):
    response = _request(world, row, role)
    text = body_text(response)
    if role in row.allowed:
        assert response.status_code in row.ok_status, (response.status_code, text[:500])
        if row.mark:
            assert row.mark in text
    else:
        assert _refused(response, row, role), (response.status_code, response.get("Location"))
        # A public answer may name what is public (a committee's members): its row's mark only.
        leaked = [mark for mark in ((row.mark,) if row.public else ALL_MARKS) if mark in text]
        assert not leaked, leaked


def test_every_view_is_in_the_matrix():
    """A view of the project that is neither a row of the matrix nor declared to show no
    personal data fails here: add it to matrix.ROWS (or, with the reason, NO_PERSONAL_DATA)."""
    routes = project_routes()
    undeclared = sorted(route for route in routes if not is_declared(route))
    assert not undeclared, "views missing from tests/authz/matrix.py: " + ", ".join(undeclared)
    stale = sorted(
        route
        for route in {row.route for row in ROWS} | set(NO_PERSONAL_DATA)
        if route not in routes
    )
    assert not stale, "rows for views that no longer exist: " + ", ".join(stale)


def test_the_matrix_size(capsys):
    routes = project_routes()
    rows = {row.route for row in ROWS}
    exempt = sorted(route for route in routes if route not in rows and is_declared(route))
    with capsys.disabled():
        print(
            f"\nAuthorisation matrix: {len(ROLES)} roles × {len(rows)} views = "
            f"{len(ROLES) * len(rows)} cells; {len(exempt)} views declared to show no personal "
            f"data ({len(NO_PERSONAL_DATA)} named, {len(NO_PERSONAL_DATA_PREFIXES)} prefixes)."
        )
    assert len(rows) == len(ROWS)  # one row per view
