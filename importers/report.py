"""What an import tells its operator: counts, and one item per thing a person should look at.

One report type for every import. Importing a single homepage document is the one-page case
of a site import, so the report only changes how it sums itself up (``scope``).
"""

from collections import Counter
from dataclasses import asdict, dataclass, field

HOMEPAGE, SITE = "homepage", "site"
SHOWN_ITEMS = 200


@dataclass(frozen=True)
class ReportItem:
    """Something imported as written (or left out) that a person should look at."""

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
    scope: str = SITE
    # created | updated | unchanged | skipped | would-change | would-stay-unchanged
    outcome: str = "pending"
    counts: Counter = field(default_factory=Counter)
    sections: dict[str, int] = field(default_factory=dict)
    images: dict[str, list[str]] = field(
        default_factory=lambda: {"imported": [], "reused": [], "missing": []}
    )
    items: list[ReportItem] = field(default_factory=list)
    published: bool = False
    revision_id: int | None = None
    _seen: set = field(default_factory=set, repr=False)

    def add(self, code, message, file=None, line=None, section=None) -> None:
        item = ReportItem(code, message, file or self.source, line, section)
        if item not in self._seen:
            self._seen.add(item)
            self.items.append(item)

    def extend(self, items) -> None:
        for item in items:
            self.add(item.code, item.message, item.file, item.line, item.section)

    def count(self, name: str, amount: int = 1) -> None:
        self.counts[name] += amount

    def image(self, outcome: str, path: str) -> None:
        """Record what happened to one image: imported, reused or missing (once per path)."""
        if path not in self.images[outcome]:
            self.images[outcome].append(path)

    def items_by_code(self) -> Counter:
        return Counter(item.code for item in self.items)

    @property
    def changed(self) -> bool:
        return self.outcome in ("created", "updated", "would-change")

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "scope": self.scope,
            "outcome": self.outcome,
            "published": self.published,
            "revision_id": self.revision_id,
            "counts": dict(sorted(self.counts.items())),
            "sections": dict(self.sections),
            "section_count": sum(self.sections.values()),
            "images": {kind: sorted(paths) for kind, paths in self.images.items()},
            "needs_a_human": dict(sorted(self.items_by_code().items())),
            "items": [asdict(item) for item in self.items],
        }

    # -- the summary printed by import_isomer ------------------------------------------------
    def summary_lines(self) -> list[str]:
        if self.scope == HOMEPAGE:
            return self._homepage_summary()
        return self._site_summary()

    def _homepage_summary(self) -> list[str]:
        outcome = {
            "created": "Homepage created and published" if self.published else "Homepage created",
            "updated": (
                "Homepage updated and published"
                if self.published
                else "Homepage updated (saved as a draft revision)"
            ),
            "unchanged": "Nothing changed: the homepage already matches this document",
            "skipped": "Homepage left alone: it was edited in Wagtail since the last import",
            "would-change": "Dry run: the homepage would change (nothing was written)",
            "would-stay-unchanged": "Dry run: nothing would change (nothing was written)",
        }.get(self.outcome, self.outcome)
        sections = ", ".join(f"{count} {name}" for name, count in self.sections.items())
        images = self.images
        lines = [
            f"{outcome}.",
            f"Source: {self.source}",
            f"Sections: {sum(self.sections.values())} ({sections or 'none'})",
            f"Images: {len(images['imported'])} imported, {len(images['reused'])} reused, "
            f"{len(images['missing'])} missing",
            f"Warnings: {len(self.items)}",
        ]
        return lines + [f"  - {item}" for item in self.items]

    def _site_summary(self) -> list[str]:
        outcome = {
            "created": "Site imported",
            "updated": "Site imported",
            "unchanged": "Nothing changed: the site already matches this folder",
            "would-change": "Dry run: nothing was written",
            "would-stay-unchanged": "Dry run: nothing was written",
        }.get(self.outcome, self.outcome)
        lines = [f"{outcome}.", f"Source: {self.source}"]
        lines += [f"  {name}: {count}" for name, count in sorted(self.counts.items())]
        lines.append(f"Needs a human: {len(self.items)} item(s)")
        lines += [f"  {code}: {count}" for code, count in sorted(self.items_by_code().items())]
        lines += [f"  - {item}" for item in self.items[:SHOWN_ITEMS]]
        if len(self.items) > SHOWN_ITEMS:
            lines.append(
                f"  ... {len(self.items) - SHOWN_ITEMS} more in the JSON report (--report FILE)"
            )
        return lines
