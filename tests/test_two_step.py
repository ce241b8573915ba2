"""Two-step sign-in (accounts/): a password alone opens nothing where a code is required.

Through the real sign-in form, middleware and views, with codes read from Django's test outbox
and authenticator codes computed as an app would (RFC 6238).
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import GroupPagePermission, ModelLogEntry, Page, PageViewRestriction

from accounts import policy

from .factories import actris_homepage
from .test_production import entrypoint, production_env

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-9"
VERIFY = "/admin/two-step/verify/"


@pytest.fixture
def required(settings):
    settings.TWO_STEP_REQUIRED = "everyone"
    return settings


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("ana", "ana@actris.sg", PASSWORD)


def sign_in(client, username="ana", password=PASSWORD):
    response = client.post("/admin/login/", {"username": username, "password": password})
    assert response.status_code == 302, "the password step succeeds"
    return response


def emailed_code(index=-1) -> str:
    return re.search(r"^\s+(\d{6})$", mail.outbox[index].body, re.M).group(1)


def errors(response) -> str:
    return " ".join(re.sub(r"\s+", " ", response.content.decode()).split("error-message")[1:])


def unthrottle(user):
    """Let the throttle's wait pass (as time would) without sleeping in the test."""
    past = timezone.now() - timedelta(days=1)
    for model in (EmailDevice, TOTPDevice):
        model.objects.filter(user=user).update(throttling_failure_timestamp=past)


def test_password_alone_opens_nothing_in_the_admin(client, required, admin):
    sign_in(client)
    for address in ("/admin/", "/admin/pages/", "/admin/two-step/app/", "/admin/users/"):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith(VERIFY + "?next=")
    # Writes are refused too, not only pages.
    assert client.post("/admin/two-step/recovery-codes/").status_code == 302
    assert not StaticToken.objects.exists()


