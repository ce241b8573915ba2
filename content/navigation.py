"""A collection's navigation, as Isomer draws it beside and under a page: the section's pages
(third-level groups with theirs), the page shown marked, and the pages before and after it in
reading order. One query for the whole collection."""

from dataclasses import dataclass, field

from wagtail.models import Page

from actris_cms.privacy import in_private_section


@dataclass
class NavEntry:
    title: str
    url: str
    current: bool = False
    children: list["NavEntry"] = field(default_factory=list)

    @property
    def is_group(self) -> bool:
        return bool(self.children)

    @property
    def open(self) -> bool:
        return self.current or any(child.current for child in self.children)


@dataclass
class CollectionNavigation:
    section: Page
    entries: list[NavEntry]
    previous: NavEntry | None
    next: NavEntry | None

    @property
    def current_title(self) -> str:
        for entry in self.entries:
            for candidate in [entry, *entry.children]:
                if candidate.current and not candidate.is_group:
                    return candidate.title
        return self.section.title


def collection_navigation(section: Page, current: Page) -> CollectionNavigation:
    pages = (
        Page.objects.live()
        .public()
        .exclude(in_private_section())
        .filter(path__startswith=section.path, depth__in=(section.depth + 1, section.depth + 2))
        .exclude(standardpage__in_collection_nav=False)
        .order_by("path")
        .specific(defer=True)
    )
    entries, by_path, reading_order = [], {}, []
    for page in pages:
        entry = NavEntry(page.title, page.url, current=page.pk == current.pk)
        parent = by_path.get(page.path[: -Page.steplen])
        if parent is None:
            entries.append(entry)
            by_path[page.path] = entry
        else:
            parent.children.append(entry)
        if not getattr(page, "is_section_group", False):
            reading_order.append(entry)
    # A group with pages links to its first one (Isomer has no page for the group itself).
    for entry in entries:
        if entry.children:
            entry.url = entry.children[0].url
    reading_order = [e for e in reading_order if not e.children]
    position = next((i for i, e in enumerate(reading_order) if e.current), None)
    previous = reading_order[position - 1] if position else None
    following = (
        reading_order[position + 1]
        if position is not None and position + 1 < len(reading_order)
        else None
    )
    return CollectionNavigation(section, entries, previous, following)


def breadcrumbs(page: Page) -> list[tuple[str, str]]:
    """(title, url) from "Home" to ``page``, as Isomer's title band shows them."""
    site_root_depth = 2
    trail = [("Home", "/")]
    if getattr(page, "in_collection_nav", True) is False:
        # a page that only lives in a collection's folder: Isomer shows Home, then the page
        return [*trail, (page.title, page.url)]
    for ancestor in page.get_ancestors().filter(depth__gt=site_root_depth).specific(defer=True):
        trail.append((ancestor.title, ancestor.url))
    trail.append((page.title, page.url))
    return trail


class BreadcrumbsMixin:
    def breadcrumbs(self):
        return breadcrumbs(self)


class CollectionPageMixin(BreadcrumbsMixin):
    """What a page of a collection (or the collection itself) shows around its body."""

    def collection_navigation(self):
        section = self.section()
        return collection_navigation(section, self) if section is not None else None
