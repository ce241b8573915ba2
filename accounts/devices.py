"""An account's second-step devices: e-mail codes, authenticator apps and recovery codes.

Plain functions over django-otp's models (no request): the views and the reset command use them.
"""

import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def confirmed(user) -> list:
    return list(devices_for_user(user, confirmed=True))


def email_device(user, confirmed=True):
    return EmailDevice.objects.filter(user=user, confirmed=confirmed).first()


def apps(user) -> list:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"))


def recovery_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def recovery_left(user) -> int:
    device = recovery_device(user)
    return device.token_set.count() if device else 0


def normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def new_recovery_codes(user) -> list[str]:
    """Replace the account's recovery codes with a fresh set; the codes are shown only now."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10)) for _ in range(RECOVERY_CODES)
    ]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def send_email_code(device) -> tuple[bool, str]:
    """E-mail a new code unless one was sent moments ago; (sent, what to tell the person)."""
    allowed, data = device.generate_is_allowed()
    if not allowed:
        wait = _seconds_until(data.get("next_generation_at"))
        return False, f"A code was sent moments ago: you can ask for another in {wait} seconds."
    device.generate_challenge(
        {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "minutes": settings.OTP_EMAIL_TOKEN_VALIDITY // 60,
        }
    )
    return True, "We sent a new code."


def code_outstanding(device) -> bool:
    return bool(device.token) and device.valid_until and device.valid_until > timezone.now()


def check_code(user, code: str):
    """The device that accepts `code`, or (None, seconds to wait when every device is throttled).

    Each device counts its own wrong codes and makes the next try wait 1, 2, 4 ... seconds
    (django-otp's throttling), so guessing costs more with every miss. A recovery code is used up
    when it is accepted.
    """
    token = normalise(code)
    waits = []
    with transaction.atomic():  # rows locked: parallel guesses wait for each other's count
        devices = list(devices_for_user(user, confirmed=True, for_verify=True))
        for device in devices:
            allowed, data = device.verify_is_allowed()
            if not allowed:
                waits.append(_seconds_until((data or {}).get("locked_until")))
                continue
            if device.verify_token(token):
                return device, 0
    return None, (min(waits) if devices and len(waits) == len(devices) else 0)


def _seconds_until(moment) -> int:
    if moment is None:
        return 1
    return max(1, int((moment - timezone.now()).total_seconds() + 0.999))


def reset(user) -> int:
    """Remove every device of the account (lost phone, left the agency); returns how many."""
    count = 0
    for model in (EmailDevice, TOTPDevice, StaticDevice):
        count += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    return count
