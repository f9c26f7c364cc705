"""The address of the person making a request, resolved once per request behind a configured
number of reverse proxies (settings.PROXY_COUNT, from DJANGO_PROXY_COUNT).

Used by the login lockout (django-axes, AXES_CLIENT_IP_CALLABLE), its attempt log and the rate
limits on documents (django-ratelimit's `key="core.client_ip.ratelimit_key"`).

- PROXY_COUNT = 0 (no proxy): REMOTE_ADDR; any X-Forwarded-For is ignored, since a visitor can
  write anything in it.
- PROXY_COUNT = N: the N-th address from the right of X-Forwarded-For, the one the outermost of
  our own proxies saw (nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`).
  Whatever a visitor wrote to the left of it is ignored. The parsing is django-ipware's.
"""
from django.conf import settings
from ipware import get_client_ip

_ATTRIBUTE = "_portal_client_ip"


def client_ip(request):
    """The client's address as a string ("203.0.113.5"); REMOTE_ADDR when the proxies' header is
    missing (a request that did not come through the proxy)."""
    cached = getattr(request, _ATTRIBUTE, None)
    if cached is not None:
        return cached
    remote = request.META.get("REMOTE_ADDR") or ""
    address = None
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if proxies > 0:
        # ipware counts the proxies written in the header: the last proxy is REMOTE_ADDR itself.
        address, _routable = get_client_ip(
            request, proxy_count=proxies - 1, proxy_order="left-most", strict=False,
            request_header_order=["HTTP_X_FORWARDED_FOR"])
    address = address or remote
    setattr(request, _ATTRIBUTE, address)
    return address


def ratelimit_key(group, request):
    """django-ratelimit's key: one bucket per client address."""
    return client_ip(request)
