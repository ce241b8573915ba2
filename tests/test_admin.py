"""Editors in the Wagtail admin: edit and publish the homepage, and get clear refusals."""

import pytest
from wagtail.blocks import Block
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.blocks import SECTIONS
from home.models import HomePage

from .factories import actris_homepage

pytestmark = pytest.mark.django_db


def list_block(items):
    """Form data of a ListBlock, the shape the admin's JavaScript posts."""
    data = {"count": len(items)}
    for index, value in enumerate(items):
        data[f"{index}-value"] = value
        data[f"{index}-deleted"] = ""
        data[f"{index}-order"] = index
        data[f"{index}-id"] = ""
    return data


def link(url=""):
    return {"page": "", "url": url}


def highlight(title, description="", url=""):
    return {"title": title, "description": description, "link": link(url)}


def hero_form(highlights, button="Learn more", url="/about-us/about-actris/", title="Welcome"):
    return {
        "title": title,
        "subtitle": "",
        "background": "",
        "button": button,
        "link": link(url),
        "dropdown_title": "",
        "dropdown_options": list_block([]),
        "key_highlights": list_block(highlights),
        "variant": "center",
        "alignment": "left",
        "background_colour": "white",
        "size": "md",
    }


def edit_form(page, hero):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "notification": rich_text(""),
            "body": streamfield([("hero", hero)]),
            "seo_title": "",
            "search_description": page.search_description,
            "share_image": "",
            "action-publish": "action-publish",
        }
    )


@pytest.fixture
def homepage():
    return actris_homepage()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor-admin", "", "pw")
    client.force_login(user)
    return client


FOUR = [
    highlight("About Us", "Know more about ACTRIS", "about-us/about-actris/"),
    highlight("Our Facilities", "State-of-the-Art Facility", "/our-facilities/"),
    highlight("Our Service Provision", "Clinical Scale Manufacturing", "/our-service-provision/"),
    highlight("Resources", "Training and Education", "/resources/"),
]


