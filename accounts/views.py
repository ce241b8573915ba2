"""Sign-in's second step, and the account page where editors manage it."""

import logging
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.functional import LazyObject, empty
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.auth import require_admin_access
from wagtail.log_actions import log

from . import devices, policy

logger = logging.getLogger("actris.security")
signed_in = login_required(login_url=reverse_lazy("wagtailadmin_login"))


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _audit(user, action: str, **data):
    """An entry in the account's history (Settings > Users > History)."""
    while isinstance(user, LazyObject):  # request.user is lazy twice over (auth, then django-otp)
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    log(instance=user, action=action, user=user, data=data)


def _confirmed(request, device, how: str):
    """This session has given its second step: remember the device and renew the session key."""
    request.session.cycle_key()
    otp_login(request, device)
    _audit(request.user, "accounts.verified", how=how)


@never_cache
@signed_in
def verify(request):
    user = request.user
    if user.is_verified() or not policy.asks(user):
        return redirect(_next(request))
    email_device = devices.email_device(user)
    if email_device is None and not devices.confirmed(user):
        # Required but never set up: the first device is always the account's work address,
        # so a password alone cannot enrol an authenticator of the holder's choosing.
        problem = policy.email_problem(user.email)
        if problem:
            return TemplateResponse(
                request, "accounts/verify.html", {"problem": problem, "next": _next(request)},
                status=403,
            )  # fmt: skip
        email_device = EmailDevice.objects.create(user=user, name="Work e-mail", confirmed=True)
    apps = devices.apps(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and "send" in request.POST:
        if email_device is None:
            raise PermissionDenied
        _send(request, email_device)
        return redirect(reverse("two_step_verify") + "?next=" + _next(request))
    if request.method == "POST" and form.is_valid():
        device, wait = devices.check_code(user, form.cleaned_data["code"])
        if device is not None:
            how = {StaticDevice: "recovery", TOTPDevice: "app"}.get(type(device), "email")
            _confirmed(request, device, how)
            if how == "recovery":
                left = devices.recovery_left(user)
                messages.warning(
                    request,
                    f"You signed in with a recovery code; {left} left. Each works once: "
                    "make new ones in your account's two-step settings if you are running low.",
                )
            return redirect(_next(request))
        _audit(user, "accounts.wrong_code")
        logger.warning("wrong second-step code", extra={"user": user.pk, "wait": wait})
        if wait:
            form.add_error("code", f"Too many wrong codes: wait {wait} seconds, then try again.")
        else:
            form.add_error(
                "code", "That code is not right, or has expired. Check it and try again."
            )
    elif request.method == "GET" and email_device is not None and not apps:
        if not devices.code_outstanding(email_device):
            _send(request, email_device, quiet=True)
    return TemplateResponse(
        request,
        "accounts/verify.html",
        {
            "form": form,
            "next": _next(request),
            "email": policy.masked(email_device.email or user.email) if email_device else "",
            "has_email": email_device is not None,
            "has_app": bool(apps),
            "has_recovery": devices.recovery_left(user) > 0,
            "minutes": settings.OTP_EMAIL_TOKEN_VALIDITY // 60,
        },
    )


def _send(request, device, quiet=False):
    problem = policy.email_problem(device.email or device.user.email)
    if problem:
        messages.error(request, problem + " Ask a site administrator to correct it.")
        return
    sent, message = devices.send_email_code(device)
    if sent:
        _audit(device.user, "accounts.code_sent")
    if not quiet or not sent:
        (messages.success if sent else messages.info)(request, message)


# -- the account's own page ----------------------------------------------------------------------


@require_admin_access
def manage(request):
    user = request.user
    return TemplateResponse(
        request,
        "accounts/manage.html",
        {
            "header_title": "Two-step sign-in",
            "required": policy.required(user),
            "email_device": devices.email_device(user),
            "address": user.email,
            "address_problem": policy.email_problem(user.email),
            "apps": devices.apps(user),
            "recovery_left": devices.recovery_left(user),
            "has_recovery": devices.recovery_device(user) is not None,
        },
    )


def _enrolled(request, device, code: str, kind: str) -> bool:
    """Confirm a new device with its first code; the session counts as confirmed by it."""
    if not (device.verify_is_allowed()[0] and device.verify_token(devices.normalise(code))):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _confirmed(request, device, kind)
    _audit(request.user, "accounts.device_added", kind=kind)
    return True


@require_admin_access
def turn_on_email(request):
    """Optional mode: the person turns on e-mail codes by confirming one."""
    user = request.user
    if devices.email_device(user):
        return redirect("two_step_manage")
    problem = policy.email_problem(user.email)
    if problem:
        messages.error(request, problem)
        return redirect("two_step_manage")
    device = devices.email_device(user, confirmed=False) or EmailDevice.objects.create(
        user=user, name="Work e-mail", confirmed=False
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and "send" not in request.POST and form.is_valid():
        if _enrolled(request, device, form.cleaned_data["code"], "email"):
            messages.success(
                request,
                "Two-step sign-in is on: next time, you will be asked for a code e-mailed to you.",
            )
            return redirect("two_step_manage")
        form.add_error(
            "code", "That code is not right, or has expired. Check it or send a new one."
        )
    elif request.method == "POST" or not devices.code_outstanding(device):
        _send(request, device, quiet=request.method == "GET")
        if request.method == "POST":
            return redirect("two_step_email")
    return TemplateResponse(
        request,
        "accounts/confirm_email.html",
        {"header_title": "Turn on e-mail codes", "header_icon": "mail", "form": form,
         "email": policy.masked(user.email),
         "minutes": settings.OTP_EMAIL_TOKEN_VALIDITY // 60},
    )  # fmt: skip


@require_admin_access
def add_app(request):
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _enrolled(request, device, form.cleaned_data["code"], "app"):
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            messages.success(
                request, "Authenticator app added: you can sign in with its codes from now on."
            )
            return redirect("two_step_manage")
        form.add_error(
            "code", "That code is not right. Check the app shows ACTRIS and try the newest code."
        )
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return TemplateResponse(
        request,
        "accounts/add_app.html",
        {
            "header_title": "Add an authenticator app",
            "form": form,
            "qr_svg": mark_safe(image.to_string(encoding="unicode")),  # made here, no outside text
            "key": _grouped(device.bin_key),
        },
    )


def _grouped(key: bytes) -> str:
    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@require_admin_access
@require_POST
def new_recovery_codes(request):
    user = request.user
    codes = devices.new_recovery_codes(user)
    _audit(user, "accounts.recovery_codes")
    return TemplateResponse(
        request,
        "accounts/recovery_codes.html",
        {"header_title": "Your recovery codes", "codes": codes},
        headers={"Cache-Control": "no-store"},
    )


@require_admin_access
@require_POST
def remove(request, kind, pk=None):
    user = request.user
    if kind == "app":
        device = get_object_or_404(TOTPDevice, user=user, pk=pk, confirmed=True)
        device.delete()
        messages.success(request, "Authenticator app removed.")
    elif kind == "all" and not policy.required(user):
        devices.reset(user)
        messages.success(request, "Two-step sign-in is off for your account.")
    else:
        raise PermissionDenied
    _audit(user, "accounts.device_removed", kind=kind)
    return redirect("two_step_manage")
