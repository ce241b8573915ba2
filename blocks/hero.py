"""The hero banner at the top of the homepage, with its dropdown and key-highlights strip."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import BlockGroup
from wagtail.images.blocks import ImageChooserBlock

from .editor_rules import CappedListMixin, CheckedStructBlock, LimitedCharBlock, LimitedTextBlock
from .guidance import at_most, picture_size
from .links import ButtonMixin, ContentLinkBlock
from .previews import PreviewMixin, PreviewPicture
from .sections import button_label, button_link

MAX_KEY_HIGHLIGHTS = 4


class KeyHighlightBlock(blocks.StructBlock):
    title = LimitedCharBlock(
        required=False, editor_limit=60, help_text="Upper-case heading of the highlight."
    )
    description = LimitedCharBlock(
        required=False, editor_limit=30, help_text="A short line under the heading."
    )
    link = ContentLinkBlock(required=False, help_text="Where the highlight leads (optional).")

    class Meta:
        icon = "pick"
        label = "Key highlight"


class DropdownOptionBlock(blocks.StructBlock):
    title = LimitedCharBlock(editor_limit=30, help_text="The option as the menu lists it.")
    link = ContentLinkBlock(required=True, help_text="Where the option leads.")

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
    NAMES = {CENTER: "centre", IMAGE: "image only", SIDE: "side", FLOATING: "floating"}
    # Settings that only the side and floating variants use.
    WITH_BOX = {SIDE, FLOATING}

    @classmethod
    def names(cls, variants) -> str:
        """'side and floating': the variants' names in the order of the variant choices."""
        named = [cls.NAMES[value] for value, _ in cls.CHOICES if value in variants]
        return " and ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)


DEFAULT_DROPDOWN_PROMPT = "I want to..."


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
        return self.get("dropdown_title") or DEFAULT_DROPDOWN_PROMPT

    @property
    def visible_key_highlights(self):
        shown = [
            kh
            for kh in self.get("key_highlights") or []
            if kh.get("title") or kh.get("description") or kh.get("link")
        ]
        return shown[:MAX_KEY_HIGHLIGHTS]


def box_setting(default: str, help_text: str, **choices: str) -> blocks.ChoiceBlock:
    """A setting of the text box (``BOX_SETTINGS``): ``choices`` maps values to their labels."""
    return blocks.ChoiceBlock(choices=list(choices.items()), default=default, help_text=help_text)


# The hero's settings (the cog in its header): fields that only some variants use.
DROPDOWN_SETTINGS = BlockGroup(
    ["dropdown_title", "dropdown_options"],
    heading="Dropdown (replaces the button)",
    help_text=(
        "Any variant: a menu of links shown instead of the button. On the "
        f'"{HeroVariant.names({HeroVariant.IMAGE})}" variant it floats on the picture, with no text.'
    ),
    icon="list-ul",
)
BOX_SETTINGS = BlockGroup(
    ["alignment", "background_colour", "size"],
    heading=f"Text box ({HeroVariant.names(HeroVariant.WITH_BOX)} variants only)",
    help_text=(
        f"Only the {HeroVariant.names(HeroVariant.WITH_BOX)} variants draw a text box; "
        "the other variants ignore these settings."
    ),
    icon="cog",
)


class HeroBlock(PreviewMixin, ButtonMixin, CappedListMixin, CheckedStructBlock):
    title = LimitedCharBlock(
        required=False, editor_limit=60, help_text="The page's main heading, on the banner."
    )
    subtitle = LimitedTextBlock(
        required=False, editor_limit=160, help_text="A sentence under the title."
    )
    background = ImageChooserBlock(
        required=False,
        help_text="Without an image the hero is shown on the brand colour. " + picture_size("hero"),
    )
    button = button_label("The button under the title; it needs a button link.")
    link = button_link()
    key_highlights = blocks.ListBlock(
        KeyHighlightBlock(),
        default=[],
        help_text="Links shown as a strip under the hero. "
        + at_most(MAX_KEY_HIGHLIGHTS, "key highlights"),
    )
    variant = blocks.ChoiceBlock(
        choices=HeroVariant.CHOICES,
        default=HeroVariant.CENTER,
        help_text="How the title sits on the picture. Some variants have settings (the cog).",
    )
    dropdown_title = LimitedCharBlock(
        required=False,
        editor_limit=30,
        help_text=f'Prompt of the dropdown; "{DEFAULT_DROPDOWN_PROMPT}" if empty.',
    )
    dropdown_options = blocks.ListBlock(
        DropdownOptionBlock(),
        default=[],
        label="Dropdown options",
        help_text="The links the dropdown lists; with any option the button is not shown.",
    )
    alignment = box_setting(
        "left", "Which side of the picture the text box sits on.", left="Left", right="Right"
    )
    background_colour = box_setting(
        "white", "Colour of the text box.", white="White", black="Black", gray="Grey"
    )
    size = box_setting("md", "Size of the text box.", sm="Small", md="Medium")

    capped_list = ("key_highlights", MAX_KEY_HIGHLIGHTS, "key highlights")
    capped_message = "A hero can show at most {limit} {noun}; remove the extra ones."
    preview_layout = "section"

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
        form_layout = BlockGroup(
            ["title", "subtitle", "background", "variant", "button", "link", "key_highlights"],
            settings=[DROPDOWN_SETTINGS, BOX_SETTINGS],
        )
        preview_value = {
            "title": "Advanced Cell Therapy and Research Institute, Singapore",
            "subtitle": "The national facility for cell therapy manufacturing and research.",
            "background": PreviewPicture("photo", ""),
            "button": "Learn more",
            "link": {"page": None, "url": "/about-us/about-actris/"},
            "variant": HeroVariant.CENTER,
            "key_highlights": [
                {"title": "About Us", "description": "Know more about ACTRIS"},
                {"title": "Our Facilities", "description": "State-of-the-Art Facility"},
                {"title": "Our Service Provision", "description": "Clinical Scale Manufacturing"},
                {"title": "Resources", "description": "Training and Education"},
            ],
        }
