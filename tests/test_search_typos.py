"""Search that forgives typos (issue 8, item 6; on SQLite too: issue 23, item 5).

A query that finds little is corrected with trigram similarity against the words of the
published, public pages: "Did you mean ...?", or the correction's results when the query as
typed finds nothing. PostgreSQL asks pg_trgm; other databases work out the same candidates in
Python from a cached vocabulary, so the tests of behaviour run on both.
"""

import html
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.conf import get_app_config
from wagtail.models import Page, PageViewRestriction

from search.views import (
    CANDIDATES_PER_WORD,
    MAX_EDITS,
    MIN_SIMILARITY,
    candidates,
    corrected_query,
    index_words,
    postgres_candidates,
    similarity,
    vocabulary,
)

from .conftest import ISOMER_SITES_DIR, MISSING_SITES_REASON
from .factories import StandardPageFactory, actris_homepage
from .html_checks import assert_valid_html
from .site_helpers import run_import

ON_POSTGRES = connection.vendor == "postgresql"


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


def is_correction_query(sql: str) -> bool:
    """pg_trgm's query on PostgreSQL; elsewhere the one reading the words of the index."""
    if ON_POSTGRES:
        return "similarity(" in sql
    entries = get_app_config().get_model("IndexEntry")._meta.db_table
    return sql.startswith(f'SELECT "{entries}"."title"') and "EXISTS" in sql


def correction_queries(client, query) -> int:
    """How many queries looked for corrections while ``query`` was searched for."""
    with CaptureQueriesContext(connection) as queries:
        search(client, query)
    return len([q for q in queries.captured_queries if is_correction_query(q["sql"])])


def corrected(query: str) -> str | None:
    """The correction of ``query`` from the visitors' pages, or None."""
    found = corrected_query(query, Page.objects.live().public())
    return found and found[0]


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
    """Common typos of the site's words are corrected, the results are the correction's, and
    they show a known page (each database ranks, and PostgreSQL stems, in its own way)."""
    yap = "Dr Yap Eng Soo | Cell Therapy: Promises and Challenges"
    for typo, fixed, on_postgres, on_sqlite in [
        ("theraphy", "therapy", "Sefia™ Cell Therapy Manufacturing Platform Workshop", yap),
        ("facilty", "facility", "About Our Facilities", "About Our Facilities"),
        ("regulatroy", "regulatory", "Regulatory Facilitation", "Regulatory Facilitation"),
        (
            "workshp",
            "workshop",
            "Workshops and Training",
            "CliniMACS Prodigy® Mini Workshop | April 2024",
        ),
        ("haematolgy", "haematology", *["Adjunct Associate Professor Yap Eng Soo"] * 2),
        ("cell theraphy", "cell therapy", "ACTRIS signs MOU with Cell Therapies", yap),
    ]:
        page = search(client, typo)
        assert correction(page) == f"Showing results for {fixed}. Search instead for {typo}."
        assert titles(page) == titles(search(client, fixed)), typo
        assert (on_postgres if ON_POSTGRES else on_sqlite) in titles(page), typo


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


@pytest.mark.django_db
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
    # The correction costs one query, however many words it checks: on PostgreSQL every time;
    # elsewhere the first time after a change, then none (the vocabulary is kept).
    cache.clear()
    assert correction_queries(client, "manufactring") == 1
    many = "theraphy facilty regulatroy workshp zzzxqy qwrtplk"
    assert correction_queries(client, many) == (1 if ON_POSTGRES else 0)
    check_hostile_input_is_escaped(client)
    if ON_POSTGRES:
        python_finds_what_pg_trgm_finds()


