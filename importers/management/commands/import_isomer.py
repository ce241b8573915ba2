import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from importers.errors import IsomerImportError
from importers.pipeline import import_isomer


class Command(BaseCommand):
    help = (
        "Import an Isomer site folder (or just its homepage document, index.md) into Wagtail. "
        "Runs in one transaction: it completes, or leaves the database as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="An Isomer site folder, or a homepage document such as SITE/index.md"
        )
        parser.add_argument(
            "--site-root",
            help="Folder that image paths such as /images/x.png are relative to "
            "(default: the document's folder).",
        )
        parser.add_argument(
            "--draft", action="store_true", help="Save a draft revision instead of publishing."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )
        parser.add_argument("--report", metavar="FILE", help="Also write the report as JSON.")
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Refuse the whole site when one document cannot be read (default: skip it and "
            "report it, as Jekyll builds the rest).",
        )
        parser.add_argument(
            "--overwrite-edited",
            action="store_true",
            help="Replace pages edited in Wagtail since the last import.",
        )

    def handle(
        self, *args, path, site_root, draft, dry_run, report, overwrite_edited, strict, **options
    ):
        try:
            result = import_isomer(
                path,
                site_root=site_root,
                draft=draft,
                dry_run=dry_run,
                overwrite_edited=overwrite_edited,
                strict=strict,
                progress=Progress(self.stderr) if Path(path).is_dir() else None,
            )
        except IsomerImportError as error:
            if report:
                self._write_json(
                    report,
                    {
                        "source": path,
                        "outcome": "failed",
                        "errors": [
                            {
                                "file": p.file,
                                "line": p.line,
                                "column": p.column,
                                "message": p.message,
                            }
                            for p in error.problems
                        ],
                    },
                )
            lines = [str(problem) for problem in error.problems]
            count = len(lines)
            heading = (
                f"Import refused ({count} problem{'s' if count != 1 else ''}); nothing was written:"
            )
            raise CommandError("\n".join([heading, *(f"  {line}" for line in lines)])) from None
        for line in result.summary_lines():
            self.stdout.write(line)
        if report:
            self._write_json(report, result.as_dict())
            self.stdout.write(f"Report written to {report}")

    def _write_json(self, target, data):
        try:
            Path(target).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise CommandError(f"Cannot write the report to {target}: {exc.strerror}") from None


class Progress:
    """A progress bar on a terminal; a plain line every tenth of the way otherwise."""

    def __init__(self, stream):
        self.stream = stream
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.last = None

    def __call__(self, done: int, total: int, label: str) -> None:
        if total <= 0:
            return
        if self.tty:
            width = 30
            filled = int(width * done / total)
            self.stream.write(
                f"\r{label:<20} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=""
            )
            if done == total:
                self.stream.write("")
            self.stream.flush()
            return
        step = max(1, total // 10)
        if done == total or done % step == 0:
            self.stream.write(f"{label}: {done}/{total}")
