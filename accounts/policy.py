"""Who must confirm a second step at sign-in, and where their codes may be sent.

TWO_STEP_REQUIRED (settings, from the environment in production):
- "everyone": every admin account (production's default, as on Isomer's CMS);
- "publishers": accounts whose changes can go live without anyone else's review: superusers,
  anyone who may publish a page or a snippet, or change users, groups, sites, redirects or the
  site settings (menu, footer, identity), which take effect on save;
- "optional": nobody is asked unless they turned it on in their account (local work, tests).
Production refuses "optional" (actris_cms/settings/production.py).

EDITOR_EMAIL_DOMAINS: the work domains an editor's address may use (empty: any). Codes are only
ever sent to an address on the list.
"""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import Q
from django_otp import user_has_device
from wagtail.models import GroupPagePermission

MODES = ("everyone", "publishers", "optional")

# Model permissions whose changes are live as soon as they are saved.
LIVE_ON_SAVE = Q(content_type__app_label="siteconfig") | Q(
    content_type__app_label__in=("auth", "wagtailcore", "wagtailredirects"),
    codename__in=(
        "add_user", "change_user", "add_group", "change_group",
        "add_site", "change_site", "add_redirect", "change_redirect",
    ),
)  # fmt: skip


def can_publish(user) -> bool:
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if GroupPagePermission.objects.filter(
        group__user=user, permission__codename="publish_page"
    ).exists():
        return True
    held = Permission.objects.filter(Q(user=user) | Q(group__user=user))
    return held.filter(Q(codename__startswith="publish_") | LIVE_ON_SAVE).exists()


def required(user) -> bool:
    """Whether the policy obliges this account to use a second step."""
    mode = settings.TWO_STEP_REQUIRED
    return mode == "everyone" or (mode == "publishers" and can_publish(user))


def asks(user) -> bool:
    """Whether this account is asked for a code at sign-in (required, or turned on by choice)."""
    cached = getattr(user, "_two_step_asks", None)
    if cached is None:
        cached = user._two_step_asks = required(user) or user_has_device(user)
    return cached


def allowed_domains() -> list[str]:
    return [d.strip().lower().lstrip("@") for d in settings.EDITOR_EMAIL_DOMAINS if d.strip()]


def email_problem(address: str | None) -> str | None:
    """Why codes may not be sent to this address, in words for the person; None when fine."""
    if not address:
        return "Your account has no e-mail address to send a sign-in code to."
    if _outside(address):
        return (
            f"Sign-in codes are only sent to addresses at {_listed(allowed_domains())}; "
            f"your account's address is at {_domain(address)}."
        )
    return None


def domain_error(address: str) -> str | None:
    """The form error for an editor's address outside the allowed domains."""
    if address and _outside(address):
        return f"Use a work address at {_listed(allowed_domains())}: sign-in codes are sent there."
    return None


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower()


def _outside(address: str) -> bool:
    domains = allowed_domains()
    return bool(domains) and _domain(address) not in domains


def _listed(domains: list[str]) -> str:
    if len(domains) == 1:
        return domains[0]
    return ", ".join(domains[:-1]) + " or " + domains[-1]


def masked(address: str) -> str:
    """j•••@actris.sg: enough for the person to recognise, little for anyone else."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}•••@{domain}"