def test_code_is_emailed_to_the_account_and_opens_the_admin(client, required, admin):
    sign_in(client)
    page = client.get(VERIFY + "?next=/admin/pages/")
    assert page.status_code == 200
    assert "We e-mailed a 6-digit code to a•••@actris.sg" in page.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ana@actris.sg"]
    assert mail.outbox[0].subject == "Your sign-in code for the ACTRIS admin"
    # Reloading the page does not send another while the first still works.
    client.get(VERIFY)
    assert len(mail.outbox) == 1

    response = client.post(VERIFY, {"code": emailed_code(), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    entry = ModelLogEntry.objects.filter(action="accounts.verified", object_id=str(admin.pk)).get()
    assert entry.data == {"how": "email"}


def test_wrong_codes_are_throttled_and_a_code_works_once(client, required, admin):
    sign_in(client)
    client.get(VERIFY)
    code = emailed_code()
    wrong = "000000" if code != "000000" else "111111"
    first = client.post(VERIFY, {"code": wrong})
    assert "That code is not right, or has expired" in errors(first)
    # The next try must wait, even with the right code.
    second = client.post(VERIFY, {"code": code})
    assert second.status_code == 200
    assert re.search(r"Too many wrong codes: wait \d+ seconds", errors(second))
    assert client.get("/admin/").status_code == 302
    assert ModelLogEntry.objects.filter(action="accounts.wrong_code").count() == 2

    unthrottle(admin)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    assert client.get("/admin/").status_code == 200

    # Used once: a new sign-in cannot reuse it.
    client.post("/admin/logout/")
    sign_in(client)
    assert "not right" in errors(client.post(VERIFY, {"code": code}))


def test_an_expired_code_is_refused(client, required, admin):
    sign_in(client)
    client.get(VERIFY)
    EmailDevice.objects.filter(user=admin).update(valid_until=timezone.now() - timedelta(seconds=1))
    assert "has expired" in errors(client.post(VERIFY, {"code": emailed_code()}))


def test_a_new_code_waits_for_the_cooldown(client, required, admin):
    sign_in(client)
    client.get(VERIFY)
    response = client.post(VERIFY, {"send": "1"}, follow=True)
    assert len(mail.outbox) == 1
    assert re.search(r"A code was sent moments ago: you can ask for another in \d+ seconds",
                     response.content.decode())  # fmt: skip
    EmailDevice.objects.filter(user=admin).update(
        last_generated_timestamp=timezone.now() - timedelta(minutes=5)
    )
    response = client.post(VERIFY, {"send": "1"}, follow=True)
    assert len(mail.outbox) == 2 and "We sent a new code." in response.content.decode()
    if emailed_code(0) != emailed_code(1):  # one time in a million they are the same
        assert "not right" in errors(client.post(VERIFY, {"code": emailed_code(0)})), "replaced"
        unthrottle(admin)
    assert client.post(VERIFY, {"code": emailed_code(1)}).status_code == 302


def test_recovery_codes_work_once_each(client, required, admin):
    sign_in(client)
    client.get(VERIFY)
    client.post(VERIFY, {"code": emailed_code()})
    shown = client.post("/admin/two-step/recovery-codes/")
    assert shown["Cache-Control"] == "no-store"
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", shown.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10

    client.post("/admin/logout/")
    sign_in(client)
    # Typed as people do: capitals, a space instead of the dash.
    response = client.post(VERIFY, {"code": codes[3].upper().replace("-", " ")}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert "You signed in with a recovery code; 9 left" in response.content.decode()

    client.post("/admin/logout/")
    sign_in(client)
    unthrottle(admin)
    assert "not right" in errors(client.post(VERIFY, {"code": codes[3]}))
    # Replacing them makes the old ones useless.
    unthrottle(admin)
    client.post(VERIFY, {"code": codes[4]})
    client.post("/admin/two-step/recovery-codes/")
    client.post("/admin/logout/")
    sign_in(client)
    unthrottle(admin)
    assert "not right" in errors(client.post(VERIFY, {"code": codes[5]}))


def test_authenticator_app_is_added_from_a_confirmed_session_and_then_used(client, required, admin):
    sign_in(client)
    client.get(VERIFY)
    client.post(VERIFY, {"code": emailed_code()})
    page = client.get("/admin/two-step/app/")
    assert "<svg" in page.content.decode() and "Type this key instead" in page.content.decode()
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert "not right" in errors(client.post("/admin/two-step/app/", {"code": "12345"}))
    unthrottle(admin)
    response = client.post("/admin/two-step/app/", {"code": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed

    client.post("/admin/logout/")
    mail.outbox.clear()
    sign_in(client)
    page = client.get(VERIFY)
    assert "authenticator app shows for ACTRIS" in page.content.decode()
    assert mail.outbox == [], "with an app, no e-mail is sent unless asked for"
    # A code of the next 30-second step is accepted (clock drift), as django-otp allows.
    device.refresh_from_db()
    response = client.post(VERIFY, {"code": f"{totp(device.bin_key, t0=-30):06d}"})
    assert response.status_code == 302
    assert ModelLogEntry.objects.filter(action="accounts.verified", data__how="app").exists()


def test_unverified_sessions_are_visitors_on_the_public_site(client, required, admin):
    home = actris_homepage()
    private = home.add_child(instance=Page(title="Staff only", slug="staff-only"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    sign_in(client)
    response = client.get(private.url)
    assert response.status_code == 302, "asked to sign in, as any visitor"
    assert response["Location"] == "/_util/login/?next=" + private.url
    client.get(VERIFY)
    client.post(VERIFY, {"code": emailed_code()})
    assert client.get(private.url).status_code == 200


def test_next_never_leaves_the_site(client, required, admin):
    sign_in(client)
    client.get(VERIFY)
    response = client.post(VERIFY, {"code": emailed_code(), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_codes_go_only_to_allowed_domains(client, required, settings, django_user_model):
    settings.EDITOR_EMAIL_DOMAINS = ["actris.sg", "cris.sg"]
    django_user_model.objects.create_superuser("bo", "bo@gmail.com", PASSWORD)
    sign_in(client, "bo")
    response = client.get(VERIFY)
    assert response.status_code == 403
    text = re.sub(r"\s+", " ", response.content.decode())
    assert "Sign-in codes are only sent to addresses at actris.sg or cris.sg" in text
    assert mail.outbox == [] and not EmailDevice.objects.exists()
    assert client.get("/admin/").status_code == 302


def test_users_area_refuses_addresses_outside_the_allowed_domains(client, settings, admin):
    settings.EDITOR_EMAIL_DOMAINS = ["actris.sg"]
    client.force_login(admin)
    form = {
        "username": "cy", "email": "cy@gmail.com", "first_name": "Cy", "last_name": "Tan",
        "password1": PASSWORD, "password2": PASSWORD,
    }  # fmt: skip
    response = client.post("/admin/users/new/", form)
    assert response.status_code == 200
    assert (
        "Use a work address at actris.sg: sign-in codes are sent there."
        in response.content.decode()
    )
    response = client.post("/admin/users/new/", {**form, "email": "cy@actris.sg"})
    assert response.status_code == 302
    # Editors cannot move their own codes to another address.
    assert 'name="name_email-email"' not in client.get("/admin/account/").content.decode()


def _group_user(django_user_model, name, *, page_codenames=(), codenames=()):
    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    root = Page.get_first_root_node()
    for codename in page_codenames:
        GroupPagePermission.objects.create(
            group=group, page=root, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user(
        name.lower(), f"{name.lower()}@actris.sg", PASSWORD
    )
    user.groups.add(group)
    return user


def test_publishers_mode_asks_those_whose_changes_go_live(
    client, settings, admin, django_user_model
):
    settings.TWO_STEP_REQUIRED = "publishers"
    writer = _group_user(django_user_model, "Writer", page_codenames=("add_page", "change_page"))
    publisher = _group_user(django_user_model, "Publisher", page_codenames=("publish_page",))
    designer = _group_user(django_user_model, "Designer", codenames=("change_mainmenu",))
    assert [policy.required(u) for u in (writer, publisher, designer, admin)] == [
        False, True, True, True,
    ]  # fmt: skip
    sign_in(client, "writer")
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    sign_in(client, "publisher")
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_optional_mode_lets_an_editor_turn_it_on(client, settings, admin):
    settings.TWO_STEP_REQUIRED = "optional"
    sign_in(client)
    assert client.get("/admin/").status_code == 200, "optional: the password is enough"
    page = client.get("/admin/two-step/email/")
    assert "We e-mailed a 6-digit code to a•••@actris.sg" in page.content.decode()
    response = client.post("/admin/two-step/email/", {"code": emailed_code()})
    assert response.status_code == 302
    assert EmailDevice.objects.get(user=admin).confirmed

    client.post("/admin/logout/")
    sign_in(client)
    assert client.get("/admin/")["Location"].startswith(VERIFY), "turned on: asked from now on"
    client.get(VERIFY)
    assert client.post(VERIFY, {"code": emailed_code()}).status_code == 302
    client.post("/admin/two-step/remove/all/")
    client.post("/admin/logout/")
    sign_in(client)
    assert client.get("/admin/").status_code == 200, "turned off again"


def test_required_two_step_cannot_be_turned_off(client, required, admin):
    sign_in(client)
    client.get(VERIFY)
    client.post(VERIFY, {"code": emailed_code()})
    response = client.post("/admin/two-step/remove/all/", follow=True)
    assert "Sorry, you do not have permission" in response.content.decode()
    assert EmailDevice.objects.filter(user=admin).exists()


def test_reset_command_starts_the_account_again(capsys, required, admin, client):
    sign_in(client)
    client.get(VERIFY)
    client.post(VERIFY, {"code": emailed_code()})
    TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)
    call_command("reset_two_step", "ana")
    out = capsys.readouterr().out
    assert "Removed 2 two-step method(s) of ana." in out
    assert "At the next sign-in a code is e-mailed to ana@actris.sg." in out
    assert not EmailDevice.objects.exists() and not TOTPDevice.objects.exists()
    # The session that was confirmed with a removed device is confirmed no more.
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    assert ModelLogEntry.objects.filter(action="accounts.reset").exists()
    with pytest.raises(CommandError, match="No account is called 'nobody'"):
        call_command("reset_two_step", "nobody")


def test_production_refuses_to_start_without_two_step(tmp_path):
    result = entrypoint(production_env(tmp_path, TWO_STEP_REQUIRED="optional"), "manage", "check")
    assert result.returncode != 0
    assert "production requires two-step sign-in" in result.stderr
    result = entrypoint(
        production_env(tmp_path, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"),
        "manage", "check",
    )  # fmt: skip
    assert result.returncode != 0 and "sign-in codes would reach nobody" in result.stderr
    result = entrypoint(production_env(tmp_path), "manage", "shell", "-c",
                        "from django.conf import settings; print(settings.TWO_STEP_REQUIRED)")  # fmt: skip
    assert result.returncode == 0 and result.stdout.strip().splitlines()[-1] == "everyone"
