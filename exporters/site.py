"""Wagtail content -> an Isomer site folder (front matter, HTML bodies, data files, media).

Importing the folder this writes into an empty database gives the same content again. Files
keep the names they were imported from where the importer recorded them.
"""

from collections import Counter
from pathlib import Path

import yaml
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from content.models import ContactPage, SectionGroupPage, SectionPage, StandardPage
from home.models import HomePage
from importers.models import ImportedFile, ImportedPage
from newsroom.models import NewsCategoryPage, NewsEntryPage, NewsroomIndexPage

from .homepage import SectionExporter
from .html import BodyExporter
from .media import copy_media
from .settings import export_settings


def dump_yaml(data) -> str:
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )


def front_matter_document(front: dict, body: str = "") -> str:
    return f"---\n{dump_yaml(front)}---\n{body}"


class SiteExporter:
    def __init__(self, out_dir: Path):
        self.out = Path(out_dir)
        self.counts = Counter()
        self.site = Site.objects.filter(is_default_site=True).first()
        self.sources = dict(ImportedPage.objects.values_list("page_id", "source_path"))
        self.image_paths: dict[int, str] = {}
        self.document_paths: dict[int, str] = {}
        for record in ImportedFile.objects.order_by("id"):
            target = self.image_paths if record.kind == ImportedFile.IMAGE else self.document_paths
            target.setdefault(record.object_id, record.source_path)
        self.urls = {}
        self.body = BodyExporter(
            self.page_url,
            self.document_url,
            self.image_url,
            lambda image_id: get_image_model().objects.filter(id=image_id).first(),
        )

    # -- look-ups --------------------------------------------------------------------------------
    def page_url(self, page_id: int) -> str:
        if page_id not in self.urls:
            page = Page.objects.filter(id=page_id).first()
            self.urls[page_id] = page.relative_url(self.site) if page else ""
        return self.urls[page_id]

    def image_url(self, image) -> str:
        return "/" + self.image_paths.setdefault(
            image.id, f"images/uploads/{Path(image.file.name).name}"
        )

    def image_id_url(self, image_id) -> str:
        image = get_image_model().objects.filter(id=image_id).first() if image_id else None
        return self.image_url(image) if image else ""

    def document_url(self, document_id: int) -> str:
        if document_id not in self.document_paths:
            document = get_document_model().objects.filter(id=document_id).first()
            if document is None:
                return ""
            self.document_paths[document_id] = f"files/uploads/{Path(document.file.name).name}"
        return "/" + self.document_paths[document_id]

    def link(self, value) -> str:
        return self.body.link(value)

    def write(self, relative: str, text: str):
        path = self.out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    # -- export ------------------------------------------------------------------------------------
    def run(self) -> Counter:
        self.out.mkdir(parents=True, exist_ok=True)
        home = HomePage.objects.first()
        if home is not None:
            self.export_homepage(home)
            for child in home.get_children().specific():
                if isinstance(child, SectionPage):
                    self.export_section(child)
                elif isinstance(child, NewsroomIndexPage):
                    self.export_newsroom(child)
                elif isinstance(child, ContactPage):
                    self.export_contact(child)
                elif isinstance(child, StandardPage):
                    self.export_simple(child, "pages")
        self.export_settings()
        copy_media(self.out, self.image_paths, self.document_paths, self.counts)
        return self.counts

    def source_name(self, page, folder: str, default: str) -> str:
        """The file the page was imported from when it lies in ``folder`` (or, for a page of
        ``pages/``, at the site's root, as Jekyll publishes a root file too), else a new name."""
        source = self.sources.get(page.id) or ""
        at_root = folder == "pages" and source and "/" not in source
        if at_root or source.startswith(folder.rstrip("/") + "/"):
            return source
        return f"{folder.rstrip('/')}/{default}"

    def page_front(self, page, **extra) -> dict:
        front = {"title": page.title, "permalink": page.relative_url(self.site)}
        if page.search_description:
            front["description"] = page.search_description
        front.update(extra)
        return front

    def export_simple(self, page, folder, **extra):
        name = self.source_name(page, folder, f"{page.slug}.md")
        front = self.page_front(page, variant="tiptap", **extra)
        self.write(
            name, front_matter_document(front, self.body.body(page.body, page.headings_from))
        )
        self.counts["pages"] += 1
        for child in page.get_children().specific():
            if isinstance(child, StandardPage):
                # Nested simple pages live in pages/; their permalink nests them again on import.
                self.export_simple(child, "pages")
        return name

    def export_section(self, section):
        folder = f"_{section.slug}"
        order = []
        for child in section.get_children().specific():
            if isinstance(child, SectionGroupPage):
                group_folder = f"{folder}/{child.title}"
                order.append(f"{child.title}/.keep")
                (self.out / group_folder).mkdir(parents=True, exist_ok=True)
                (self.out / group_folder / ".keep").write_text("")
                self.counts["section groups"] += 1
                for page in child.get_children().specific():
                    name = self.export_simple(page, group_folder, third_nav_title=child.title)
                    order.append(name[len(folder) + 1 :])
            elif isinstance(child, StandardPage) and not child.in_collection_nav:
                self.export_simple(child, "pages")  # its permalink puts it here again
            elif isinstance(child, StandardPage):
                name = self.export_simple(child, folder)
                order.append(name[len(folder) + 1 :])
        self.write(
            f"{folder}/collection.yml",
            dump_yaml({"collections": {section.slug: {"output": True, "order": order}}}),
        )
        self.counts["sections"] += 1

    def export_contact(self, page):
        name = self.source_name(page, "pages", "contact-us.md")
        locations = []
        for block in page.locations:
            value = block.value
            locations.append(
                {
                    "title": value["title"],
                    "address": [line for line in value["address"].split("\n")],
                    "operating_hours": [
                        {"days": h["days"], "time": h["time"], "description": h["description"]}
                        for h in value["opening_hours"]
                    ],
                    "maps_link": value["maps_link"],
                }
            )
        contacts = []
        for block in page.contacts:
            content = []
            for detail in block.value["details"]:
                if detail.block_type == "other":
                    content.append({"other": self.body.rich_text(detail.value.source)})
                else:
                    content.append({detail.block_type: detail.value})
            contacts.append({"title": block.value["title"], "content": content})
        front = self.page_front(
            page,
            layout="contact_us",
            agency_name=page.agency_name,
            locations=locations,
            contacts=contacts,
            feedback=page.feedback,
        )
        self.write(name, front_matter_document(front))
        self.counts["pages"] += 1

    def export_newsroom(self, newsroom):
        folder = newsroom.slug
        self.write(
            f"{folder}/index.html",
            front_matter_document({"layout": "resources", "title": newsroom.title}),
        )
        self.counts["newsroom pages"] += 1
        for category in NewsCategoryPage.objects.child_of(newsroom).order_by("path"):
            category_folder = self.source_name(category, folder, category.slug).rsplit(
                "/index.html", 1
            )[0]
            if category_folder.endswith("/"):
                category_folder = category_folder[:-1]
            self.write(
                f"{category_folder}/index.html",
                front_matter_document({"layout": "resources-alt", "title": category.title}),
            )
            (self.out / category_folder / "_posts").mkdir(parents=True, exist_ok=True)
            self.counts["categories"] += 1
            for entry in NewsEntryPage.objects.child_of(category).order_by("path"):
                self.export_entry(entry, f"{category_folder}/_posts")

    def export_entry(self, entry, folder):
        layout = {"article": "post", "file": "file", "link": "link"}[entry.kind]
        default = f"{entry.publication_date.isoformat()}-{layout}-{entry.slug}.md"
        name = self.source_name(entry, folder, default)
        front = {
            "title": entry.title,
            "permalink": entry.relative_url(self.site),
            "date": entry.publication_date,
            "layout": layout,
        }
        if entry.summary:
            front["description"] = entry.summary
        if entry.listing_image_id:
            front["image"] = self.image_id_url(entry.listing_image_id)
        if entry.kind == "file" and entry.document_id:
            front["file_url"] = self.document_url(entry.document_id)
        if entry.kind == "link":
            front["external"] = entry.external_url
        front["variant"] = "tiptap"
        self.write(
            name, front_matter_document(front, self.body.body(entry.body, entry.headings_from))
        )
        self.counts["entries"] += 1

    # -- homepage, settings, media --------------------------------------------------------------
    def export_homepage(self, home):
        sections = SectionExporter(self)
        front = {"layout": "homepage", "title": home.title}
        if home.search_description:
            front["description"] = home.search_description
        if home.share_image_id:
            front["image"] = self.image_id_url(home.share_image_id)
        front["permalink"] = "/"
        front["notification"] = self.body.rich_text(home.notification) if home.notification else ""
        front["sections"] = sections.sections(home.body)
        self.write(self.sources.get(home.id, "index.md"), front_matter_document(front))
        self.counts["homepage"] += 1

    def export_settings(self):
        for path, data in export_settings(self).items():
            self.write(path, dump_yaml(data))


def export_site(out_dir) -> Counter:
    return SiteExporter(Path(out_dir)).run()
