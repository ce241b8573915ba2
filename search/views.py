"""Site search over pages and newsroom entries (PostgreSQL full text; the database backend on SQLite).

A query that finds little is checked for typos, on either database: each word the site never
uses is matched by trigram similarity against the words of the published, public pages'
indexed text, and a correction that finds more is offered ("Did you mean ...?") or, when the
query as typed finds nothing, searched for instead.

- PostgreSQL: one query, ``pg_trgm`` (enabled by this app's migration) over the index.
- Other databases (SQLite for ``make run``): the same candidates worked out in Python, with
  pg_trgm's similarity, from a vocabulary of the index's words kept in the cache under the
  content version (publishing, unpublishing, moving, deleting or a view restriction change
  starts a new one), so a search reads the whole index at most once per change.

Both rank the candidates alike (``best_candidates``), so a typo gets the same correction.
"""

import functools
import hashlib
import html
import re
import struct
from collections import Counter

from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from modelsearch.conf import get_app_config
from wagtail.models import Page

from actris_cms.cache import cache_headers, content_version
from newsroom.models import NewsEntryPage

RESULTS_PER_PAGE = 10
SNIPPET_WORDS = 40
FEW_RESULTS = 3  # fewer results than this and the query is checked for typos
MAX_CORRECTED_WORDS = 8  # words of a query that may be corrected (the rest are kept as typed)
MIN_SIMILARITY = 0.45  # pg_trgm similarity a correction needs ("facilty" / "facility": 0.55)
MAX_EDITS = 2  # letters a correction may change (1 in words of up to 4 letters)
# Without pg_trgm: how long the vocabulary is kept at most. A new content version already
# makes it stale; this bounds a copy built before a worker updated the index.
VOCABULARY_SECONDS = 600


def _raw_texts(value):
    """Rich and plain text inside raw stream data (no blocks built, so no image queries)."""
    if isinstance(value, str):
        if not value.startswith(("http", "/", "#", "mailto:", "tel:")):
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "type", "url", "link", "page", "image", "document", "anchor"):
                yield from _raw_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _raw_texts(item)


def page_text(page) -> str:
    """Plain text to quote from: the description, summary or the start of the body."""
    for name in ("search_description", "summary"):
        value = getattr(page, name, "")
        if value:
            return strip_tags(value)
    body = getattr(page, "body", None)
    if body is None:
        return ""
    parts, length = [], 0
    for text in _raw_texts([block.get("value") for block in body.raw_data]):
        parts.append(strip_tags(text))
        length += len(parts[-1])
        if length > 1500:
            break
    return html.unescape(" ".join(parts))


def snippet(text: str, terms: list[str], prefixes: bool = False) -> str:
    """Up to SNIPPET_WORDS words around the first matching term, with the matching words
    marked: whole words ("cell", not the start of "cellular"), or words that start with a term
    when the search matched word beginnings (``prefixes``)."""
    words = text.split()
    start = 0
    if terms:
        ending = r"\w*" if prefixes else r"\b"
        pattern = re.compile(
            r"\b(?:" + "|".join(re.escape(html.escape(t)) for t in terms) + ")" + ending,
            re.IGNORECASE,
        )
        for index, word in enumerate(words):
            if pattern.search(html.escape(word)):
                start = max(0, index - 10)
                break
    chosen = " ".join(words[start : start + SNIPPET_WORDS])
    escaped = html.escape(chosen)
    if terms:
        escaped = pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped)
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
    return prefix + escaped + suffix


def search_terms(query: str) -> str:
    """The words of a visitor's query, without the characters search engines treat as syntax
    (quotes, brackets, operators), so that no input can make the search fail."""
    return " ".join(re.findall(r"\w+", query))[:200]


# The words of the published pages' indexed text (the 'simple' configuration: lower case, not
# stemmed, so a correction is a word as written), and for each word of the query the site does
# not use, the words of about its length that pg_trgm finds most similar.
CANDIDATES_SQL = """
WITH vocabulary AS MATERIALIZED (
    SELECT word, count(*) AS pages
    FROM (
        SELECT unnest(tsvector_to_array(to_tsvector(
            'simple', coalesce(entry.title_text, '') || ' ' || coalesce(entry.body_text, '')
        ))) AS word
        FROM {entries} AS entry
        JOIN ({pages}) AS page
          ON entry.object_id = page.id::text AND entry.content_type_id = page.content_type_id
    ) AS words
    WHERE word ~ '^[[:alpha:]]{{3,}}$'
    GROUP BY word
)
SELECT term, candidate.word, similarity(candidate.word, term), candidate.pages
FROM unnest(%s::text[]) AS term
CROSS JOIN LATERAL (
    SELECT word, pages FROM vocabulary
    WHERE abs(length(word) - length(term)) <= %s AND similarity(word, term) >= %s
    ORDER BY similarity(word, term) DESC, pages DESC, word
    LIMIT %s
) AS candidate
WHERE NOT EXISTS (SELECT 1 FROM vocabulary WHERE word = term)
"""
CANDIDATES_PER_WORD = 8


