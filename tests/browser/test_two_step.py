"""Two-step sign-in in a real browser, as an editor meets it, on a computer and on a phone."""

import re

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from ..conftest import PROJECT_DIR
from .conftest import serious_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
PASSWORD = "correct-horse-battery-9"
ARTIFACTS = PROJECT_DIR / "test-artifacts"


@pytest.fixture
def editor(settings, django_user_model):
    settings.TWO_STEP_REQUIRED = "everyone"
    settings.EDITOR_EMAIL_DOMAINS = ["actris.sg"]
    return django_user_model.objects.create_superuser("mei", "mei.tan@actris.sg", PASSWORD)


def last_code() -> str:
    return re.search(r"^\s+(\d{6})$", mail.outbox[-1].body, re.M).group(1)


@pytest.mark.parametrize("width,height", [(1280, 900), (375, 812)])
def test_password_then_emailed_code(chromium, live_server, editor, axe_source, width, height):
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(live_server.url + "/admin/pages/")
    page.get_by_label("Username").fill("mei")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # The password alone leads to the code page, and the code is on its way to the work address.
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    expect(page.get_by_text("We e-mailed a 6-digit code to m•••@actris.sg")).to_be_visible()
    assert [m.to for m in mail.outbox] == [["mei.tan@actris.sg"]]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "nothing off-screen"
    assert serious_violations(page, axe_source) == []
    page.screenshot(path=ARTIFACTS / f"two-step-code-{width}.png", full_page=True)

    # The address bar cannot skip the step.
    page.goto(live_server.url + "/admin/")
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()

    code = last_code()
    page.get_by_role("textbox", name="Code").fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status").get_by_text("That code is not right")).to_be_visible()
    page.wait_for_timeout(1100)  # the throttle's first wait: 1 second
    page.get_by_role("textbox", name="Code").fill(code)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", name="Confirm it is you")).to_have_count(0)
    expect(page.get_by_role("heading", name="Site summary")).to_be_visible()

    # The account's Two-step page: add an authenticator app from the confirmed session.
    page.goto(live_server.url + "/admin/two-step/")
    expect(page.get_by_text("Codes are sent to mei.tan@actris.sg")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert serious_violations(page, axe_source) == []
    page.get_by_role("link", name="Add an authenticator app").click()
    qr = page.get_by_role("img", name="QR code for your authenticator app")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] <= width
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    page.get_by_role("textbox", name="Code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Add the app").click()
    expect(page.get_by_text("Authenticator app added")).to_be_visible()
    page.screenshot(path=ARTIFACTS / f"two-step-account-{width}.png", full_page=True)
    context.close()
