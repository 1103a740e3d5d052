# Samhandling's front cache: Varnish (Debian's `varnish` package, 7.x) between the TLS proxy
# (deploy/nginx/samhandling.conf) and gunicorn. See docs/deploy.md and the README ("Front cache").
#
# - Caches only what the app marks as shareable: a GET or HEAD answered with
#   `Cache-Control: ... s-maxage=N` (N > 0) and no Set-Cookie; kept for N seconds, no grace (a
#   page past its time is fetched again, never served stale).
# - Cache key: host + path + query (Varnish's own hash), one variant per interface language: the
#   only cookie passed on to the app is `django_language` (nn, nb or en), and the app answers with
#   `Vary: Cookie`, so each language is its own variant of the same object.
# - Never from the cache: any other method, a request with a `sessionid` (staff signed in) or
#   `csrftoken` cookie (a visitor with a form under way), or with an Authorization header.
# - PURGE (sent by wagtail.contrib.frontend_cache's HTTPBackend when a page is published, and by
#   the app's page cache when a record a page shows changes) removes every language variant of
#   host + path + query at once. Accepted only on the listener named "purge" (varnishd
#   `-a purge=127.0.0.1:6091`, which the TLS proxy never forwards to; visitors come in on
#   `-a http=127.0.0.1:6081`) and only from the addresses in the `purgers` ACL. A PURGE that
#   arrives through the TLS proxy is refused, although it comes from loopback.
#
# The response header X-Cache-Status tells HIT, MISS or PASS (a request that bypassed the cache).

vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 120s;
    .between_bytes_timeout = 60s;
}

# Who may purge: the app's processes (web and task workers). Add the app hosts' addresses here
# when the app runs on other machines than Varnish.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    unset req.http.X-Cache-Status;
    if (req.method == "PURGE") {
        if (local.socket != "purge" || client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        set req.http.X-Cache-Status = "PASS";
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;)\s*(sessionid|csrftoken)=") {
        set req.http.X-Cache-Status = "PASS";
        return (pass);
    }
    # Keep the language choice, drop every other cookie (analytics and the like): the variants
    # are then exactly "no choice", nn, nb and en.
    if (req.http.Cookie ~ "(^|;)\s*django_language=(nn|nb|en)\s*(;|$)") {
        set req.http.Cookie = "django_language=" + regsub(
            req.http.Cookie, "^(.*;)?\s*django_language=(nn|nb|en)\s*(;.*)?$", "\2");
    } else {
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "s-maxage=[1-9]"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Vary == "*") {
        # Not shareable: remember that for a minute, so such requests go straight to the app
        # instead of queueing behind each other (Varnish's hit-for-miss).
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
    # beresp.ttl is already the s-maxage (Varnish prefers it to max-age).
    set beresp.grace = 0s;
    set beresp.keep = 0s;
    return (deliver);
}

sub vcl_hit {
    return (deliver);
}

sub vcl_deliver {
    if (req.http.X-Cache-Status != "PASS") {
        if (obj.uncacheable) {
            set req.http.X-Cache-Status = "PASS";
        } else if (obj.hits > 0) {
            set req.http.X-Cache-Status = "HIT";
        } else {
            set req.http.X-Cache-Status = "MISS";
        }
    }
    set resp.http.X-Cache-Status = req.http.X-Cache-Status;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_synth {
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = resp.reason;
    return (deliver);
}
