"""The homepage StreamBlock: Isomer's homepage sections, in the order the editor sets."""

from django.core.exceptions import ValidationError
from wagtail import blocks

from .announcements import AnnouncementsBlock
from .carousel import CarouselBlock
from .editor_rules import editor_rules_apply
from .hero import HeroBlock
from .infobar import InfobarBlock
from .infocols import InfoColsBlock
from .infopic import InfopicBlock
from .listing import ListingBlock
from .resources import ResourcesBlock
from .textcards import TextCardsBlock

# Isomer renders at most one of these per page.
SINGLE_USE_SECTIONS = ("resources", "carousel", "announcements")


class HomePageStreamBlock(blocks.StreamBlock):
    hero = HeroBlock()
    infobar = InfobarBlock()
    infopic = InfopicBlock()
    resources = ResourcesBlock()
    announcements = AnnouncementsBlock()
    textcards = TextCardsBlock()
    infocols = InfoColsBlock()
    carousel = CarouselBlock()
    listing = ListingBlock()

    def clean(self, value):
        value = super().clean(value)
        if not editor_rules_apply():
            return value
        problems = []
        types = [child.block_type for child in value]
        if "hero" in types and types[0] != "hero":
            problems.append("The hero banner must be the first section; move it to the top.")
        if types.count("hero") > 1:
            problems.append("A page can have one hero banner; remove the others.")
        for name in SINGLE_USE_SECTIONS:
            if types.count(name) > 1:
                label = self.child_blocks[name].label
                problems.append(f'A page can have one "{label}" section; remove the others.')
        if problems:
            raise blocks.StreamBlockValidationError(
                non_block_errors=[ValidationError(p) for p in problems]
            )
        return value
