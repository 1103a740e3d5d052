"""The authorisation matrix: every view that shows or changes personal data or an organisation's
records, with the roles that may see the record. A row is keyed by its URL pattern as Django's
resolver spells it (`route`); test_matrix.py checks every cell and that every view of the project
is either a row here or in `NO_PERSONAL_DATA` with a reason.

Adding a view is one entry: `Row(route, url, allowed, mark)`. `url(world, role)` gives the address
the role asks for (private links: the holder's own token, everyone else a wrong one); `allowed`
the roles that see the record; `mark` a text of the record (world.MARK_*) that an allowed role's
answer contains and a refused role's answer never does.

The roles, `Row` and the helpers are in rows_base.py; the rows of "Min organisasjon", the
organisation pages and the contacts screen in contact_rows.py; the views declared to show no
personal data, with their reasons, in no_personal_data.py.
"""

from . import world as w
from .contact_rows import CONTACT_ROWS
from .no_personal_data import NO_PERSONAL_DATA, NO_PERSONAL_DATA_PREFIXES
from .rows_base import (
    ADMINISTRATOR,
    LINK_HOLDER,
    NOBODY,
    ROLES,
    SECRETARIAT_X,
    STAFF_ROLES,
    Row,
    _chooser_rows,
    _link,
    _pk,
    _snippet_rows,
    _subscriber_link,
)

__all__ = ["NO_PERSONAL_DATA", "NO_PERSONAL_DATA_PREFIXES", "ROLES", "ROWS", "STAFF_ROLES"]

