"""The authorisation matrix: every view that shows or changes personal data or an organisation's
records, with the roles that may see the record. A row is keyed by its URL pattern as Django's
resolver spells it (`route`); test_matrix.py checks every cell and that every view of the project
is either a row here or in `NO_PERSONAL_DATA` with a reason.

Adding a view is one entry: `Row(route, url, allowed, mark)`. `url(world, role)` gives the address
the role asks for (private links: the holder's own token, everyone else a wrong one); `allowed`
the roles that see the record; `mark` a text of the record (world.MARK_*) that an allowed role's
answer contains and a refused role's answer never does.

The views being built for issue #10 are rows like these (the completeness test fails until they
are added, so none is forgotten):

    # "Min organisasjon": organisation A's contact sees A's sign-ups; B's contact its own page.
    Row("min-organisasjon/", lambda world, role: "/min-organisasjon/",
        frozenset({"contact_a"}), w.MARK_PARTICIPANT, listing=CONTACTS | STAFF_ROLES),
    # The secretariat's contacts screen of an organisation of community X.
    Row("admin/contacts/organisation/<id:pk>/", _pk("organisation_a", "/admin/...{pk}/"),
        SECRETARIAT_X, "contact_a@matrise.example.org"),
"""

from collections.abc import Callable
from dataclasses import dataclass

from . import world as w

ROLES = (
    "anonymous",
    "link_holder",
    "contact_a",
    "contact_b",
    "secretariat_x",
    "secretariat_y",
    "administrator",
)
STAFF_ROLES = frozenset({"secretariat_x", "secretariat_y", "administrator"})
CONTACTS = frozenset({"contact_a", "contact_b"})

SECRETARIAT_X = frozenset({"secretariat_x", "administrator"})
ADMINISTRATOR = frozenset({"administrator"})
LINK_HOLDER = frozenset({"link_holder"})
NOBODY = frozenset()
CONTACT_A = frozenset({"contact_a"})


@dataclass(frozen=True)
class Row:
    route: str
    url: Callable
    allowed: frozenset
    mark: str | None
    method: str = "GET"
    data: Callable | None = None
    # A list: a member of staff who may not see the record gets the list without it (200); or
    # the roles that get their own list or page without it (a frozenset of roles).
    listing: bool | frozenset = False
    # What an allowed role gets: 200, or a redirect after a change (POST).
    ok_status: tuple = (200,)
    # A public answer (the JSON API): every role gets it, none finds the private mark in it.
    public: bool = False

    @property
    def own_list_roles(self) -> frozenset:
        """The roles that, refused the record, still get a 200 (their own list, without it)."""
        if self.listing is True:
            return STAFF_ROLES
        return self.listing or frozenset()


def _link(token: str, template: str) -> Callable:
    """A private link: its holder asks with the token, everyone else with a wrong one."""
    return lambda world, role: template.format(
        token=token if role == "link_holder" else w.WRONG_TOKEN
    )


def _subscriber_link(template: str, confirmation: bool = False) -> Callable:
    def url(world, role):
        token = world.subscriber_confirmation_token if confirmation else world.subscriber_token
        return template.format(token=token if role == "link_holder" else w.WRONG_TOKEN)

    return url


def _snippet_rows(
    app_model: str,
    obj: str,
    mark: str,
    allowed=SECRETARIAT_X,
    change=None,
    copy_mark=True,
    search: str | None = None,
) -> list[Row]:
    """The views of a Wagtail snippet viewset of one of our models (`change`: who may open the
    edit, usage and history views, when fewer than those who see the list)."""
    change = allowed if change is None else change
    base = f"admin/snippets/{app_model}/"

    def pk_url(view):
        return lambda world, role: f"/{base}{view}/{getattr(world, obj).pk}/"

    # A search for part of the mark (never the whole of it: the search box echoes the query).
    search = f"?q={search or mark.split()[-1]}"
    return [
        Row(base, lambda world, role: f"/{base}{search}", allowed, mark, listing=True),
        Row(
            f"{base}results/",
            lambda world, role: f"/{base}results/{search}",
            allowed,
            mark,
            listing=True,
        ),
        Row(f"{base}add/", lambda world, role: f"/{base}add/", ADMINISTRATOR, None),
        Row(f"{base}edit/<id:pk>/", pk_url("edit"), change, mark),
        Row(f"{base}delete/<id:pk>/", pk_url("delete"), ADMINISTRATOR, mark),
        Row(f"{base}usage/<id:pk>/", pk_url("usage"), change, mark),
        Row(f"{base}history/<id:pk>/", pk_url("history"), change, mark),
        Row(f"{base}history-results/<id:pk>/", pk_url("history-results"), change, None),
        Row(f"{base}copy/<id:pk>/", pk_url("copy"), ADMINISTRATOR, mark if copy_mark else None),
    ]


