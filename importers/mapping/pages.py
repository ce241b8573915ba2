"""Step 4 for the pages of a site: PageDocument -> the fields of its Wagtail page."""

import re
from dataclasses import dataclass, field

from django.utils.html import format_html

from blocks.article import BODY_RICH_TEXT_FEATURES
from blocks.links import link_url_problem

from ..liquid import LiquidSite
from ..normalise.language import detect_language
from ..normalise.posts import POST_LAYOUTS
from ..normalise.site import DATASET_SEARCH, PageDocument
from ..normalise.text import text
from ..report import ReportItem
from ..richtext import rich_text_from_source
from .bodies import convert_body
from .contact import contact_fields
from .refs import DocumentRef, ImageRef, block_id

# Counted in the report as "<label> created", "... updated", "... unchanged".
LABELS = {
    "entry": "entries",
    "category": "categories",
    "section": "sections",
    "group": "section groups",
    "newsroom": "newsroom pages",
    "contact": "contact pages",
    "homepage": "homepage",
}


@dataclass
class PagePlan:
    key: str  # the source file (site-relative), or a structural key ("_about/")
    kind: str  # homepage | section | group | standard | contact | newsroom | category | entry
    title: str
    slug: str
    parent: str | None  # key of the parent plan; None = the homepage
    permalink: str = ""
    source: str | None = None
    fields: dict = field(default_factory=dict)  # model field -> value (with write-step markers)
    front_matter: dict = field(default_factory=dict)
    # (label, line) of the source of each item of a stream field, for messages (the homepage)
    section_sources: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, "pages")


def entry_fields(page: PageDocument, body: list) -> dict:
    facts = page.entry
    if facts["refused_external"]:
        original = rich_text_from_source(
            f"Original link: {facts['refused_external']}", BODY_RICH_TEXT_FEATURES
        )
        body.append(
            {"type": "paragraph", "value": original.html, "id": block_id(page.key, "external")}
        )
    image = facts["image"]
    return {
        "kind": facts["kind"],
        "publication_date": facts["publication_date"],
        "summary": page.description[:500],
        "external_url": facts["external_url"] if facts["kind"] == "link" else "",
        "document_id": DocumentRef(facts["file_url"], "file_url")
        if facts["kind"] == "file"
        else None,
        "listing_image_id": ImageRef(image, "", "image", 1) if image else None,
    }


DATASET_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def dataset_search_html(page: PageDocument, notes: list[ReportItem]) -> str:
    """Isomer's ``datagovsg-search`` page searched a data.gov.sg dataset in the visitor's
    browser. That search is not rebuilt here: the page links to the dataset, and says so."""
    dataset = text(page.front_matter.get("datagovsg-id"))
    valid = bool(DATASET_ID.match(dataset))
    notes.append(
        ReportItem(
            "dataset_search",
            f"This page searched data.gov.sg dataset {dataset or '(none given)'!r} in the "
            "visitor's browser; that search is not rebuilt. "
            + ("The page links to the dataset: " if valid else "Add a link to the data and ")
            + "describe what visitors find there.",
            page.key,
            page.source.line_of("datagovsg-id") if page.source else None,
        )
    )
    if not valid:
        return ""
    return format_html(
        '<p>Search this data on <a href="https://data.gov.sg/datasets?query={}">data.gov.sg'
        "</a>.</p>",
        dataset,
    )


def stray_post_html(page: PageDocument, notes: list[ReportItem]) -> str:
    """A post-like file outside the resource room (``layout: post`` at the site's root):
    Jekyll publishes it as a page, whose card address (``external`` / ``file_url``) would be
    lost; the page links to it."""
    data = page.front_matter
    if page.kind != "standard" or text(data.get("layout")) not in POST_LAYOUTS:
        return ""
    address = text(data.get("external")) or text(data.get("file_url"))
    notes.append(
        ReportItem(
            "post_outside_newsroom",
            "A post outside the newsroom's folders: imported as a page at its address"
            + (f", linking to {address[:200]}" if address else "")
            + "; move it into the newsroom if it is news.",
            page.key,
        )
    )
    if not address or link_url_problem(address):
        return ""
    return format_html('<p><a href="{}">{}</a></p>', address, page.title)


def map_page(
    page: PageDocument, liquid: LiquidSite | None = None
) -> tuple[PagePlan, list[ReportItem]]:
    notes: list[ReportItem] = []
    fields = {"title": page.title, "search_description": page.description[:1000]}
    if page.kind in ("standard", "entry"):
        extra = ""
        if page.kind == "standard":
            layout = text(page.front_matter.get("layout"))
            extra = (dataset_search_html if layout == DATASET_SEARCH else stray_post_html)(
                page, notes
            )
        body = f"{page.body}\n\n{extra}\n" if extra else page.body
        template = liquid.page(page.front_matter, page.permalink, page.key) if liquid else None
        converted = convert_body(body, page.variant, page.key, page.body_line, template)
        notes += [ReportItem(n.code, n.message, page.key, n.line) for n in converted.notes]
        fields["body"] = converted.blocks
        fields["headings_from"] = converted.headings_from
        if page.kind == "standard":
            fields["in_collection_nav"] = not page.outside_collection
        fields["language"] = detect_language(f"{page.title}\n{page.description}\n{page.body}")
        if page.kind == "entry":
            fields.update(entry_fields(page, fields["body"]))
    if page.kind == "contact":
        contact, contact_notes = contact_fields(page.front_matter, page.key)
        fields.update(contact)
        notes += contact_notes
    plan = PagePlan(
        key=page.key,
        kind=page.kind,
        title=page.title,
        slug=page.slug,
        parent=page.parent,
        permalink=page.permalink,
        source=page.source.name if page.source else None,
        fields=fields,
        front_matter=page.front_matter,
    )
    return plan, notes
