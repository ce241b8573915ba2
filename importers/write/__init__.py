"""Step 5, the only step that touches the database: write a site plan in one transaction.

Pass 1 finds or creates every page (so links can point at them); pass 2 resolves references
and writes content as new revisions only where it changed; then settings and redirects. An
error anywhere (or ``dry_run``) rolls everything back, files written to storage included.
"""

from html import escape
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.encoding import escape_uri_path
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from actris_cms import signals
from actris_cms.renditions import warm_later
from blocks.article import BODY_RICH_TEXT_FEATURES
from home.governance import ensure_roles

from .. import review
from ..mapping import SitePlan
from ..mapping.pages import PagePlan
from ..mapping.refs import DocumentRef
from ..normalise.site import normalise_permalink
from ..report import HOMEPAGE, ImportReport
from ..richtext import editor_stored, join_rich_texts
from . import reference_index, search_index
from .media import MediaLibrary
from .pages import PageWriter, homepage
from .references import Resolver
from .site_settings import SettingsWriter


def link_in_place_of(figure: dict) -> dict | None:
    """A paragraph keeping the link of a linked picture that is missing (a portrait that led to
    a profile): the picture's description as the link's text. None for an unlinked picture."""
    value = figure["value"]
    link = value.get("link") or {}
    page, url = link.get("page"), link.get("url") or ""
    if not page and not url:
        return None
    text = value["image"].get("alt_text") or value.get("caption") or url
    anchor = f'<a linktype="page" id="{int(page)}">' if page else f'<a href="{escape(url)}">'
    paragraph = f"<p>{anchor}{escape(text, quote=False)}</a></p>"
    return {
        "type": "paragraph",
        "value": editor_stored(paragraph, BODY_RICH_TEXT_FEATURES),
        "id": figure.get("id"),
    }


def tidy_body(blocks: list[dict]) -> list[dict]:
    """A body after its references are resolved: figures whose picture is missing go (they are
    reported; a link around one stays, as text), and the text on both sides of one becomes one
    passage again."""
    kept = []
    for block in blocks:
        if block["type"] == "image" and not block["value"]["image"]["image"]:
            block = link_in_place_of(block)
            if block is None:
                continue
        if block["type"] == "paragraph" and kept and kept[-1]["type"] == "paragraph":
            kept[-1] = {**kept[-1], "value": join_rich_texts(kept[-1]["value"], block["value"])}
            continue
        kept.append(block)
    return kept


