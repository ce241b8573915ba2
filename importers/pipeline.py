"""The Isomer homepage import, end to end: read -> parse -> normalise -> map -> write."""

from pathlib import Path

from .mapping import MappedHomepage, map_homepage
from .normalise import normalise_homepage
from .parse import parse_front_matter
from .problems import ImportReport, IsomerImportError, Problem
from .read import read_document
from .validate import over_editor_limits


def prepare_homepage(path: str | Path) -> MappedHomepage:
    """Everything before writing: no database, no media storage."""
    source = read_document(path)
    parsed = parse_front_matter(source)
    document = normalise_homepage(parsed)
    return map_homepage(document)


def limit_notes(mapped: MappedHomepage, report: ImportReport) -> None:
    from home.models import HomePage

    stream_block = HomePage._meta.get_field("body").stream_block
    for path, limit, length in over_editor_limits(stream_block, mapped.body):
        index = int(path[1 : path.index("]")])
        label, line = mapped.section_sources[index]
        field = path[path.index("]") + 1 :].split(".", 2)[-1]
        report.add(
            "over_editor_limit",
            f"{label}.{field} has {length} characters; the Isomer editor allows {limit}. Kept "
            "whole and saved unchanged by the editor; shorten it (an edited text must fit).",
            line=line,
            section=label.rsplit(".", 1)[-1],
        )


def import_homepage(
    path: str | Path,
    *,
    site_root: str | Path | None = None,
    draft: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    from .write import write_homepage

    path = Path(path)
    mapped = prepare_homepage(path)
    root = Path(site_root) if site_root else path.parent
    if not root.is_dir():
        raise IsomerImportError(
            [Problem(str(root), "The site root is not a folder; check --site-root.")]
        )
    report = ImportReport(source=str(path), sections=dict(mapped.section_counts))
    for item in mapped.notes:
        report.add(item.code, item.message, item.file, item.line, item.section)
    limit_notes(mapped, report)
    return write_homepage(mapped, site_root=root, report=report, publish=not draft, dry_run=dry_run)
