"""Every shared site survives export and re-import: `export_isomer` writes an Isomer site that
`import_isomer` reads back to the very same content, page tree, menus, footer and media.

A corpus-wide check, run once, on the database production uses (PostgreSQL); the ACTRIS round
trip in `test_site_import.py` runs on both databases.
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from exporters.snapshot import content_snapshot

from .conftest import isomer_sites
from .site_helpers import run_import, wipe_content

pytestmark = [pytest.mark.django_db, pytest.mark.isomer_sites]

# The older v1 format is refused by the importer (tested in test_site_import.py).
REFUSED = {"govtech-siot"}


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def differences(first: dict, second: dict) -> list[str]:
    """The snapshot's parts (and, for pages, the addresses) that are not the same."""
    found = [part for part in first if part != "pages" and first[part] != second.get(part)]
    pages = first["pages"].keys() | second["pages"].keys()
    return found + [
        url for url in sorted(pages) if first["pages"].get(url) != second["pages"].get(url)
    ]


def test_every_shared_site_round_trips_exactly(tmp_path, corpus_wide):
    sites = [
        site
        for site in sorted(isomer_sites().iterdir())
        if (site / "_config.yml").is_file() and site.name not in REFUSED
    ]
    assert len(sites) == 7
    for site in sites:
        wipe_content()
        run_import(site)
        imported = content_snapshot()
        exported = tmp_path / site.name / "first"
        call_command("export_isomer", str(exported), stdout=io.StringIO())

        wipe_content()
        run_import(exported)
        assert differences(imported, content_snapshot()) == [], site.name

        # Exporting the re-imported site writes the same files, byte for byte.
        again = tmp_path / site.name / "second"
        call_command("export_isomer", str(again), stdout=io.StringIO())
        first_files, second_files = files_of(exported), files_of(again)
        assert sorted(first_files) == sorted(second_files), site.name
        changed = [name for name in first_files if first_files[name] != second_files[name]]
        assert changed == [], site.name
