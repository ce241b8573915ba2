"""How much each page looks like its Isomer original: screenshots of the same address on both,
at 1280 and 375 px, compared with SSIM (tests/likeness.py). Prints a line per page, then the
median and worst per site and width, and writes side-by-side pictures of the worst pages.

    .venv/bin/python bench/visual.py [--sites cris-actris,govtech-im8] [--per-type 3 | --all]
                                     [--widths 1280,375] [--worst 5] [--out test-artifacts/visual]

Each site is imported into a throw-away SQLite database and served by Django's development
server; the original is served by ../shared/tools/serve_reference.py. Other hosts are blocked,
so both render offline. --per-type N takes the first N addresses of each page type (home,
collection, page, newsroom, entry, contact); --all takes every address.
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.likeness import (  # noqa: E402
    PAGE_TYPES,
    REFERENCE_DIR,
    WIDTHS,
    chromium,
    compare,
    file_name,
    free_port,
    lato_problem,
    page_type,
    reference_addresses,
    reference_server,
)

SITES_DIR = Path(os.environ.get("ISOMER_SITES_DIR", REFERENCE_DIR.parent / "isomer-sites"))
PYTHON = sys.executable


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def serve_site(site: str, work: Path, template_db: Path):
    """Import ``site`` into a copy of the migrated database and serve it; returns (url, process)."""
    database = work / f"{site}.sqlite3"
    shutil.copy(template_db, database)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "actris_cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(work / f"media-{site}"),
    }
    started = time.perf_counter()
    manage(env, "import_isomer", str(SITES_DIR / site))
    print(f"# {site}: imported in {time.perf_counter() - started:.0f} s", flush=True)
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return f"http://127.0.0.1:{port}", process
        time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"the development server for {site} did not start")


def chosen_addresses(site: str, per_type: int | None) -> list[tuple[str, str]]:
    by_type = defaultdict(list)
    for address in reference_addresses(site):
        by_type[page_type(site, address)].append(address)
    chosen = []
    for kind in PAGE_TYPES:
        addresses = by_type.get(kind, [])
        chosen += [(kind, a) for a in (addresses if per_type is None else addresses[:per_type])]
    return chosen


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sites",
        default=",".join(
            sorted(
                p.name for p in REFERENCE_DIR.iterdir() if p.is_dir() and not p.name.startswith("_")
            )
        ),
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--per-type", type=int, default=3)
    group.add_argument("--all", action="store_true")
    parser.add_argument("--widths", default=",".join(str(w) for w in WIDTHS))
    parser.add_argument("--worst", type=int, default=3, help="side-by-side pictures per site")
    parser.add_argument("--out", default=str(ROOT / "test-artifacts" / "visual"))
    args = parser.parse_args()
    if problem := lato_problem():
        sys.exit(problem)
    widths = [int(w) for w in args.widths.split(",")]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="actris-visual-"))
    template_db = work / "migrated.sqlite3"
    manage(
        {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "actris_cms.settings.dev",
            "DATABASE_URL": f"sqlite:///{template_db}",
        },
        "migrate",
    )
    summary, everything = [], []
    try:
        for site in args.sites.split(","):
            addresses = chosen_addresses(site, None if args.all else args.per_type)
            ours_base, server = serve_site(site, work, template_db)
            results = []
            try:
                with reference_server(site) as original_base, chromium() as browser:
                    for kind, address in addresses:
                        for width in widths:
                            likeness = compare(browser, ours_base, original_base, address, width)
                            results.append((kind, address, width, likeness))
                            print(
                                f"{site:18} {width:5} {kind:10} {likeness.score:.3f}  {address}",
                                flush=True,
                            )
                            # keep pictures of the worst only, as they come
                            results.sort(key=lambda r: r[3].score)
                            for stale in results[args.worst * len(widths) :]:
                                stale[3].ours = stale[3].original = None
            finally:
                server.terminate()
                server.wait(timeout=10)
            for kind, address, width, likeness in results:
                everything.append(
                    {
                        "site": site,
                        "type": kind,
                        "address": address,
                        "width": width,
                        "ssim": round(likeness.score, 4),
                    }
                )
            for width in widths:
                scores = [r for r in results if r[2] == width]
                worst = min(scores, key=lambda r: r[3].score)
                summary.append(
                    (
                        site,
                        width,
                        len(scores),
                        statistics.median(r[3].score for r in scores),
                        worst[3].score,
                        worst[1],
                    )
                )
                for _kind, address, w, likeness in sorted(scores, key=lambda r: r[3].score)[
                    : args.worst
                ]:
                    if likeness.ours is not None:
                        likeness.picture().save(out / f"{site}-{file_name(address, w)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (out / "scores.json").write_text(json.dumps(everything, indent=1))
    print("\nsite               width pages median  worst  (worst page)")
    for site, width, count, median, worst, address in summary:
        print(f"{site:18} {width:5} {count:5}  {median:.3f}  {worst:.3f}  {address}")


if __name__ == "__main__":
    main()
