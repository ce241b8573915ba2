"""Step 5 for a whole site: write the plan to Wagtail in one transaction.

Pass 1 finds or creates every page (so links can point at them), pass 2 writes content as new
revisions only where it changed, then the homepage, settings, menu, footer and redirects.
Pages edited in Wagtail since the last import are left alone and reported, unless overwriting.
"""

import html as html_lib
import json
import re
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from blocks.links import link_url_problem
from blocks.templatetags.link_policy import HEX_COLOUR
from content.models import ContactPage, SectionGroupPage, SectionPage, StandardPage
from newsroom.models import NewsCategoryPage, NewsEntryPage, NewsroomIndexPage
from siteconfig.models import Footer, MainMenu, SiteIdentity

from ..mapping import ImageRef, block_id
from ..models import ImportedPage
from ..pipeline import limit_notes, prepare_homepage
from ..problems import ImportReport, IsomerImportError, Problem
from ..richtext import RichTextParts, assemble_rich_text, image_embed, join_rich_texts
from ..write import _get_or_create_homepage, _messages, write_homepage
from .media import SiteMedia
from .plan import PagePlan, SitePlan, normalise_permalink, text

PAGE_MODELS = {
    "standard": StandardPage,
    "section": SectionPage,
    "group": SectionGroupPage,
    "contact": ContactPage,
    "newsroom": NewsroomIndexPage,
    "category": NewsCategoryPage,
    "entry": NewsEntryPage,
}
# Links as Wagtail's rich-text converter writes them (see importers.richtext).
_ANCHOR = re.compile(r'<a href="([^"]*)">')
SINGLETONS = {"contact": ContactPage, "newsroom": NewsroomIndexPage}


class _PageImageResolver:
    """Adapts SiteMedia to write_homepage's ImageImporter interface."""

    def __init__(self, writer, file):
        self.writer = writer
        self.file = file

    def resolve(self, ref: ImageRef):
        return self.writer.image_id(ref, self.file)

    def discard_created_files(self):
        pass


