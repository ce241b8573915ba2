"""The admin's own forms refuse what the importer refuses: script, look-alike and protocol-
relative links in page fields, blocks and settings (one link policy, blocks/links.py)."""

import json

import pytest
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Site

from blocks.links import link_url_problem
from content.models import ContactPage
from siteconfig.models import Footer, MainMenu

from .admin_forms import _field_value, block_post_data, edit_form_post_data
from .factories import actris_homepage

pytestmark = pytest.mark.django_db

HOSTILE = ("javascript:alert(1)", "JaVaScRiPt:x", "/\\evil.example/", "//evil.example/")


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "", "pw")
    client.force_login(user)
    return user


def settings_post_data(setting) -> dict:
    """Everything the setting's edit form posts when saved as ``setting`` holds it."""
    form = get_edit_handler(type(setting)).get_form_class()(instance=setting)
    data = {}
    for name, field in form.fields.items():
        stream = getattr(field, "block", None)
        if stream is not None:
            data.update(
                block_post_data(stream, stream.get_form_state(getattr(setting, name)), name)
            )
        elif (value := _field_value(form[name])) is not None:
            data[name] = value
    return data


def test_the_policy_refuses_every_disguise():
    for address in (*HOSTILE, "java\tscript:x", "/%5Cevil.example/", "data:text/html,x"):
        assert link_url_problem(address), address
    for address in ("https://www.cris.sg/", "mailto:a@b.sg", "tel:+6561234567", "/about-us/"):
        assert not link_url_problem(address), address


def test_footer_social_links_refuse_script(client, admin):
    actris_homepage()
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/siteconfig/footer/{site.id}/"
    footer = Footer.for_site(site)
    for address in HOSTILE[:2]:
        footer.facebook = address
        response = client.post(url, settings_post_data(footer))
        assert response.status_code == 200  # the form again, with the error on the field
        assert "facebook" in response.context["form"].errors
        assert Footer.for_site(site).facebook == ""
    footer.facebook = "https://www.facebook.com/actris/"
    assert client.post(url, settings_post_data(footer)).status_code == 302
    assert Footer.for_site(site).facebook == "https://www.facebook.com/actris/"


def test_menu_links_refuse_script_and_look_alikes(client, admin):
    actris_homepage()
    site = Site.objects.get(is_default_site=True)
    menu = MainMenu.for_site(site)
    for address in HOSTILE:
        menu.items = [{"type": "link", "value": {"title": "Evil", "link": {"url": address}}}]
        response = client.post(
            f"/admin/settings/siteconfig/mainmenu/{site.id}/", settings_post_data(menu)
        )
        assert response.status_code == 200, address
        assert "Evil" not in json.dumps(list(MainMenu.for_site(site).items.raw_data))
    menu.items = [{"type": "link", "value": {"title": "Fine", "link": {"url": "/about-us/"}}}]
    response = client.post(
        f"/admin/settings/siteconfig/mainmenu/{site.id}/", settings_post_data(menu)
    )
    assert response.status_code == 302  # the same form saves a good link


def test_contact_feedback_refuses_script(client, admin):
    home = actris_homepage()
    contact = home.add_child(instance=ContactPage(title="Contact us", slug="contact-us"))
    for address in HOSTILE:
        contact.feedback = address
        response = client.post(
            f"/admin/pages/{contact.id}/edit/", edit_form_post_data(contact, admin)
        )
        assert response.status_code == 200, address
        assert "feedback" in response.context["form"].errors
        assert ContactPage.objects.get(pk=contact.pk).latest_revision is None
    contact.feedback = "mailto:enquiries@actris.sg"
    response = client.post(f"/admin/pages/{contact.id}/edit/", edit_form_post_data(contact, admin))
    assert response.status_code == 302  # the same form saves a good link
    assert ContactPage.objects.get(pk=contact.pk).latest_revision is not None


def test_block_links_refuse_script_and_look_alikes(client, admin):
    home = actris_homepage()
    revisions = home.revisions.count()
    raw = json.dumps(list(home.body.raw_data))
    assert '"/about-us/about-actris/"' in raw  # the hero's button link
    for address in HOSTILE:
        home.body = json.loads(raw.replace('"/about-us/about-actris/"', json.dumps(address)))
        response = client.post(f"/admin/pages/{home.id}/edit/", edit_form_post_data(home, admin))
        assert response.status_code == 200, address
        assert "body" in response.context["form"].errors
        assert home.revisions.count() == revisions
    home.body = json.loads(raw.replace('"/about-us/about-actris/"', '"/about-us/"'))
    response = client.post(f"/admin/pages/{home.id}/edit/", edit_form_post_data(home, admin))
    assert response.status_code == 302 and home.revisions.count() == revisions + 1
