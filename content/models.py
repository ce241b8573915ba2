"""Content pages: simple pages, collection sections (with third-level groups), the contact page."""

from django.db import models
from django.shortcuts import redirect
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from actris_cms.cache import CachedPageMixin
from actris_cms.fields import heading_sizes, page_language
from blocks import ArticleStreamBlock
from blocks.contact import ContactBlock, LocationBlock
from blocks.forms import KeepsStoredTextsPageForm
from blocks.links import validate_link_url

from .navigation import BreadcrumbsMixin, CollectionPageMixin


class StandardPage(CollectionPageMixin, CachedPageMixin, Page):
    """A page of content: Isomer's `pages/*.md` and collection pages."""

    base_form_class = KeepsStoredTextsPageForm

    body = StreamField(ArticleStreamBlock(), blank=True, use_json_field=True)
    language = page_language()
    headings_from = heading_sizes()
    in_collection_nav = models.BooleanField(
        default=True,
        verbose_name="one of its collection's pages",
        help_text="In a collection: listed in its left navigation and previous/next, and shown "
        "with them. Off for a page that only lives at the collection's address (an Isomer page "
        "of pages/ whose permalink is in the collection's folder).",
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    settings_panels = Page.settings_panels + [
        FieldPanel("language"),
        FieldPanel("headings_from"),
        FieldPanel("in_collection_nav"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = [
        "home.HomePage",
        "content.SectionPage",
        "content.SectionGroupPage",
        "content.StandardPage",
    ]
    template = "content/standard_page.html"

    def section(self):
        """The collection this page belongs to, if any (for the left navigation)."""
        if not self.in_collection_nav:
            return None
        return SectionPage.objects.ancestor_of(self).last()


class OpensFirstChildMixin:
    """Isomer has no page for a collection or a group itself: their links open the first page."""

    def serve(self, request, *args, **kwargs):
        first = self.get_children().live().public().first()
        if first is not None and not getattr(request, "is_preview", False):
            return redirect(first.specific_deferred.url)
        return super().serve(request, *args, **kwargs)


class SectionPage(CollectionPageMixin, CachedPageMixin, OpensFirstChildMixin, Page):
    """An Isomer collection: pages with a left navigation, in the collection's order."""

    base_form_class = KeepsStoredTextsPageForm

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["content.StandardPage", "content.SectionGroupPage", "content.ContactPage"]
    template = "content/standard_page.html"

    class Meta:
        verbose_name = "section (collection)"

    def section(self):
        return self


class SectionGroupPage(CollectionPageMixin, CachedPageMixin, OpensFirstChildMixin, Page):
    """A third-level group inside a collection; its pages are its children."""

    base_form_class = KeepsStoredTextsPageForm

    is_section_group = True  # templates draw groups as headings in the left navigation

    parent_page_types = ["content.SectionPage"]
    subpage_types = ["content.StandardPage", "content.ContactPage"]
    template = "content/standard_page.html"

    class Meta:
        verbose_name = "section group"

    def section(self):
        return SectionPage.objects.ancestor_of(self).last()


class ContactPage(BreadcrumbsMixin, CachedPageMixin, Page):
    base_form_class = KeepsStoredTextsPageForm
    agency_name = models.CharField(max_length=255, blank=True)
    feedback = models.CharField(
        max_length=2048,
        blank=True,
        validators=[validate_link_url],
        help_text="Where the feedback button leads: https://..., mailto: or a path on this site.",
    )
    locations = StreamField([("location", LocationBlock())], blank=True, use_json_field=True)
    contacts = StreamField([("contact", ContactBlock())], blank=True, use_json_field=True)

    content_panels = Page.content_panels + [
        FieldPanel("agency_name"),
        FieldPanel("locations"),
        FieldPanel("contacts"),
        FieldPanel("feedback"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("agency_name"),
        index.SearchField("locations"),
        index.SearchField("contacts"),
    ]
    # A site may have several (Isomer: one per ``layout: contact_us`` document), anywhere.
    parent_page_types = [
        "home.HomePage",
        "content.SectionPage",
        "content.SectionGroupPage",
        "content.StandardPage",
    ]
    template = "content/contact_page.html"
