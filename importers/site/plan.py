"""Step 2-4 for a whole site: parse every document and plan the Wagtail page tree (no database).

The plan lists pages parent-first with their fields and converted bodies; the write step only
creates, updates and links what the plan describes.
"""

import datetime
import html as html_lib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from blocks.article import BODY_RICH_TEXT_FEATURES
from blocks.links import WEB_SCHEMES, link_url_problem
from content.models import CONTACT_TEXT_FEATURES

from ..mapping import block_id, rich_text_notes
from ..normalise import repair_mojibake
from ..parse import parse_front_matter
from ..problems import IsomerImportError, ReportItem
from ..read import read_document
from ..richtext import rich_text_from_source
from .bodies import convert_body
from .discover import SiteInventory

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL_VALIDATOR = URLValidator(schemes=["http", "https"])
POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(?:(post|file|link)-)?(.+)$")
SKIPPED_LAYOUTS = {"search", "skeleton", "search-results", "datagovsg-search"}
KNOWN_LAYOUTS = {
    None,
    "page",
    "simple-page",
    "leftnav-page",
    "leftnav-page-content",
    "contact_us",
    "resources",
    "resources-alt",
    "post",
    "file",
    "link",
}


def repair(value):
    if isinstance(value, str):
        return repair_mojibake(value)
    if isinstance(value, list):
        return [repair(v) for v in value]
    if isinstance(value, dict):
        return {k: repair(v) for k, v in value.items()}
    return value


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return ""
    return repair_mojibake(str(value)).strip()


def normalise_permalink(permalink: str) -> str:
    permalink = unquote((permalink or "").strip())
    if not permalink or permalink in ("none", "/"):
        return permalink if permalink == "/" else ""
    if not permalink.startswith("/"):
        permalink = "/" + permalink
    if not permalink.endswith("/") and "." not in permalink.rsplit("/", 1)[-1]:
        permalink += "/"
    return permalink


def slug_for(permalink: str, fallback: str) -> str:
    segment = permalink.rstrip("/").rsplit("/", 1)[-1] if permalink else ""
    segment = re.sub(r"\.html?$", "", segment)
    return (
        slugify(segment, allow_unicode=True)[:200]
        or slugify(fallback, allow_unicode=True)[:200]
        or "page"
    )


@dataclass
class PagePlan:
    key: str  # unique: the source path relative to the site (or a made-up key for structure)
    kind: str  # section | group | standard | contact | newsroom | category | entry
    title: str
    slug: str
    parent: str | None  # key of the parent plan; None = the homepage
    permalink: str = ""
    source: Path | None = None
    fields: dict = field(default_factory=dict)
    body: list = field(default_factory=list)
    links: list = field(default_factory=list)
    front_matter: dict = field(default_factory=dict)
    line: int | None = None


@dataclass
class SitePlan:
    inventory: SiteInventory
    pages: list[PagePlan]
    notes: list[ReportItem]
    skipped: list[str]


