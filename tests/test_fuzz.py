"""Fuzzing the importer with careless and hostile variations of a small real site (Hypothesis,
derandomized so that CI sees the same examples every run). ``bench/fuzz.py`` runs thousands.

Value mutations and byte mutations (bit flips, control characters, non-characters, broken
UTF-8). Whatever the input, the importer either imports or refuses with its own error, naming the file;
and a refused import leaves the database and the media folder exactly as they were.
"""

import pytest
from hypothesis import HealthCheck, given, settings

from exporters.snapshot import content_snapshot
from importers.errors import IsomerImportError
from importers.pipeline import import_isomer, prepare

from .conftest import ISOMER_SITES_DIR
from .fuzzing import any_mutations, base_site, write_site

ACTRIS = ISOMER_SITES_DIR / "cris-actris"
FUZZ = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "suppress_health_check": list(HealthCheck),
}

if not ACTRIS.is_dir():
    pytest.skip(f"needs the ACTRIS site at {ACTRIS} (ISOMER_SITES_DIR)", allow_module_level=True)
BASE = base_site(ACTRIS)


@settings(max_examples=250, **FUZZ)
@given(any_mutations(BASE))
def test_no_input_escapes_the_importers_own_error(tmp_path_factory, change):
    site = write_site(tmp_path_factory.getbasetemp() / "fuzz-site", BASE, dict([change]))
    try:
        plan = prepare(site)
    except IsomerImportError as error:
        assert error.problems and all(problem.file for problem in error.problems)
        return
    assert plan.homepage is not None or change[0] == "index.md"


@pytest.mark.django_db
@settings(max_examples=30, **FUZZ)
@given(any_mutations(BASE))
def test_a_refused_import_writes_nothing(tmp_path_factory, media_root, change):
    site = write_site(tmp_path_factory.getbasetemp() / "fuzz-site", BASE, dict([change]))

    def stored():
        files = sorted(p for p in media_root.rglob("*") if p.is_file())
        return content_snapshot(), files

    before = stored()
    try:
        import_isomer(site)
    except IsomerImportError:
        assert stored() == before
