"""The site's defences that are not about content: client addresses behind the proxy, the
Content-Security-Policy per area, and login throttling's lockout page."""

import ipaddress

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.shortcuts import render


def client_ip(request) -> str:
    """The visitor's address: the proxy's ``X-Real-IP`` when the request came from a trusted
    proxy (nginx on this host by default), else the connection's own address."""
    remote = request.META.get("REMOTE_ADDR", "")
    real = request.META.get("HTTP_X_REAL_IP", "").strip()
    if real and _trusted(remote):
        try:
            return str(ipaddress.ip_address(real))
        except ValueError:
            pass
    return remote


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net) for net in settings.TRUSTED_PROXIES)


class SiteCSPMiddleware(ContentSecurityPolicyMiddleware):
    """Django's Content-Security-Policy, enforced on the public site and report-only in the
    Wagtail admin (whose own scripts and styles are inline)."""

    def process_response(self, request, response):
        if request.path.startswith(settings.CSP_REPORT_ONLY_PREFIXES):
            if not hasattr(response, "_csp_config"):
                response._csp_config = {}
                response._csp_ro_config = settings.ADMIN_CSP_REPORT_ONLY
        return super().process_response(request, response)


def lockout(request, credentials=None, *args, **kwargs):
    """What a person sees after too many failed sign-ins (django-axes)."""
    return render(request, "axes_lockout.html", {"hours": settings.AXES_COOLOFF_TIME}, status=429)
