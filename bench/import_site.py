"""Benchmark: import whole Isomer sites into a fresh database, then re-run with no changes.

    .venv/bin/python bench/import_site.py [SITE_DIR ...] [--synthetic 2000]

SITE_DIR defaults to the largest shared site (cris-actris); ``--synthetic N`` also imports a
generated site of N pages and N pictures (real JPEGs, each different). Each site goes into a
throw-away SQLite database and media folder, or the database DATABASE_URL names (it must be
disposable: every site is wiped before its import). Prints, per site: pages, pictures and
documents, the first import's seconds, the no-op re-run's seconds, and the peak memory of the
importing process. Renditions are made by the "renditions" tasks backend: inline by default
(counted in the import's time), or queued with RENDITIONS_QUEUE=database (as in production;
the bench then runs the worker, db_worker --batch, and prints its time apart).
"""

import argparse
import io
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="actris-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}")
os.environ["MEDIA_ROOT"] = str(WORK / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actris_cms.settings.dev")

SECTIONS = 20  # collections of the synthetic site


def synthetic_site(target: Path, pages: int) -> Path:
    """An Isomer site of ``pages`` collection pages, each showing a picture of its own."""
    from PIL import Image, ImageDraw

    shutil.rmtree(target, ignore_errors=True)
    (target / "_data").mkdir(parents=True)
    (target / "images").mkdir()
    (target / "_config.yml").write_text(
        "title: Synthetic agency\nurl: https://synthetic.example.gov.sg\n"
        "remote_theme: isomerpages/isomerpages-template@next-gen\npermalink: none\n"
        "colors:\n  primary-color: '#0b4f8a'\n  secondary-color: '#f2a900'\n"
    )
    links = "".join(
        f"  - title: Section {s}\n    collection: section-{s}\n" for s in range(SECTIONS)
    )
    (target / "_data/navigation.yml").write_text(f"links:\n{links}")
    (target / "index.md").write_text(
        "---\nlayout: homepage\ntitle: Synthetic agency\nsections:\n  - hero:\n"
        "      title: A synthetic site\n      background: /images/picture-0.jpg\n---\n"
    )
    rng = random.Random(2000)
    for number in range(pages):
        section = target / f"_section-{number % SECTIONS}"
        section.mkdir(exist_ok=True)
        picture = Image.new("RGB", (640, 400), tuple(rng.randrange(256) for _ in range(3)))
        draw = ImageDraw.Draw(picture)
        for _ in range(12):
            box = (
                sorted(rng.randrange(640) for _ in range(2)),
                sorted(rng.randrange(400) for _ in range(2)),
            )
            draw.rectangle(
                (box[0][0], box[1][0], box[0][1], box[1][1]),
                fill=tuple(rng.randrange(256) for _ in range(3)),
            )
        draw.text((20, 20), f"Picture {number}", fill=(255, 255, 255))
        picture.save(target / "images" / f"picture-{number}.jpg", quality=85)
        words = " ".join(rng.choice(WORDS) for _ in range(300))
        (section / f"page-{number}.md").write_text(
            f"---\ntitle: Page {number}\npermalink: /section-{number % SECTIONS}/page-{number}/\n"
            f"layout: page\n---\n## Page {number}\n\n{words}\n\n"
            f"![Picture {number}](/images/picture-{number}.jpg)\n\n"
            f"See [the next page](/section-{(number + 1) % SECTIONS}/page-{number + 1}/).\n"
        )
    return target


WORDS = (
    "cell therapy manufacturing facility quality clinical research translational process "
    "assay validation regulatory training workshop partners patients singapore institute "
    "laboratory development programme support services"
).split()


def peak_mb() -> float:
    """Peak resident memory (MB) of the importing process so far (the media pool's processes
    each hold one file at a time)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(*args) -> tuple[float, str]:
    from django.core.management import call_command

    out = io.StringIO()
    started = time.perf_counter()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return time.perf_counter() - started, out.getvalue()


def wipe() -> None:
    """Back to an empty site: pages, media (Wagtail deletes their files), import records."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    from importers.models import ImportedFile, ImportedPage
    from siteconfig.models import Footer, MainMenu, SiteIdentity

    for page in Page.objects.filter(depth=2):
        page.delete()
    for model in (get_image_model(), get_document_model(), ImportedFile, ImportedPage, Redirect):
        model.objects.all().delete()
    for model in (SiteIdentity, MainMenu, Footer):
        model.objects.all().delete()


def bench(site: Path) -> dict:
    from django.conf import settings
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    wipe()
    first, output = timed("import_isomer", str(site))
    if not output.startswith("Site imported."):
        sys.exit(f"{site}: {output[:500]}")
    rerun, output = timed("import_isomer", str(site))
    figures = {
        "site": site.name,
        "pages": Page.objects.filter(depth__gt=1).count(),
        "pictures": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "first": first,
        "rerun": rerun,
        "peak": peak_mb(),
        "worker": None,
    }
    backend = settings.TASKS.get("renditions", settings.TASKS["default"])["BACKEND"]
    if not backend.endswith("ImmediateBackend"):  # renditions queued: the worker's time
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--backend", "renditions", "--batch"]
            + ["--no-startup-delay", "--no-reload"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        figures["worker"] = time.perf_counter() - started
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sites", nargs="*")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N")
    args = parser.parse_args()
    sites = [Path(s) for s in args.sites] or [
        ROOT.parent / "shared" / "isomer-sites" / "cris-actris"
    ]
    for site in sites:
        if not site.is_dir():
            sys.exit(f"{site} not found; pass the Isomer site folder to benchmark.")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.synthetic:
        started = time.perf_counter()
        sites.append(synthetic_site(WORK / f"synthetic-{args.synthetic}", args.synthetic))
        print(f"(generated {sites[-1].name} in {time.perf_counter() - started:.0f} s)")
    print(f"Database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    renditions = settings.TASKS.get("renditions", settings.TASKS["default"])["BACKEND"]
    print(f"Renditions: {renditions.rsplit('.', 1)[-1]}")
    print(f"Cores: {os.cpu_count()}, import workers: {getattr(settings, 'IMPORT_WORKERS', 1)}")
    print(
        f"{'site':<22}{'pages':>7}{'pictures':>9}{'documents':>10}{'first s':>9}{'re-run s':>9}"
        f"{'peak MB':>9}{'worker s':>9}"
    )
    for site in sites:
        f = bench(site)
        worker = f"{f['worker']:.1f}" if f["worker"] is not None else "-"
        print(
            f"{f['site']:<22}{f['pages']:>7}{f['pictures']:>9}{f['documents']:>10}"
            f"{f['first']:>9.1f}{f['rerun']:>9.1f}{f['peak']:>9.0f}"
            f"{worker:>9}",
            flush=True,
        )
    print(
        "\ngoals: the largest shared site < 60 s on PostgreSQL, 2,000 pages < 180 s, re-runs < 10 s"
    )


if __name__ == "__main__":
    main()
