"""Shared set-up for the board's tests: a hearing of the Møre og Romsdal demo site with a few
invited members that have e-mail addresses."""

from samhandling.hearings.board import community_of

from .factories import make_hearing


def hearing_with_members(**fields):
    hearing = make_hearing(**fields)
    members = list(community_of(hearing).members.order_by("name"))
    community_of(hearing).members.update(email="")  # the demo gives them post boxes
    for number, organisation in enumerate(members[:4]):
        organisation.email = f"post{number}@kommune.example"
        organisation.save(update_fields=["email"])
    return hearing, members