def _chooser_page(obj: str, scope: dict) -> Callable:
    """The chooser's page (10 a page, the model's ordering) that shows the record to the
    secretariat of X, or to the administrator (what any other role would see unscoped)."""

    def page(world, role) -> str:
        from samhandling.organisations.roles import scope_to_secretariat

        instance = getattr(world, obj)
        user = world.users["secretariat_x" if role == "secretariat_x" else "administrator"]
        rows = scope_to_secretariat(type(instance).objects.all(), user=user, **scope)
        return f"?p={list(rows.values_list('pk', flat=True)).index(instance.pk) // 10 + 1}"

    return page


def _chooser_rows(app_model: str, obj: str, mark: str, scope: dict) -> list[Row]:
    """The snippet chooser of one of our models (any admin user may open it): scoped too."""
    base = f"admin/snippets/choose/{app_model}/"
    page = _chooser_page(obj, scope)

    def chosen(world, role):
        return f"/{base}chosen/{getattr(world, obj).pk}/"

    def chosen_multiple(world, role):
        return f"/{base}chosen-multiple/?id={getattr(world, obj).pk}"

    return [
        Row(
            base,
            lambda world, role: f"/{base}{page(world, role)}",
            SECRETARIAT_X,
            mark,
            listing=True,
        ),
        Row(
            f"{base}results/",
            lambda world, role: f"/{base}results/{page(world, role)}",
            SECRETARIAT_X,
            mark,
            listing=True,
        ),
        Row(f"{base}chosen/<str:pk>/", chosen, SECRETARIAT_X, mark),
        Row(f"{base}chosen-multiple/", chosen_multiple, SECRETARIAT_X, mark, listing=True),
        Row(f"{base}create/", lambda world, role: f"/{base}create/", ADMINISTRATOR, None),
    ]


def _organisation_page(world) -> str:
    from samhandling.organisations.public_selectors import organisation_url

    return organisation_url(site=world.x.site, organisation_id=world.organisation_a.pk)


