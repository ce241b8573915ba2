"""A password alone opens nothing: the second step comes first.

After django-otp's OTPMiddleware (which tells whether this session confirmed a code), an account
that is asked for a code (accounts.policy.asks) and has not given one yet:
- is sent from any admin address to the code page, and back where it was going afterwards;
- is an anonymous visitor everywhere else (no private pages, documents or userbar).
Sign-in, sign-out, password reset, the admin's scripts and icons and the code page itself stay
reachable. ``request.user`` stays lazy: a request that never looks at it (a static file, the
icon sprite, a public page served to a visitor) reads no session for it.
"""

from functools import cache
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from . import policy


class TwoStepMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not path.startswith(_admin_prefix()):
            user = request.user
            request.user = SimpleLazyObject(lambda: _visitor() if unconfirmed(user) else user)
        elif not path.startswith(_open_paths()) and unconfirmed(request.user):
            target = reverse("two_step_verify")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(target)
        return self.get_response(request)


def unconfirmed(user) -> bool:
    """Signed in with a password, asked for a code, and not given one yet."""
    return user.is_authenticated and not user.is_verified() and policy.asks(user)


def _visitor():
    visitor = AnonymousUser()
    visitor.otp_device = None
    visitor.is_verified = lambda: False
    return visitor


# Addresses are fixed by the URLconf: worked out once, not on every request the site serves.
@cache
def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


@cache
def _open_paths() -> tuple[str, ...]:
    return (
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_password_reset"),
        reverse("wagtailadmin_javascript_catalog"),
        reverse("wagtailadmin_sprite"),  # the admin's icons, fetched by every admin page
        reverse("two_step_verify"),
    )
