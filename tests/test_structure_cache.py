"""Site, community, member organisations and menu are cached between requests; what an editor
changes shows on the next request, and a cache that is down only makes pages slower."""

import pytest
from django.core.cache import cache
from django.test import Client

from samhandling.organisations.models import HealthCommunity, Organisation
from tests.conftest import HN_HOST, MR_HOST

pytestmark = pytest.mark.django_db


def get(path="/", host=MR_HOST):
    return Client(HTTP_HOST=host).get(path)


def test_a_renamed_community_shows_on_the_next_request(demo, django_capture_on_commit_callbacks):
    assert "Helsefellesskap Møre og Romsdal" in get().content.decode()  # now cached
    community = HealthCommunity.objects.get(site__hostname=MR_HOST)
    community.name = "Helsefellesskapet i Møre og Romsdal"
    with django_capture_on_commit_callbacks(execute=True):
        community.save()
    assert "Helsefellesskapet i Møre og Romsdal" in get().content.decode()


def test_a_new_member_organisation_is_in_the_sign_up_form_at_once(
    demo, django_capture_on_commit_callbacks
):
    from samhandling.events.models import EventPage

    event = EventPage.objects.get(
        slug="dialogkonferanse-tromso", url_path__startswith="/helse-nord/"
    )
    from django.urls import reverse

    signup = reverse("events:signup", args=[event.pk])  # the form is on a page of its own
    form = get(signup, host=HN_HOST).content.decode()
    assert "<select" in form and "Nordlys legesenter" not in form
    community = HealthCommunity.objects.get(site__hostname=HN_HOST)
    with django_capture_on_commit_callbacks(execute=True):
        clinic = Organisation.objects.create(name="Nordlys legesenter", kind="other")
        community.members.add(clinic)
    assert (
        f'<option value="{clinic.pk}">Nordlys legesenter</option>'
        in get(signup, host=HN_HOST).content.decode()
    )


def test_a_lookup_is_made_from_the_database_when_the_cache_cannot_be_reached(monkeypatch):
    from samhandling.core.structure_cache import cached

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    calls = []
    assert cached("test", 1, build=lambda: calls.append(1) or "built") == "built"
    assert cached("test", 1, build=lambda: calls.append(1) or "built") == "built"
    assert len(calls) == 2  # read again each time, never an error


def test_a_lookup_is_cached_until_the_structure_changes(django_capture_on_commit_callbacks):
    from samhandling.core.structure_cache import cached, structure_changed

    calls = []
    for _ in range(3):
        cached("test", 2, build=lambda: calls.append(1) or None)  # None is cached too
    assert len(calls) == 1
    with django_capture_on_commit_callbacks(execute=True):
        structure_changed()
    cached("test", 2, build=lambda: calls.append(1) or None)
    assert len(calls) == 2


def test_a_host_name_that_is_not_allowed_makes_no_cache_entry(demo, settings):
    from samhandling.core.structure_cache import _process, _version

    settings.ALLOWED_HOSTS = [MR_HOST]
    assert get("/", host="not-allowed.example").status_code == 400
    assert f"samhandling:site:not-allowed.example:80:{_version()}" not in _process
    assert get("/").status_code == 200
    assert f"samhandling:site:{MR_HOST}:80:{_version()}" in _process


def test_a_value_kept_in_the_process_is_built_again_after_a_change_or_a_flushed_cache(
    django_capture_on_commit_callbacks,
):
    """`immutable` keeps a value in the process under the versioned key: a structure change
    (the version bumped) or a cache that lost the version (flushed, restarted) builds it again;
    an old version number never comes back with an old value."""
    from samhandling.core.structure_cache import immutable, structure_changed

    built = []

    def build():
        built.append(len(built))
        return (len(built),)

    assert immutable("test-immutable", 1, build=build) == (1,)
    assert immutable("test-immutable", 1, build=build) == (1,)  # kept
    with django_capture_on_commit_callbacks(execute=True):
        structure_changed()
    assert immutable("test-immutable", 1, build=build) == (2,)
    cache.clear()  # the version is lost with everything else
    assert immutable("test-immutable", 1, build=build) == (3,)
    assert immutable("test-immutable", 1, build=build) == (3,)


def test_a_long_address_makes_a_short_key_of_its_own():
    from samhandling.core.structure_cache import _key

    long_path = "/kontaktperson/invitasjon/" + "x" * 5000 + "/"
    key = _key("page-route", (2, "nn", long_path))
    assert len(key) < 250 and "x" not in key.split(":")[2]
    assert key == _key("page-route", (2, "nn", long_path))  # the same address, the same key
    assert key != _key("page-route", (2, "nn", long_path + "y/"))
    assert _key("page-route", (2, "nn", "/nyhende/")).startswith(
        "samhandling:page-route:2:nn:/nyhende/:"
    )


def _reads(monkeypatch) -> list:
    """The keys read from the shared cache from now on."""
    read = []
    get, get_many = cache.get, cache.get_many
    monkeypatch.setattr(cache, "get", lambda key, *a, **k: read.append(key) or get(key, *a, **k))
    monkeypatch.setattr(
        cache, "get_many", lambda keys, *a, **k: read.extend(keys) or get_many(keys, *a, **k)
    )
    return read


