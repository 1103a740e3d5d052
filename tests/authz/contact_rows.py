"""Rows of the authorisation matrix for issue #10: "Min organisasjon", the public organisation
pages, the secretariat's contacts screen and its actions, and the invitation's private link."""

from . import world as w
from .rows_base import (
    CONTACT_A,
    LINK_HOLDER,
    NOBODY,
    SECRETARIAT_X,
    STAFF_ROLES,
    Row,
    _link,
    _organisation_page,
    _pk,
)

CONTACT_ROWS: list[Row] = [
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
