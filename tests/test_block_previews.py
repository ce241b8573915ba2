"""Blocks as an editor sees them: a real preview in the block chooser, help on every field.

The blocks are found by walking the StreamFields of every page model, so a block added later is
checked without being listed here.
"""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import get_page_models

from blocks.contact import ContactBlock, LocationBlock
from blocks.editor_rules import LimitedCharBlock, LimitedRichTextBlock
from blocks.guidance import picture_size
from blocks.hero import BOX_SETTINGS, DROPDOWN_SETTINGS, HeroBlock, HeroVariant
from blocks.previews import BUNDLED, PREVIEW_TEMPLATE
from home.models import HomePage

from .factories import ImageFactory, homepage

pytestmark = pytest.mark.django_db


def page_stream_fields():
    for model in get_page_models():
        for field in model._meta.local_fields:
            if isinstance(field, StreamField):
                yield model, field


def choosable(block, path):
    """(path, block) of every block an editor picks from a block chooser inside ``block``:
    the children of every StreamBlock (nested ones too) and the column types of tables."""
    if isinstance(block, blocks.StreamBlock | TypedTableBlock):
        for name, child in block.child_blocks.items():
            yield f"{path}.{name}", child
            yield from choosable(child, f"{path}.{name}")
    elif isinstance(block, ImageBlock):
        return
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from choosable(child, f"{path}.{name}")
    elif isinstance(block, blocks.ListBlock):
        yield from choosable(block.child_block, f"{path}[]")


def fields(block, path):
    """(path, block, parent) of every field editors fill in inside ``block``: the children of
    structs (lists, links and pictures included), and stream children that are single fields.
    Wagtail's own fields inside an ImageBlock (alt text, decorative) are Wagtail's."""
    if isinstance(block, ImageBlock):
        return
    if isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield f"{path}.{name}", child, block
            yield from fields(child, f"{path}.{name}")
    elif isinstance(block, blocks.ListBlock):
        yield from fields(block.child_block, f"{path}[]")
    elif isinstance(block, blocks.StreamBlock | TypedTableBlock):
        for name, child in block.child_blocks.items():
            if isinstance(child, blocks.FieldBlock):
                yield f"{path}.{name}", child, block
            yield from fields(child, f"{path}.{name}")


def params(items):
    found = []
    for model, field in page_stream_fields():
        root = f"{model._meta.label}.{field.name}"
        for item in items(field.stream_block, root):
            found.append(pytest.param(*item, id=item[0]))
    return found


CHOOSABLE = params(choosable)
FIELDS = params(fields)


def help_text(block) -> str:
    if isinstance(block, blocks.FieldBlock):
        return str(block.field.help_text or "")
    return str(getattr(block.meta, "help_text", "") or "")


def has_picture_field(block) -> bool:
    return any(
        isinstance(child, ImageBlock | ImageChooserBlock) for _, child, _ in fields(block, "")
    )


class PreviewPage(HTMLParser):
    """The preview page: stylesheets, and the text, pictures and frames inside <main>."""

    def __init__(self, html):
        super().__init__()
        self.stylesheets, self.images, self.frames, self.text = [], [], [], []
        self.in_main = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])
        elif tag == "main":
            self.in_main = True
        elif self.in_main and tag == "img":
            self.images.append(attrs)
        elif self.in_main and tag == "iframe":
            self.frames.append(attrs)

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False

    def handle_data(self, data):
        if self.in_main and data.strip():
            self.text.append(data.strip())


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("previewer", "", "pw"))
    return client


def preview(client, block) -> PreviewPage:
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200, response.content[:500]
    assert PREVIEW_TEMPLATE in [t.name for t in response.templates]
    return PreviewPage(response.content.decode())


def media_file(url: str) -> Path:
    assert url.startswith(settings.MEDIA_URL), url
    return Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)


def test_the_walk_finds_the_homepage_and_body_blocks():
    paths = {param.id for param in CHOOSABLE}
    for name in ["hero", "infobar", "infopic", "resources", "announcements", "textcards"]:
        assert f"home.HomePage.body.{name}" in paths
    for name in ["infocols", "carousel", "listing"]:
        assert f"home.HomePage.body.{name}" in paths
    for model in ["content.StandardPage", "newsroom.NewsEntryPage"]:
        for name in ["paragraph", "heading", "image", "embed", "table", "accordion", "cards"]:
            assert f"{model}.body.{name}" in paths
        assert f"{model}.body.table.table.rich_text" in paths  # a column type of tables


@pytest.mark.parametrize(("path", "block"), CHOOSABLE)
def test_every_block_has_a_real_preview_in_the_site_look(editor, path, block):
    assert block.is_previewable
    description = getattr(block.meta, "description", "")
    assert description and "\n" not in description
    page = preview(editor, block)
    assert "/static/css/site.css" in page.stylesheets
    assert page.text or page.images or page.frames, "the preview shows nothing"
    if has_picture_field(block):
        assert page.images, "a block with a picture field previews without a picture"
    for image in page.images:
        for url in [image["src"]] + [
            entry.split()[0] for entry in filter(None, image.get("srcset", "").split(","))
        ]:
            file = media_file(url)
            assert file.is_file() and file.stat().st_size > 0, url
            with PILImage.open(file) as picture:
                assert picture.width > 0 and picture.height > 0


@pytest.mark.parametrize(("path", "block"), CHOOSABLE)
def test_every_preview_value_is_valid_content(path, block):
    block.clean(block.get_preview_value())


