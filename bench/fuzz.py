"""Fuzz the importer with mutations of a small real Isomer site; print what happened.

    .venv/bin/python bench/fuzz.py [--examples 5000] [--write] [--site ../shared/isomer-sites/cris-actris]

Every example must either import or be refused with the importer's own error (a message that
names the file); with --write each example is also written to a throw-away database, and a
refused import must leave the database and the media folder exactly as they were.
"""

import argparse
import collections
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(site: str) -> Path:
    """A throw-away database and media folder; Django set up on them."""
    workdir = Path(tempfile.mkdtemp(prefix="actris-fuzz-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actris_cms.settings.dev")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'fuzz.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return workdir


class Fuzz:
    """Outcomes of the examples: imported, refused with a message, partial writes, crashes."""

    def __init__(self, workdir: Path, write: bool):
        self.workdir, self.write = workdir, write
        self.counts, self.crashes = collections.Counter(), collections.Counter()
        if write:  # printed even when none happen
            self.counts.update({"partial writes": 0, "of which refused while writing": 0})
        self.examples: dict[str, str] = {}

    def state(self):
        from exporters.snapshot import content_snapshot

        media = self.workdir / "media"
        files = sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())
        return content_snapshot(), files

    def imported(self, site: Path) -> None:
        """Import ``site`` with the whole command's path (read, check, write, in one
        transaction); a refused import must leave the database and media as they were."""
        from importers.errors import IsomerImportError
        from importers.pipeline import import_isomer, prepare

        before = self.state()
        try:
            import_isomer(site)
        except IsomerImportError:
            self.counts["partial writes"] += self.state() != before
            try:
                prepare(site)
            except IsomerImportError:
                pass
            else:  # the checks passed and the write itself was refused (and rolled back)
                self.counts["of which refused while writing"] += 1
            raise

    def one(self, site: Path, name: str, text: str | bytes) -> None:
        from importers.errors import IsomerImportError
        from importers.pipeline import prepare

        try:
            if self.write:
                self.imported(site)
            else:
                prepare(site)
            self.counts["imported"] += 1
        except IsomerImportError:
            self.counts["refused with a message"] += 1
        except Exception as exc:  # what the fuzz is looking for
            key = f"{type(exc).__name__}: {str(exc)[:100]}"
            self.crashes[key] += 1
            self.examples.setdefault(key, f"{name}\n{text}\n{traceback.format_exc()}")

    def report(self, elapsed: float) -> int:
        total = (
            self.counts["imported"]
            + self.counts["refused with a message"]
            + sum(self.crashes.values())
        )
        kind = "import and write" if self.write else "pure pipeline"
        print(f"examples: {total} in {elapsed:.0f} s ({kind})")
        for outcome in ("imported", "refused with a message", "of which refused while writing"):
            if outcome in self.counts or outcome != "of which refused while writing":
                print(f"  {outcome}: {self.counts[outcome]}")
        if self.write:
            print(
                f"  partial writes (a refused import that changed anything): {self.counts['partial writes']}"
            )
        print(f"  crashes: {sum(self.crashes.values())}")
        for key, count in self.crashes.most_common():
            print(f"    {count} x {key}")
        if self.crashes:
            report = self.workdir / "crashes.txt"
            report.write_text(
                "\n\n".join(f"== {key}\n{self.examples[key]}" for key in self.crashes)
            )
            print(f"  the input and traceback of each: {report}")
        return 1 if self.crashes or self.counts["partial writes"] else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--write", action="store_true", help="also write each example (slower)")
    parser.add_argument(
        "--site", default=str(ROOT.parent / "shared" / "isomer-sites" / "cris-actris")
    )
    args = parser.parse_args()
    workdir = setup(args.site)
    from hypothesis import HealthCheck, given, settings

    from tests.fuzzing import any_mutations, base_site, write_site

    base = base_site(Path(args.site))
    fuzz = Fuzz(workdir, args.write)

    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(any_mutations(base))
    def run(change):
        name, text = change
        fuzz.one(write_site(workdir / "site", base, {name: text}), name, text)

    started = time.perf_counter()
    run()
    return fuzz.report(time.perf_counter() - started)


if __name__ == "__main__":
    sys.exit(main())
