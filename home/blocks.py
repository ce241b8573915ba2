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
    # A video, map or form; the importer makes one from an allowed <iframe> in a section's text.
    embed = IframeEmbedBlock()

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