def test_a_process_reads_only_the_version_from_the_shared_cache_after_its_first_request(
    demo, monkeypatch
):
    """What a process read under a versioned key is kept in the process, Wagtail's site root
    paths included: the next request reads the version and nothing else."""
    from samhandling.core.structure_cache import VERSION_KEY

    assert get().status_code == 200
    assert get("/arrangement/").status_code == 200
    read = _reads(monkeypatch)
    assert get().status_code == 200
    assert read == [VERSION_KEY]


def test_a_new_translation_of_a_site_root_is_among_the_site_root_paths_at_once(
    demo, django_capture_on_commit_callbacks
):
    """Wagtail forgets its site root paths when a site's root page is saved (a translation made
    as a draft, say), without a publication; the copy kept under the version goes too."""
    from wagtail.models import Locale, Site

    from samhandling.core.page_urls import site_root_paths

    root = Site.objects.get(hostname=MR_HOST).root_page.specific
    with django_capture_on_commit_callbacks(execute=True):
        locale = Locale.objects.create(language_code="se")
    before = site_root_paths()
    with django_capture_on_commit_callbacks(execute=True):
        translation = root.copy_for_translation(locale)
    assert translation.live is False
    after = site_root_paths()
    assert [path.language_code for path in before].count("se") == 0
    assert translation.url_path in [path.root_path for path in after]


def test_a_change_is_seen_by_the_next_lookup_in_the_same_process(
    monkeypatch, django_capture_on_commit_callbacks
):
    from samhandling.core import structure_cache
    from samhandling.core.structure_cache import cached, structure_changed

    calls = []
    assert cached("test-copies", 1, build=lambda: calls.append(1) or "first") == "first"
    read = _reads(monkeypatch)
    assert cached("test-copies", 1, build=lambda: calls.append(1) or "second") == "first"
    assert read == [structure_cache.VERSION_KEY]  # the value from this process's copy
    with django_capture_on_commit_callbacks(execute=True):
        structure_changed()
    assert cached("test-copies", 1, build=lambda: calls.append(1) or "second") == "second"
    cache.clear()  # flushed: a new version, never an old one, so no old copy comes back
    assert cached("test-copies", 1, build=lambda: calls.append(1) or "third") == "third"
    assert len(calls) == 3


def test_a_kept_copy_is_a_new_object_for_each_lookup(monkeypatch):
    """No caller can change what another request gets (outside a request nothing is memoised)."""
    from samhandling.core.structure_cache import cached

    first = cached("test-copies-object", 1, build=lambda: {"names": ["a"]})
    first["names"].append("changed by a caller")
    read = _reads(monkeypatch)
    second = cached("test-copies-object", 1, build=lambda: {"names": ["built again"]})
    assert second == {"names": ["a"]} and second is not first
    assert cached("test-copies-object", 1, build=dict) is not second
    assert not [key for key in read if key.startswith("samhandling:test")]


def test_a_route_remembered_is_peeked_from_the_process(monkeypatch):
    from samhandling.core.structure_cache import peek, remember

    remember("test-route", 1, "nn", "/a/", value=(3, "core.page", False))
    read = _reads(monkeypatch)
    assert peek("test-route", 1, "nn", "/a/") == (3, "core.page", False)
    assert peek("test-route", 1, "nn", "/b/") is None
    assert peek("test-route", 1, "nn", "/b/") is None  # nothing is kept too
    assert [key.split(":")[4] for key in read if "test-route" in key] == ["/b/"]  # once
    remember("test-route", 1, "nn", "/b/", value=(4, "core.page", False))
    assert peek("test-route", 1, "nn", "/b/") == (4, "core.page", False)


def test_what_a_rolled_back_change_showed_is_not_kept_under_the_new_version(
    django_capture_on_commit_callbacks,
):
    """Inside the transaction that changed the structure, a lookup reads the change not yet
    committed; if the transaction rolls back, that value must not be what the next request finds
    under the version the change bumped."""
    from django.db import transaction

    from samhandling.core.structure_cache import cached, immutable, structure_changed

    assert cached("test-rollback", build=lambda: "committed") == "committed"
    with pytest.raises(RuntimeError), transaction.atomic():
        structure_changed()
        assert cached("test-rollback", build=lambda: "rolled back") == "rolled back"
        assert immutable("test-rollback-kept", build=lambda: "rolled back") == "rolled back"
        raise RuntimeError("the change fails")
    assert cached("test-rollback", build=lambda: "committed") == "committed"
    assert immutable("test-rollback-kept", build=lambda: "committed") == "committed"


def test_a_full_process_store_drops_old_versions_first_and_keeps_the_current_one(monkeypatch):
    from samhandling.core import structure_cache

    monkeypatch.setattr(structure_cache, "_process", {})
    monkeypatch.setattr(structure_cache, "PROCESS_ENTRIES", 4)
    # Outside a request, as if no earlier test had changed the structure in its transaction.
    monkeypatch.setattr(structure_cache._request, "uncommitted", False, raising=False)
    builds = []

    def build(n):
        return lambda: builds.append(n) or n

    structure_cache.immutable("part", 1, build=build(1))
    structure_cache.immutable("part", 2, build=build(2))
    structure_cache._bump()  # a new version: the two above can never be asked for again
    for n in (3, 4, 5):
        structure_cache.immutable("part", n, build=build(n))
    # Full at the fifth: the old version's entries went, the current version's stayed.
    assert len(structure_cache._process) == 3
    for n in (3, 4, 5):
        structure_cache.immutable("part", n, build=build(n))
    assert builds == [1, 2, 3, 4, 5]