@pytest.mark.parametrize(("path", "block", "parent"), FIELDS)
def test_every_field_says_what_it_does_and_its_limit(path, block, parent):
    text = help_text(block)
    assert text, f"{path} has no help text"
    limit = getattr(block, "editor_limit", None) or getattr(
        getattr(block, "field", None), "max_length", None
    )
    if limit:
        assert f"{limit} characters" in text, text
    capped = getattr(parent, "capped_list", None)
    if capped and capped[0] == path.rsplit(".", 1)[-1]:
        assert f"Up to {capped[1]} " in text, text
    if isinstance(block, ImageBlock | ImageChooserBlock):
        assert " px" in text, text


def test_picture_advice_comes_from_the_renditions_the_site_makes():
    assert picture_size("hero") == (
        "Use a picture at least 1600 \u00d7 700 px; it is cropped to that shape."
    )
    assert picture_size("infopic") == "Use a picture at least 1200 px wide."
    assert picture_size("logo_strip") == "Use a picture at least 160 px tall."
    assert picture_size("hero") in help_text(HeroBlock.base_blocks["background"])


def test_the_hero_variant_fields_are_settings_that_name_their_variants():
    layout = HeroBlock().meta.form_layout
    in_settings = {name: group for group in layout.settings for name in group.children}
    assert set(in_settings) == {
        "dropdown_title",
        "dropdown_options",
        "alignment",
        "background_colour",
        "size",
    }
    assert not set(in_settings) & set(layout.children)
    assert [in_settings[name] for name in ("alignment", "background_colour", "size")] == [
        BOX_SETTINGS
    ] * 3
    assert "side and floating variants only" in BOX_SETTINGS.heading
    assert '"image only" variant' in DROPDOWN_SETTINGS.help_text
    assert HeroVariant.names(HeroVariant.WITH_BOX) == "side and floating"


def test_the_box_settings_only_change_the_variants_they_name():
    block = HeroBlock()
    for variant, _ in HeroVariant.CHOICES:
        value = block.to_python({"title": "ACTRIS", "variant": variant, "alignment": "right"})
        html = block.render(value)
        assert ("hero--align-right" in html) == (variant in HeroVariant.WITH_BOX), variant


def test_the_editor_shows_the_hero_settings_groups(editor):
    page = homepage()
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert BOX_SETTINGS.heading in html
    assert DROPDOWN_SETTINGS.heading in html


def test_the_bundled_picture_is_added_to_the_library_once(editor):
    Image = get_image_model()
    small = ImageFactory()  # 320 px wide: too small for a preview photo
    blocks_with_photos = [
        block
        for param in CHOOSABLE
        for path, block in [param.values]
        if path.startswith(("home.HomePage.body.infopic", "content.StandardPage.body.image"))
    ]
    for block in blocks_with_photos * 2:
        page = preview(editor, block)
        assert page.images
    added = Image.objects.exclude(pk=small.pk)
    assert [image.title for image in added] == [BUNDLED["photo"].title]
    assert added.get().renditions.exists()
    assert not small.renditions.exists()


def test_a_suitable_picture_from_the_library_is_used(editor):
    from django.core.files.base import ContentFile

    from .conftest import png_bytes

    photo = ImageFactory(
        title="Cleanroom",
        file=ContentFile(png_bytes((90, 140, 60), (900, 600)), "cleanroom.png"),
    )
    infopic = HomePage.body.field.stream_block.child_blocks["infopic"]
    page = preview(editor, infopic)
    urls = {rendition.url for rendition in photo.renditions.all()}
    assert [image["src"] for image in page.images] and {
        image["src"] for image in page.images
    } <= urls
    assert page.images[0]["alt"] == "A cell beside a pipette and a well plate"
    assert get_image_model().objects.count() == 1


def test_the_newsroom_preview_shows_example_entries_until_there_are_real_ones(editor):
    resources = HomePage.body.field.stream_block.child_blocks["resources"]
    page = preview(editor, resources)
    assert "Scalable Rapid Manufacturing of CAR T Cells in the Cocoon Platform" in page.text
    # On the homepage itself an empty newsroom says so.
    assert "News and events will appear here." in resources.render(resources.get_preview_value())


@pytest.mark.parametrize("block_class", [LocationBlock, ContactBlock])
def test_the_contact_blocks_ready_for_the_contact_page_preview(editor, block_class):
    block = block_class()
    page = preview(editor, block)
    assert page.text
    block.clean(block.get_preview_value())
    for path, child, _ in fields(block, block_class.__name__):
        assert help_text(child), path


def test_the_contact_page_uses_the_blocks_with_previews():
    from content.models import ContactPage

    assert isinstance(
        ContactPage.locations.field.stream_block.child_blocks["location"], LocationBlock
    )
    assert isinstance(ContactPage.contacts.field.stream_block.child_blocks["contact"], ContactBlock)


@pytest.mark.parametrize("block_class", [LimitedCharBlock, LimitedRichTextBlock])
def test_the_limit_sentence_is_written_once_even_when_rebuilt_from_a_migration(block_class):
    block = block_class(editor_limit=60, help_text="Heading of the section.")
    rich = " of text (formatting is not counted)" if block_class is LimitedRichTextBlock else ""
    assert help_text(block) == f"Heading of the section. Up to 60 characters{rich}."
    _, args, kwargs = block.deconstruct()
    rebuilt = block_class(*args, **kwargs)
    assert help_text(rebuilt) == help_text(block)
    assert rebuilt.deconstruct() == block.deconstruct()
