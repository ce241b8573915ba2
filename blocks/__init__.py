"""StreamField blocks for ACTRIS pages: one module per block family.

``blocks`` is also a Django app (it carries the block templates), and Django imports an app's
package while the app registry is still loading, before blocks may be instantiated. The exports
below are therefore resolved lazily (PEP 562): ``from blocks import HeroBlock`` works as usual.
"""

from importlib import import_module

_EXPORTS = {
    "AnnouncementItemBlock": "announcements",
    "AnnouncementsBlock": "announcements",
    "CarouselBlock": "carousel",
    "CarouselSlideBlock": "carousel",
    "DropdownOptionBlock": "hero",
    "HeroBlock": "hero",
    "KeyHighlightBlock": "hero",
    "InfobarBlock": "infobar",
    "InfoBoxBlock": "infocols",
    "InfoColsBlock": "infocols",
    "InfopicBlock": "infopic",
    "LinkBlock": "links",
    "ContentLinkBlock": "links",
    "link_url_problem": "links",
    "validate_link_url": "links",
    "ListingBlock": "listing",
    "ListingEntryBlock": "listing",
    "TextCardBlock": "textcards",
    "TextCardsBlock": "textcards",
    "relaxed_editor_rules": "editor_rules",
    "ArticleStreamBlock": "article",
    "AccordionBlock": "article",
    "ButtonBlock": "article",
    "CardGridBlock": "article",
    "FigureBlock": "article",
    "HeadingBlock": "article",
    "TableBlock": "article",
    "IframeEmbedBlock": "embeds",
    "embed_src": "embeds",
    "ContactBlock": "contact",
    "LocationBlock": "contact",
    "PreviewMixin": "previews",
    "PreviewPicture": "previews",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'blocks' has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