def _pk(obj: str, template: str) -> Callable:
    return lambda world, role: template.format(pk=getattr(world, obj).pk)


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
    # "Min organisasjon" (contacts): A's contact sees and changes A's sign-ups and answers A's
    # hearings; B's contact, the secretariats and everyone else get a 404 or the login page.
    Row(
        "min-organisasjon/",
        lambda world, role: "/min-organisasjon/",
        CONTACT_A | frozenset({"contact_b"}),
        None,
        ok_status=(302,),
        listing=STAFF_ROLES,
    ),
    Row(
        "min-organisasjon/<id:organisation_id>/",
        _pk("organisation_a", "/min-organisasjon/{pk}/"),
        CONTACT_A,
        w.MARK_PARTICIPANT,
    ),
    Row(
        "min-organisasjon/<id:organisation_id>/pamelding/",
        _pk("organisation_a", "/min-organisasjon/{pk}/pamelding/"),
        CONTACT_A,
        w.MARK_PARTICIPANT,
        method="POST",
        ok_status=(400,),  # an empty form: the page again, with A's sign-ups, nothing saved
    ),
    Row(
        "min-organisasjon/<id:organisation_id>/pamelding/<id:registration_id>/byt/",
        lambda world, role: (
            f"/min-organisasjon/{world.organisation_a.pk}/pamelding/{world.registration.pk}/byt/"
        ),
        CONTACT_A,
        w.MARK_PARTICIPANT,
    ),
    Row(
        "min-organisasjon/<id:organisation_id>/pamelding/<id:registration_id>/avmeld/",
        lambda world, role: (
            f"/min-organisasjon/{world.organisation_a.pk}/pamelding/"
            f"{world.registration_to_cancel.pk}/avmeld/"
        ),
        CONTACT_A,
        None,
        method="POST",
        ok_status=(302,),
    ),
    Row(
        "min-organisasjon/<id:organisation_id>/hoyring/<id:hearing_id>/",
        lambda world, role: (
            f"/min-organisasjon/{world.organisation_a.pk}/hoyring/{world.hearing.pk}/"
        ),
        CONTACT_A,
        "Matrisehøyringa",
    ),
    # The public page of an organisation: every role gets it; it counts A's sign-ups but never
    # names a participant (nor the e-mail of anyone who answered a hearing).
    Row(
        "organisasjonar/<id:organisation_id>-<slug:slug>/",
        lambda world, role: _organisation_page(world),
        NOBODY,
        w.MARK_PARTICIPANT,
        public=True,
    ),
    Row(
        "organisasjonar/",
        lambda world, role: "/organisasjonar/",
        NOBODY,
        w.MARK_PARTICIPANT,
        public=True,
    ),
    # The secretariat's contacts screen (community X's organisations and their contacts), its
    # actions, the reminders from the quota and hearing boards, and the invitation's private link.
    Row(
        "admin/contacts/<id:community_pk>/",
        _pk("x", "/admin/contacts/{pk}/"),
        SECRETARIAT_X,
        "contact_a@matrise.example.org",
    ),
    Row(
        "admin/contacts/<id:community_pk>/invite/",
        _pk("x", "/admin/contacts/{pk}/invite/"),
        SECRETARIAT_X,
        w.MARK_INVITED_EMAIL,
        method="POST",
        ok_status=(400,),  # an empty form: the screen again, nothing sent
    ),
    Row(
        "admin/contacts/<id:community_pk>/contact/<id:pk>/revoke/",
        lambda world, role: (
            f"/admin/contacts/{world.x.pk}/contact/{world.contact_to_revoke.pk}/revoke/"
        ),
        SECRETARIAT_X,
        None,
        method="POST",
        ok_status=(302,),
    ),
    Row(
        "admin/contacts/<id:community_pk>/invitation/<id:pk>/withdraw/",
        lambda world, role: (
            f"/admin/contacts/{world.x.pk}/invitation/{world.invitation_to_withdraw.pk}/withdraw/"
        ),
        SECRETARIAT_X,
        None,
        method="POST",
        ok_status=(302,),
    ),
    Row(
        "admin/contacts/remind/series/<id:pk>/",
        _pk("series", "/admin/contacts/remind/series/{pk}/"),
        SECRETARIAT_X,
        None,
        method="POST",
        ok_status=(302,),
    ),
    Row(
        "admin/contacts/remind/hearing/<id:pk>/",
        _pk("hearing", "/admin/contacts/remind/hearing/{pk}/"),
        SECRETARIAT_X,
        None,
        method="POST",
        ok_status=(302,),
    ),
    Row(
        "kontaktperson/invitasjon/<str:token>/",
        _link(w.TOKEN_INVITATION, "/kontaktperson/invitasjon/{token}/"),
        LINK_HOLDER,
        None,
    ),
]


