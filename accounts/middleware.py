"""A password alone opens nothing: the second step comes first.

After django-otp's OTPMiddleware (which tells whether this session confirmed a code), an account
that is asked for a code (accounts.policy.asks) and has not given one yet:
- is sent from any admin address to the code page, and back where it was going afterwards;
- is an anonymous visitor everywhere else (no private pages, documents or userbar).
Sign-in, sign-out, password reset and the code page itself stay reachable.
"""

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseRedirect
from django.urls import reverse

from . import policy


class TwoStepMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and policy.asks(user):
            path = request.path_info
            if not path.startswith(_admin_prefix()):
                request.user = AnonymousUser()
            elif not path.startswith(_open_paths()):
                target = reverse("two_step_verify")
                if request.method == "GET":
                    target += "?" + urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(target)
        return self.get_response(request)


def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def _open_paths() -> tuple[str, ...]:
    return (
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_password_reset"),
        reverse("wagtailadmin_javascript_catalog"),
        reverse("wagtailadmin_sprite"),  # the admin's icons, fetched by every admin page
        reverse("two_step_verify"),
    )