def edits(a: str, b: str) -> int:
    """Letters inserted, deleted, replaced or swapped with a neighbour to turn ``a`` into ``b``
    (the optimal string alignment distance)."""
    before, row = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (x != y))
            if before is not None and i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        before, row = row, current
    return row[-1]


def max_edits(word: str) -> int:
    return 1 if len(word) <= 4 else MAX_EDITS


def best_candidates(rows) -> dict[str, tuple]:
    """For each query word, the (edits, -similarity, -pages, word) of its best candidate."""
    best: dict[str, tuple] = {}
    for term, word, score, used_on in rows:
        distance = edits(term, word)
        rank = (distance, -score, -used_on, word)
        if distance <= max_edits(term) and (term not in best or rank < best[term]):
            best[term] = rank
    return best


# -- the same candidates without pg_trgm -----------------------------------------------------
# What to_tsvector('simple', ...) leaves out of a text before the query keeps alphabetic words:
# web and e-mail addresses, host and file names ("actris.sg", "e.g", "and/or") are one token
# each there, never a word ("co11ab@Novena" is no address: "novena" is a word).
NOT_WORDS = re.compile(r"\w+://\S*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\w-]+(?:[./][\w-]+)+")
# Words of 3 letters or more that no digit 0-9 touches ("covid19" and "19th" are one token
# there). Other digits ("𝟮𝟬𝟮𝟱") are letters to PostgreSQL (glibc's "alpha" class), so here too.
WORDS = re.compile(r"(?<![^\W_])[^\W_0-9]{3,}(?![^\W_])")


def index_words(text: str) -> set[str]:
    """The words of ``text`` the PostgreSQL query would find: lower case, alphabetic, at least
    3 letters, as the 'simple' configuration splits them (hyphenated words in their parts)."""
    return set(WORDS.findall(NOT_WORDS.sub(" ", text.lower())))


@functools.lru_cache(maxsize=2**16)
def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams: each alphanumeric run, lower case, padded with two spaces before and
    one after. Kept per process: the vocabulary's words are the same from search to search."""
    found = set()
    for word in re.findall(r"[^\W_]+", text.lower()):
        padded = f"  {word} "
        found.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(found)


def similarity(a: str, b: str) -> float:
    """pg_trgm's ``similarity()``: trigrams shared over trigrams of either word, rounded to
    single precision as PostgreSQL's ``real`` is, so that ties rank as they do there."""
    ours, theirs = trigrams(a), trigrams(b)
    if not ours or not theirs:
        return 0.0
    share = len(ours & theirs) / len(ours | theirs)
    return struct.unpack("f", struct.pack("f", share))[0]


def vocabulary(pages) -> dict[str, int]:
    """Each word of the indexed text of ``pages`` and how many of them use it, as the SQL's
    ``vocabulary``. Read from the index once per content version (and per set of pages: the
    key names their query, which names the restricted sections), then taken from the cache."""
    sql, params = pages.order_by().query.sql_with_params()
    pages_key = hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:16]
    key = f"search-vocabulary:{pages.db}:{pages_key}:{content_version()}"
    words = cache.get(key)
    if words is None:
        entries = get_app_config().get_model("IndexEntry")
        # The plain text: title and body on SQLite and MySQL, beside tsvectors on PostgreSQL.
        text = ("title_text", "body_text") if hasattr(entries, "title_text") else ("title", "body")
        shown = (
            pages.order_by()
            .alias(object_id_text=Cast("id", output_field=CharField()))
            .filter(
                content_type_id=OuterRef("content_type_id"), object_id_text=OuterRef("object_id")
            )
        )
        counts = Counter()
        found = entries.objects.using(pages.db).filter(Exists(shown)).values_list(*text)
        for title, body in found.iterator():
            counts.update(index_words(f"{title or ''} {body or ''}"))
        words = dict(counts)
        cache.set(key, words, VOCABULARY_SECONDS)
    return words


def candidates(checked: list[str], words: dict[str, int]) -> list[tuple]:
    """The SQL's rows, worked out in Python: for each query word the vocabulary does not have,
    the CANDIDATES_PER_WORD words of about its length most similar to it."""
    rows = []
    for term in checked:
        if term in words:
            continue
        near = []
        for word, used_on in words.items():
            if abs(len(word) - len(term)) <= MAX_EDITS:
                score = similarity(word, term)
                if score >= MIN_SIMILARITY:
                    near.append((-score, -used_on, word))
        near.sort()
        rows += [
            (term, word, -score, -used_on) for score, used_on, word in near[:CANDIDATES_PER_WORD]
        ]
    return rows


