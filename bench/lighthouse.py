"""Lighthouse on the production stack: the scores visitors' pages get, by page type and device.

Imports the ACTRIS site into PostgreSQL, starts the stack (scripts/stack.py: gunicorn behind
nginx, as docker-compose runs it), then runs Lighthouse (``npx lighthouse@12.2.3``, on Debian's
Chromium through CHROME_PATH: it never downloads a browser) on the homepage, a newsroom article
and a collection page, with its mobile and desktop settings, and prints each category's score.

    .venv/bin/python bench/lighthouse.py [--site ../shared/isomer-sites/cris-actris] [--runs 1]

Each page is asked for once through the proxy first, so Lighthouse sees what visitors see after
the first one (the proxy's copy, pictures made).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from stack import Stack  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parent.parent
LIGHTHOUSE = "lighthouse@12.2.3"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
    "--disable-component-update"  # fmt: skip


def lighthouse(url: str, form_factor: str, out: Path) -> tuple[dict[str, int], list[str]]:
    """Category scores (0-100) of one Lighthouse run, and what cost points."""
    args = [
        "npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES),
    ]  # fmt: skip
    if form_factor == "desktop":
        args.append("--preset=desktop")
    subprocess.run(args, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    report = json.loads(out.read_text())
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    return scores, costs(report)


METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")  # fmt: skip


def costs(report: dict) -> list[str]:
    """What cost points: the performance metrics below full marks, and every weighted audit
    that failed in the other categories."""
    audits = report["audits"]
    found = [
        f"{audits[m]['title']} {audits[m]['displayValue']}"
        for m in METRICS
        if (audits[m].get("score") or 0) < 0.9
    ]
    for name in CATEGORIES[1:]:
        for ref in report["categories"][name]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                found.append(f"{name}: {audit['title']}")
    return found


def slug(name: str) -> str:
    return name.replace(" ", "-")


def pages(stack: Stack) -> dict[str, str]:
    """The three page types: the homepage, a newsroom article, a collection's page."""
    found = stack.manage(
        "shell",
        "-c",
        "from newsroom.models import NewsEntryPage; from content.models import StandardPage; "
        "entry = NewsEntryPage.objects.live().filter(kind='article').order_by('-publication_date')"
        ".first(); page = StandardPage.objects.live().filter(depth__gte=4).order_by('path').first(); "
        "print(entry.url); print(page.url)",
    ).stdout.split()
    return {"homepage": "/", "article": found[-2], "collection page": found[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site", default=str(PROJECT_DIR.parent / "shared/isomer-sites/cris-actris")
    )
    parser.add_argument("--runs", type=int, default=1, help="runs per page (the median is shown)")
    parser.add_argument("--reports", help="a folder to keep Lighthouse's JSON reports in")
    options = parser.parse_args()
    ports = {"pg_port": 55442, "redis_port": 56389, "mail_port": 58035}  # beside make smoke
    with Stack(app_ports=(58021,), proxy_port=58091, workers=2, **ports) as stack:
        stack.manage("import_isomer", options.site)
        stack.use_site_address()
        stack.manage("warm_renditions")
        targets = pages(stack)
        print(f"Lighthouse {LIGHTHOUSE.split('@')[1]}, production stack on {stack.proxy_url}")
        header = f"{'page':16} {'device':8} " + " ".join(f"{c:>15}" for c in CATEGORIES)
        for name, path in targets.items():
            print(f"  {name}: {path}")
        print("\n" + header + "\n" + "-" * len(header))
        with tempfile.TemporaryDirectory() as scratch:
            if options.reports:
                scratch = options.reports
                Path(scratch).mkdir(parents=True, exist_ok=True)
            for name, path in targets.items():
                url = stack.proxy_url + path
                requests.get(url, timeout=30)  # the proxy's copy, as after the first visitor
                for form_factor in ("mobile", "desktop"):
                    runs = [
                        lighthouse(
                            url, form_factor, Path(scratch) / f"{slug(name)}-{form_factor}-{n}.json"
                        )
                        for n in range(options.runs)
                    ]
                    scores = {c: statistics.median(r[c] for r, _ in runs) for c in CATEGORIES}
                    print(
                        f"{name:16} {form_factor:8} "
                        + " ".join(f"{scores[c]:>15.0f}" for c in CATEGORIES),
                        flush=True,
                    )
                    for cost in runs[-1][1]:
                        print(f"{'':26}- {cost}")


if __name__ == "__main__":
    main()
