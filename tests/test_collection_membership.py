"""A page of pages/ whose permalink lies in a collection's folder lives at that address but is
not one of the collection's pages (issue 18: mci-scai's /profiles/dan-hendrycks/ showed the
profiles' 44-page left navigation and was listed in every profile's, where Isomer shows none):
no left navigation or previous/next of its own, absent from the members'; editable; exported
back to pages/."""

import io
import re

import pytest
from django.core.management import call_command

from content.models import StandardPage
from exporters.snapshot import content_snapshot

from .conftest import isomer_sites, png_bytes
from .site_helpers import run_import, simple_page, small_site, wipe_content

pytestmark = pytest.mark.django_db


def crumbs(html: str) -> list[str]:
    trail = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group(0)
    return re.findall(r"<a [^>]*>([^<]+)</a>", trail)


@pytest.fixture
def site(tmp_path):
    profiles = {
        f"_profiles/{slug}.md": f"---\ntitle: {slug.title()}\npermalink: /profiles/{slug}/\n"
        f"---\nAbout {slug}.\n"
        for slug in ("ada", "grace")
    }
    return small_site(
        tmp_path / "site",
        "People\ncollections:\n  profiles:\n    output: true",
        {**profiles, "pages/alan.md": simple_page("profiles/alan", "Alan", "About Alan.")},
    )


def test_a_page_in_a_collections_folder_is_not_one_of_its_pages(site, client, admin_client):
    run_import(site)
    alan = StandardPage.objects.get(slug="alan")
    assert alan.get_parent().slug == "profiles" and alan.url == "/profiles/alan/"
    assert not alan.in_collection_nav
    assert StandardPage.objects.get(slug="ada").in_collection_nav

    own = client.get("/profiles/alan/").content.decode()
    assert "About Alan." in own and "side-nav" not in own and "prev-next" not in own
    member = client.get("/profiles/ada/").content.decode()
    assert "side-nav" in member and "/profiles/grace/" in member
    assert "/profiles/alan/" not in member
    # its breadcrumb is Home, then the page (as Isomer's); a member's goes through the collection
    assert crumbs(own) == ["Home", "Alan"]
    assert crumbs(member) == ["Home", "Profiles", "Ada"]

    # Editors see it in the page's settings.
    form = admin_client.get(f"/admin/pages/{alan.id}/edit/").content.decode()
    assert 'name="in_collection_nav"' in form

    # The export puts it back in pages/, and re-importing gives the same site.
    imported = content_snapshot()
    exported = site.parent / "exported"
    call_command("export_isomer", str(exported), stdout=io.StringIO())
    assert (exported / "pages" / "alan.md").is_file()
    assert "alan" not in (exported / "_profiles" / "collection.yml").read_text()
    wipe_content()
    run_import(exported)
    assert content_snapshot() == imported


def test_mci_scais_profile_outside_the_collection():
    run_import(isomer_sites() / "mci-scai")
    outside = StandardPage.objects.filter(in_collection_nav=False)
    assert [page.url for page in outside] == ["/profiles/dan-hendrycks/"]


def test_linked_pictures_keep_their_links_and_a_missing_one_keeps_its_link_as_text(
    client, tmp_path, media_root
):
    """A portrait that led to a profile still does (a page link, so it survives moves); when
    the picture itself is missing from the site, its link stays as text (its description)."""
    body = (
        '<p><a href="/profiles/ada/"><img src="/images/ada.png" alt="Ada Lovelace"></a></p>\n\n'
        '<p><a href="/profiles/alan/"><img src="/images/gone.png" alt="Alan Turing"></a></p>\n'
    )
    root = small_site(
        tmp_path / "site",
        "People",
        {
            "pages/people.md": simple_page("people", "People", body),
            "pages/ada.md": simple_page("profiles/ada", "Ada", "About Ada."),
            "pages/alan.md": simple_page("profiles/alan", "Alan", "About Alan."),
        },
    )
    (root / "images").mkdir()
    (root / "images" / "ada.png").write_bytes(png_bytes((20, 40, 60), (300, 200)))
    report = run_import(root)
    people = StandardPage.objects.get(slug="people")
    ada, alan = StandardPage.objects.get(slug="ada"), StandardPage.objects.get(slug="alan")
    (figure,) = [b.value for b in people.body if b.block_type == "image"]
    assert figure["link"]["page"].specific == ada
    html = client.get(people.url).content.decode()
    assert f'<a class="figure__link" href="{ada.url}"><img' in html
    assert f'<a href="{alan.url}">Alan Turing</a>' in html  # the missing picture's link, as text
    assert "gone.png" in report  # and the missing picture is reported
    # exported and imported again: the same
    imported = content_snapshot()
    exported = tmp_path / "exported"
    call_command("export_isomer", str(exported), stdout=io.StringIO())
    wipe_content()
    run_import(exported)
    assert content_snapshot() == imported


def test_mci_scais_portraits_still_lead_to_the_profiles(client, media_root):
    """In the shared copy of mci-scai the portraits' files are absent; the links remain."""
    run_import(isomer_sites() / "mci-scai")
    directors = StandardPage.objects.get(url_path__endswith="/directors/")
    html = client.get(directors.url).content.decode()
    for slug, name in (("he-ruimin", "Dr He Ruimin"), ("brendan-fong", "Dr Brendan Fong")):
        profile = StandardPage.objects.get(url_path__endswith=f"/directors-profiles/{slug}/")
        assert f'<a href="{profile.url}">{name}</a>' in html
