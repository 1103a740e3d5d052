"""Who may act for what: the secretariat of a health community.

A community's secretariat is the Wagtail group linked as `HealthCommunity.secretariat_group`
(made by `proposals.workflow.secretariat_group`). Superusers (site administrators) act for every
community. Views and admin pages that show a community's sign-ups, responses, contacts or exports
scope them with these functions; they never decide by a group's name."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import HealthCommunity


def secretariat_communities(*, user) -> QuerySet[HealthCommunity]:
    """The communities whose records `user` may see and change as their secretariat."""
    if not user.is_authenticated or not user.is_active:
        return HealthCommunity.objects.none()
    if user.is_superuser:
        return HealthCommunity.objects.all()
    return HealthCommunity.objects.filter(secretariat_group__user=user)


def is_secretariat_of(*, user, community) -> bool:
    """True when `user` is the secretariat of `community` (or an administrator)."""
    if community is None:
        return False
    return secretariat_communities(user=user).filter(pk=community.pk).exists()


# Scoping the admin's lists, object lookups and exports -------------------------------------------
# Every record a secretariat sees belongs to a community: through a page (an event, a hearing, a
# newsletter issue) whose place in the page tree is under the community's site root, or through a
# site or a community field. `scope_to_secretariat` keeps the rows of the user's communities; an
# administrator keeps them all, anyone else none.


def _secretariat_roots(user):
    """None for an administrator (everything); else the communities' site roots as (site id,
    root page path) pairs."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return None
    return list(secretariat_communities(user=user).values_list("site_id", "site__root_page__path"))


def secretariat_filter(*, user, page: str | None = None, site: str | None = None, community=None):
    """A Q object that keeps the rows of `user`'s communities, or None when nothing is filtered
    (an administrator). Name one or more lookups, any of which may match: `page` (a path to a
    page, "" for a page queryset itself, or a tuple of such paths), `site` (a path to a site) or
    `community` (a path to a HealthCommunity)."""
    roots = _secretariat_roots(user)
    if roots is None:
        return None
    if not roots:
        return Q(pk__in=[])
    if page is None and site is None and community is None:
        raise TypeError("secretariat_filter needs page, site or community")
    condition = Q(pk__in=[])
    for site_id, root_path in roots:
        for path in () if page is None else (page,) if isinstance(page, str) else page:
            prefix = f"{path}__" if path else ""
            condition |= Q(**{f"{prefix}path__startswith": root_path})
        if site is not None:
            condition |= Q(**{f"{site}_id": site_id})
        if community is not None:
            condition |= Q(**{f"{community}__site_id": site_id})
    return condition


def scope_to_secretariat(queryset, *, user, page=None, site=None, community=None):
    """`queryset` cut to the communities whose secretariat `user` is (all for an administrator)."""
    condition = secretariat_filter(user=user, page=page, site=site, community=community)
    if condition is None:
        return queryset
    # Through a subquery, so that a path across a many-relation gives no duplicate rows and the
    # result can still be annotated, updated or deleted.
    return queryset.filter(pk__in=queryset.model._default_manager.filter(condition).values("pk"))


def secretariat_object_or_404(queryset, *, user, page=None, site=None, community=None, **lookup):
    """The object found by `lookup` in `queryset`, or a 404 when it is missing or belongs to a
    community whose secretariat `user` is not (a 404, so that ids of others are not confirmed)."""
    scoped = scope_to_secretariat(queryset, user=user, page=page, site=site, community=community)
    return get_object_or_404(scoped, **lookup)


def require_secretariat_page(page_obj, *, user):
    """Raises Http404 unless `page_obj` lies in the site tree of one of `user`'s communities."""
    roots = _secretariat_roots(user)
    if roots is None:
        return page_obj
    if not any(page_obj.path.startswith(root_path) for _site_id, root_path in roots):
        raise Http404
    return page_obj


class SecretariatScopedViewSetMixin:
    """For a Wagtail (snippet or model) viewset: every view it builds lists only the rows of the
    user's communities and answers 404 for the others'. Set `secretariat_scope` to the keyword
    arguments of `scope_to_secretariat` (e.g. {"page": "event"})."""

    secretariat_scope: dict = {}
    # Ids through the project's converter (core/ids.py): an id no row can have is a 404.
    pk_path_converter = "id"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chooser = getattr(self, "chooser_viewset_class", None)
        if chooser is not None and not issubclass(chooser, SecretariatScopedViewSetMixin):
            # The snippet chooser lists the same rows (to any admin user): scoped the same way.
            self.chooser_viewset_class = type(
                f"Scoped{chooser.__name__}",
                (SecretariatScopedViewSetMixin, chooser),
                {"secretariat_scope": self.secretariat_scope},
            )

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(
            _scoped_view_class(view_class, self.secretariat_scope), **kwargs
        )


def _scoped_view_class(view_class, scope: dict):
    attributes = {}
    if hasattr(view_class, "get_base_queryset"):

        def get_base_queryset(self):
            queryset = super(scoped, self).get_base_queryset()
            if queryset.model is not self.model:  # e.g. the history view's log entries
                return queryset
            return scope_to_secretariat(queryset, user=self.request.user, **scope)

        attributes["get_base_queryset"] = get_base_queryset
    for name in ("get_object_list", "get_objects"):  # the chooser's list and chosen items
        if hasattr(view_class, name):
            attributes[name] = _scoped_list_method(name, scope)
    if hasattr(view_class, "get_object"):

        def get_object(self, *args, **kwargs):
            found = super(scoped, self).get_object(*args, **kwargs)
            if found is not None and getattr(found, "pk", None) is not None:
                rows = type(found)._default_manager.filter(pk=found.pk)
                if not scope_to_secretariat(rows, user=self.request.user, **scope).exists():
                    raise Http404
            return found

        attributes["get_object"] = get_object
    if not attributes:
        return view_class
    scoped = type(f"Scoped{view_class.__name__}", (view_class,), attributes)
    return scoped


def _scoped_list_method(name: str, scope: dict):
    def method(self, *args, **kwargs):
        rows = getattr(super(type(self), self), name)(*args, **kwargs)
        return scope_to_secretariat(rows, user=self.request.user, **scope)

    return method


SECRETARIAT_PERMISSIONS = (
    "events.view_registration",
    "events.change_registration",
    "events.view_outboxmessage",
    "hearings.view_hearingresponse",
    "hearings.change_hearingresponse",
    "inputs.view_input",
    "inputs.change_input",
    "inputs.add_input",
    "newsletters.change_mailinglist",
)


def grant_secretariat_permissions(*, group) -> None:
    """Gives a secretariat group the model permissions of the admin's sign-up and response
    screens (what it then sees is scoped to its community by the functions above)."""
    from django.contrib.auth.models import Permission

    for dotted in SECRETARIAT_PERMISSIONS:
        app_label, codename = dotted.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)