def postgres_candidates(checked: list[str], pages) -> list[tuple]:
    """CANDIDATES_SQL's rows: one query, however many words are checked."""
    connection = connections[pages.db]
    entries = get_app_config().get_model("IndexEntry")._meta.db_table
    pages_sql, pages_params = (
        pages.order_by().values("id", "content_type_id").query.sql_with_params()
    )
    sql = CANDIDATES_SQL.format(entries=connection.ops.quote_name(entries), pages=pages_sql)
    params = [*pages_params, checked, MAX_EDITS, MIN_SIMILARITY, CANDIDATES_PER_WORD]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def corrected_query(terms: str, pages) -> tuple[str, int] | None:
    """``terms`` with each word that no page in ``pages`` uses replaced by the closest word they
    do use (trigram similarity picks candidates; fewest edits, then most pages, decide) and the
    most edits any word needed; None when no word needs or has a correction. One query on
    PostgreSQL; elsewhere none while the cached vocabulary is current, one when it is not."""
    words = terms.split()
    checked = list(
        dict.fromkeys(w.lower() for w in words if len(w) >= 3 and not any(c.isdigit() for c in w))
    )[:MAX_CORRECTED_WORDS]
    if not checked:
        return None
    if connections[pages.db].vendor == "postgresql":
        rows = postgres_candidates(checked, pages)
    else:
        rows = candidates(checked, vocabulary(pages))
    best = best_candidates(rows)
    if not best:
        return None
    fixed = " ".join(best[w.lower()][-1] if w.lower() in best else w for w in words)
    return fixed, max(rank[0] for rank in best.values())


def find(terms: str, as_typed: bool) -> dict:
    """Results for ``terms``: whole words, else word beginnings; a correction when that finds
    few (searched for instead when the query as typed finds nothing); else any of the words."""
    later = NewsEntryPage.objects.dated_later().values_list("pk", flat=True)
    visible = Page.objects.live().public().exclude(pk__in=list(later))
    pages = visible.specific()
    found = {"results": pages.search(terms, operator="and"), "used_prefix_match": False}
    if not found["results"].count():
        # Nothing for the whole words: try them as word beginnings ("manufact" finds
        # "manufacturing").
        found = {"results": pages.autocomplete(terms), "used_prefix_match": True}
    count = found["results"].count()
    if count < FEW_RESULTS and (correction := corrected_query(terms, visible)):
        fixed, most_edits = correction
        better = pages.search(fixed, operator="and")
        if better.count() > count and (count or as_typed or most_edits > 1):
            found["suggestion"] = fixed  # offered, not searched for instead
        elif better.count() > count:
            found = {"results": better, "corrected": fixed, "used_prefix_match": False}
    if not found["results"].count():
        found["results"] = pages.search(terms, operator="or")  # still nothing: any of the words
    return found


def search(request):
    # ``query`` is Isomer's name for it: old links and bookmarks keep working.
    query = (request.GET.get("q") or request.GET.get("query") or "").strip()[:200]
    as_typed = request.GET.get("as_typed") == "1"  # "Search instead for ...": no correction
    found, results_page = {}, None
    if terms := search_terms(query):
        found = find(terms, as_typed)
        paginator = Paginator(found["results"], RESULTS_PER_PAGE)
        try:
            results_page = paginator.page(request.GET.get("page") or 1)
        except (PageNotAnInteger, EmptyPage):
            results_page = paginator.page(1)
        words = found.get("corrected") or query
        marked = [t.lower() for t in re.findall(r"\w+", words) if len(t) > 1]
        for page in results_page:
            page.search_snippet = snippet(
                page_text(page), marked, found.get("used_prefix_match", False)
            )
    response = render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results_page": results_page,
            "used_prefix_match": found.get("used_prefix_match", False),
            "suggestion": found.get("suggestion"),
            "corrected_query": found.get("corrected"),
            "as_typed": as_typed,
        },
    )
    if query:  # one copy per visitor's words would fill the proxy: never kept
        patch_cache_control(response, private=True, no_cache=True)
        return response
    return cache_headers(request, response)


def robots_txt(request):
    from django.http import HttpResponse

    sitemap = request.build_absolute_uri("/sitemap.xml")
    body = f"User-agent: *\nDisallow: /admin/\nDisallow: /search/\nAllow: /\n\nSitemap: {sitemap}\n"
    return HttpResponse(body, content_type="text/plain")
