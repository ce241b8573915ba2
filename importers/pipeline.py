"""The Isomer import, end to end: read -> parse -> normalise -> map -> write.

A site folder and a single homepage document go through the same steps; the document is the
one-page case (no settings, no other pages, media paths relative to ``site_root``).
"""

from pathlib import Path

from .mapping import Recall, SitePlan, map_site
from .mapping.homepage import HomepagePlan
from .normalise.site import normalise_site
from .parse import parse_site
from .read import read_document_site, read_site
from .report import ImportReport


def prepare(
    path: str | Path,
    site_root: str | Path | None = None,
    strict: bool = False,
    recall: Recall | None = None,
) -> SitePlan:
    """Everything before writing: no database, no media storage. A document that cannot be
    read is skipped and reported (refused with ``strict``). ``recall`` hands back the plans
    of pages unchanged since they were stored (see ``mapping.cache``)."""
    path = Path(path)
    source = read_site(path) if path.is_dir() else read_document_site(path, site_root)
    return map_site(normalise_site(parse_site(source), strict), recall)


def prepare_homepage(path: str | Path, site_root: str | Path | None = None) -> HomepagePlan:
    """The homepage a document maps to (the one-page case of ``prepare``)."""
    return prepare(path, site_root).homepage


def import_isomer(
    path: str | Path,
    *,
    site_root: str | Path | None = None,
    draft: bool = False,
    dry_run: bool = False,
    overwrite_edited: bool = False,
    strict: bool = False,
    progress=None,
) -> ImportReport:
    from .write import recall_mapped, write_site  # the only step that needs the database

    plan = prepare(path, site_root, strict, recall_mapped)
    report = ImportReport(source=str(path), scope=plan.scope)
    if plan.homepage:
        report.sections = dict(plan.homepage.section_counts)
    report.extend(plan.notes)
    report.count("source documents", plan.source_documents)
    return write_site(
        plan,
        report,
        publish=not draft,
        dry_run=dry_run,
        overwrite_edited=overwrite_edited,
        progress=progress,
    )
