"""Step 4 for the pages of a site: PageDocument -> the fields of its Wagtail page."""

from dataclasses import dataclass, field

from blocks.article import BODY_RICH_TEXT_FEATURES

from ..normalise.site import PageDocument
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


def map_page(page: PageDocument) -> tuple[PagePlan, list[ReportItem]]:
    notes: list[ReportItem] = []
    fields = {"title": page.title, "search_description": page.description[:1000]}
    if page.kind in ("standard", "entry"):
        converted = convert_body(page.body, page.variant, page.key, page.body_line)
        notes += [ReportItem(n.code, n.message, page.key, n.line) for n in converted.notes]
        fields["body"] = converted.blocks
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
