"""Block validation as editors meet it: clear messages, editor limits, relaxed only for imports."""

import pytest
from django.core.exceptions import ValidationError

from blocks import (
    CardGridBlock,
    HeroBlock,
    InfoColsBlock,
    InfopicBlock,
    LinkBlock,
    relaxed_editor_rules,
)
from home.blocks import HomePageStreamBlock

# Chooser blocks look pages up in bulk (even for empty lists), so these tests use the database.
pytestmark = pytest.mark.django_db


def hero_value(**fields):
    block = HeroBlock()
    raw = {"title": "Welcome", "key_highlights": [], "dropdown_options": []}
    raw.update(fields)
    return block, block.to_python(raw)


def messages(error: ValidationError) -> list[str]:
    found = []
    for child in getattr(error, "block_errors", {}).values():
        found += messages(child)
    non_block = getattr(error, "non_block_errors", None)
    if non_block:
        found += [m for e in non_block.as_data() for m in e.messages]
    if not hasattr(error, "block_errors"):
        found += error.messages
    return found


def highlight(title):
    return {"title": title, "description": "", "link": {"page": None, "url": "/x/"}}


def test_a_valid_hero_passes():
    block, value = hero_value(
        button="Learn more",
        link={"page": None, "url": "/about-us/"},
        key_highlights=[highlight(str(n)) for n in range(4)],
    )
    cleaned = block.clean(value)
    assert cleaned["button"] == "Learn more"


def test_fifth_key_highlight_is_refused():
    block, value = hero_value(key_highlights=[highlight(str(n)) for n in range(5)])
    with pytest.raises(ValidationError) as caught:
        block.clean(value)
    assert caught.value.block_errors.keys() == {"key_highlights"}
    assert messages(caught.value) == [
        "A hero can show at most 4 key highlights; remove the extra ones."
    ]


def test_button_label_without_link_is_refused():
    block, value = hero_value(button="Learn more")
    with pytest.raises(ValidationError) as caught:
        block.clean(value)
    assert messages(caught.value) == ["A button needs a link: choose a page or enter a URL."]


def test_link_without_button_label_is_refused():
    block, value = hero_value(link={"page": None, "url": "/x/"})
    with pytest.raises(ValidationError) as caught:
        block.clean(value)
    assert messages(caught.value) == ["Give the button a label, or remove its link."]


def test_button_and_dropdown_exclude_each_other():
    block, value = hero_value(
        button="Go",
        link={"page": None, "url": "/x/"},
        dropdown_options=[{"title": "A", "link": {"page": None, "url": "/a/"}}],
    )
    with pytest.raises(ValidationError) as caught:
        block.clean(value)
    assert "Use a button or a dropdown, not both" in messages(caught.value)[0]


def test_over_limit_title_is_refused_for_editors_but_kept_for_imports():
    block, value = hero_value(title="x" * 61)
    with pytest.raises(ValidationError) as caught:
        block.clean(value)
    assert messages(caught.value) == [
        "Keep this to 60 characters or fewer (it has 61); shorten it."
    ]
    with relaxed_editor_rules():
        assert block.clean(value)["title"] == "x" * 61


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "//evil.example/"])
def test_dangerous_link_is_refused_even_for_imports(url):
    block = LinkBlock()
    with relaxed_editor_rules(), pytest.raises(ValidationError):
        block.clean(block.to_python({"page": None, "url": url}))


def test_relative_link_is_kept_and_rendered_from_the_site_root():
    block = LinkBlock()
    value = block.clean(block.to_python({"page": None, "url": "about-us/about-actris/"}))
    assert value["url"] == "about-us/about-actris/"
    assert value.href == "/about-us/about-actris/"
    external = block.to_python({"page": None, "url": "https://actris.sg/"})
    assert external.href == "https://actris.sg/" and external.is_external


def test_page_and_url_together_are_refused():
    from wagtail.models import Page

    block = LinkBlock()
    value = block.to_python({"page": Page.objects.get(depth=2).id, "url": "/x/"})
    with pytest.raises(ValidationError) as caught:
        block.clean(value)
    assert messages(caught.value) == ["Choose a page or enter a URL, not both."]


def test_infocols_need_one_to_four_boxes():
    block = InfoColsBlock()
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python({"title": "T", "boxes": []}))
    assert messages(caught.value) == ["Add at least one info box."]
    boxes = [{"title": f"B{n}", "description": ""} for n in range(5)]
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python({"title": "T", "boxes": boxes}))
    assert messages(caught.value) == ["Show at most 4 info boxes; remove the extra ones."]


def test_infopic_rich_text_limit_counts_visible_characters():
    block = InfopicBlock()
    ok = block.to_python({"title": "T", "description": "<p><b>" + "a" * 160 + "</b></p>"})
    block.clean(ok)
    too_long = block.to_python({"title": "T", "description": "<p>" + "a" * 161 + "</p>"})
    with pytest.raises(ValidationError):
        block.clean(too_long)


def test_homepage_structure_rules():
    stream = HomePageStreamBlock()
    value = stream.to_python(
        [
            {"type": "resources", "value": {"title": "News"}, "id": "1"},
            {"type": "hero", "value": {"title": "Hi"}, "id": "2"},
            {"type": "resources", "value": {"title": "More"}, "id": "3"},
        ]
    )
    with pytest.raises(ValidationError) as caught:
        stream.clean(value)
    assert messages(caught.value) == [
        "The hero banner must be the first section; move it to the top.",
        'A page can have one "Newsroom & Events" section; remove the others.',
    ]
    with relaxed_editor_rules():
        assert len(stream.clean(value)) == 3


def test_each_single_use_section_is_refused_twice_with_its_own_message():
    stream = HomePageStreamBlock()
    doubled = [
        {"type": name, "value": {}, "id": f"{name}-{n}"}
        for name in ["hero", "carousel", "announcements", "infobar"]
        for n in (1, 2)
    ]
    with pytest.raises(ValidationError) as caught:
        stream.clean(stream.to_python(doubled))
    found = messages(caught.value)
    assert "A page can have one hero banner; remove the others." in found
    assert 'A page can have one "Carousel" section; remove the others.' in found
    assert 'A page can have one "Announcements" section; remove the others.' in found
    # Info bars may repeat: those three messages are all.
    assert len(found) == 3


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_card_grid_draws_every_card_with_its_link_words(count):
    """Isomer's card grid: each card a link with its title, description and link words (the
    stylesheet sets two to a row, as Isomer does)."""
    block = CardGridBlock()
    cards = [
        {"title": f"Card {n}", "link": {"page": None, "url": f"/card-{n}/"}, "link_text": "Bio"}
        for n in range(count)
    ]
    html = block.render(block.to_python({"cards": cards}))
    assert '<ul class="card-grid">' in html
    assert html.count('class="card"') == count
    assert html.count('<span class="card__more">Bio</span>') == count
    assert all(f'href="/card-{n}/"' in html for n in range(count))


def test_every_block_declares_what_the_picker_needs():
    stream = HomePageStreamBlock()
    for name, block in stream.child_blocks.items():
        meta = block.meta
        assert meta.icon and meta.label and meta.description and meta.template, name
        assert getattr(meta, "preview_value", None), name
        # The preview value itself must be valid content.
        block.clean(block.get_preview_value())
