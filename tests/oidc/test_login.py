"""Login against a real OpenID Connect provider (tests/oidc/conftest.py): the ID-porten profile
(PAR required, private_key_jwt, PKCE S256, pairwise sub, acr), the HelseID profile (DPoP bound
tokens required) and the Ansattporten profile (authorization_details with the organisation)."""

import requests
from django.contrib.auth import get_user_model
from django.core import serializers

from samhandling.accounts.models import ExternalIdentity, ExternalSession
from samhandling.accounts.signals import external_login

from .conftest import FAKE_PID, login


def _received(signal):
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    signal.connect(receiver, weak=False)
    return calls, receiver


def test_idporten_login_with_par_private_key_jwt_and_pkce(providers):
    calls, receiver = _received(external_login)
    try:
        browser = requests.Session()
        response = login(browser, providers, "idporten", next_url="/innlogging/")
    finally:
        external_login.disconnect(receiver)
    assert response.status_code == 200, providers.output()[-2000:]
    assert response.url.endswith("/innlogging/")
    assert "ID-porten" in response.text  # "You are logged in through …"
    identity = ExternalIdentity.objects.get(provider="idporten")
    user = identity.user
    assert not user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert identity.last_login is not None
    # the pairwise sub, not the account id the provider knows the person by
    assert identity.subject != "person-1" and len(identity.subject) == 64
    session = ExternalSession.objects.get(user=user)
    assert session.sid and session.subject == identity.subject
    assert len(calls) == 1
    call = calls[0]
    assert call["provider"] == "idporten" and call["user"] == user
    assert call["claims"]["acr"] == "idporten-loa-substantial"
    assert "pid" not in call["claims"]
    assert call["authorization_details"] == []


def test_second_login_finds_the_same_user(providers):
    login(requests.Session(), providers, "idporten")
    login(requests.Session(), providers, "idporten")
    assert ExternalIdentity.objects.count() == 1
    providers.next_login("person-2")
    login(requests.Session(), providers, "idporten")
    assert ExternalIdentity.objects.count() == 2


def test_pairwise_subject_differs_per_client(providers):
    login(requests.Session(), providers, "idporten")
    login(requests.Session(), providers, "helseid")
    subjects = set(ExternalIdentity.objects.values_list("subject", flat=True))
    assert len(subjects) == 2  # the same person, two clients, two subjects


def test_national_identity_number_is_never_stored(providers):
    response = login(requests.Session(), providers, "idporten", next_url="/innlogging/")
    assert response.status_code == 200
    from django.contrib.sessions.models import Session

    dumped = serializers.serialize(
        "json",
        [
            *ExternalIdentity.objects.all(),
            *ExternalSession.objects.all(),
            *get_user_model().objects.all(),
        ],
    )
    assert FAKE_PID not in dumped
    decoded = [str(session.get_decoded()) for session in Session.objects.all()]
    assert decoded and not any(FAKE_PID in text for text in decoded)
    assert not any("eyJ" in text for text in decoded)  # no token in the session either


def test_helseid_login_with_dpop(providers):
    response = login(requests.Session(), providers, "helseid", next_url="/innlogging/")
    assert response.status_code == 200, providers.output()[-2000:]
    assert ExternalIdentity.objects.filter(provider="helseid").exists()


def test_helseid_refuses_a_client_without_dpop(providers, settings):
    settings.OIDC_PROVIDERS["helseid"]["use_dpop"] = False
    response = login(requests.Session(), providers, "helseid")
    assert response.status_code == 400
    assert not ExternalIdentity.objects.exists()


def test_idporten_refuses_a_client_without_par(providers, settings):
    settings.OIDC_PROVIDERS["idporten"]["use_par"] = False
    response = requests.Session().get(
        f"{providers.base_url}/innlogging/start/idporten/", timeout=20
    )
    # the provider refuses the plain authorization request and sends the browser back with an
    # error, or shows its own error page; either way nobody is logged in here
    assert not ExternalIdentity.objects.exists()
    assert response.status_code in (400, 403)


def test_wrong_client_key_is_refused(providers, settings):
    from jwskate import Jwk

    other = Jwk.generate(alg="RS256").with_kid_thumbprint()
    settings.OIDC_PROVIDERS["idporten"]["private_key"] = dict(other)
    response = login(requests.Session(), providers, "idporten")
    assert response.status_code == 400
    assert not ExternalIdentity.objects.exists()


def test_ansattporten_authorization_details_reach_the_signal(providers):
    providers.next_login("alta-contact")
    calls, receiver = _received(external_login)
    try:
        response = login(requests.Session(), providers, "ansattporten", next_url="/innlogging/")
    finally:
        external_login.disconnect(receiver)
    assert response.status_code == 200, providers.output()[-2000:]
    (call,) = calls
    (detail,) = call["authorization_details"]
    assert detail["type"] == "ansattporten:altinn:service"
    assert detail["authorized_parties"][0]["orgno"]["ID"] == "0192:964830533"
