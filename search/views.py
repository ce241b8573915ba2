"""Site search over pages and newsroom entries (PostgreSQL full text; the database backend on SQLite)."""

import html
import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from wagtail.models import Page

from actris_cms.cache import cache_headers

RESULTS_PER_PAGE = 10
SNIPPET_WORDS = 40


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


def snippet(text: str, terms: list[str]) -> str:
    """Up to SNIPPET_WORDS words around the first matching term, with terms marked."""
    words = text.split()
    start = 0
    lowered = [w.lower() for w in words]
    for index, word in enumerate(lowered):
        if any(term in word for term in terms):
            start = max(0, index - 10)
            break
    chosen = " ".join(words[start : start + SNIPPET_WORDS])
    escaped = html.escape(chosen)
    if terms:
        pattern = re.compile(
            "(" + "|".join(re.escape(html.escape(t)) for t in terms) + ")", re.IGNORECASE
        )
        escaped = pattern.sub(r"<mark>\1</mark>", escaped)
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
    return prefix + escaped + suffix


def search_terms(query: str) -> str:
    """The words of a visitor's query, without the characters search engines treat as syntax
    (quotes, brackets, operators), so that no input can make the search fail."""
    return " ".join(re.findall(r"\w+", query))[:200]


def search(request):
    query = (request.GET.get("q") or "").strip()[:200]
    results_page = None
    used_prefix_match = False
    if terms := search_terms(query):
        pages = Page.objects.live().public().specific()
        results = pages.search(terms, operator="and")
        if not results.count():
            # Nothing for the whole words: try them as word beginnings ("manufact" finds
            # "manufacturing"), then any of the words.
            results = pages.autocomplete(terms)
            used_prefix_match = True
            if not results.count():
                results = pages.search(terms, operator="or")
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            results_page = paginator.page(request.GET.get("page") or 1)
        except (PageNotAnInteger, EmptyPage):
            results_page = paginator.page(1)
        terms = [t.lower() for t in re.findall(r"\w+", query) if len(t) > 1]
        for page in results_page:
            page.search_snippet = snippet(page_text(page), terms)
    response = render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results_page": results_page,
            "used_prefix_match": used_prefix_match,
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