# Views that show no personal data and no organisation's private records, each with the reason.
NO_PERSONAL_DATA: dict[str, str] = {
    "sok/": "public search over published pages",
    "sprak/": "sets the language cookie",
    "organisasjonar/<id:organisation_id>/": "redirects to the organisation's page (a row)",
    "admin/contacts/": "the secretariat's communities (names only), or a redirect to its one",
    "innlogging/": "the login page: the providers to choose from",
    "innlogging/start/<slug:provider>/": "sends the visitor on to the identity provider",
    "innlogging/tilbake/": "the provider's answer: logs the visitor in as the person the provider "
    "names (tests/oidc prove every refusal), then redirects; shows no one's records",
    "innlogging/demo/": "the demo's password login (refused outside the demo); logs in only the "
    "person whose password is given",
    "innlogging/logg-ut/": "ends the visitor's own session",
    "innlogging/utlogga/": "'you are logged out'",
    "innlogging/utlogging/frontkanal/": "front-channel logout: ends the sessions the provider "
    "names; shows nothing",
    "innlogging/utlogging/bakkanal/": "back-channel logout: a signed token from the provider ends "
    "the sessions it names; answers with a status only",
    "csp-report/": "receives the browser's CSP reports; shows nothing",
    "^api/": "the API's 404 for unknown addresses",
    "arrangement/kalender.ics": "published events of the site",
    "arrangement/<id:page_id>.ics": "a published event",
    "arrangement/<id:page_id>/pamelding/": "the empty sign-up form",
    "arrangement/kvittering/": "the receipt of the visitor's own sign-up, found by the signed "
    "cookie set on that sign-up (no id in the address)",
    "personvern/": "the privacy policy",
    "personvern/innsyn/": "the empty form asking for a link by e-mail",
    "personvern/innsyn/sendt/": "'look in your inbox'",
    "personvern/innsyn/sletta/": "'your data is erased'",
    "hoyring/<id:page_id>/svar/": "the empty response form",
    "hoyring/svar/sendt/": "'look in your inbox'",
    "hoyring/<id:page_id>/kommentar/<str:section_key>/": "the empty comment form",
    "hoyring/<id:page_id>/kommentar/<str:section_key>/sendt/": "'look in your inbox'",
    "hoyring/vedlegg/<id:attachment_id>/": "attachments of published responses only "
    "(tests/hearings/test_responses_privacy.py)",
    "hoyring/<id:page_id>.ics": "a published hearing's deadline",
    "nyhendebrev/": "the empty subscribe form",
    "send-inn/": "the empty proposal form",
    "send-inn/sendt/": "'look in your inbox'",
    "admin/second-factor/": "the signed-in member of staff's own code page",
    "admin/second-factor/enrol/": "the signed-in member of staff's own authenticator",
    "admin/account/second-factor/": "the signed-in member of staff's own settings",
    "admin/account/second-factor/recovery-codes/": "the member of staff's own recovery codes",
    "admin/account/second-factor/replace/": "the member of staff's own authenticator",
    "admin/account/second-factor/replace/confirm/": "the member of staff's own authenticator",
    "api/sites": "public list of sites",
    "api/events": "published events (never sign-ups)",
    "api/committees": "published committees",
    "api/meetings": "published meetings",
    "api/meetings/<id:meeting_id>": "a published meeting",
    "api/agreements": "published agreements",
    "api/agreements/<id:agreement_id>": "a published agreement",
    "api/hearings": "published hearings",
    "api/measures": "published measures",
    "api/measures/<id:measure_id>": "a published measure",
    "api/organisations": "the public register of organisations",
    "api/news": "published news",
    "api/news/<id:article_id>": "a published article",
}

# Admin screens of our apps' reference data, not people: every route under these prefixes.
NO_PERSONAL_DATA_PREFIXES: dict[str, str] = {
    "admin/images/": "the image library (our image model); pictures, no records of people",
    "admin/snippets/inputs/theme/": "themes for input, per community",
    "admin/snippets/choose/inputs/theme/": "themes for input, per community",
    "admin/snippets/inputs/topic/": "open topics for input, per site",
    "admin/snippets/choose/inputs/topic/": "open topics for input, per site",
    "admin/snippets/organisations/organisation/": "the public register of organisations",
    "admin/snippets/choose/organisations/organisation/": "the public register of organisations",
    "admin/snippets/organisations/healthcommunity/": "the communities themselves",
    "admin/snippets/choose/organisations/healthcommunity/": "the communities themselves",
    "admin/snippets/agreements/agreementversion/": "published agreement versions",
    "admin/snippets/choose/agreements/agreementversion/": "published agreement versions",
}


def declared(route: str) -> bool:
    """Is `route` a row of the matrix or a view declared to show no personal data?"""
    return (
        route in ROUTES
        or route in NO_PERSONAL_DATA
        or any(route.startswith(prefix) for prefix in NO_PERSONAL_DATA_PREFIXES)
    )


ROUTES = {row.route for row in ROWS}