ROWS: list[Row] = [
    # Events: sign-ups, the outbox, the quota board, check-in, exports, messages.
    *_snippet_rows("events/registration", "registration", w.MARK_PARTICIPANT),
    *_chooser_rows("events/registration", "registration", w.MARK_PARTICIPANT, {"page": "event"}),
    *_snippet_rows(
        "events/outboxmessage",
        "outbox_message",
        w.MARK_PARTICIPANT_EMAIL,
        change=ADMINISTRATOR,
        copy_mark=False,
        search="pernille.matrise",
    ),
    *_chooser_rows(
        "events/outboxmessage",
        "outbox_message",
        w.MARK_PARTICIPANT_EMAIL,
        {"page": ("registration__event", "broadcast__page")},
    ),
    Row(
        "admin/events/registration/<id:pk>/move/",
        _pk("registration", "/admin/events/registration/{pk}/move/"),
        SECRETARIAT_X,
        w.MARK_PARTICIPANT,
    ),
    Row(
        "admin/events/registration/<id:pk>/attended/",
        _pk("registration", "/admin/events/registration/{pk}/attended/"),
        SECRETARIAT_X,
        None,
        method="POST",
        data=lambda world: {"attended": "1"},
        ok_status=(302,),
    ),
    Row(
        "admin/events/registration/<id:pk>/<str:action>/",
        _pk("registration", "/admin/events/registration/{pk}/cancel/"),
        SECRETARIAT_X,
        w.MARK_PARTICIPANT,
    ),
    Row(
        "admin/events/series/<id:pk>/quota/",
        _pk("series", "/admin/events/series/{pk}/quota/"),
        SECRETARIAT_X,
        "Matriseserien",
    ),
    Row(
        "admin/events/event/<id:pk>/check-in/",
        _pk("event", "/admin/events/event/{pk}/check-in/"),
        SECRETARIAT_X,
        w.MARK_PARTICIPANT,
    ),
    Row(
        "admin/events/event/<id:pk>/export/",
        _pk("event", "/admin/events/event/{pk}/export/?file_format=csv&columns=name&columns=email"),
        SECRETARIAT_X,
        w.MARK_PARTICIPANT_EMAIL,
    ),
    Row(
        "admin/events/event/<id:pk>/badges/",
        _pk("event", "/admin/events/event/{pk}/badges/"),
        SECRETARIAT_X,
        w.MARK_PARTICIPANT,
    ),
    Row(
        "admin/events/event/<id:pk>/notify/",
        _pk("event", "/admin/events/event/{pk}/notify/"),
        SECRETARIAT_X,
        "Matrisekonferansen",
    ),
    Row(
        "admin/events/event/<id:pk>/notify-cancelled/",
        _pk("event", "/admin/events/event/{pk}/notify-cancelled/"),
        SECRETARIAT_X,
        None,  # the event is not cancelled: a page saying so
    ),
    Row(
        "admin/events/<id:pk>/message/",
        _pk("event", "/admin/events/{pk}/message/"),
        SECRETARIAT_X,
        "Matrisekonferansen",
    ),
    # Hearings: the board, a response, the exports and the report; comments on sections.
    Row(
        "admin/hearings/",
        lambda world, role: "/admin/hearings/",
        SECRETARIAT_X,
        "Matrisehøyringa",
        listing=True,
    ),
    Row(
        "admin/hearings/<id:pk>/board/",
        _pk("hearing", "/admin/hearings/{pk}/board/"),
        SECRETARIAT_X,
        "Matrisehøyringa",
    ),
    Row(
        "admin/hearings/<id:pk>/remind/",
        _pk("hearing", "/admin/hearings/{pk}/remind/"),
        SECRETARIAT_X,
        None,
        ok_status=(200, 302, 405),
    ),
    Row(
        "admin/hearings/<id:pk>/extend/",
        _pk("hearing", "/admin/hearings/{pk}/extend/"),
        SECRETARIAT_X,
        None,
        ok_status=(200, 302, 405),
    ),
    Row(
        "admin/hearings/<id:pk>/extension/<id:extension_pk>/remove/",
        _pk("hearing", "/admin/hearings/{pk}/extension/999999/remove/"),
        NOBODY,
        None,
        method="POST",
    ),
    Row(
        "admin/hearings/<id:pk>/register/",
        _pk("hearing", "/admin/hearings/{pk}/register/"),
        SECRETARIAT_X,
        "Matrisehøyringa",
    ),
    Row(
        "admin/hearings/<id:pk>/export.xlsx",
        _pk("hearing", "/admin/hearings/{pk}/export.xlsx"),
        SECRETARIAT_X,
        w.MARK_ANSWER,
    ),
    Row(
        "admin/hearings/<id:pk>/archive.zip",
        _pk("hearing", "/admin/hearings/{pk}/archive.zip"),
        SECRETARIAT_X,
        w.MARK_ANSWER,
    ),
    Row(
        "admin/hearings/<id:pk>/report/",
        _pk("hearing", "/admin/hearings/{pk}/report/"),
        SECRETARIAT_X,
        "Matrisehøyringa",
    ),
    Row(
        "admin/hearings/<id:pk>/report.<str:fmt>",
        _pk("hearing", "/admin/hearings/{pk}/report.docx"),
        SECRETARIAT_X,
        "Matrisehøyringa",
    ),
    Row(
        "admin/hearings/response/<id:pk>/",
        _pk("response", "/admin/hearings/response/{pk}/"),
        SECRETARIAT_X,
        w.MARK_RESPONDENT_EMAIL,
    ),
    Row(
        "admin/hearing-comments/",
        lambda world, role: "/admin/hearing-comments/",
        SECRETARIAT_X,
        "Matrisehøyringa",
        listing=True,
    ),
    Row(
        "admin/hearing-comments/<id:hearing_id>/",
        _pk("hearing", "/admin/hearing-comments/{pk}/"),
        SECRETARIAT_X,
        w.MARK_COMMENTER,
    ),
    Row(
        "admin/hearing-comments/comment/<id:pk>/<str:action>/",
        _pk("comment", "/admin/hearing-comments/comment/{pk}/publish/"),
        SECRETARIAT_X,
        w.MARK_COMMENTER,
    ),
    # Input.
    Row(
        "admin/innspel/",
        lambda world, role: "/admin/innspel/",
        SECRETARIAT_X,
        w.MARK_INPUT,
        listing=True,
    ),
    # The form offers the events of the user's own communities.
    Row(
        "admin/innspel/ny/",
        lambda world, role: "/admin/innspel/ny/",
        SECRETARIAT_X,
        None,
        listing=True,
    ),
    Row(
        "admin/innspel/<id:pk>/",
        _pk("input", "/admin/innspel/{pk}/"),
        SECRETARIAT_X,
        w.MARK_INPUT,
    ),
    Row(
        "admin/innspel/oppsummering/",
        _pk("event", "/admin/innspel/oppsummering/?event={pk}"),
        SECRETARIAT_X,
        None,  # the summaries per theme (a participant's input is listed in the report)
        listing=True,
    ),
    Row(
        "admin/innspel/rapport.<str:file_format>",
        _pk("event", "/admin/innspel/rapport.docx?event={pk}"),
        SECRETARIAT_X,
        w.MARK_INPUT,
    ),
    # Newsletters: subscribers and sends.
    Row(
        "admin/nyhendebrev/lister/",
        lambda world, role: "/admin/nyhendebrev/lister/",
        SECRETARIAT_X,
        "Møre og Romsdal",
        listing=True,
    ),
    Row(
        "admin/nyhendebrev/lister/ny/",
        lambda world, role: f"/admin/nyhendebrev/lister/ny/?community={world.x.pk}",
        SECRETARIAT_X,
        None,
    ),
    Row(
        "admin/nyhendebrev/lister/<id:pk>/",
        _pk("mailing_list", "/admin/nyhendebrev/lister/{pk}/"),
        SECRETARIAT_X,
        None,
    ),
    Row(
        "admin/nyhendebrev/lister/<id:pk>/abonnentar/",
        _pk("mailing_list", "/admin/nyhendebrev/lister/{pk}/abonnentar/"),
        SECRETARIAT_X,
        w.MARK_SUBSCRIBER_EMAIL,
    ),
    Row(
        "admin/nyhendebrev/lister/<id:list_pk>/abonnentar/<id:pk>/fjern/",
        lambda world, role: (
            f"/admin/nyhendebrev/lister/{world.mailing_list.pk}/abonnentar/"
            f"{world.subscriber.pk}/fjern/"
        ),
        SECRETARIAT_X,
        w.MARK_SUBSCRIBER_EMAIL,
    ),
    Row(
        "admin/nyhendebrev/lister/<id:pk>/import/",
        _pk("mailing_list", "/admin/nyhendebrev/lister/{pk}/import/"),
        SECRETARIAT_X,
        None,
    ),
    Row(
        "admin/newsletters/issue/<id:pk>/",
        _pk("issue", "/admin/newsletters/issue/{pk}/"),
        SECRETARIAT_X,
        None,
    ),
    Row(
        "admin/newsletters/issue/<id:pk>/preview.<str:fmt>",
        _pk("issue", "/admin/newsletters/issue/{pk}/preview.html"),
        SECRETARIAT_X,
        None,
    ),
    Row(
        "admin/newsletters/issue/<id:pk>/test/",
        _pk("issue", "/admin/newsletters/issue/{pk}/test/"),
        SECRETARIAT_X,
        None,
        ok_status=(200, 302, 405),
    ),
    Row(
        "admin/newsletters/issue/<id:pk>/send/",
        _pk("issue", "/admin/newsletters/issue/{pk}/send/"),
        SECRETARIAT_X,
        None,
        ok_status=(200, 302, 405),
    ),
    Row(
        "admin/newsletters/send/<id:pk>/",
        _pk("newsletter_send", "/admin/newsletters/send/{pk}/"),
        SECRETARIAT_X,
        None,
    ),
    # Committees: people and memberships, follow-up, minutes.
    # People and memberships are managed by administrators (the secretariat has no permissions
    # on them); a user given them sees only its communities' committees (organisations.roles).
    *_snippet_rows("committees/person", "person", w.MARK_MEMBER, allowed=ADMINISTRATOR),
    *_chooser_rows(
        "committees/person", "person", w.MARK_MEMBER, {"page": "memberships__committee"}
    ),
    *_snippet_rows("committees/membership", "membership", w.MARK_MEMBER, allowed=ADMINISTRATOR),
    *_chooser_rows("committees/membership", "membership", w.MARK_MEMBER, {"page": "committee"}),
    Row(
        "admin/committees/follow-up/",
        lambda world, role: "/admin/committees/follow-up/",
        SECRETARIAT_X,
        None,
        listing=True,  # the decisions of the committees whose meetings the user may publish
    ),
    Row(
        "admin/committees/meeting/<id:pk>/publish-minutes/",
        _pk("meeting", "/admin/committees/meeting/{pk}/publish-minutes/"),
        SECRETARIAT_X,
        None,
    ),
    # Proposals sent to the secretariat.
    Row(
        "admin/forslag/",
        lambda world, role: "/admin/forslag/",
        SECRETARIAT_X,
        w.MARK_PROPOSER,
        listing=True,
    ),
    Row(
        "admin/forslag/results/",
        lambda world, role: "/admin/forslag/results/",
        SECRETARIAT_X,
        w.MARK_PROPOSER,
        listing=True,
    ),
    Row(
        "admin/forslag/inspect/<id:pk>/",
        _pk("proposal", "/admin/forslag/inspect/{pk}/"),
        SECRETARIAT_X,
        w.MARK_PROPOSER,
    ),
    # Proposals are read-only in the admin: no role edits, deletes or copies one there.
    *[
        Row(
            f"admin/forslag/{view}/<id:pk>/",
            _pk("proposal", f"/admin/forslag/{view}/{{pk}}/"),
            NOBODY,
            w.MARK_PROPOSER,
        )
        for view in ("edit", "delete", "copy", "history", "usage")
    ],
    Row(
        "admin/forslag/history-results/<id:pk>/",
        _pk("proposal", "/admin/forslag/history-results/{pk}/"),
        NOBODY,
        w.MARK_PROPOSER,
    ),
    Row("admin/forslag/new/", lambda world, role: "/admin/forslag/new/", NOBODY, None),
    # The personal-data tool reaches every community: administrators only.
    Row(
        "admin/personal-data/",
        lambda world, role: "/admin/personal-data/",
        ADMINISTRATOR,
        w.MARK_PARTICIPANT,
        method="POST",
        data=lambda world: {"email": w.MARK_PARTICIPANT_EMAIL},
    ),
    Row(
        "admin/personal-data/download/",
        lambda world, role: "/admin/personal-data/download/",
        ADMINISTRATOR,
        w.MARK_PARTICIPANT,
        method="POST",
        data=lambda world: {"email": w.MARK_PARTICIPANT_EMAIL},
    ),
    Row(
        "admin/personal-data/erase/",
        lambda world, role: "/admin/personal-data/erase/",
        ADMINISTRATOR,
        None,
        method="POST",
        data=lambda world: {"email": w.MARK_PARTICIPANT_EMAIL, "reason": ""},
        ok_status=(400,),
    ),
    # The demo's mail viewer (every e-mail sent): administrators only.
    Row("admin/demo-mail/", lambda world, role: "/admin/demo-mail/", ADMINISTRATOR, None),
    Row(
        "admin/demo-mail/clear/",
        lambda world, role: "/admin/demo-mail/clear/",
        ADMINISTRATOR,
        None,
        method="POST",
        ok_status=(302,),
    ),
    Row(
        "admin/demo-mail/<str:key>/",
        lambda world, role: "/admin/demo-mail/ukjend/",
        ADMINISTRATOR,
        None,
        ok_status=(404,),
    ),
    Row(
        "admin/demo-mail/<str:key>/attachment/<int:index>/",
        lambda world, role: "/admin/demo-mail/ukjend/attachment/0/",
        ADMINISTRATOR,
        None,
        ok_status=(404,),
    ),
    # Private links: the holder sees the record; a wrong link shows nothing.
    Row(
        "p/<str:token>/",
        _link(w.TOKEN_REGISTRATION, "/p/{token}/"),
        LINK_HOLDER,
        w.MARK_PARTICIPANT,
    ),
    Row(
        "p/<str:token>/innspel/",
        _link(w.TOKEN_REGISTRATION, "/p/{token}/innspel/"),
        LINK_HOLDER,
        None,
    ),
    Row(
        "hoyring/svar/<str:token>/",
        _link(w.TOKEN_RESPONSE, "/hoyring/svar/{token}/"),
        LINK_HOLDER,
        w.MARK_RESPONDENT,
    ),
    Row(
        "hoyring/svar/<str:token>/endre/",
        _link(w.TOKEN_RESPONSE, "/hoyring/svar/{token}/endre/"),
        LINK_HOLDER,
        w.MARK_RESPONDENT,
    ),
    Row(
        "hoyring/svar/<str:token>/kvittering/",
        _link(w.TOKEN_RESPONSE, "/hoyring/svar/{token}/kvittering/"),
        LINK_HOLDER,
        None,
    ),
    Row(
        "hoyring/kommentar/<str:token>/",
        _link(w.TOKEN_COMMENT, "/hoyring/kommentar/{token}/"),
        LINK_HOLDER,
        None,
    ),
    Row(
        "personvern/innsyn/<str:token>/",
        _link(w.TOKEN_DATA_REQUEST, "/personvern/innsyn/{token}/"),
        LINK_HOLDER,
        w.MARK_PARTICIPANT,
    ),
    Row(
        "personvern/innsyn/<str:token>/data.json",
        _link(w.TOKEN_DATA_REQUEST, "/personvern/innsyn/{token}/data.json"),
        LINK_HOLDER,
        w.MARK_PARTICIPANT,
    ),
    Row(
        "personvern/innsyn/<str:token>/slett/",
        _link(w.TOKEN_DATA_REQUEST, "/personvern/innsyn/{token}/slett/"),
        LINK_HOLDER,
        None,
    ),
    Row(
        "nyhendebrev/stadfest/<str:token>/",
        _subscriber_link("/nyhendebrev/stadfest/{token}/", confirmation=True),
        LINK_HOLDER,
        None,
    ),
    Row(
        "nyhendebrev/innstillingar/<str:token>/",
        _subscriber_link("/nyhendebrev/innstillingar/{token}/"),
        LINK_HOLDER,
        w.MARK_SUBSCRIBER_EMAIL,
    ),
    Row(
        "nyhendebrev/avmeld/<str:token>/",
        _subscriber_link("/nyhendebrev/avmeld/{token}/"),
        LINK_HOLDER,
        None,
    ),
    Row(
        "send-inn/stadfest/<str:token>/",
        _link(w.TOKEN_PROPOSAL, "/send-inn/stadfest/{token}/"),
        LINK_HOLDER,
        None,
    ),
    # The JSON API publishes published records only: nobody finds a private address in it.
    Row(
        "api/hearings/<id:hearing_id>",
        _pk("hearing", "/api/hearings/{pk}"),
        NOBODY,
        w.MARK_RESPONDENT_EMAIL,
        public=True,
    ),
    Row(
        "api/committees/<id:committee_id>",
        lambda world, role: f"/api/committees/{world.membership.committee_id}",
        NOBODY,
        "mons.medlem@example.org",
        public=True,
    ),
    Row(
        "api/events/<id:event_id>",
        _pk("event", "/api/events/{pk}"),
        NOBODY,
        w.MARK_PARTICIPANT,
        public=True,
    ),
    Row(
        "api/organisations/<id:organisation_id>",
        lambda world, role: f"/api/organisations/{world.organisation_a.pk}",
        NOBODY,
        w.MARK_PARTICIPANT,
        public=True,
    ),
    *CONTACT_ROWS,
]


def declared(route: str) -> bool:
    """Is `route` a row of the matrix or a view declared to show no personal data?"""
    return (
        route in ROUTES
        or route in NO_PERSONAL_DATA
        or any(route.startswith(prefix) for prefix in NO_PERSONAL_DATA_PREFIXES)
    )


ROUTES = {row.route for row in ROWS}
