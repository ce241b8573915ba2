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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--write", action="store_true", help="also write each example (slower)")
    parser.add_argument(
        "--site", default=str(ROOT.parent / "shared" / "isomer-sites" / "cris-actris")
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="actris-fuzz-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actris_cms.settings.dev")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'fuzz.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    import django

    django.setup()
    from django.core.management import call_command
    from hypothesis import HealthCheck, given, settings

    from exporters.snapshot import content_snapshot
    from importers.errors import IsomerImportError
    from importers.pipeline import import_isomer, prepare
    from tests.fuzzing import base_site, mutations, write_site

    call_command("migrate", verbosity=0)
    base = base_site(Path(args.site))
    counts = collections.Counter()
    crashes = collections.Counter()
    examples: dict[str, str] = {}
    media = workdir / "media"

    def files():
        return sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())

    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(mutations(base))
    def run(change):
        name, text = change
        site = write_site(workdir / "site", base, {name: text})
        try:
            prepare(site)
            if args.write:
                before, stored = content_snapshot(), files()
                try:
                    import_isomer(site)
                except IsomerImportError:
                    if (content_snapshot(), files()) != (before, stored):
                        counts["partial writes"] += 1
                    raise
            counts["imported"] += 1
        except IsomerImportError:
            counts["refused with a message"] += 1
        except Exception as exc:  # what the fuzz is looking for
            key = f"{type(exc).__name__}: {str(exc)[:100]}"
            crashes[key] += 1
            examples.setdefault(key, f"{name}\n{text}\n{traceback.format_exc()}")

    started = time.perf_counter()
    run()
    elapsed = time.perf_counter() - started
    total = sum(counts.values()) + sum(crashes.values())
    print(
        f"examples: {total} in {elapsed:.0f} s ({'import and write' if args.write else 'pure pipeline'})"
    )
    for outcome, count in sorted(counts.items()):
        print(f"  {outcome}: {count}")
    print(f"  crashes: {sum(crashes.values())}")
    for key, count in crashes.most_common():
        print(f"    {count} x {key}")
    if crashes:
        report = workdir / "crashes.txt"
        report.write_text("\n\n".join(f"== {key}\n{examples[key]}" for key in crashes))
        print(f"  the input and traceback of each: {report}")
    return 1 if crashes or counts["partial writes"] else 0


if __name__ == "__main__":
    sys.exit(main())
