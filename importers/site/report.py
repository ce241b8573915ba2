"""The whole-site import report: counts per kind and one item per thing needing a human."""

from collections import Counter
from dataclasses import asdict, dataclass, field

from ..problems import ReportItem


@dataclass
class SiteImportReport:
    source: str
    outcome: str = "pending"
    counts: Counter = field(default_factory=Counter)
    items: list[ReportItem] = field(default_factory=list)

    def count(self, name: str, amount: int = 1) -> None:
        self.counts[name] += amount

    def add(self, code, message, file=None, line=None, section=None) -> None:
        item = ReportItem(code, message, file or self.source, line, section)
        if item not in self.items:
            self.items.append(item)

    def items_by_code(self) -> Counter:
        return Counter(item.code for item in self.items)

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "outcome": self.outcome,
            "counts": dict(sorted(self.counts.items())),
            "needs_a_human": dict(sorted(self.items_by_code().items())),
            "items": [asdict(item) for item in self.items],
        }

    def summary_lines(self) -> list[str]:
        outcome = {
            "imported": "Site imported",
            "unchanged": "Nothing changed: the site already matches this folder",
            "dry-run": "Dry run: nothing was written",
        }.get(self.outcome, self.outcome)
        lines = [f"{outcome}.", f"Source: {self.source}"]
        lines += [f"  {name}: {count}" for name, count in sorted(self.counts.items())]
        codes = self.items_by_code()
        lines.append(f"Needs a human: {len(self.items)} item(s)")
        lines += [f"  {code}: {count}" for code, count in sorted(codes.items())]
        lines += [f"  - {item}" for item in self.items[:200]]
        if len(self.items) > 200:
            lines.append(f"  ... {len(self.items) - 200} more in the JSON report (--report FILE)")
        return lines
