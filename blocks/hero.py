"""The hero banner at the top of the homepage, with its dropdown and key-highlights strip."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .editor_rules import CappedListMixin, CheckedStructBlock, LimitedCharBlock, LimitedTextBlock
from .links import ButtonMixin, LinkBlock

MAX_KEY_HIGHLIGHTS = 4


class KeyHighlightBlock(blocks.StructBlock):
    title = LimitedCharBlock(required=False, editor_limit=60)
    description = LimitedCharBlock(required=False, editor_limit=30)
    link = LinkBlock(required=False)

    class Meta:
        icon = "pick"
        label = "Key highlight"


class DropdownOptionBlock(blocks.StructBlock):
    title = LimitedCharBlock(editor_limit=30)
    link = LinkBlock(required=True)

    class Meta:
        icon = "link"
        label = "Dropdown option"


class HeroVariant:
    CENTER = "center"
    IMAGE = "image"
    SIDE = "side"
    FLOATING = "floating"
    CHOICES = [
        (CENTER, "Centre: image with dark overlay, centred title"),
        (IMAGE, "Image only (no text; a dropdown may float on it)"),
        (SIDE, "Side: coloured text box beside the image"),
        (FLOATING, "Floating: text box floating over the image"),
    ]
    # Settings that only the side and floating variants use.
    WITH_BOX = {SIDE, FLOATING}


class HeroValue(blocks.StructValue):
    # Key highlights without any content are not shown (Isomer's editor leaves such items).
    @property
    def shows_box_settings(self) -> bool:
        return self.get("variant") in HeroVariant.WITH_BOX

    @property
    def has_dropdown(self) -> bool:
        return bool(self.get("dropdown_options"))

    @property
    def shows_button(self) -> bool:
        # Isomer: a dropdown replaces the button; a button needs both a label and a link.
        return not self.has_dropdown and bool(self.get("button")) and bool(self.get("link"))

    @property
    def dropdown_prompt(self) -> str:
        return self.get("dropdown_title") or "I want to..."

    @property
    def visible_key_highlights(self):
        items = [
            kh
            for kh in self.get("key_highlights") or []
            if kh.get("title") or kh.get("description") or kh.get("link")
        ]
        return items[:MAX_KEY_HIGHLIGHTS]


class HeroBlock(ButtonMixin, CappedListMixin, CheckedStructBlock):
    title = LimitedCharBlock(required=False, editor_limit=60)
    subtitle = LimitedTextBlock(required=False, editor_limit=160)
    background = ImageChooserBlock(
        required=False,
        help_text="Without an image the hero is shown on the brand colour.",
    )
    button = LimitedCharBlock(required=False, editor_limit=30, label="Button label")
    link = LinkBlock(required=False, label="Button link")
    dropdown_title = LimitedCharBlock(
        required=False, editor_limit=30, help_text='Prompt of the dropdown; "I want to..." if empty'
    )
    dropdown_options = blocks.ListBlock(DropdownOptionBlock(), default=[], label="Dropdown options")
    key_highlights = blocks.ListBlock(
        KeyHighlightBlock(),
        default=[],
        help_text=f"At most {MAX_KEY_HIGHLIGHTS}, shown as a strip under the hero.",
    )
    variant = blocks.ChoiceBlock(choices=HeroVariant.CHOICES, default=HeroVariant.CENTER)
    alignment = blocks.ChoiceBlock(
        choices=[("left", "Left"), ("right", "Right")],
        default="left",
        help_text="Side and floating variants only.",
    )
    background_colour = blocks.ChoiceBlock(
        choices=[("white", "White"), ("black", "Black"), ("gray", "Grey")],
        default="white",
        help_text="Colour of the text box; side and floating variants only.",
    )
    size = blocks.ChoiceBlock(
        choices=[("sm", "Small"), ("md", "Medium")],
        default="md",
        help_text="Size of the text box; side and floating variants only.",
    )

    capped_list = ("key_highlights", MAX_KEY_HIGHLIGHTS, "key highlights")
    capped_message = "A hero can show at most {limit} {noun}; remove the extra ones."

    def errors_for(self, value) -> dict:
        errors = super().errors_for(value)
        if value.get("dropdown_options") and (value.get("button") or value.get("link")):
            # Isomer shows the dropdown and hides the button: keeping both misleads editors.
            errors["button"] = ValidationError(
                "Use a button or a dropdown, not both: remove the button label and link, "
                "or the dropdown options."
            )
        return errors

    class Meta:
        icon = "image"
        label = "Hero banner"
        description = "The large banner at the top of the page, with key highlights below it."
        template = "blocks/hero.html"
        value_class = HeroValue
        preview_value = {
            "title": "Advanced Cell Therapy and Research Institute, Singapore",
            "button": "Learn more",
            "link": {"page": None, "url": "/about-us/about-actris/"},
            "variant": "center",
            "key_highlights": [
                {"title": "About Us", "description": "Know more about ACTRIS", "link": {}},
                {"title": "Our Facilities", "description": "State-of-the-Art Facility"},
                {"title": "Resources", "description": "Training and Education"},
            ],
        }