def python_finds_what_pg_trgm_finds() -> None:
    """The vocabulary read in Python has the words PostgreSQL's query reads, used on as many
    pages, and the candidates for typos are pg_trgm's, in its order."""
    visible = Page.objects.live().public()
    entries = get_app_config().get_model("IndexEntry")._meta.db_table
    pages_sql, params = visible.order_by().values("id", "content_type_id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT word, count(*) FROM (
                    SELECT unnest(tsvector_to_array(to_tsvector('simple',
                        coalesce(entry.title_text, '') || ' ' || coalesce(entry.body_text, '')
                    ))) AS word
                    FROM {entries} AS entry JOIN ({pages_sql}) AS page
                      ON entry.object_id = page.id::text
                     AND entry.content_type_id = page.content_type_id
                ) AS words WHERE word ~ '^[[:alpha:]]{{3,}}$' GROUP BY word""",
            params,
        )
        theirs = dict(cursor.fetchall())
    ours = vocabulary(visible)
    assert len(theirs) > 1000
    assert ours == theirs, {w: (ours.get(w), theirs.get(w)) for w in ours.keys() ^ theirs.keys()}
    typos = ["theraphy", "facilty", "regulatroy", "workshp", "haematolgy", "manufactring"]
    typos += ["cleanrom", "celll", "resarch", "zzzxqy", "labratory", "singapre"]
    pg_rows = postgres_candidates(typos, visible)
    rows = candidates(typos, ours)
    assert [(t, w, n) for t, w, _, n in rows] == [(t, w, n) for t, w, _, n in pg_rows]
    assert [s for *_, s, _ in rows] == pytest.approx([s for *_, s, _ in pg_rows], abs=1e-6)


@pytest.mark.django_db
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


@pytest.mark.django_db
def test_words_are_offered_while_published_and_public(client, small_site):
    """A word is a correction from the moment its page is published, and no longer once the
    page is unpublished, put behind a password, or deleted; a word only in a draft of a
    published page is never one. No stale vocabulary: each change is seen by the next search."""
    assert corrected("manufactring") == "manufacturing"
    assert corrected("lyophilisaton") is None  # the vocabulary is kept now

    StandardPageFactory(
        parent=small_site,
        title="Lyophilisation",
        slug="lyophilisation",
        body=[("paragraph", "<p>Freeze drying of cell products.</p>")],
    )
    assert corrected("lyophilisaton") == "lyophilisation"
    page = search(client, "lyophilisaton")
    assert correction(page) == (
        "Showing results for lyophilisation. Search instead for lyophilisaton."
    )
    assert titles(page) == ["Lyophilisation"]

    lyophilisation = Page.objects.get(slug="lyophilisation").specific  # as published
    lyophilisation.unpublish()
    assert corrected("lyophilisaton") is None
    lyophilisation.save_revision().publish()
    assert corrected("lyophilisaton") == "lyophilisation"

    restriction = PageViewRestriction.objects.create(
        page=lyophilisation, restriction_type="password", password="x"
    )
    assert corrected("lyophilisaton") is None
    restriction.delete()
    assert corrected("lyophilisaton") == "lyophilisation"

    # A draft of the published page: its words are not the visitors' until it is published.
    lyophilisation.title = "Cryopreservation"
    lyophilisation.save_revision()
    assert corrected("cryopreservaton") is None
    assert corrected("lyophilisaton") == "lyophilisation"

    lyophilisation.delete()
    assert corrected("lyophilisaton") is None
    assert corrected("manufactring") == "manufacturing"


@pytest.mark.django_db
def test_corrections_cost_a_constant_number_of_queries(small_site):
    """One query however many words are checked: every time with pg_trgm; elsewhere once per
    content change (the vocabulary is read from the index), then none."""
    visible = Page.objects.live().public()
    for query, expected in [
        ("manufactring", "manufacturing"),
        (
            "theraphy celll manufactring cleanrooom zzzxqy qwrtplk",
            "therapy cell manufacturing cleanrooms zzzxqy qwrtplk",  # "therapy": the homepage
        ),
    ]:
        with CaptureQueriesContext(connection) as queries:
            assert corrected_query(query, visible)[0] == expected
        assert len(queries) == 1, query
        assert is_correction_query(queries[0]["sql"])
        if not ON_POSTGRES:
            with CaptureQueriesContext(connection) as queries:
                assert corrected_query(query, visible)[0] == expected
            assert len(queries) == 0, query  # the vocabulary was kept
            cache.clear()  # as a change would: the next search reads the index again
    StandardPageFactory(parent=small_site, title="Fill and finish", slug="fill-finish")
    with CaptureQueriesContext(connection) as queries:
        assert corrected_query("finnish", visible)[0] == "finish"
    assert len(queries) == 1


# -- pg_trgm in Python (no database) -------------------------------------------------------------
@pytest.mark.parametrize(
    "a, b, pg_trgm",
    [  # similarity(a, b) as PostgreSQL 16's pg_trgm printed it
        ("facilty", "facility", 0.54545456),  # 6 of 11 trigrams
        ("manufactring", "manufacturing", 0.6875),
        ("theraphy", "therapy", 0.54545456),
        ("regulatroy", "regulatory", 0.46666667),
        ("workshp", "workshop", 0.54545456),
        ("haematolgy", "haematology", 0.64285713),
        ("cleanrom", "cleanroom", 0.72727275),
        ("theraphy", "therapies", 0.46153846),
        ("lyophilisaton", "lyophilisation", 0.7058824),
        ("cat", "cut", 0.14285715),
        ("ab", "abcd", 0.33333334),
        ("abc", "abc", 1),
        ("a", "b", 0),
        ("zzzxqy", "quality", 0),
        ("word", "", 0),
        ("MANUFACTRING", "manufacturing", 0.6875),  # lower case
        ("Cell-Therapy", "cell therapy", 1),  # words, whatever is between them
        ("foo_bar", "foobar", 0.5),
        ("e-mail", "email", 0.44444445),
        ("café", "cafe", 0.42857143),
    ],
)
def test_similarity_is_pg_trgms(a, b, pg_trgm):
    assert similarity(a, b) == pytest.approx(pg_trgm, abs=1e-7)
    assert similarity(b, a) == similarity(a, b)


def test_index_words_are_those_to_tsvector_finds():
    """The words PostgreSQL's query keeps (to_tsvector('simple', ...), alphabetic, 3 letters or
    more) from a text with addresses, abbreviations, numbers and hyphens: as it printed them."""
    text = (
        "Visit www.actris.sg or https://www.actris.sg/about-us/page.html, mail info@actris.sg. "
        "And/or end.Start e.g. ACTRIS's cell-based Café naïve covid19 covid-19 19th H2O foo_bar "
        "report.pdf Sefia™ co-operation U.S. Dr.Tan therapy, therapy; THERAPY co11ab@Novena, "
        "user.name@host.org foo.bar@xyz abc@def 𝟮𝟬𝟮𝟱 ٣٤٥"
    )
    postgres = (
        "abc actris bar based café cell covid def foo mail naïve novena operation sefia therapy "
        "visit xyz ٣٤٥ 𝟮𝟬𝟮𝟱"
    )
    assert sorted(index_words(text)) == postgres.split()


def test_candidates_are_ranked_as_the_sql_ranks_them():
    """Words the vocabulary has are not corrected; others get at most CANDIDATES_PER_WORD words
    of about their length, similar enough, most similar first, then most used, then A-Z."""
    words = {"therapy": 3, "therapies": 9, "theory": 1, "the": 40, "therapeutics": 2}
    assert candidates(["therapy"], words) == []
    assert candidates(["theraphy"], words) == [
        ("theraphy", "therapy", pytest.approx(0.54545456), 3),
        ("theraphy", "therapies", pytest.approx(0.46153846), 9),
    ]
    many = {f"therap{letter}y": 1 for letter in "abcdefghijkl"}
    found = candidates(["therapzy"], many)
    assert len(found) == CANDIDATES_PER_WORD
    assert [w for _, w, _, _ in found] == sorted(many)[:CANDIDATES_PER_WORD]
    assert all(s >= MIN_SIMILARITY for _, _, s, _ in found)
    far = {"therapy" + "x" * (MAX_EDITS + 1): 1}
    assert candidates(["therapy"], far) == []


@pytest.mark.django_db
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
