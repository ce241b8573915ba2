"""Step 4: normalised Isomer content -> the plan of a Wagtail site (plain data, no database).

The plan holds every page's fields as Wagtail stores them (stream data with deterministic
block ids), rich text in the editor's format, and markers (``refs``) for what only the
database can answer: images, documents, and links to pages of the site.
"""

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from blocks.links import WEB_SCHEMES, link_url_problem

from ..normalise.site import SiteDocument
from ..report import SITE, ReportItem
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


def map_site(site: SiteDocument) -> SitePlan:
    notes = list(site.notes)
    pages = []
    for page in site.pages:
        plan, page_notes = map_page(page, site.liquid)
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
    return SitePlan(site.root, site.scope, homepage, pages, settings, site.media, notes, moved)
