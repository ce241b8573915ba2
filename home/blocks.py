"""The homepage StreamBlock: Isomer's homepage sections, in the order the editor sets."""

from django.core.exceptions import ValidationError
from wagtail import blocks

from blocks.announcements import AnnouncementsBlock
from blocks.carousel import CarouselBlock
from blocks.editor_rules import editor_rules_apply
from blocks.embeds import IframeEmbedBlock
from blocks.hero import HeroBlock
from blocks.infobar import InfobarBlock
from blocks.infocols import InfoColsBlock
from blocks.infopic import InfopicBlock
from blocks.listing import ListingBlock
from blocks.textcards import TextCardsBlock
from newsroom.blocks import ResourcesBlock

ANY_NUMBER = None

# The sections, in the order the block chooser lists them, and how many of each one page may
# have: Isomer renders one hero (first), and at most one newsroom, carousel or announcements.
SECTIONS = (
    ("hero", HeroBlock, 1),
    ("infobar", InfobarBlock, ANY_NUMBER),
    ("infopic", InfopicBlock, ANY_NUMBER),
    ("resources", ResourcesBlock, 1),
    ("announcements", AnnouncementsBlock, 1),
    ("textcards", TextCardsBlock, ANY_NUMBER),
    ("infocols", InfoColsBlock, ANY_NUMBER),
    ("carousel", CarouselBlock, 1),
    ("listing", ListingBlock, ANY_NUMBER),
    # A video, map or form; the importer makes one from an allowed <iframe> in a section's text.
    ("embed", IframeEmbedBlock, ANY_NUMBER),
)
SINGLE_USE_SECTIONS = tuple(name for name, _, most in SECTIONS if most == 1)
# Made once and shared by every HomePageStreamBlock, as children declared on the class are
# (each new block registers itself with Wagtail for as long as the process runs).
SECTION_BLOCKS = [(name, block()) for name, block, _ in SECTIONS]


class HomePageStreamBlock(blocks.StreamBlock):
    """The sections of ``SECTIONS``; the editor's rules below (relaxed while importing, which
    reports instead) keep the page as Isomer would render it."""

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__([*SECTION_BLOCKS, *(local_blocks or ())], **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not editor_rules_apply():
            return value
        problems = []
        types = [child.block_type for child in value]
        if "hero" in types and types[0] != "hero":
            problems.append("The hero banner must be the first section; move it to the top.")
        for name in SINGLE_USE_SECTIONS:
            if types.count(name) <= 1:
                continue
            if name == "hero":
                problems.append("A page can have one hero banner; remove the others.")
            else:
                label = self.child_blocks[name].label
                problems.append(f'A page can have one "{label}" section; remove the others.')
        if problems:
            raise blocks.StreamBlockValidationError(
                non_block_errors=[ValidationError(p) for p in problems]
            )
        return value
