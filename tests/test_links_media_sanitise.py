"""Link schemes, media path resolution and HTML sanitising: the security edges, no database."""

import pytest

from blocks.links import link_url_problem
from importers.media import resolve_media_path, title_from_filename
from importers.richtext import rich_text_from_source
from importers.sanitise import html_to_text, sanitise_html
from importers.validate import over_editor_limits


@pytest.mark.parametrize(
    "url",
    [
        "https://www.scamshield.gov.sg/",
        "http://example.com/a?b=c#d",
        "mailto:enquiries@actris.sg",
        "tel:+6561234567",
        "/about-us/",
        "about-us/about-actris/",
        "#contact",
        "/files/Guide%20v2.pdf",
    ],
)
def test_accepted_links(url):
    assert link_url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("javascript:alert(1)", "'javascript:'"),
        ("JaVaScRiPt:alert(1)", "'javascript:'"),
        ("java\tscript:alert(1)", "'javascript:'"),
        (" javascript:alert(1)", "'javascript:'"),
        ("data:text/html;base64,PHNjcmlwdD4=", "'data:'"),
        ("vbscript:msgbox", "'vbscript:'"),
        ("ftp://files.example.com/x", "'ftp:'"),
        ("//evil.example.com/", "Protocol-relative"),
        ("https:///nohost", "no host"),
        ("", "empty"),
    ],
)
def test_refused_links(url, reason):
    problem = link_url_problem(url)
    assert problem is not None and reason in problem


def test_sanitise_keeps_formatting_and_drops_danger():
    cleaned, removed = sanitise_html(
        '<p onclick="x()">Hi <strong>there</strong> <em>you</em></p><script>alert(1)</script>'
        '<style>p{}</style><iframe src="https://evil.example"></iframe>'
        '<a href="javascript:alert(1)">bad</a> <a href="/ok/">ok</a>'
        '<img src=x onerror="alert(1)">'
    )
    assert cleaned == '<p>Hi <b>there</b> <i>you</i></p><a>bad</a> <a href="/ok/">ok</a>'
    for needle in ("script", "alert", "onclick", "iframe", "style", "onerror", "javascript"):
        assert needle not in cleaned
    assert {"<script>", "<style>", "<iframe>", "<img>", "p[onclick]"} <= set(removed)
    assert "link 'javascript:alert(1)'" in removed


def test_plain_text_becomes_escaped_paragraphs():
    result = rich_text_from_source("R&D <3\n\nSecond paragraph", ["bold"])
    assert result.html == (
        '<p data-block-key="k0000">R&amp;D &lt;3</p><p data-block-key="k0001">Second paragraph</p>'
    )
    assert result.removed == ()


def test_html_in_plain_text_field_keeps_the_text():
    text, removed = html_to_text("<b>Clinical</b> &amp; <i>research</i>")
    assert text == "Clinical & research"
    assert removed == ["<b>", "<i>"]


def test_media_paths_resolve_in_their_real_world_spellings(site_dir):
    expected = site_dir / "images" / "About Us" / "intro pic.png"
    for reference in (
        "/images/About Us/intro pic.png",
        "/images/About%20Us/intro%20pic.png",
        "images/About Us/intro pic.png",
    ):
        assert resolve_media_path(site_dir, reference).path == expected.resolve()
    amp = resolve_media_path(site_dir, "/images/R&amp;D lab.png")
    assert amp.path == (site_dir / "images" / "R&D lab.png").resolve()


def test_trailing_space_in_file_name(site_dir):
    (site_dir / "images" / "logo.png ").write_bytes(b"x")
    assert resolve_media_path(site_dir, "/images/logo.png").path.name == "logo.png "


@pytest.mark.parametrize(
    "reference",
    ["/images/../../etc/passwd", "../outside.png", "/images/%2e%2e/%2e%2e/secret.png"],
)
def test_paths_leaving_the_site_are_refused(site_dir, reference):
    (site_dir.parent / "outside.png").write_bytes(b"x")
    (site_dir.parent / "secret.png").write_bytes(b"x")
    lookup = resolve_media_path(site_dir, reference)
    assert lookup.path is None and lookup.refused
    assert "outside the site folder" in lookup.problem


def test_symlink_out_of_the_site_is_refused(site_dir, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"x")
    (site_dir / "images" / "link.png").symlink_to(secret)
    lookup = resolve_media_path(site_dir, "/images/link.png")
    assert lookup.path is None and lookup.refused


def test_external_and_missing_images_are_reported_not_fetched(site_dir):
    external = resolve_media_path(site_dir, "https://cdn.example.com/a.png")
    assert external.path is None and not external.refused and "not downloaded" in external.problem
    assert external.external
    missing = resolve_media_path(site_dir, "/images/nope.png")
    assert missing.path is None and "not found" in missing.problem


def test_a_file_in_other_letter_case_is_used_when_it_is_the_only_one(site_dir):
    (site_dir / "images" / "Team Photo.PNG").write_bytes(b"x")
    found = resolve_media_path(site_dir, "/images/team%20photo.png")
    assert found.path == (site_dir / "images" / "Team Photo.PNG").resolve()
    assert "/images/Team Photo.PNG (other letter case)" in found.note
    folder = resolve_media_path(site_dir, "/IMAGES/about us/INTRO PIC.png")
    assert folder.path.name == "intro pic.png" and folder.note
    exact = resolve_media_path(site_dir, "/images/hero.png")
    assert exact.path and exact.note is None  # exact matches are not reported


def test_letter_case_never_chooses_between_two_files_or_leaves_the_site(site_dir, tmp_path):
    (site_dir / "images" / "Logo.png").write_bytes(b"x")
    (site_dir / "images" / "LOGO.png").write_bytes(b"x")
    ambiguous = resolve_media_path(site_dir, "/images/logo.png")
    assert ambiguous.path is None and "not found" in ambiguous.problem
    (tmp_path / "secret.png").write_bytes(b"x")
    (site_dir / "images" / "Link.png").symlink_to(tmp_path / "secret.png")
    assert resolve_media_path(site_dir, "/images/link.png").path is None
    (site_dir / "_data").mkdir()
    (site_dir / "_data" / "Secret.png").write_bytes(b"x")
    assert resolve_media_path(site_dir, "/_DATA/secret.png").path is None


def test_title_from_filename():
    assert title_from_filename("/images/our_service-provision.jpg") == "our service provision"


def test_over_limit_content_is_found_by_walking_the_blocks():
    from home.blocks import HomePageStreamBlock

    body = [
        {
            "type": "hero",
            "id": "h",
            "value": {
                "title": "x" * 61,
                "key_highlights": [
                    {"type": "item", "id": "k", "value": {"title": "ok", "description": "d" * 31}}
                ],
            },
        },
        {
            "type": "infopic",
            "id": "i",
            "value": {"title": "t", "description": "<p>" + "a" * 161 + "</p>"},
        },
        {
            "type": "infopic",
            "id": "j",
            "value": {"title": "t", "description": "<p>" + "a" * 160 + "</p>"},
        },
    ]
    found = over_editor_limits(HomePageStreamBlock(), body)
    assert found == [
        ("[0].hero.title", 60, 61),
        ("[0].hero.key_highlights[0].description", 30, 31),
        ("[1].infopic.description", 160, 161),
    ]