def test_editing_a_key_highlight_and_publishing_shows_on_the_site(homepage, admin_client, client):
    edited = [dict(FOUR[0], title="Who We Are"), *FOUR[1:]]
    response = admin_client.post(
        f"/admin/pages/{homepage.id}/edit/", edit_form(homepage, hero_form(edited))
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    homepage.refresh_from_db()
    assert not homepage.has_unpublished_changes
    client.logout()
    public = client.get("/")
    assert public.status_code == 200
    assert b'<span class="key-highlights__title">Who We Are</span>' in public.content
    assert b">About Us</span>" not in public.content


def test_a_fifth_key_highlight_is_refused_with_a_clear_message(homepage, admin_client):
    revision = homepage.latest_revision_id
    five = [*FOUR, highlight("Fifth")]
    response = admin_client.post(
        f"/admin/pages/{homepage.id}/edit/", edit_form(homepage, hero_form(five))
    )
    assert response.status_code == 200
    assert "A hero can show at most 4 key highlights; remove the extra ones." in (
        response.content.decode()
    )
    homepage.refresh_from_db()
    assert homepage.latest_revision_id == revision


def test_a_button_label_without_a_link_is_refused(homepage, admin_client):
    revision = homepage.latest_revision_id
    response = admin_client.post(
        f"/admin/pages/{homepage.id}/edit/", edit_form(homepage, hero_form(FOUR, url=""))
    )
    assert response.status_code == 200
    assert "A button needs a link: choose a page or enter a URL." in response.content.decode()
    homepage.refresh_from_db()
    assert homepage.latest_revision_id == revision


def test_a_javascript_link_is_refused_in_the_admin(homepage, admin_client):
    response = admin_client.post(
        f"/admin/pages/{homepage.id}/edit/",
        edit_form(homepage, hero_form(FOUR, url="javascript:alert(1)")),
    )
    assert response.status_code == 200
    assert (
        "Links starting with &#x27;javascript:&#x27; are not allowed" in (response.content.decode())
        or "Links starting with 'javascript:' are not allowed" in response.content.decode()
    )


def test_the_edit_page_opens(homepage, admin_client):
    response = admin_client.get(f"/admin/pages/{homepage.id}/edit/")
    assert response.status_code == 200
    assert b"Hero banner" in response.content


def all_blocks(block):
    yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from all_blocks(child)
    if hasattr(block, "child_block"):
        yield from all_blocks(block.child_block)


@pytest.mark.parametrize("name", [name for name, _, _ in SECTIONS])
def test_every_block_preview_renders(admin_client, name):
    stream = HomePage._meta.get_field("body").stream_block
    block = stream.child_blocks[name]
    assert Block.definition_registry[block.definition_prefix] is block
    response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/css/site.css" in html
    preview = block.get_preview_value()
    title = preview.get("title") or preview.get("slides", [{}])[0].get("title")
    assert title and title.replace("&", "&amp;") in html


def test_block_preview_needs_a_login(client):
    stream = HomePage._meta.get_field("body").stream_block
    response = client.get(
        "/admin/block-preview/", {"id": stream.child_blocks["hero"].definition_prefix}
    )
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_imported_text_over_a_limit_saves_unchanged_but_an_edit_must_fit(homepage, admin_client):
    """Isomer content longer than the editor allows is kept, and does not block other edits."""
    long_title = "An imported hero title that is far longer than the sixty characters allowed"
    page = homepage.get_latest_revision_as_object()
    hero = page.body[0].value
    hero["title"] = long_title
    page.save_revision().publish()

    unchanged = hero_form(FOUR, title=long_title)
    response = admin_client.post(
        f"/admin/pages/{homepage.id}/edit/", edit_form(homepage, unchanged)
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    changed = hero_form(FOUR, title=long_title + " and then some more")
    revision = HomePage.objects.get().latest_revision_id
    response = admin_client.post(f"/admin/pages/{homepage.id}/edit/", edit_form(homepage, changed))
    assert response.status_code == 200
    assert "Keep this to 60 characters or fewer" in response.content.decode()
    assert HomePage.objects.get().latest_revision_id == revision


def test_no_field_of_any_page_type_lets_the_browser_cut_text(admin_client, admin_user):
    """The browser cuts pasted text at an HTML maxlength without a word: no editor field has
    one; each limit is counted instead (data-editor-limit) and checked on save."""
    import re

    from .factories import build_newsroom, make_entry

    home, newsroom, (events, _) = build_newsroom()
    entry = make_entry(events, "An entry")
    for page in (home, newsroom, events, entry):
        html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        # The page's own fields (blocks are drawn by the admin's script; the browser test
        # holds them to the same).
        assert not re.search(r"<(input|textarea)[^>]*maxlength", html), page
        assert re.search(r'<input[^>]*name="title"[^>]*data-editor-limit="255"', html)
    html = admin_client.get(f"/admin/pages/{entry.pk}/edit/").content.decode()
    assert re.search(
        r'<textarea[^>]*name="summary"[^>]*data-editor-limit="500"', html
    ) or re.search(r'<textarea[^>]*data-editor-limit="500"[^>]*name="summary"', html)
    assert 'src="/static/blocks/editor-limits.js"' in html
    # Over the limit, the save is refused with both numbers (Django's own message).
    from .admin_forms import edit_form_post_data

    data = edit_form_post_data(entry, admin_user)
    data["summary"] = "x" * 501
    refused = admin_client.post(f"/admin/pages/{entry.pk}/edit/", data)
    assert refused.status_code == 200
    assert "Ensure this value has at most 500 characters (it has 501)." in refused.content.decode()


def test_a_page_without_a_title_is_refused_for_its_title_not_its_slug(homepage, admin_client):
    from content.models import StandardPage

    response = admin_client.post(
        f"/admin/pages/add/content/standardpage/{homepage.pk}/",
        {"title": "", "slug": "", "body-count": "0", "language": ""},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "title" in form.errors and "slug" not in form.errors
    assert not StandardPage.objects.exists()