class SiteWriter:
    def __init__(
        self,
        plan: SitePlan,
        report,
        *,
        publish=True,
        dry_run=False,
        overwrite_edited=False,
        progress=None,
    ):
        self.plan = plan
        self.inv = plan.inventory
        self.report = report
        self.publish = publish
        self.dry_run = dry_run
        self.overwrite_edited = overwrite_edited
        self.progress = progress
        self.pages: dict[str, Page] = {}
        self.created: set[str] = set()
        self._document_urls: dict[int, str] = {}
        self.by_permalink: dict[str, Page] = {}
        self.site_host = (urlsplit(text(self.inv.config.get("url"))).hostname or "").lower()

    # -- entry point ---------------------------------------------------------------------------
    def run(self):
        self.media = SiteMedia(self.inv, self.report)
        try:
            with transaction.atomic():
                self.media.import_all(self.progress)
                home, _ = _get_or_create_homepage()
                self.home = home
                total = len(self.plan.pages)
                for number, plan in enumerate(self.plan.pages, 1):
                    self.pages[plan.key] = self.find_or_create(plan)
                    if self.progress:
                        self.progress(number, total, "pages (structure)")
                for plan in self.plan.pages:
                    page = self.pages[plan.key]
                    if plan.permalink:
                        self.by_permalink[plan.permalink] = page
                for number, plan in enumerate(self.plan.pages, 1):
                    self.write_content(plan, self.pages[plan.key])
                    if self.progress:
                        self.progress(number, total, "pages (content)")
                self.write_homepage()
                self.write_settings()
                self.write_redirects()
                if self.dry_run:
                    transaction.set_rollback(True)
                    self.media.discard_created_files()
        except BaseException:
            self.media.discard_created_files()
            raise
        changed = sum(
            self.report.counts[k]
            for k in self.report.counts
            if k.endswith(("created", "updated")) or k.endswith("imported")
        )
        if self.dry_run:
            self.report.outcome = "dry-run"
        else:
            self.report.outcome = "imported" if changed else "unchanged"
        return self.report

    # -- pass 1: the tree ------------------------------------------------------------------------
    def parent_page(self, plan: PagePlan) -> Page:
        return self.pages[plan.parent] if plan.parent else self.home

    def find_or_create(self, plan: PagePlan) -> Page:
        model = PAGE_MODELS[plan.kind]
        record = ImportedPage.objects.filter(source_path=plan.key).select_related("page").first()
        if record is not None:
            page = record.page.specific
            if isinstance(page, model):
                return page
            self.report.add(
                "type_changed", f"Was imported as a {type(page).__name__}; left as it is.", plan.key
            )
            return page
        if plan.kind in SINGLETONS:
            existing = model.objects.first()
            if existing is not None:
                # One per site: adopt the one there is (made by set-up, or by another import).
                ImportedPage.objects.update_or_create(
                    page=existing,
                    defaults={
                        "source_path": plan.key,
                        "permalink": plan.permalink,
                        "front_matter": _json_safe(plan.front_matter),
                        "revision_id": None,
                    },
                )
                return existing
        parent = self.parent_page(plan)
        slug = self.free_slug(parent, plan.slug)
        page = model(title=plan.title, slug=slug, live=False, **self.initial_fields(plan))
        parent.add_child(instance=page)
        ImportedPage.objects.create(
            page=page,
            source_path=plan.key,
            permalink=plan.permalink,
            front_matter=_json_safe(plan.front_matter),
        )
        self.report.count(f"{self.label(plan)} created")
        self.created.add(plan.key)
        return page

    def initial_fields(self, plan):
        if plan.kind == "entry":
            return {
                "publication_date": plan.fields["publication_date"],
                "kind": plan.fields["kind"],
            }
        return {}

    @staticmethod
    def free_slug(parent: Page, slug: str) -> str:
        taken = set(parent.get_children().values_list("slug", flat=True))
        candidate, number = slug, 2
        while candidate in taken:
            candidate = f"{slug}-{number}"
            number += 1
        return candidate

    @staticmethod
    def label(plan):
        return {
            "entry": "entries",
            "category": "categories",
            "section": "sections",
            "group": "section groups",
            "newsroom": "newsroom pages",
            "contact": "contact pages",
        }.get(plan.kind, "pages")

    # -- links and media -------------------------------------------------------------------------
    def internal_path(self, href: str) -> str | None:
        parts = urlsplit(href)
        if parts.scheme in ("http", "https"):
            if not self.site_host or (parts.hostname or "").lower().removeprefix(
                "www."
            ) != self.site_host.removeprefix("www."):
                return None
        elif parts.scheme or href.startswith(("#", "?")):
            return None
        path = unquote(parts.path)
        if not path.startswith("/"):
            path = "/" + path
        return path

    def resolve(self, href: str, file: str):
        """('page', page) | ('document', id) | None for a link; reports broken internal links."""
        path = self.internal_path(href)
        if path is None:
            return None
        if (
            path.startswith(("/files/", "/images/", "/media/"))
            or "." in path.rsplit("/", 1)[-1]
            and not path.endswith((".html", ".htm"))
        ):
            kind, object_id, problem = self.media.lookup(path)
            if kind is not None:
                return kind, object_id
            self.report.add(
                "broken_link",
                f"Link to {href} points at a file that does not exist ({problem}); kept as written.",
                file,
            )
            return None
        candidates = [
            normalise_permalink(path),
            normalise_permalink(re.sub(r"\.html?$", "", path)),
            path,
        ]
        for candidate in candidates:
            if candidate in self.by_permalink:
                return "page", self.by_permalink[candidate]
        if path in ("/", ""):
            return "page", self.home
        self.report.add(
            "broken_link", f"Link to {href} points at no page of the site; kept as written.", file
        )
        return None

    def link_value(self, file):
        def resolve(url):
            target = self.resolve(url, file)
            if target is None:
                return None
            kind, value = target
            if kind == "page":
                return {"page": value.id, "url": ""}
            url = self.document_url(value) if kind == "document" else ""
            return {"page": None, "url": url} if url else None

        return resolve

    def document_url(self, document_id: int) -> str:
        """A document's public URL, looked up once per document however often it is linked."""
        if document_id not in self._document_urls:
            from wagtail.documents import get_document_model

            document = get_document_model().objects.filter(id=document_id).first()
            self._document_urls[document_id] = document.url if document else ""
        return self._document_urls[document_id]

    def rewrite_rich_text(self, html: str, file: str) -> str:
        """Links in rich text (the editor's format) to pages and documents, where they resolve."""

        def replace(match):
            target = self.resolve(html_lib.unescape(match.group(1)), file)
            if target is None:
                return match.group(0)
            kind, value = target
            # The form Wagtail's own converter writes, so the editor saves it unchanged.
            return f'<a linktype="{kind}" id="{value.id if kind == "page" else value}">'

        return _ANCHOR.sub(replace, html)

    def image_id(self, ref: ImageRef, file: str):
        kind, object_id, problem = self.media.lookup(ref.path)
        if kind == "image":
            return object_id
        message = problem if kind is None else f"{ref.path} is not an image (kept as a document)"
        self.report.add("missing_image", f"{ref.where}: {message}.", file, ref.line)
        return None

    def resolve_body(self, body: list, file: str) -> list:
        def embed(ref: ImageRef):
            image_id = self.image_id(ref, file)
            return image_embed(image_id, ref.alt) if image_id else None

        def walk(value):
            if isinstance(value, ImageRef):
                return self.image_id(value, file)
            if isinstance(value, RichTextParts):
                return self.rewrite_rich_text(assemble_rich_text(value.parts, embed), file)
            if isinstance(value, dict):
                if set(value) == {"page", "url"}:
                    if value["url"] and not value["page"]:
                        return self.link_value(file)(value["url"]) or value
                    return value
                return {k: walk(v) for k, v in value.items()}
            if isinstance(value, list):
                return [walk(v) for v in value]
            if isinstance(value, str) and value.startswith("<") and "<a" in value:
                return self.rewrite_rich_text(value, file)
            return value

        resolved = [walk(block) for block in body]
        kept = []
        for block in resolved:
            if block["type"] == "image" and not block["value"]["image"]["image"]:
                continue  # reported as missing; a figure without its picture says nothing
            if block["type"] == "paragraph" and kept and kept[-1]["type"] == "paragraph":
                # Text on both sides of a dropped picture is one passage again.
                kept[-1] = {**kept[-1], "value": join_rich_texts(kept[-1]["value"], block["value"])}
                continue
            kept.append(block)
        return kept

    # -- pass 2: content -----------------------------------------------------------------------
    def content_for(self, plan: PagePlan, page: Page) -> dict:
        fields = {
            "title": plan.title,
            "slug": page.slug,
            "search_description": plan.fields.get("description", "")[:1000],
        }
        file = plan.key
        if plan.kind in ("standard", "entry"):
            fields["body"] = self.resolve_body(plan.body, file)
        if plan.kind == "entry":
            fields["kind"] = plan.fields["kind"]
            fields["publication_date"] = plan.fields["publication_date"]
            fields["summary"] = plan.fields.get("description", "")[:500]
            fields["external_url"] = (
                plan.fields["external_url"] if plan.fields["kind"] == "link" else ""
            )
            fields["document_id"] = None
            if plan.fields["kind"] == "file":
                target = self.resolve(plan.fields["file_url"], file)
                if target and target[0] == "document":
                    fields["document_id"] = target[1]
                else:
                    fields["kind"] = "article"
                    self.report.add(
                        "missing_document",
                        f"file_url {plan.fields['file_url']} not found; imported as an article.",
                        file,
                    )
            fields["listing_image_id"] = None
            if plan.fields.get("image"):
                fields["listing_image_id"] = self.image_id(
                    ImageRef(plan.fields["image"], "", "image", 1), file
                )
        if plan.kind == "contact":
            fields["agency_name"] = plan.fields["agency_name"]
            fields["feedback"] = plan.fields["feedback"]
            fields["locations"] = [
                {"type": "location", "value": loc, "id": block_id(file, "locations", n)}
                for n, loc in enumerate(plan.fields["locations"])
            ]
            for n, location in enumerate(fields["locations"]):
                for h, hour in enumerate(location["value"]["opening_hours"]):
                    hour["id"] = block_id(file, "locations", n, "hours", h)
            fields["contacts"] = [
                {
                    "type": "contact",
                    "value": {
                        "title": contact["title"],
                        "details": [
                            {
                                "type": kind,
                                "value": value
                                if kind != "other"
                                else self.rewrite_rich_text(value, file),
                                "id": block_id(file, "contacts", n, d),
                            }
                            for d, (kind, value) in enumerate(contact["details"])
                        ],
                    },
                    "id": block_id(file, "contacts", n),
                }
                for n, contact in enumerate(plan.fields["contacts"])
            ]
        return fields

    def state(self, page, fields) -> str:
        values = {}
        for name in fields:
            value = getattr(page, name)
            field = page._meta.get_field(name.removesuffix("_id") if name.endswith("_id") else name)
            if hasattr(field, "stream_block"):
                value = field.stream_block.get_prep_value(value)
            values[name] = value
        return json.dumps(values, sort_keys=True, default=str)

    def write_content(self, plan: PagePlan, page: Page):
        record = ImportedPage.objects.get(page=page)
        fields = self.content_for(plan, page)
        latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
        before = self.state(latest, fields)
        for name, value in fields.items():
            setattr(latest, name, value)
        for name, value in fields.items():
            field = page._meta.get_field(name.removesuffix("_id") if name.endswith("_id") else name)
            if hasattr(field, "stream_block"):
                block = field.stream_block
                try:
                    from blocks import relaxed_editor_rules

                    with relaxed_editor_rules():
                        setattr(latest, name, block.clean(block.to_python(value)))
                except ValidationError as error:
                    details = "; ".join(_messages(error, name))
                    raise IsomerImportError(
                        [Problem(plan.key, f"Content could not be imported: {details}")]
                    ) from error
        after = self.state(latest, fields)
        edited = record.revision_id is not None and page.latest_revision_id != record.revision_id
        if before == after and page.latest_revision_id and (page.live or not self.publish):
            self.report.count(f"{self.label(plan)} unchanged")
            return
        if edited and not self.overwrite_edited:
            self.report.add(
                "edited_in_wagtail",
                "Edited in Wagtail since the last import; not overwritten (use --overwrite-edited to replace the edits).",
                plan.key,
            )
            self.report.count(f"{self.label(plan)} skipped (edited)")
            return
        revision = latest.save_revision(log_action=True, clean=False)
        if self.publish:
            revision.publish(log_action=True)
        record.revision_id = revision.id
        record.permalink = plan.permalink
        record.front_matter = _json_safe(plan.front_matter)
        record.save(update_fields=["revision_id", "permalink", "front_matter", "imported_at"])
        if plan.key not in self.created:
            self.report.count(f"{self.label(plan)} updated")

    # -- homepage, settings, redirects -----------------------------------------------------------
    def write_homepage(self):
        if self.inv.homepage is None:
            return
        file = self.inv.relative(self.inv.homepage)
        mapped = prepare_homepage(self.inv.homepage)
        home_report = ImportReport(source=file, sections=dict(mapped.section_counts))
        for item in mapped.notes:
            home_report.add(item.code, item.message, file, item.line, item.section)
        limit_notes(mapped, home_report)
        write_homepage(
            mapped,
            site_root=self.inv.root,
            report=home_report,
            publish=self.publish,
            images=_PageImageResolver(self, file),
            link_resolver=self.link_value(file),
        )
        for item in home_report.items:
            self.report.add(item.code, item.message, file, item.line, item.section)
        if home_report.outcome in ("created", "updated"):
            self.report.count("homepage updated")
        record = ImportedPage.objects.filter(source_path=file).first()
        if record is None:
            ImportedPage.objects.create(
                page_id=home_report.page_id, source_path=file, permalink="/", front_matter={}
            )

    def image_for_setting(self, reference, file, label):
        if not reference:
            return None
        return self.image_id(ImageRef(reference, "", label, None), file)

    def write_settings(self):
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        config = self.inv.config
        identity = SiteIdentity.for_site(site)
        colours = config.get("colors") or {}
        logo = text(config.get("logo")) or text(self.inv.navigation.get("logo"))
        known = {
            "title",
            "description",
            "url",
            "favicon",
            "shareicon",
            "logo",
            "colors",
            "google_analytics_ga4",
            "google-tag-manager",
            "facebook-pixel",
            "linkedin-insights",
            "is_government",
        }
        values = {
            "name": text(config.get("title")),
            "description": text(config.get("description")),
            "url": text(config.get("url")),
            "primary_colour": text(colours.get("primary-color")) or identity.primary_colour,
            "secondary_colour": text(colours.get("secondary-color")) or identity.secondary_colour,
            "media_colours": self.media_colours(colours.get("media-colors")),
            "favicon_id": self.image_for_setting(
                text(config.get("favicon")), "_config.yml", "favicon"
            ),
            "logo_id": self.image_for_setting(logo, "_config.yml", "logo"),
            "share_image_id": self.image_for_setting(
                text(config.get("shareicon")), "_config.yml", "shareicon"
            ),
            "google_analytics_ga4": text(config.get("google_analytics_ga4")),
            "google_tag_manager": text(config.get("google-tag-manager")),
            "facebook_pixel": text(config.get("facebook-pixel")),
            "linkedin_insights": text(config.get("linkedin-insights")),
            "is_government": bool(config.get("is_government")),
            "extra_config": _json_safe({k: v for k, v in config.items() if k not in known}),
        }
        self._save_setting(identity, values, "site identity", "_config.yml")

        menu = MainMenu.for_site(site)
        items = []
        for n, link in enumerate(self.inv.navigation.get("links") or []):
            if not isinstance(link, dict):
                continue
            title = text(link.get("title"))
            key = block_id("navigation", n)
            if link.get("collection"):
                section = self.pages.get(f"_{link['collection']}/")
                if section is None:
                    self.report.add(
                        "broken_menu_link",
                        f"Menu item {title!r} names collection {link['collection']!r}, which does not exist.",
                        "_data/navigation.yml",
                    )
                    continue
                items.append(
                    {"type": "section", "value": {"title": title, "page": section.id}, "id": key}
                )
            elif link.get("resource_room"):
                room = NewsroomIndexPage.objects.first()
                if room:
                    items.append(
                        {"type": "section", "value": {"title": title, "page": room.id}, "id": key}
                    )
            elif link.get("sublinks"):
                sublinks = [
                    {
                        "type": "item",
                        "value": {"title": text(s.get("title")), "link": target},
                        "id": block_id("navigation", n, m),
                    }
                    for m, s in enumerate(link["sublinks"])
                    if isinstance(s, dict)
                    and (target := self.required_link(s, f"Menu item {title!r}, sublink"))
                ]
                items.append(
                    {
                        "type": "group",
                        "value": {
                            "title": title,
                            "link": self.menu_link(text(link.get("url"))),
                            "sublinks": sublinks,
                        },
                        "id": key,
                    }
                )
            elif target := self.required_link(link, "Menu item"):
                items.append({"type": "link", "value": {"title": title, "link": target}, "id": key})
        self._save_setting(menu, {"items": items}, "main menu", "_data/navigation.yml")

        footer_data = self.inv.footer
        footer = Footer.for_site(site)
        links = []
        footer_file = "_data/footer.yml"
        for role in ("contact_us", "feedback", "faq", "privacy_policy", "terms_of_use"):
            if target := self.required_link({"url": footer_data.get(role)}, role, footer_file):
                links.append(
                    {
                        "type": "link",
                        "value": {"role": role, "title": "", "link": target},
                        "id": block_id("footer", role),
                    }
                )
        for n, link in enumerate(footer_data.get("links") or []):
            if isinstance(link, dict) and (
                target := self.required_link(link, "Footer link", footer_file)
            ):
                links.append(
                    {
                        "type": "link",
                        "value": {"role": "link", "title": text(link.get("title")), "link": target},
                        "id": block_id("footer", "links", n),
                    }
                )
        social = footer_data.get("social_media") or {}
        values = {
            "links": links,
            "show_reach": bool(footer_data.get("show_reach")),
            "copyright_agency": text(footer_data.get("copyright_agency")),
            **{name: text(social.get(name)) for name in Footer.SOCIAL},
        }
        self._save_setting(footer, values, "footer", footer_file)

    def media_colours(self, entries) -> list[dict]:
        """Isomer's media colours; each must be a hex colour (it is written into CSS)."""
        kept = []
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict):
                continue
            title, colour = text(entry.get("title")), text(entry.get("color"))
            if HEX_COLOUR.match(colour):
                kept.append({"title": title, "color": colour})
            else:
                self.report.add(
                    "invalid_setting",
                    f"Media colour {title!r}: {colour!r} is not a hex colour such as #ffce06; "
                    "left out.",
                    "_config.yml",
                )
        return kept

    def menu_link(self, url, file="_data/navigation.yml"):
        if not url:
            return {"page": None, "url": ""}
        if problem := link_url_problem(url):
            self.report.add("refused_link", f"Link {url!r} refused: {problem}", file)
            return {"page": None, "url": ""}
        return self.link_value(file)(url) or {"page": None, "url": url}

    def required_link(self, entry: dict, what: str, file="_data/navigation.yml") -> dict | None:
        """The link of a menu or footer entry that cannot exist without one, or None (reported)."""
        url = text(entry.get("url"))
        target = self.menu_link(url, file)
        if target["url"] or target["page"]:
            return target
        if url:  # refused, and reported as such by menu_link
            self.report.add("menu_entry_dropped", f"{what} {url!r} was not imported.", file)
        return None

    def _clean_setting_values(self, instance, values: dict, file: str) -> dict:
        """Each value checked by its model field (shape, length, link policy); a refused value
        keeps the setting's current value and is reported."""
        for name, value in values.items():
            field = instance._meta.get_field(name)
            if (
                field.is_relation
                or hasattr(field, "stream_block")
                or field.get_internal_type() == "JSONField"
            ):
                continue
            try:
                values[name] = field.clean(value, instance)
            except ValidationError as error:
                self.report.add(
                    "invalid_setting",
                    f"{instance._meta.verbose_name} {field.verbose_name} {value!r} refused: "
                    f"{' '.join(error.messages)} Kept {getattr(instance, name)!r}.",
                    file,
                )
                values[name] = getattr(instance, name)
        return values

    def _save_setting(self, instance, values, label, file="_config.yml"):
        values = self._clean_setting_values(instance, values, file)
        before = {}
        for name in values:
            value = getattr(instance, name)
            if hasattr(value, "raw_data"):
                value = list(value.raw_data)
            before[name] = value
        if json.dumps(before, sort_keys=True, default=str) == json.dumps(
            values, sort_keys=True, default=str
        ):
            return
        for name, value in values.items():
            setattr(instance, name, value)
        instance.save()
        self.report.count(f"{label} updated")

    def write_redirects(self):
        site = Site.objects.filter(is_default_site=True).first()
        for plan in self.plan.pages:
            if not plan.permalink or plan.permalink == "/":
                continue
            page = self.pages[plan.key]
            relative = page.relative_url(site) if site else None
            if relative and normalise_permalink(relative) == plan.permalink:
                continue
            old_path = Redirect.normalise_path(plan.permalink)
            existing = Redirect.objects.filter(old_path=old_path, site=None).first()
            if existing and existing.redirect_page_id == page.id:
                continue
            Redirect.objects.update_or_create(
                old_path=old_path,
                site=None,
                defaults={"redirect_page": page, "is_permanent": True, "redirect_link": ""},
            )
            self.report.count("redirects created")


def _json_safe(value):
    return json.loads(json.dumps(value, default=str))
