"""System checks of the public login: the demo's password login never in production, and every
identity provider entry readable (`manage.py check`, `check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security)
def demo_login_check(app_configs, **kwargs):
    if not getattr(settings, "SAMHANDLING_DEMO_LOGIN", False):
        return []
    if not settings.SAMHANDLING_DEMO_ALLOWED:
        return [
            Error(
                "SAMHANDLING_DEMO_LOGIN is on where the demo is not allowed (production).",
                hint="Unset SAMHANDLING_DEMO_LOGIN: contacts log in through an identity provider.",
                id="accounts.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def demo_login_deploy_check(app_configs, **kwargs):
    if getattr(settings, "SAMHANDLING_DEMO_LOGIN", False):
        return [
            Warning(
                "SAMHANDLING_DEMO_LOGIN is on: anyone with a demo password can log in.",
                id="accounts.W001",
            )
        ]
    return []


@register()
def oidc_providers_check(app_configs, **kwargs):
    from .oidc_providers import ProviderMisconfigured, providers

    try:
        configured = providers()
    except (ProviderMisconfigured, TypeError, AttributeError) as exc:
        return [Error(f"OIDC_PROVIDERS: {exc}", id="accounts.E002")]
    return [
        Warning(
            f"OIDC_PROVIDERS[{key!r}]: allow_http is for loopback tests only", id="accounts.W002"
        )
        for key, config in configured.items()
        if config.allow_http and not settings.DEBUG and not settings.SAMHANDLING_DEMO_ALLOWED
    ]
