"""Hostile sites and careless input: nothing imported runs script or leaks a file, no input
crashes the importer, and every refusal names the file (one test per hole found by trying)."""

import io
import json
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from content.models import ContactPage
from exporters.snapshot import content_snapshot
from home.models import HomePage
from newsroom.models import NewsEntryPage
from siteconfig.models import Footer, MainMenu, SiteIdentity

from .conftest import png_bytes
from .factories import actris_homepage, build_newsroom, make_document, make_entry
from .site_helpers import run_import

pytestmark = pytest.mark.django_db

PWN = "document.title=`pwned`"  # a payload that would show in the page's title
CONFIG = "title: Hostile\nremote_theme: isomerpages/isomerpages-template@next-gen\n"
HOME = """---
layout: homepage
title: Home
sections:
  - hero:
      title: Hi
  - infocols:
      title: Look-alike
      url: /\\evil.example/infocols
      linktext: More
      infoboxes:
        - title: Box
          description: Text
  - infobar:
      title: Encoded
      button: Go
      url: /%2F%2Fevil.example/infobar
---
"""
CONTACT = f"""---
layout: contact_us
title: Contact Us
permalink: /contact-us/
feedback: "javascript:{PWN}"
locations:
  - title: HQ
    maps_link: "JaVaScRiPt:{PWN}"
contacts:
  - title: Us
    content:
      - other: '<script>{PWN}</script><img src=x onerror="{PWN}"><svg onload="{PWN}"></svg><iframe src="https://evil.example/"></iframe><p onclick="{PWN}" style="color:red">Call us</p>'
---
"""
FOOTER = f"""contact_us: /contact-us/
social_media:
  facebook: "javascript:{PWN}"
  twitter: "JaVaScRiPt:{PWN}"
  youtube: "javascript://%0a{PWN}"
  linkedin: https://www.linkedin.com/company/actris/
links:
  - title: Looks local
    url: /\\evil.example/path
"""
NAVIGATION = """links:
  - title: About
    url: /about/
    sublinks:
      - title: Off-site
        url: /\\evil.example/x
      - title: Fine
        url: /about/
"""


def write(root, files: dict):
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def hostile(tmp_path):
    return write(
        tmp_path / "site",
        {
            "_config.yml": CONFIG + 'colors:\n  primary-color: "red}body{background:url(x)}"\n',
            "index.md": HOME,
            "_data/footer.yml": FOOTER,
            "_data/navigation.yml": NAVIGATION,
            "pages/contact-us.md": CONTACT,
            "pages/about.md": "---\ntitle: About\npermalink: /about/\n---\nAbout us\n",
        },
    )


def report_of(root, tmp_path) -> dict:
    target = tmp_path / "report.json"
    run_import(root, "--report", target)
    return json.loads(target.read_text())


def test_contact_html_and_links_cannot_run_script(client, hostile, tmp_path):
    report = report_of(hostile, tmp_path)
    page = ContactPage.objects.get()
    stored = json.dumps(list(page.contacts.raw_data)) + page.feedback
    stored += json.dumps(list(page.locations.raw_data))
    for needle in ("script", "onerror", "onload", "iframe", "onclick", "style", "javascript"):
        assert needle not in stored.lower(), needle
    assert "Call us" in stored
    html = client.get("/contact-us/").content.decode().lower()
    assert "pwned" not in html and "javascript:" not in html
    codes = report["needs_a_human"]
    assert codes["refused_link"] >= 2 and codes["sanitised_html"] >= 1


def test_footer_and_menu_links_are_checked_by_the_one_policy(client, hostile, tmp_path):
    report = report_of(hostile, tmp_path)
    footer = Footer.objects.get()
    assert [footer.facebook, footer.twitter, footer.youtube] == ["", "", ""]
    assert footer.linkedin == "https://www.linkedin.com/company/actris/"
    assert "evil" not in json.dumps(list(footer.links.raw_data))
    menu = json.dumps(list(MainMenu.objects.get().items.raw_data))
    assert "evil" not in menu and "Fine" in menu
    for address in ("/about/", "/"):  # menu and footer; the homepage's infocols and infobar
        html = client.get(address).content.decode()
        assert "evil.example" not in html and "javascript:" not in html.lower(), address
    assert "Look-alike" in html and "Encoded" in html  # the sections stay, without the links
    refused = [i for i in report["items"] if i["code"] in ("invalid_setting", "menu_entry_dropped")]
    files = {i["file"] for i in refused if "colour" not in i["message"]}
    assert files == {"_data/footer.yml", "_data/navigation.yml"}


def test_colour_that_would_break_out_of_css_is_refused(client, hostile, tmp_path):
    report = report_of(hostile, tmp_path)
    assert SiteIdentity.objects.get().primary_colour == "#ffce06"  # the default was kept
    assert any(
        i["code"] == "invalid_setting" and "primary" in i["message"] for i in report["items"]
    )
    assert client.get("/").status_code == 200


