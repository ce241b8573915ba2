"""Import a whole Isomer site folder: discover -> plan -> write."""

from pathlib import Path

from .discover import discover_site
from .plan import plan_site
from .report import SiteImportReport
from .write import SiteWriter


def import_site(
    folder: str | Path,
    *,
    draft: bool = False,
    dry_run: bool = False,
    overwrite_edited: bool = False,
    progress=None,
) -> SiteImportReport:
    inventory = discover_site(folder)
    plan = plan_site(inventory)
    report = SiteImportReport(source=str(folder))
    for item in plan.notes:
        report.add(item.code, item.message, item.file, item.line, item.section)
    report.count(
        "source documents",
        len([p for p in plan.pages if p.source is not None]) + (1 if inventory.homepage else 0),
    )
    writer = SiteWriter(
        plan,
        report,
        publish=not draft,
        dry_run=dry_run,
        overwrite_edited=overwrite_edited,
        progress=progress,
    )
    return writer.run()
