from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from actris_cms.cache import CachedPageMixin
from actris_cms.fields import optional_link
from actris_cms.routing import SiteRootMixin
from blocks.forms import KeepsStoredTextsPageForm

from .blocks import HomePageStreamBlock

NOTIFICATION_FEATURES = ["bold", "italic", "link"]


class HomePageSection:
    """One homepage section with the look Isomer derives from its position."""

    __slots__ = ("block", "background", "image_side", "is_first")

    def __init__(self, block, background, image_side, is_first):
        self.block = block
        self.background = background
        self.image_side = image_side
        self.is_first = is_first


class HomePage(SiteRootMixin, CachedPageMixin, Page):
    """The site's homepage: Isomer's `index.md` as structured blocks."""

    body = StreamField(HomePageStreamBlock(), blank=True, use_json_field=True)
    notification = RichTextField(
        blank=True,
        features=NOTIFICATION_FEATURES,
        help_text="Banner shown above the page; leave empty to show none.",
    )
    share_image = optional_link(
        "wagtailimages.Image", help_text="Shown when the site is shared on social media."
    )

    content_panels = Page.content_panels + [
        FieldPanel("notification"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + [
        MultiFieldPanel([FieldPanel("share_image")], heading="Social sharing"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    base_form_class = KeepsStoredTextsPageForm

    class Meta:
        verbose_name = "homepage"

    def sections(self) -> list[HomePageSection]:
        """Sections in order, with the alternation Isomer derives when rendering.

        Every section after the hero alternates white / grey, starting with white; the 1st,
        3rd, ... infopic has its image on the right, the 2nd, 4th, ... on the left. An embed
        section (a frame Isomer showed inside the section before it) takes that section's
        background and does not count.
        """
        result = []
        position = 0
        infopics = 0
        for index_in_body, block in enumerate(self.body):
            if block.block_type == "hero":
                result.append(HomePageSection(block, "hero", None, index_in_body == 0))
                continue
            if block.block_type == "embed" and result and result[-1].background != "hero":
                previous = result[-1].background
                result.append(HomePageSection(block, previous, None, False))
                continue
            background = "white" if position % 2 == 0 else "grey"
            position += 1
            image_side = None
            if block.block_type == "infopic":
                image_side = "right" if infopics % 2 == 0 else "left"
                infopics += 1
            result.append(HomePageSection(block, background, image_side, index_in_body == 0))
        return result
