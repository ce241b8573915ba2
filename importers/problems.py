"""What the importer tells the operator: problems that stop an import, and report items."""

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Problem:
    """Something wrong with the input, with where it is and what to do about it."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class IsomerImportError(Exception):
    """Input the importer refuses. Carries one Problem per thing to fix; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class ReportItem:
    """Something imported as written that a person should look at."""

    code: str
    message: str
    file: str
    line: int | None = None
    section: str | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line is not None else "")
        section = f" [{self.section}]" if self.section else ""
        return f"{where}{section}: {self.message}"


@dataclass
class ImportReport:
    source: str
    outcome: str = "pending"  # created | updated | unchanged | would-change | would-stay-unchanged
    sections: dict[str, int] = field(default_factory=dict)
    images_imported: list[str] = field(default_factory=list)
    images_reused: list[str] = field(default_factory=list)
    images_missing: list[str] = field(default_factory=list)
    items: list[ReportItem] = field(default_factory=list)
    revision_id: int | None = None
    published: bool = False
    page_id: int | None = None

    def add(self, code, message, file=None, line=None, section=None) -> None:
        item = ReportItem(code, message, file or self.source, line, section)
        if item not in self.items:
            self.items.append(item)

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "outcome": self.outcome,
            "published": self.published,
            "revision_id": self.revision_id,
            "sections": dict(self.sections),
            "section_count": sum(self.sections.values()),
            "images": {
                "imported": sorted(self.images_imported),
                "reused": sorted(self.images_reused),
                "missing": sorted(self.images_missing),
            },
            "warnings": [asdict(item) for item in self.items],
        }

    def summary_lines(self) -> list[str]:
        outcome = {
            "created": "Homepage created and published" if self.published else "Homepage created",
            "updated": (
                "Homepage updated and published"
                if self.published
                else "Homepage updated (saved as a draft revision)"
            ),
            "unchanged": "Nothing changed: the homepage already matches this document",
            "would-change": "Dry run: the homepage would change (nothing was written)",
            "would-stay-unchanged": "Dry run: nothing would change (nothing was written)",
        }.get(self.outcome, self.outcome)
        sections = ", ".join(f"{count} {name}" for name, count in self.sections.items())
        lines = [
            f"{outcome}.",
            f"Source: {self.source}",
            f"Sections: {sum(self.sections.values())} ({sections or 'none'})",
            f"Images: {len(self.images_imported)} imported, {len(self.images_reused)} reused, "
            f"{len(self.images_missing)} missing",
            f"Warnings: {len(self.items)}",
        ]
        lines += [f"  - {item}" for item in self.items]
        return lines
