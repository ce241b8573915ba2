"""Step 4: normalised Isomer content -> the plan of a Wagtail site (plain data, no database).

The plan holds every page's fields as Wagtail stores them (stream data with deterministic
block ids), rich text in the editor's format, and markers (``refs``) for what only the
database can answer: images, documents, and links to pages of the site.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from blocks.links import WEB_SCHEMES, link_url_problem

from ..normalise.site import SiteDocument
from ..report import SITE, ReportItem
from . import cache
from .homepage import HomepagePlan, map_homepage
from .pages import PagePlan, map_page
from .settings import SettingsPlan, map_settings


@dataclass
class SitePlan:
    root: Path
    scope: str
    homepage: HomepagePlan | None
    pages: list[PagePlan]  # parents before children
    settings: SettingsPlan | None  # None when importing one homepage document
    media: list[Path]
    notes: list[ReportItem] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (old path, target) redirects
    # source -> (key, text) of the pages mapped afresh, for the next run (``mapping.cache``)
    mapped: dict[str, tuple[str, str]] = field(default_factory=dict)

    def homepage_page(self) -> PagePlan | None:
        home = self.homepage
        if home is None:
            return None
        return PagePlan(
            key=home.file,
            kind="homepage",
            title=home.title,
            slug="home",
            parent=None,
            permalink="/",
            source=home.file,
            fields={
                "title": home.title,
                "search_description": home.search_description,
                "notification": home.notification,
                "share_image_id": home.share_image,
                "body": home.body,
            },
            section_sources=home.section_sources,
        )

    def all_pages(self) -> list[PagePlan]:
        """The homepage first (the other pages hang under it), then the pages in tree order."""
        home = self.homepage_page()
        return ([home] if home else []) + self.pages

    @property
    def source_documents(self) -> int:
        return len([p for p in self.pages if p.source]) + (1 if self.homepage else 0)


# Given {source: key}, the stored plans (as text) of the sources whose stored key is that key.
Recall = Callable[[dict[str, str]], dict[str, str]]


def map_pages(site: SiteDocument, recall: Recall | None):
    """Each page's plan and notes, and the entries to store for the next run: a page comes
    from ``recall`` where nothing it depends on changed since it was stored, else it is mapped
    (and offered for storing)."""
    keys, remembered, mapped, results = {}, {}, {}, []
    if recall is not None:
        shared = cache.shared_key(site.liquid)
        keys = {page.key: key for page in site.pages if (key := cache.page_key(page, shared))}
        remembered = recall(keys) if keys else {}
    for page in site.pages:
        found = None
        if text := remembered.get(page.key):
            try:
                found = cache.decode(text)
            except (ValueError, TypeError, KeyError):  # not what this code stores: map again
                found = None
        if found is None:
            found = map_page(page, site.liquid)
            if page.key in keys and (text := cache.encode(*found)):
                mapped[page.key] = (keys[page.key], text)
        results.append(found)
    return results, mapped


def map_site(site: SiteDocument, recall: Recall | None = None) -> SitePlan:
    """``recall`` (the database's memory of earlier runs) spares re-mapping unchanged pages."""
    notes = list(site.notes)
    pages = []
    results, mapped = map_pages(site, recall)
    for plan, page_notes in results:
        pages.append(plan)
        notes += page_notes
    homepage = map_homepage(site.homepage) if site.homepage else None
    if homepage:
        notes += homepage.notes
    settings = map_settings(site, {p.key for p in pages}) if site.scope == SITE else None
    if settings:
        notes += settings.notes
    moved = []
    for old_path, written in site.moved:
        target = urljoin(old_path, written)  # relative to the page; whole addresses kept
        if problem := link_url_problem(target, schemes=WEB_SCHEMES):
            notes.append(
                ReportItem("refused_link", f"Redirect to {target[:200]!r}: {problem}", old_path[1:])
            )
        else:
            moved.append((old_path, target))
    return SitePlan(
        site.root, site.scope, homepage, pages, settings, site.media, notes, moved, mapped
    )
