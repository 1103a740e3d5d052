"""The parts of the authorisation matrix (matrix.py): the roles, a row, and the helpers that
build a row's address."""

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
