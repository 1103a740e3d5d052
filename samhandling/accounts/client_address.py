"""The client's address for counting failed logins (AXES_CLIENT_IP_CALLABLE). Behind N proxies
that each append to X-Forwarded-For (nginx: `proxy_add_x_forwarded_for`), the client is the N-th
address from the right; addresses further left are what the client itself claimed and are ignored.
Without proxies (STAFF_LOGIN_PROXY_COUNT=0) it is the connection's address."""

from django.conf import settings


def client_address(request) -> str | None:
    proxies = settings.STAFF_LOGIN_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")