class _Planner:
    def __init__(self, inventory: SiteInventory):
        self.inv = inventory
        self.pages: list[PagePlan] = []
        self.notes: list[ReportItem] = []
        self.skipped: list[str] = []
        self.problems = []

    def rel(self, path: Path) -> str:
        return self.inv.relative(path)

    def note(self, code, message, path: Path | str, line=None):
        file = self.rel(path) if isinstance(path, Path) else path
        self.notes.append(ReportItem(code, message, file, line))

    def parse(self, path: Path):
        try:
            parsed = parse_front_matter(read_document(path))
        except IsomerImportError as error:
            self.problems.extend(error.problems)
            return None
        if not isinstance(parsed.data, dict):
            self.note(
                "no_front_matter_fields",
                "The front matter is empty; the file name was used as the title.",
                path,
            )
            parsed = type(parsed)(parsed.source, {}, parsed.lines, parsed.body, parsed.body_line)
        return parsed

    def document_page(
        self, path: Path, kind: str, parent: str | None, default_title: str, extra=None
    ) -> PagePlan | None:
        parsed = self.parse(path)
        if parsed is None:
            return None
        data = repair(parsed.data)
        layout = data.get("layout")
        if layout in SKIPPED_LAYOUTS:
            self.skipped.append(self.rel(path))
            self.note(
                "skipped_layout",
                f"Layout {layout!r} is provided by Wagtail itself (search, error pages); not imported as a page.",
                path,
            )
            return None
        if layout not in KNOWN_LAYOUTS:
            self.note(
                "unknown_layout",
                f"Unknown layout {layout!r}; imported as a simple page.",
                path,
                parsed.line_of("layout"),
            )
        title = text(data.get("title")) or default_title
        permalink = normalise_permalink(text(data.get("permalink")))
        variant = text(data.get("variant")) or ("tiptap" if path.suffix == ".html" else "markdown")
        key = self.rel(path)
        converted = convert_body(parsed.body, variant, key, parsed.body_line)
        for item in converted.notes:
            self.note(item.code, item.message, path, item.line)
        plan = PagePlan(
            key=key,
            kind=kind,
            title=title[:255],
            slug=slug_for(permalink, title if kind != "entry" else path.stem),
            parent=parent,
            permalink=permalink,
            source=path,
            fields={
                "description": text(data.get("description")),
                "variant": variant,
                **(extra or {}),
            },
            body=converted.blocks,
            links=converted.links,
            front_matter={k: v for k, v in data.items()},
            line=1,
        )
        if kind == "contact" or layout == "contact_us":
            plan.kind = "contact"
            plan.fields.update(self.contact_fields(data, path))
        self.pages.append(plan)
        return plan

    def contact_fields(self, data: dict, path: Path) -> dict:
        locations = []
        for position, location in enumerate(data.get("locations") or []):
            if not isinstance(location, dict):
                continue
            address = location.get("address")
            if isinstance(address, list):
                lines = [text(line) for line in address if text(line)]
            else:
                lines = [
                    text(part) for part in re.split(r"<br\s*/?>|\n", text(address)) if text(part)
                ]
            hours = [
                {
                    "type": "item",
                    "value": {
                        "days": text(h.get("days")) or "-",
                        "time": text(h.get("time")),
                        "description": text(h.get("description")),
                    },
                    "id": f"{self.rel(path)}/locations/{position}/hours/{n}",
                }
                for n, h in enumerate(location.get("operating_hours") or [])
                if isinstance(h, dict)
            ]
            locations.append(
                {
                    "title": text(location.get("title")),
                    "address": "\n".join(lines),
                    "opening_hours": hours,
                    "maps_link": self.checked_url(
                        text(location.get("maps_link")), path, "maps_link", web=True
                    ),
                }
            )
        contacts = []
        for contact in data.get("contacts") or []:
            if not isinstance(contact, dict):
                continue
            details = []
            for item in contact.get("content") or []:
                if not isinstance(item, dict):
                    continue
                for kind in ("phone", "email", "other"):
                    value = text(item.get(kind))
                    if not value:
                        continue
                    if kind == "email" and not EMAIL.match(value):
                        self.note(
                            "invalid_email",
                            f"Contact email {value!r} is not an email address; kept as text.",
                            path,
                        )
                        kind = "other"
                        value = (
                            html_lib.escape(value)
                            if link_url_problem(value)
                            else f'<a href="{html_lib.escape(value)}">{html_lib.escape(value)}</a>'
                        )
                    if kind == "other":
                        value = self.contact_text(value, path)
                        if not value:
                            continue
                    details.append((kind, value))
            contacts.append({"title": text(contact.get("title")), "details": details})
        return {
            "agency_name": text(data.get("agency_name")),
            "feedback": self.checked_url(text(data.get("feedback")), path, "feedback"),
            "locations": locations,
            "contacts": contacts,
        }

    def checked_url(self, url: str, path: Path, field: str, web: bool = False) -> str:
        """``url`` if the link policy accepts it; else "" and a report item."""
        if not url:
            return ""
        options = {"schemes": WEB_SCHEMES, "site_paths": False} if web else {}
        if problem := link_url_problem(url, **options):
            self.note("refused_link", f"{field}: link {url!r} refused. {problem}", path)
            return ""
        return url

    def contact_text(self, value: str, path: Path) -> str:
        result = rich_text_from_source(value, CONTACT_TEXT_FEATURES)
        for code, message in rich_text_notes(result):
            self.note(code, f"contacts: {message}", path)
        return result.html

    # -- site structure -----------------------------------------------------------------------
    def plan(self) -> SitePlan:
        inv = self.inv
        menu_titles = {
            str(link.get("collection")): text(link.get("title"))
            for link in inv.navigation.get("links") or []
            if isinstance(link, dict) and link.get("collection")
        }
        for collection in inv.collections:
            section_key = f"_{collection.name}/"
            title = menu_titles.get(collection.name) or collection.name.replace("-", " ").title()
            self.pages.append(
                PagePlan(
                    section_key,
                    "section",
                    title,
                    slugify(collection.name) or "section",
                    None,
                    permalink=f"/{collection.name}/",
                )
            )
            for path in collection.unordered:
                self.note(
                    "not_in_collection_order",
                    "Not listed in collection.yml; added at the end of its collection.",
                    path,
                )
            groups: dict[str, str] = {}
            for item in collection.items:
                parent = section_key
                if item.group:
                    group_key = f"_{collection.name}/{item.group}/"
                    if group_key not in groups:
                        groups[group_key] = item.group
                        self.pages.append(
                            PagePlan(
                                group_key,
                                "group",
                                repair_mojibake(item.group),
                                slugify(item.group, allow_unicode=True) or "group",
                                section_key,
                                permalink=f"/{collection.name}/{slugify(item.group)}/",
                            )
                        )
                    parent = group_key
                self.document_page(item.path, "standard", parent, item.path.stem)
        for path in inv.pages:
            self.document_page(path, "standard", None, path.stem)
        for path in inv.misc:
            self.document_page(path, "standard", None, path.stem)
        for path in sorted(inv.root.glob("*.md")) + sorted(inv.root.glob("*.html")):
            if path.name.lower() in (
                "index.md",
                "index.html",
                "readme.md",
                "license.md",
                "404.html",
            ):
                continue
            if not path.read_text(encoding="utf-8", errors="replace").startswith("---"):
                self.note("not_a_page", "No front matter: not a Jekyll page; not imported.", path)
                continue
            self.document_page(path, "standard", None, path.stem)
        self.plan_resource_room()
        self.nest_by_permalink()
        if self.problems:
            raise IsomerImportError(self.problems)
        return SitePlan(inv, self.pages, self.notes, self.skipped)

    def listing_page(self, key, kind, index, name, parent) -> PagePlan:
        """The resource room or one of its categories: titled by its index.html, else its folder."""
        title = name.strip("-").replace("-", " ").title() or name
        front = {}
        parsed = self.parse(index) if index else None
        if parsed:
            front = repair(parsed.data)
            title = text(front.get("title")) or title
        plan = PagePlan(
            key, kind, title, slugify(name) or kind, parent, permalink=f"/{key}", front_matter=front
        )
        self.pages.append(plan)
        return plan

    def plan_resource_room(self):
        room = self.inv.resource_room
        if room is None:
            return
        room_key = f"{room.name}/"
        self.listing_page(room_key, "newsroom", room.index, room.name, None)
        for category in room.categories:
            cat_key = f"{room.name}/{category.slug}/"
            self.listing_page(cat_key, "category", category.index, category.slug, room_key)
            for post in category.posts:
                self.plan_post(post, cat_key)

    def plan_post(self, path: Path, parent: str):
        match = POST_NAME.match(path.stem)
        plan = self.document_page(path, "entry", parent, match.group(5) if match else path.stem)
        if plan is None:
            return
        data = plan.front_matter
        date = data.get("date")
        if isinstance(date, datetime.datetime):
            date = date.date()
        if not isinstance(date, datetime.date):
            try:
                date = datetime.date.fromisoformat(text(date)[:10]) if date else None
            except ValueError:
                self.note(
                    "bad_date", f"Date {date!r} is not a date; the file name's date was used.", path
                )
                date = None
        if date is None and match:
            date = datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if date is None:
            self.note(
                "no_date", "No date in the front matter or file name; today's date was used.", path
            )
            date = datetime.date.today()
        external, file_url = text(data.get("external")), text(data.get("file_url"))
        if external:
            fixed = external.replace(" ", "%20")
            try:
                URL_VALIDATOR(fixed)
                if link_url_problem(fixed):
                    raise ValueError(link_url_problem(fixed))
                external = fixed
            except (ValidationError, ValueError):
                self.note(
                    "invalid_external_link",
                    f"external {external!r} is not a valid web address; imported as an article that shows the address.",
                    path,
                )
                plan.body.append(
                    {
                        "type": "paragraph",
                        "value": rich_text_from_source(
                            f"Original link: {external}", BODY_RICH_TEXT_FEATURES
                        ).html,
                        "id": block_id(plan.key, "external"),
                    }
                )
                external = ""
        kind = "link" if external else "file" if file_url else "article"
        declared = text(data.get("layout")) or (match.group(4) if match and match.group(4) else "")
        if declared in ("post", "file", "link"):
            declared_kind = {"post": "article"}.get(declared, declared)
            if declared_kind != kind:
                self.note(
                    "post_type_mismatch",
                    f"The post says it is a {declared!r} but has {'external' if external else 'file_url' if file_url else 'neither external nor file_url'}; "
                    f"imported as a {kind} entry, as the theme shows it.",
                    path,
                )
        plan.fields.update(
            {
                "kind": kind,
                "publication_date": date,
                "external_url": external,
                "file_url": file_url,
                "image": text(data.get("image")),
            }
        )
        if not plan.slug or plan.slug == "page":
            plan.slug = slugify(match.group(5) if match else path.stem)[:200] or "entry"

    def nest_by_permalink(self):
        """Put top-level pages under the page whose permalink is their parent path, if any."""
        by_permalink = {p.permalink: p for p in self.pages if p.permalink}
        for plan in self.pages:
            if plan.parent is not None or plan.kind != "standard" or not plan.permalink:
                continue
            parent_path = plan.permalink.rstrip("/").rsplit("/", 1)[0] + "/"
            parent = by_permalink.get(parent_path)
            if (
                parent is not None
                and parent is not plan
                and parent.kind in ("standard", "section", "group")
            ):
                plan.parent = parent.key
        # Parents must come before their children.
        order = {p.key: i for i, p in enumerate(self.pages)}
        keys = {p.key: p for p in self.pages}
        self.pages.sort(key=lambda p: (self.depth(p, keys), order[p.key]))

    @staticmethod
    def depth(plan, keys):
        depth = 0
        while plan.parent is not None and depth < 20:
            plan = keys[plan.parent]
            depth += 1
        return depth


def plan_site(inventory: SiteInventory) -> SitePlan:
    return _Planner(inventory).plan()
