"""Pages: found or created in the tree, then given their content as a revision when it changed.

A page keeps the revision the import last wrote (``ImportedPage.revision_id``); a page whose
latest revision is another one was edited in Wagtail and is left alone (and reported) unless
the import is told to overwrite edits.
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from wagtail.models import Page, Site

from blocks.editor_rules import relaxed_editor_rules
from content.models import ContactPage, SectionGroupPage, SectionPage, StandardPage
from home.models import HomePage
from newsroom.models import NewsCategoryPage, NewsEntryPage, NewsroomIndexPage

from ..errors import IsomerImportError, Problem
from ..mapping.cache import code_key
from ..mapping.pages import PagePlan
from ..models import ImportedPage
from ..normalise.text import jsonable

PAGE_MODELS = {
    "homepage": HomePage,
    "standard": StandardPage,
    "section": SectionPage,
    "group": SectionGroupPage,
    "contact": ContactPage,
    "newsroom": NewsroomIndexPage,
    "category": NewsCategoryPage,
    "entry": NewsEntryPage,
}
SINGLETONS = {"newsroom"}  # one per site: adopt the one there is


def error_lines(error, where: str) -> list[str]:
    """Nested block validation errors as 'path: message' lines."""
    non_block = getattr(error, "non_block_errors", None)
    block_errors = getattr(error, "block_errors", None)
    if non_block is None and block_errors is None:
        return [f"{where}: {message}" for message in error.messages]
    lines = [
        f"{where}: {m}" for e in (non_block.as_data() if non_block else []) for m in e.messages
    ]
    for key, child in (block_errors or {}).items():
        lines += error_lines(child, f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}")
    return lines


def homepage() -> tuple[Page, bool]:
    """The site's homepage, created under the root (and made the default site's) if missing."""
    page = HomePage.objects.first()
    if page is not None:
        return page, False
    page = Page.get_first_root_node().add_child(
        instance=HomePage(title="Home", slug="home", live=False)
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=page, is_default_site=True)
    else:
        site.root_page = page
        site.save(update_fields=["root_page"])
    return page, True


class PageWriter:
    def __init__(self, report, *, publish: bool, overwrite_edited: bool):
        self.report = report
        self.publish = publish
        self.overwrite_edited = overwrite_edited
        self.created: set[str] = set()
        self.mismatched: set[str] = set()  # sources whose page is of another type now
        self.known: dict[str, ImportedPage] = {}  # by source path, from earlier imports

    def prefetch(self, keys) -> None:
        """The records and pages of earlier imports of these sources, in a few queries (a
        re-run of a big site otherwise spends most of its time finding them one by one)."""
        records = ImportedPage.objects.filter(source_path__in=list(keys)).defer("mapped")
        self.known = {record.source_path: record for record in records}
        pages = Page.objects.filter(id__in=[r.page_id for r in self.known.values()]).specific()
        by_id = {page.id: page for page in pages}
        for record in self.known.values():
            record.page = by_id[record.page_id]

    def remember_mapped(self, mapped: dict[str, tuple[str, str]]) -> None:
        """Keep the plans mapped afresh with their pages' records, for the next run."""
        records = []
        for source, (key, text) in mapped.items():
            record = self.known.get(source)
            if record is not None:  # mapped afresh: a new key, or a stored plan unreadable
                record.mapped_key, record.mapped = key, text
                records.append(record)
        ImportedPage.objects.bulk_update(records, ["mapped_key", "mapped"], batch_size=200)

    # -- the tree ------------------------------------------------------------------------------
    def record(self, page: Page, plan: PagePlan) -> ImportedPage:
        record, _ = ImportedPage.objects.update_or_create(
            page=page,
            defaults={
                "source_path": plan.key,
                "permalink": plan.permalink,
                "front_matter": jsonable(plan.front_matter),
            },
        )
        return record

    def find_or_create(self, plan: PagePlan, parent: Page | None) -> Page:
        model = PAGE_MODELS[plan.kind]
        record = self.known.get(plan.key)
        if record is not None:
            page = record.page
            if not isinstance(page, model):
                self.report.add(
                    "type_changed",
                    f"Was imported as a {type(page).__name__} and is now a {model.__name__}; "
                    "left as it is (delete the page to import it again).",
                    plan.key,
                )
                self.mismatched.add(plan.key)
            return page
        if plan.kind == "homepage":
            page, created = homepage()
        elif plan.kind in SINGLETONS and (existing := model.objects.first()) is not None:
            page, created = existing, False
        else:
            page, created = self.create(plan, model, parent), True
        if not created:  # adopted: the earlier source of this page is gone
            ImportedPage.objects.filter(page=page).delete()
            for key in [key for key, known in self.known.items() if known.page_id == page.id]:
                del self.known[key]
        self.known[plan.key] = ImportedPage.objects.create(
            page=page,
            source_path=plan.key,
            permalink=plan.permalink,
            front_matter=jsonable(plan.front_matter),
        )
        if created:
            self.created.add(plan.key)
            self.report.count(f"{plan.label} created")
        return page

    def create(self, plan: PagePlan, model, parent: Page) -> Page:
        taken = set(parent.get_children().values_list("slug", flat=True))
        slug, number = plan.slug, 2
        while slug in taken:
            slug, number = f"{plan.slug}-{number}", number + 1
        initial = {}
        if plan.kind == "entry":  # required fields of an entry, set before its first revision
            initial = {k: plan.fields[k] for k in ("publication_date", "kind")}
        page = model(title=plan.title, slug=slug, live=False, **initial)
        parent.add_child(instance=page)
        return page

    # -- content -------------------------------------------------------------------------------
    @staticmethod
    def state(page, fields) -> str:
        values = {}
        for name in fields:
            value = getattr(page, name)
            field = page._meta.get_field(name.removesuffix("_id"))
            if hasattr(field, "stream_block"):
                value = field.stream_block.get_prep_value(value)
            values[name] = value
        return json.dumps(values, sort_keys=True, default=str)

    def apply(self, plan: PagePlan, target: Page, fields: dict) -> None:
        """Set ``fields`` on ``target``; stream data is validated as the blocks define it (with
        the Isomer editor's length and count limits relaxed: imports keep and report excess)."""
        problems = []
        for name, value in fields.items():
            field = target._meta.get_field(name.removesuffix("_id"))
            if not hasattr(field, "stream_block"):
                setattr(target, name, value)
                continue
            block = field.stream_block
            try:
                with relaxed_editor_rules():
                    setattr(target, name, block.clean(block.to_python(value)))
            except ValidationError as error:
                problems += self.problems(plan, name, error)
        if problems:
            raise IsomerImportError(problems)

    @staticmethod
    def problems(plan: PagePlan, name: str, error) -> list[Problem]:
        if plan.section_sources:  # the homepage: one problem per section, at its line
            found = []
            for index, child in (getattr(error, "block_errors", None) or {}).items():
                label, line = plan.section_sources[index]
                found += [Problem(plan.key, message, line) for message in error_lines(child, label)]
            return found or [Problem(plan.key, m) for m in error.messages]
        details = "; ".join(error_lines(error, name))
        return [Problem(plan.key, f"Content could not be imported: {details}")]

    @staticmethod
    def written_key(plan: PagePlan, page: Page, fields: dict) -> str:
        """A hash of everything ``write`` applies to ``page`` for ``plan``, and of the code that
        validates and stores it (blocks, models, Wagtail); "" when it cannot be computed (the
        page then takes the long way: loaded, validated and compared)."""
        applied = {
            "model": type(page).__name__,
            "code": code_key(),
            "fields": {"slug": page.slug, **fields},
            "permalink": plan.permalink,
            "front_matter": jsonable(plan.front_matter),
        }
        try:
            text = json.dumps(applied, sort_keys=True, default=str)
        except (TypeError, ValueError, RecursionError):  # keys JSON cannot sort (2023: and a:)
            return ""
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def write(self, plan: PagePlan, page: Page, fields: dict) -> str:
        """Give ``page`` its content: "created" | "updated" | "unchanged" | "skipped"."""
        if plan.key in self.mismatched:
            self.report.count(f"{plan.label} skipped (type changed)")
            return "skipped"
        record = self.known[plan.key]
        had_revision = page.latest_revision_id is not None
        published = not self.publish or page.live and not page.has_unpublished_changes
        key = self.written_key(plan, page, fields)
        ours = had_revision and record.revision_id == page.latest_revision_id
        if key and ours and published and record.written_key == key:
            # what made the latest revision is applied again: the same content (a re-run of a
            # big site spends no time loading, validating and comparing every page)
            self.report.count(f"{plan.label} unchanged")
            return "unchanged"
        latest = page.get_latest_revision_as_object() if had_revision else page
        before = self.state(latest, fields)
        self.apply(plan, latest, {"slug": page.slug, **fields})
        content_same = had_revision and before == self.state(latest, fields)
        if content_same and published:
            if key and ours and record.written_key != key:  # the same: next time, the fast way
                record.written_key = key
                record.permalink = plan.permalink
                record.front_matter = jsonable(plan.front_matter)
                record.save(update_fields=["written_key", "permalink", "front_matter"])
            self.report.count(f"{plan.label} unchanged")
            return "unchanged"
        edited = record.revision_id is not None and page.latest_revision_id != record.revision_id
        if edited and not self.overwrite_edited:
            self.report.add(
                "edited_in_wagtail",
                "Edited in Wagtail since the last import; not overwritten (use --overwrite-edited "
                "to replace the edits).",
                plan.key,
            )
            self.report.count(f"{plan.label} skipped (edited)")
            return "skipped"
        revision = (
            page.latest_revision
            if content_same
            else latest.save_revision(log_action=True, clean=False)
        )
        if self.publish:
            revision.publish(log_action=True)
        record.revision_id = revision.id
        record.written_key = key
        record.permalink = plan.permalink
        record.front_matter = jsonable(plan.front_matter)
        record.save(
            update_fields=["revision_id", "written_key", "permalink", "front_matter", "imported_at"]
        )
        if plan.key not in self.created:
            self.report.count(f"{plan.label} updated")
        return "created" if plan.key in self.created or not had_revision else "updated"