def test_config_and_data_files_never_become_documents(hostile, tmp_path):
    write(
        hostile,
        {
            ".env": "SECRET_KEY=do-not-publish\n",
            "_data/secrets.yml": "password: hunter2\n",
            "files/report.pdf": b"%PDF-1.4\n%ok\n",
            "pages/leaky.md": "---\ntitle: Leaky\npermalink: /leaky/\n---\n"
            '<a href="/.env">env</a> <a href="/_config.yml">config</a> '
            '<a href="/_data/secrets.yml">secrets</a> <a href="/files/report.pdf">report</a>\n',
        },
    )
    report = report_of(hostile, tmp_path)
    Document = get_document_model()
    assert [d.title for d in Document.objects.all()] == ["report"]
    broken = " ".join(i["message"] for i in report["items"] if i["code"] == "broken_link")
    assert "/.env" in broken and "/_config.yml" in broken and "secrets.yml" in broken


def test_yaml_alias_bomb_and_huge_files_are_refused_quickly(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
        f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
        f"*{chr(97 + n)}]\n"
        for n in range(12)
    )
    root = write(tmp_path / "bomb", {"_config.yml": CONFIG + bomb, "index.md": HOME})
    started = time.perf_counter()
    with pytest.raises(CommandError) as caught:
        run_import(root)
    assert time.perf_counter() - started < 10  # refused before expanding anything
    assert "_config.yml" in str(caught.value) and "aliases" in str(caught.value)

    big = write(
        tmp_path / "big", {"_config.yml": CONFIG + "x: " + "y" * 3_000_000, "index.md": HOME}
    )
    with pytest.raises(CommandError) as caught:
        run_import(big)
    assert "_config.yml" in str(caught.value) and "bytes" in str(caught.value)


HOME_WITH_BAD_PICTURES = (
    "---\nlayout: homepage\ntitle: Home\nsections:\n  - hero:\n"
    "      title: Hi\n      background: /images/truncated.jpg\n  - infopic:\n"
    "      title: Pic\n      image: /images/huge.png\n      alt: Huge\n---\n"
)


def test_oversized_and_truncated_pictures_are_refused_and_pages_still_render(client, tmp_path):
    huge = io_png((9000, 9000))
    good = io_jpeg((400, 300))
    root = write(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "images/huge.png": huge,
            "images/truncated.jpg": good[: len(good) // 2],
            "images/fine.jpg": good,
            "index.md": HOME_WITH_BAD_PICTURES,
        },
    )
    report = report_of(root, tmp_path)
    Image = get_image_model()
    assert [i.title for i in Image.objects.all()] == ["fine"]
    refused = {i["file"] for i in report["items"] if i["code"] == "refused_image"}
    assert refused == {"images/huge.png", "images/truncated.jpg"}
    assert client.get("/").status_code == 200


def io_png(size) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("L", size, 0).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def io_jpeg(size) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 20, 20)).save(buffer, format="JPEG")
    return buffer.getvalue()


CRASHERS = {
    "two infopics, one picture": "  - infopic:\n      title: A\n      image: /images/a.png\n"
    "      alt: A\n  - infopic:\n      title: B\n",
    "title over 255": "  - hero:\n      title: " + "T" * 400 + "\n",
    "[ in a link": "  - infobar:\n      title: X\n      button: Go\n      url: 'http://[::1'\n",
    "file name too long": "  - infopic:\n      title: X\n      image: /images/"
    + "é" * 300
    + ".png\n",
}


@pytest.mark.parametrize("case", CRASHERS)
def test_odd_homepages_import_without_a_traceback(case, tmp_path):
    root = write(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "images/a.png": png_bytes(),
            "index.md": "---\nlayout: homepage\ntitle: "
            + ("H" * 300 if "title" in case else "Home")
            + "\nsections:\n"
            + CRASHERS[case]
            + "---\n",
        },
    )
    output = run_import(root)
    assert output.startswith("Site imported.")
    assert len(HomePage.objects.get().title) <= 255


def test_impossible_dates_are_reported_with_file_and_line(tmp_path):
    root = write(
        tmp_path / "site",
        {
            "_config.yml": CONFIG + "resources_name: news\n",
            "index.md": HOME,
            "news/index.html": "---\nlayout: resources\ntitle: News\n---\n",
            "news/press/index.html": "---\nlayout: resources-alt\ntitle: Press\n---\n",
            "news/press/_posts/2024-13-45-post-odd.md": "---\ntitle: Odd\ndate: 2024-02-30\n---\nx",
        },
    )
    report = report_of(root, tmp_path)
    (bad,) = [i for i in report["items"] if i["code"] == "bad_date"]
    assert bad["file"] == "news/press/_posts/2024-13-45-post-odd.md" and bad["line"] == 3
    assert any(i["code"] == "no_date" for i in report["items"])  # the file name's is no date


