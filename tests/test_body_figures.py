"""Pictures in page bodies keep the place Isomer gave them (issue 18, body fidelity): the image
block's width and position come from the <img> and what surrounds it, layout tables included."""

import pytest

from importers.mapping.bodies import convert_body

from .conftest import isomer_sites


def figures(body: str, variant: str = "markdown") -> list[tuple[str, str]]:
    blocks = convert_body(body, variant, "pages/p.md").blocks
    return [(b["value"]["width"], b["value"]["position"]) for b in blocks if b["type"] == "image"]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<div class="isomer-image-wrapper"><img src="/a.png" alt="A"></div>', ("", "centre")),
        ('<p><img src="/a.png" alt="A" style="width: 300px"></p>', ("300px", "left")),
        (
            '<p><img src="/a.png" alt="A" width="50%" style="float: right"></p>',
            ("50%", "float-right"),
        ),
        ('<p style="text-align: center"><img src="/a.png" alt="A"></p>', ("", "centre")),
        ('<p><img src="/a.png" alt="A" align="left"></p>', ("", "float-left")),
    ],
)
def test_width_and_position_come_from_the_source(html, expected):
    assert figures(html, "tiptap") == [expected]


def layout_row(first: str, second: str) -> str:
    return f"<table><tbody><tr>{first}{second}</tr></tbody></table>"


PICTURE = '<td style="width:40%"><img src="/a.png" alt="A" align="right"></td>'
TEXT = "<td style='width:60%'><h3>Join us</h3><br>We are hiring.</td>"


def test_a_picture_cell_beside_text_floats_on_its_cells_side():
    # The cell's own align (right, within the cell) does not move it to the page's right.
    assert figures(layout_row(PICTURE, TEXT)) == [("40%", "float-left")]
    assert figures(layout_row(TEXT, PICTURE)) == [("40%", "float-right")]
    converted = convert_body(layout_row(TEXT, PICTURE), "markdown", "pages/p.md")
    # The float comes first so that the text flows beside it.
    assert [b["type"] for b in converted.blocks] == ["image", "paragraph"]
    assert "layout_table" in [n.code for n in converted.notes]


def test_a_picture_with_its_own_width_keeps_it_and_pictures_without_text_stay_put():
    sized = '<td style="width:40%"><img src="/a.png" alt="A" width="200"></td>'
    assert figures(layout_row(sized, TEXT)) == [("200px", "float-left")]
    two_pictures = layout_row(PICTURE, PICTURE.replace("/a.png", "/b.png"))
    assert figures(two_pictures) == [("", "float-right"), ("", "float-right")]


def test_actris_careers_shows_its_picture_left_of_the_text():
    source = isomer_sites() / "cris-actris" / "pages" / "Careers.md"
    body = source.read_text().split("---", 2)[2]
    assert figures(body) == [("40%", "float-left")]


def test_a_cards_lines_after_its_picture_stay_one_paragraph():
    card = (
        '<div class="row"><div class="col"><a href="/profiles/a/"><img src="/a.png" alt="A">'
        "</a><br><strong>Ada LOVELACE</strong><br><span><em>Analyst &amp; poet</em></span>"
        "</div></div>"
    )
    blocks = convert_body(card, "markdown", "pages/p.md").blocks
    assert [b["type"] for b in blocks] == ["image", "paragraph"]
    assert blocks[1]["value"] == (
        '<p data-block-key="k0000"><b>Ada LOVELACE</b><br/><i>Analyst &amp; poet</i></p>'
    )


def test_mci_scai_community_lists_each_member_as_picture_then_name_and_role():
    source = isomer_sites() / "mci-scai" / "_people" / "SCAI Community.md"
    blocks = convert_body(source.read_text().split("---", 2)[2], "markdown", "p.md").blocks
    texts = [str(b["value"]) for b in blocks if b["type"] == "paragraph"]
    assert "<b>Marwan ALSERKAL</b><br/><i>Policymaker, UAE AI" in texts[1]
    assert sum(b["type"] == "image" for b in blocks) == len(texts) - 1  # one per member


def image_links(body: str, variant: str = "markdown") -> list:
    blocks = convert_body(body, variant, "pages/p.md").blocks
    return [b["value"]["link"] for b in blocks if b["type"] == "image"]


def test_a_link_around_a_picture_is_kept_with_the_picture():
    links = image_links('<p><a href="/profiles/ada/"><img src="/a.png" alt="Ada"></a></p>')
    assert [getattr(link, "url", link) for link in links] == ["/profiles/ada/"]
    # in Markdown too, and on its own line
    links = image_links(
        '[![Ada](/a.png)](https://example.org/ada)\n\n<a href="/b.png"><img src="/b.png" alt="B"></a>'
    )
    assert [getattr(link, "url", link) for link in links] == ["https://example.org/ada", "/b.png"]
    # a picture without a link has an empty one
    assert image_links('<p><img src="/a.png" alt="A"></p>') == [{"page": None, "url": ""}]


def test_a_refused_link_around_a_picture_keeps_the_picture_and_says_so():
    converted = convert_body(
        '<p><a href="javascript:alert(1)"><img src="/a.png" alt="A"></a></p>', "tiptap", "p.md"
    )
    (image,) = [b for b in converted.blocks if b["type"] == "image"]
    assert image["value"]["link"] == {"page": None, "url": ""}
    assert "refused_link" in {note.code for note in converted.notes}


def test_mci_scai_directors_lead_to_their_profiles():
    source = isomer_sites() / "mci-scai" / "_people" / "Conference Directors.md"
    blocks = convert_body(source.read_text().split("---", 2)[2], "markdown", "p.md").blocks
    links = [b["value"]["link"] for b in blocks if b["type"] == "image"]
    assert links and all(link.url.startswith("/directors-profiles/") for link in links)


def test_a_linked_picture_with_a_caption_keeps_its_link():
    html = '<figure><a href="/profiles/ada/"><img src="/a.png" alt="Ada"></a><figcaption>Ada</figcaption></figure>'
    blocks = convert_body(html, "tiptap", "p.md").blocks
    assert [(b["value"]["caption"], b["value"]["link"].url) for b in blocks] == [
        ("Ada", "/profiles/ada/")
    ]


def test_a_layout_table_inside_a_layout_table_is_converted_once():
    html = (
        '<table><tr><td><img src="/a.png" alt="A"></td><td>'
        "<table><tr><td><h3>Inner heading</h3></td><td>Inner text</td></tr></table>"
        "</td></tr><tr><td>Outer text</td></tr></table>"
    )
    blocks = convert_body(html, "tiptap", "p.md").blocks
    text = "".join(str(b["value"]) for b in blocks if b["type"] in ("paragraph", "heading"))
    assert text.count("Inner heading") == 1 and text.count("Inner text") == 1
    assert text.count("Outer text") == 1
    assert sum(b["type"] == "image" for b in blocks) == 1
