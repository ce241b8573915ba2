"""Search that forgives typos (issue 8, item 6).

On PostgreSQL a query that finds little is corrected with trigram similarity (pg_trgm) against
the words of the published pages: "Did you mean ...?", or the correction's results when the
query as typed finds nothing. On SQLite search works as it always has.
"""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from .conftest import ISOMER_SITES_DIR, MISSING_SITES_REASON
from .factories import StandardPageFactory, actris_homepage
from .html_checks import assert_valid_html
from .site_helpers import run_import

pytestmark = pytest.mark.django_db

ON_POSTGRES = connection.vendor == "postgresql"
needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="trigram search (pg_trgm) needs PostgreSQL; run with DATABASE_URL=postgres://...",
)
sqlite_only = pytest.mark.skipif(
    ON_POSTGRES, reason="checks search on SQLite (no trigram corrections there)"
)


def search(client, query, **params) -> str:
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200, query
    return response.content.decode()


def titles(page: str) -> list[str]:
    found = re.findall(r'class="search-result__title"><a href="[^"]+">([^<]+)</a>', page)
    return [html.unescape(title) for title in found]


def correction(page: str) -> str | None:
    """The correction note as a visitor reads it, or None."""
    note = re.search(r'<p class="search-correction">(.*?)</p>', page, re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", note.group(1))) if note else None


def summary(page: str) -> str:
    return html.unescape(re.search(r'<p class="search-summary" role="status">(.*?)</p>', page)[1])


def correction_queries(client, query) -> int:
    """How many queries looked for corrections while ``query`` was searched for."""
    with CaptureQueriesContext(connection) as queries:
        search(client, query)
    return len([q for q in queries.captured_queries if "similarity(" in q["sql"]])


@pytest.fixture
def small_site():
    home = actris_homepage()
    StandardPageFactory(
        parent=home,
        title="Cell manufacturing",
        slug="cell-manufacturing",
        body=[("paragraph", "<p>Cleanrooms where cell therapies are made.</p>")],
    )
    return home


def check_typo_with_no_results(client) -> None:
    """Nothing for the query as typed: the correction's results, and a way back to the query
    as typed, which finds nothing and offers the correction."""
    page = search(client, "manufactring")
    assert_valid_html(page)
    assert correction(page) == "Showing results for manufacturing. Search instead for manufactring."
    assert '<a href="?q=manufacturing">' in page
    assert '<a href="?q=manufactring&amp;as_typed=1">' in page
    assert "Cell Processing & Manufacturing" in titles(page)  # the service page
    assert summary(page).endswith("results for “manufacturing”")
    assert "<mark>manufacturing</mark>" in page.lower()
    # "Search instead for manufactring": nothing, with the correction offered.
    page = search(client, "manufactring", as_typed="1")
    assert correction(page) == "Did you mean manufacturing?"
    assert '<a href="?q=manufacturing">' in page
    assert titles(page) == []
    assert "No results for “manufactring”" in html.unescape(page)


def check_typos_are_corrected(client) -> None:
    """Common typos of the site's words are corrected, and the correction finds a known page."""
    for typo, fixed, a_result in [
        ("theraphy", "therapy", "Sefia™ Cell Therapy Manufacturing Platform Workshop"),
        ("facilty", "facility", "About Our Facilities"),
        ("regulatroy", "regulatory", "Regulatory Facilitation"),
        ("workshp", "workshop", "Workshops and Training"),
        ("haematolgy", "haematology", "Adjunct Associate Professor Yap Eng Soo"),
        ("cell theraphy", "cell therapy", "ACTRIS signs MOU with Cell Therapies"),
    ]:
        page = search(client, typo)
        assert correction(page) == f"Showing results for {fixed}. Search instead for {typo}."
        assert a_result in titles(page), typo


def check_spelled_right_is_not_corrected(client) -> None:
    """Spelled right: no correction, and no query spent looking for one."""
    for query in ("manufacturing", "facility", "cell therapy", "haematology"):
        page = search(client, query)
        assert correction(page) is None and titles(page), query
        assert correction_queries(client, query) == 0, query


def check_gibberish_is_not_corrected(client) -> None:
    """Gibberish, and a word too far from any on the site ("cleanroom" is not one): no
    correction, no error."""
    for query in ("zzzxqy", "qwrtplk", "cleanrom"):
        page = search(client, query)
        assert correction(page) is None, query
        assert "No results for" in page


def check_hostile_input_is_escaped(client) -> None:
    """Hostile input: escaped wherever it is shown, the correction included."""
    page = search(client, '"><script>alert(1)</script>')
    assert '"><script>alert(1)' not in page
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    page = search(client, "<i>theraphy</i>")
    assert_valid_html(page)
    assert (
        correction(page) == "Showing results for i therapy i. Search instead for <i>theraphy</i>."
    )
    assert "<i>theraphy" not in page
    assert (
        '<a href="?q=%3Ci%3Etheraphy%3C/i%3E&amp;as_typed=1">&lt;i&gt;theraphy&lt;/i&gt;</a>'
        in page
    )


@needs_postgres
@pytest.mark.isomer_sites
def test_typos_on_the_actris_site(client):
    site = ISOMER_SITES_DIR / "cris-actris"
    if not site.is_dir():
        pytest.skip(MISSING_SITES_REASON)
    run_import(site)

    check_typo_with_no_results(client)
    check_typos_are_corrected(client)
    check_spelled_right_is_not_corrected(client)
    check_gibberish_is_not_corrected(client)
    # The correction costs one query, however many words it checks.
    assert correction_queries(client, "manufactring") == 1
    assert correction_queries(client, "theraphy facilty regulatroy workshp zzzxqy qwrtplk") == 1
    check_hostile_input_is_escaped(client)


@needs_postgres
def test_corrections_use_only_published_public_words(client, small_site):
    draft = StandardPageFactory(
        parent=small_site,
        title="Cryopreservation plans",
        slug="plans",
        body=[("paragraph", "<p>Cryopreservation of samples.</p>")],
        publish=False,
    )
    private = StandardPageFactory(
        parent=small_site,
        title="Lyophilisation",
        slug="private",
        body=[("paragraph", "<p>Lyophilisation notes for staff.</p>")],
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    # Both are in the search index (the admin finds them); their words are never offered.
    assert list(Page.objects.search("cryopreservation")) == [draft.page_ptr]
    assert list(Page.objects.search("lyophilisation")) == [private.page_ptr]

    page = search(client, "manufactring")
    assert correction(page) == "Showing results for manufacturing. Search instead for manufactring."
    assert "Cell manufacturing" in titles(page)
    for typo in ("cryopreservaton", "lyophilisaton"):
        page = search(client, typo)
        assert correction(page) is None, typo
        assert "No results for" in page


@sqlite_only
def test_sqlite_search_has_no_corrections(client, small_site):
    page = search(client, "manufactring")
    assert correction(page) is None
    assert "Did you mean" not in page and "Showing results for" not in page
    assert "No results for “manufactring”" in html.unescape(page)
    assert correction_queries(client, "manufactring") == 0
    # The prefix match and the rest behave as before.
    assert "Cell manufacturing" in titles(search(client, "manufactu"))
    assert correction(search(client, "manufactring", as_typed="1")) is None


def test_hostile_queries_get_a_results_page(client, small_site):
    for query in (
        '"><script>alert(1)</script>',
        "<img src=x onerror=alert(1)>manufactring",
        "manufactring' OR 1=1 --",
        "\\ % _ ' \" ` ; : ( ) [ ] { } * ! ~ ^ & | < >",
        "theraphy " * 40,
    ):
        page = search(client, query)
        assert "<script>alert(1)" not in page and "<img src=x" not in page
        assert 'role="status"' in page