class SiteWriter:
    def __init__(
        self, plan: SitePlan, report: ImportReport, *, publish, overwrite_edited, progress
    ):
        self.plan = plan
        self.report = report
        self.progress = progress
        self.media = MediaLibrary(plan.root, report)
        site_url = plan.settings.identity.get("url", "") if plan.settings else ""
        self.resolver = Resolver(self.media, report, site_url, internal=plan.scope != HOMEPAGE)
        self.pages = PageWriter(report, publish=publish, overwrite_edited=overwrite_edited)
        self.found: dict[str, Page] = {}
        self.changed: list[Page] = []  # pages given a new revision or published by this run

    def step(self, number, total, label):
        if self.progress:
            self.progress(number, total, label)

    def fields(self, plan: PagePlan) -> dict:
        fields = dict(plan.fields)
        if isinstance(ref := fields.get("document_id"), DocumentRef):
            fields["document_id"] = self.resolver.document(ref, plan.key)
            if fields["document_id"] is None:
                fields["kind"] = "article"
                self.report.add(
                    "missing_document",
                    f"file_url {ref.url} not found; imported as an article.",
                    plan.key,
                )
        fields = self.resolver.resolve(fields, plan.key)
        if "body" in fields and plan.kind != "homepage":
            fields["body"] = tidy_body(fields["body"])
        return fields

    def run(self) -> None:
        plans = self.plan.all_pages()
        if self.plan.scope != HOMEPAGE:
            self.media.import_all(self.plan.media, self.progress)
        home = None if self.plan.homepage else homepage()[0]
        self.pages.prefetch(plan.key for plan in plans)
        for number, plan in enumerate(plans, 1):
            page = self.pages.find_or_create(plan, self.found[plan.parent] if plan.parent else home)
            self.found[plan.key] = page
            home = page if plan.kind == "homepage" else home
            self.step(number, len(plans), "pages (structure)")
        self.resolver.home = home
        self.resolver.by_key = self.found
        self.resolver.by_permalink = {}
        for p in plans:  # two files claiming one permalink: the first (path order) has it
            if p.permalink and p.kind != "homepage":
                self.resolver.by_permalink.setdefault(p.permalink, self.found[p.key])
        for number, plan in enumerate(plans, 1):
            page = self.found[plan.key]
            outcome = self.pages.write(plan, page, self.fields(plan))
            if outcome in ("created", "updated"):
                self.changed.append(page)
            if plan.kind == "homepage":
                self.homepage_outcome(outcome, page)
            self.step(number, len(plans), "pages (content)")
        if self.plan.settings:
            SettingsWriter(self.report, self.resolver).write(self.plan.settings)
        self.redirects(plans)
        self.moved(self.plan.moved)
        self.pages.remember_mapped(self.plan.mapped)
        self.media.save()  # the files the pages and settings above brought in too

    def homepage_outcome(self, outcome: str, page: Page) -> None:
        page.refresh_from_db()
        self.report.published = page.live and not page.has_unpublished_changes
        self.report.revision_id = page.latest_revision_id
        if self.plan.scope == HOMEPAGE:
            self.report.outcome = outcome

    def redirects(self, plans: list[PagePlan]) -> None:
        """Each old permalink that is not the page's URL now redirects to it, permanently."""
        site = Site.objects.filter(is_default_site=True).first()
        claimed: dict[str, str] = {}
        for plan in plans:
            if not plan.permalink or plan.permalink == "/" or plan.kind == "homepage":
                continue
            page = self.found[plan.key]
            if (first := claimed.setdefault(plan.permalink, plan.key)) != plan.key:
                self.report.add(
                    "duplicate_permalink",
                    f"{plan.permalink} is also the permalink of {first}, which keeps it; this "
                    "page keeps its own address in the tree.",
                    plan.key,
                )
                continue
            relative = page.relative_url(site) if site else None
            if relative and normalise_permalink(relative) == plan.permalink:
                continue
            self.store_redirect(plan.permalink, page)

    def moved(self, moved: list[tuple[str, str]]) -> None:
        """HTML pages that only sent visitors elsewhere (meta refresh) become redirects: to the
        page of the site they named when there is one, else to the address as written."""
        for old, target in moved:
            found = self.resolver.target(target, old.lstrip("/"))
            page = found[1] if found and found[0] == "page" else None
            self.store_redirect(old, page, "" if page else target)

    def store_redirect(self, old: str, page: Page | None, link: str = "") -> None:
        """A permanent redirect from ``old``, stored as the redirect middleware looks it up
        (see ``lookup_path``); unchanged when it already leads there."""
        old_path = lookup_path(old)
        existing = Redirect.objects.filter(old_path=old_path, site=None).first()
        if existing and (existing.redirect_page_id, existing.redirect_link) == (
            page.id if page else None,
            link,
        ):
            return
        Redirect.objects.update_or_create(
            old_path=old_path,
            site=None,
            defaults={"redirect_page": page, "is_permanent": True, "redirect_link": link},
        )
        self.report.count("redirects created")


def recall_mapped(keys: dict[str, str]) -> dict[str, str]:
    """The stored plans of the sources in ``keys`` whose stored key is still the one given."""
    from ..models import ImportedPage

    found = {}
    rows = ImportedPage.objects.filter(mapped_key__in=set(keys.values())).exclude(mapped="")
    for source, key, text in rows.values_list("source_path", "mapped_key", "mapped").iterator():
        if keys.get(source) == key:
            found[source] = text
    return found


def lookup_path(old: str) -> str:
    """``old`` as Wagtail's redirect middleware looks it up: the path Django decodes from the
    request, escaped as ``request.get_full_path()`` escapes it (spaces, ``;``, ``,`` and ``=``
    percent-encoded), then normalised, with other Unicode as text."""
    parts = urlsplit(old)
    path = escape_uri_path(unquote(parts.path))
    return Redirect.normalise_path(f"{path}?{parts.query}" if parts.query else path)


def write_site(
    plan: SitePlan,
    report: ImportReport,
    *,
    publish=True,
    dry_run=False,
    overwrite_edited=False,
    progress=None,
) -> ImportReport:
    writer = SiteWriter(
        plan, report, publish=publish, overwrite_edited=overwrite_edited, progress=progress
    )
    try:
        with transaction.atomic():
            # indexes written once per object at the end, caches cleared once, in this
            # transaction
            with (
                search_index.deferred(),
                reference_index.deferred(),
                signals.batched(),
                review.checked_by_sync(),
            ):
                writer.run()
                review.sync(report, writer.found)
                if writer.pages.created and not dry_run:
                    # new pages (a first import's homepage is the site's new root): the roles
                    # and reviews follow; a re-run that creates nothing leaves them alone
                    ensure_roles()
            if dry_run:
                transaction.set_rollback(True)
                writer.media.discard_created_files()
    except BaseException:
        writer.media.discard_created_files()
        raise
    if settings.WARM_RENDITIONS and not dry_run:
        # no visitor waits for a picture: those of the pages this run changed are made next
        warm_later(page.id for page in writer.changed)
    changed = any(name.endswith(("created", "updated", "imported")) for name in report.counts)
    if plan.scope != HOMEPAGE or report.outcome == "pending":
        report.outcome = "updated" if changed else "unchanged"
    if dry_run:
        report.outcome = (
            "would-change" if report.outcome in ("created", "updated") else "would-stay-unchanged"
        )
    return report
