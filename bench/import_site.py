"""Benchmark: import a whole Isomer site into a fresh database, then re-run with no changes.

    .venv/bin/python bench/import_site.py [SITE_DIR]   (default: ../shared/isomer-sites/cris-actris)

Uses a throw-away SQLite database and media folder (or DATABASE_URL if set, which must point
at a disposable database) and prints wall-clock seconds for each run.
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
work = Path(tempfile.mkdtemp(prefix="actris-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
os.environ["MEDIA_ROOT"] = str(work / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actris_cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402


def timed(label, *args):
    out = io.StringIO()
    start = time.perf_counter()
    call_command(*args, stdout=out, stderr=io.StringIO())
    seconds = time.perf_counter() - start
    first = out.getvalue().splitlines()[0] if out.getvalue() else ""
    print(f"{label:<28} {seconds:7.2f} s   ({first})")
    return seconds


def main():
    site = Path(
        sys.argv[1]
        if len(sys.argv) > 1
        else ROOT.parent / "shared" / "isomer-sites" / "cris-actris"
    )
    if not site.is_dir():
        sys.exit(f"{site} not found; pass the Isomer site folder to benchmark.")
    print(f"Site: {site}")
    print(f"Database: {os.environ['DATABASE_URL']}  (cores: {os.cpu_count()})")
    call_command("migrate", verbosity=0)
    full = timed("first import", "import_isomer", str(site))
    rerun = timed("re-run, no changes", "import_isomer", str(site))
    print(f"\nfirst import {full:.1f} s (target < 120 s); re-run {rerun:.1f} s (target < 15 s)")


if __name__ == "__main__":
    main()
