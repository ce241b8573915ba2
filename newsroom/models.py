"""Newsroom & Events: Isomer's resource room as Wagtail pages.

NewsroomIndexPage (one per site) > NewsCategoryPage > NewsEntryPage. An entry is an article
(body on the site), a file (a Wagtail document; listings link straight to it) or a link (an
external URL; listings open it in a new tab), as in Isomer.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from actris_cms.cache import CachedPageMixin, content_version
from actris_cms.fields import heading_sizes, optional_link, page_language
from actris_cms.privacy import in_private_section
from blocks import ArticleStreamBlock
from blocks.forms import KeepsStoredTextsPageForm
from blocks.links import validate_web_url
from content.navigation import BreadcrumbsMixin

from .feeds import EntriesFeed

ENTRIES_PER_PAGE = 12  # Isomer's `paginate`


class CardStyle(models.TextChoices):
    PLAIN = "plain", "Category, title and date (as on Isomer)"
    PICTURE = "picture", "With the listing image and summary"


class EntryKind(models.TextChoices):
    ARTICLE = "article", "Article (text on this site)"
    FILE = "file", "File (a document visitors download)"
    LINK = "link", "Link (a page on another site)"


def paginate(request, items, per_page=ENTRIES_PER_PAGE):
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such page of results") from None


class EntryQuerySet(PageQuerySet):
    def dated_later(self):
        """Entries whose publication date has not come yet: nowhere on the public site."""
        return self.filter(publication_date__gt=timezone.localdate())

    def listed(self, parent: Page, pictured=False):
        """Live, public entries under ``parent`` dated today or earlier, newest first: one
        query however many entries there are (and one for the pictures' renditions when the
        cards show pictures)."""
        entries = (
            self.live()
            .exclude(in_private_section())
            .descendant_of(parent)
            .filter(publication_date__lte=timezone.localdate())
            .select_related("listing_image", "document")
            .defer_streamfields()
            .order_by("-publication_date", "-first_published_at", "-pk")
        )
        return entries.prefetch_related("listing_image__renditions") if pictured else entries


class FeedMixin(RoutablePageMixin):
    """A page with an RSS feed of its entries at ./feed/."""

    @path("")
    def listing(self, request):
        return self.render(request)

    @path("feed/")
    def feed(self, request):
        return EntriesFeed(self)(request)

    def feed_url(self) -> str:
        return self.url + "feed/"


MEDIA_COLOURS = 5


def by_year(request, page, entries):
    """Isomer's "Recent / year" choice: ``?year=2025`` keeps that year's entries. Returns the
    entries, the years that have entries (newest first; kept in the cache until the content
    or the day changes) and the year chosen (or None)."""
    key = f"newsroom-years:{page.pk}:{content_version()}:{timezone.localdate()}"
    years = cache.get_or_set(
        key,
        lambda: [day.year for day in entries.dates("publication_date", "year", order="DESC")],
        timeout=settings.FRAGMENT_CACHE_SECONDS,
    )
    chosen = request.GET.get("year", "")
    year = int(chosen) if chosen.isdigit() and int(chosen) in years else None
    if chosen and year is None:
        raise Http404("No entries from that year")
    return (entries.filter(publication_date__year=year) if year else entries), years, year


def media_colours(categories) -> dict[str, int]:
    """Isomer's tile colour (1-5) per category path: categories ranked by their first entry's
    date (the order Jekyll meets them in, oldest post first), the first taking colour 2, the
    fifth colour 1, the sixth colour 2 again."""
    ranked = sorted(
        categories,
        key=lambda c: (getattr(c, "first_entry", None) or datetime.date.max, c.title.lower()),
    )
    return {c.path: rank % MEDIA_COLOURS + 1 for rank, c in enumerate(ranked, start=1)}


class NewsroomIndexPage(BreadcrumbsMixin, CachedPageMixin, FeedMixin, Page):
    base_form_class = KeepsStoredTextsPageForm
    is_newsroom = True  # the menu drops down "All" and the categories with entries

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    card_style = models.CharField(
        "Entry cards",
        max_length=10,
        choices=CardStyle.choices,
        default=CardStyle.PLAIN,
        help_text="How entries are shown here, in the categories and in the homepage's newsroom "
        "section. Isomer shows category, title and date only; with pictures, an entry's listing "
        "image and summary are shown too (entries without them look the same either way).",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("card_style")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsroom.NewsCategoryPage"]
    max_count = 1
    template = "newsroom/newsroom_index_page.html"

    class Meta:
        verbose_name = "newsroom"

    def categories(self):
        """Live categories in tree order, each with the date of its first entry
        (``first_entry``), from which Isomer picks its tile colour."""
        first_entry = (
            NewsEntryPage.objects.live()
            .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
            .order_by("publication_date")
            .values("publication_date")[:1]
        )
        return (
            NewsCategoryPage.objects.child_of(self)
            .live()
            .exclude(in_private_section())
            .annotate(first_entry=Subquery(first_entry))
            .order_by("path")
        )

    def entries(self):
        return NewsEntryPage.objects.listed(self, pictured=self.pictured)

    @property
    def pictured(self) -> bool:
        return self.card_style == CardStyle.PICTURE

    def with_categories(self, entries: list, categories=None) -> list:
        """``entries`` with their category and tile colour attached, from one query (they
        are its children)."""
        if categories is None:
            categories = self.categories()
        by_path = {c.path: c for c in categories}
        colours = media_colours(by_path.values())
        for entry in entries:
            entry.category = by_path.get(entry.path[: -NewsEntryPage.steplen])
            entry.media_colour = colours.get(entry.path[: -NewsEntryPage.steplen], 1)
        return entries

    def feed_entries(self, count: int) -> list:
        return self.with_categories(list(self.entries()[:count]))

    @classmethod
    def newest(cls, count: int):
        """The ``count`` newest listed entries across all categories, and the newsroom."""
        newsroom = cls.objects.live().first()
        if newsroom is None:
            return [], None
        return newsroom.feed_entries(count), newsroom

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        categories = list(self.categories())
        entries, context["years"], context["selected_year"] = by_year(request, self, self.entries())
        page_of_entries = paginate(request, entries)
        context["entries"] = self.with_categories(list(page_of_entries), categories)
        context["page_of_entries"] = page_of_entries
        context["categories"] = categories
        context["newsroom"] = self
        context["pictured"] = self.pictured
        return context


class NewsCategoryPage(BreadcrumbsMixin, CachedPageMixin, FeedMixin, Page):
    base_form_class = KeepsStoredTextsPageForm
    parent_page_types = ["newsroom.NewsroomIndexPage"]
    subpage_types = ["newsroom.NewsEntryPage"]
    template = "newsroom/newsroom_index_page.html"

    class Meta:
        verbose_name = "newsroom category"
        verbose_name_plural = "newsroom categories"

    def entries(self, pictured=False):
        return NewsEntryPage.objects.listed(self, pictured=pictured)

    def feed_entries(self, count: int) -> list:
        entries = list(self.entries()[:count])
        for entry in entries:
            entry.category = self
        return entries

    def newsroom(self):
        return NewsroomIndexPage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        newsroom = self.newsroom()
        categories = list(newsroom.categories()) if newsroom else []
        colour = media_colours(categories).get(self.path, 1)
        pictured = newsroom is not None and newsroom.pictured
        entries, context["years"], context["selected_year"] = by_year(
            request, self, self.entries(pictured)
        )
        page_of_entries = paginate(request, entries)
        entries = list(page_of_entries)
        for entry in entries:
            entry.category = self
            entry.media_colour = colour
        context["entries"] = entries
        context["page_of_entries"] = page_of_entries
        context["categories"] = categories
        context["newsroom"] = newsroom
        context["current_category"] = self
        context["pictured"] = pictured
        return context


class NewsEntryPage(CachedPageMixin, Page):
    base_form_class = KeepsStoredTextsPageForm
    objects = PageManager.from_queryset(EntryQuerySet)()

    kind = models.CharField(max_length=10, choices=EntryKind.choices, default=EntryKind.ARTICLE)
    publication_date = models.DateField(
        default=datetime.date.today,
        help_text="The date shown on the entry; may be in the past. An entry dated in the future "
        "appears on the site (its page, listings, feeds, search, sitemap) from that date.",
    )
    summary = models.TextField(blank=True, max_length=500)
    listing_image = optional_link("wagtailimages.Image")
    body = StreamField(ArticleStreamBlock(), blank=True, use_json_field=True)
    document = optional_link(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        help_text="For file entries: the document visitors download.",
    )
    external_url = models.URLField(
        blank=True,
        max_length=2048,
        validators=[validate_web_url],
        help_text="For link entries: the address on another site.",
    )
    language = page_language()
    headings_from = heading_sizes()

    settings_panels = Page.settings_panels + [FieldPanel("language"), FieldPanel("headings_from")]
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("publication_date")]),
        FieldPanel("summary"),
        FieldPanel("listing_image"),
        # Each kind shows its own fields (newsroom/static/newsroom/entry-kind.js): an article
        # its body, a file its document, a link its address.
        MultiFieldPanel(
            [
                FieldPanel("document", attrs={"data-entry-kinds": "file"}),
                FieldPanel("external_url", attrs={"data-entry-kinds": "link"}),
            ],
            heading="File or link",
            help_text="File entries need a document; link entries need an address.",
            attrs={"data-entry-kinds": "file link"},
        ),
        FieldPanel("body", attrs={"data-entry-kinds": "article"}),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]
    parent_page_types = ["newsroom.NewsCategoryPage"]
    subpage_types = []
    template = "newsroom/news_entry_page.html"

    class Meta:
        verbose_name = "newsroom entry"
        verbose_name_plural = "newsroom entries"
        indexes = [models.Index(fields=["publication_date"])]

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == EntryKind.FILE and not self.document_id:
            errors["document"] = "A file entry needs a document: choose or upload one."
        if self.kind == EntryKind.LINK and not self.external_url:
            errors["external_url"] = "A link entry needs the address it links to."
        if self.kind == EntryKind.LINK and self.external_url:
            if not self.external_url.lower().startswith(("http://", "https://")):
                errors["external_url"] = "Use an http(s) address."
        if errors:
            raise ValidationError(errors)

    # -- what listings, the homepage and feeds show --------------------------------------------
    @property
    def listing_url(self) -> str:
        if self.kind == EntryKind.FILE and self.document_id:
            return self.document.url
        if self.kind == EntryKind.LINK and self.external_url:
            return self.external_url
        return self.url

    @property
    def opens_in_new_tab(self) -> bool:
        return self.kind == EntryKind.LINK and bool(self.external_url)

    @cached_property
    def category(self):
        return NewsCategoryPage.objects.parent_of(self).first() if self.pk else None

    def breadcrumbs(self):
        """Isomer's title band over a post: Home, then the post."""
        return [("Home", "/"), (self.title, self.url)]

    @property
    def category_label(self) -> str:
        return self.category.title if self.category else ""

    @property
    def dated_in_the_future(self) -> bool:
        return self.publication_date > timezone.localdate()

    def get_sitemap_urls(self, request=None):
        return [] if self.dated_in_the_future else super().get_sitemap_urls(request)

    def serve(self, request, *args, **kwargs):
        # As Jekyll builds no post dated in the future: the entry appears on its date, with its
        # listings and feeds (a 404 is never kept by the proxy). Previews show it.
        if self.dated_in_the_future and not getattr(request, "is_preview", False):
            raise Http404("This entry appears on its publication date")
        # File and link entries have no page of their own on Isomer; send visitors on.
        if self.kind != EntryKind.ARTICLE and not getattr(request, "is_preview", False):
            target = self.listing_url
            if target and target != self.url:
                return redirect(target)
        return super().serve(request, *args, **kwargs)