def test_deep_nesting_is_refused_or_flattened_never_a_traceback(tmp_path):
    deep_yaml = "x: " + "[" * 200 + "]" * 200 + "\n"
    root = write(tmp_path / "yaml", {"_config.yml": CONFIG + deep_yaml, "index.md": HOME})
    with pytest.raises(CommandError) as caught:
        run_import(root)
    assert "_config.yml:" in str(caught.value) and "nested" in str(caught.value)
    deep_html = "<div>" * 5000 + "deep text" + "</div>" * 5000
    root = write(
        tmp_path / "html",
        {
            "_config.yml": CONFIG,
            "index.md": HOME,
            "pages/deep.md": f"---\ntitle: Deep\n---\n{deep_html}\n",
        },
    )
    assert run_import(root).startswith("Site imported.")


def test_folder_named_index_md_gets_a_clear_message(tmp_path):
    root = write(tmp_path / "site", {"_config.yml": CONFIG})
    (root / "index.md").mkdir()
    with pytest.raises(CommandError) as caught:
        run_import(root)
    assert "index.md is a folder" in str(caught.value)


def test_symlinked_page_outside_the_site_is_not_imported(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Secret\npermalink: /secret/\n---\nprivate\n")
    root = write(tmp_path / "site", {"_config.yml": CONFIG, "index.md": HOME})
    (root / "pages").mkdir()
    (root / "pages" / "secret.md").symlink_to(secret)
    report = report_of(root, tmp_path)
    assert "Secret" not in json.dumps(content_snapshot())
    assert any(
        i["code"] == "refused_path" and i["file"] == "pages/secret.md" for i in report["items"]
    )


def test_a_refused_button_link_leaves_no_half_button(tmp_path):
    from wagtail.blocks import StreamValue

    root = write(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "index.md": "---\nlayout: homepage\ntitle: Home\nsections:\n  - hero:\n"
            f"      title: Hi\n      button: Click\n      url: 'javascript:{PWN}'\n---\n",
        },
    )
    report = report_of(root, tmp_path)
    page = HomePage.objects.get()
    hero = page.body[0].value
    assert hero["button"] == "" and not hero["link"]
    body = page.body.stream_block
    body.clean(StreamValue(body, list(page.body.raw_data), is_lazy=True))  # editor rules apply
    assert any(i["code"] == "button_dropped" and "Click" in i["message"] for i in report["items"])


def test_any_search_input_gets_a_results_page(client):
    actris_homepage()
    for query in ['">', '"', "'; DROP TABLE", "AND OR NOT", "(((", "*", "<script>", "\x00"]:
        assert client.get("/search/", {"q": query}).status_code == 200, query


def test_failed_sign_ins_are_throttled_per_account_and_address(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "", "right-password")
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200  # the form again, "wrong password"
    response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert response.status_code == 429  # the fifth failure locks
    response = client.post("/admin/login/", {"username": "editor", "password": "right-password"})
    assert response.status_code == 429  # even the right password waits
    assert b"Too many sign-in attempts" in response.content
    # The account stays locked from another address too.
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "right-password"},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 429
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    call_command("axes_reset_ip", "127.0.0.1", stdout=io.StringIO())
    response = client.post("/admin/login/", {"username": "editor", "password": "right-password"})
    assert response.status_code == 302


def test_public_pages_carry_a_content_security_policy(client, django_user_model):
    actris_homepage()
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
    client.force_login(django_user_model.objects.create_superuser("a", "", "pw"))
    admin = client.get("/admin/")
    assert "Content-Security-Policy" not in admin
    assert "script-src" in admin["Content-Security-Policy-Report-Only"]


def test_a_file_entrys_document_waits_for_its_entry(client, django_user_model):
    home, newsroom, (events, _) = build_newsroom()
    document = make_document("Embargoed report")
    entry = make_entry(events, "Embargoed", kind="file", document=document, publish=False)
    url = document.url
    assert client.get(url).status_code == 404
    moderator = django_user_model.objects.create_superuser("moderator", "", "pw")
    client.force_login(moderator)
    assert client.get(url).status_code == 200  # editors can review it
    client.logout()
    entry.get_latest_revision().publish()
    assert client.get(url).status_code == 200

    # A new file in a change awaiting approval waits too; the published one stays public.
    entry = NewsEntryPage.objects.get(pk=entry.pk)
    revised = make_document("Revised report")
    entry.document = revised
    entry.save_revision()
    assert client.get(revised.url).status_code == 404
    assert client.get(url).status_code == 200
    entry.get_latest_revision().publish()
    assert client.get(revised.url).status_code == 200
    assert client.get(url).status_code == 200  # visitors may have linked to it
