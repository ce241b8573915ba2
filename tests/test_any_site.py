"""Real Isomer sites as Jekyll builds them: one unreadable document does not refuse the site.

Small sites written here by hand, one per pattern (not copied from the shared corpus).
"""

import json
from urllib.parse import quote, unquote

import pytest
from django.core.management.base import CommandError
from wagtail.models import Page

from exporters.snapshot import content_snapshot

from .site_helpers import assert_pages_say, run_import

pytestmark = pytest.mark.django_db

CONFIG = "title: Any site\nremote_theme: isomerpages/isomerpages-template@next-gen\n"
HOME = "---\nlayout: homepage\ntitle: Home\nsections:\n  - hero:\n      title: Welcome\n---\n"
GOOD = "---\nlayout: page\ntitle: Good page\npermalink: /good/\n---\nStill here.\n"
BAD_DOCUMENTS = {
    "pages/empty.md": "",
    "pages/unclosed.md": "---\ntitle: Never closed\npermalink: /unclosed/\nNo closing fence.\n",
    "pages/tab.md": "---\ntitle:\tTabbed\n  bad: [\n---\nText\n",
}


def site(tmp_path, files: dict):
    root = tmp_path / "site"
    for name, text in {"_config.yml": CONFIG, "index.md": HOME, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_unreadable_documents_are_skipped_and_reported_with_file_and_line(tmp_path):
    root = site(tmp_path, {"pages/good.md": GOOD, **BAD_DOCUMENTS})
    report_file = tmp_path / "report.json"
    output = run_import(root, "--report", report_file)
    assert "Site imported" in output
    assert Page.objects.get(url_path__endswith="/good/").live
    skipped = [
        i for i in json.loads(report_file.read_text())["items"] if i["code"] == "skipped_document"
    ]
    assert sorted(i["file"] for i in skipped) == sorted(BAD_DOCUMENTS)
    assert all("not imported; fix it and import again" in i["message"] for i in skipped)
    tab = next(i for i in skipped if i["file"] == "pages/tab.md")
    assert tab["line"] is not None


def test_strict_refuses_the_site_and_writes_nothing(tmp_path):
    root = site(tmp_path, {"pages/good.md": GOOD, "pages/empty.md": ""})
    before = content_snapshot()
    with pytest.raises(CommandError) as caught:
        run_import(root, "--strict")
    assert "pages/empty.md" in str(caught.value)
    assert content_snapshot() == before


def test_site_level_problems_still_refuse(tmp_path):
    root = site(tmp_path, {"pages/good.md": GOOD})
    (root / "index.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run_import(root)
    assert "index.md" in str(caught.value)


@pytest.mark.parametrize(
    "permalink",
    [
        "/About Us/our team/",
        "/r&d/labs/",
        "/தமிழ்/செய்திகள்/",
        "/资讯/最新 消息/",
        "/News-And-Events/",
        # Characters Jekyll keeps in a slug that Django escapes in request.get_full_path().
        "/news/singapore’s-connectivity;-securing-our-future.html",
        "/plans/phase-1,2=done/",
        "/it's/here/",
    ],
)
def test_old_permalinks_redirect_however_they_are_spelt(tmp_path, client, permalink):
    page = f"---\nlayout: page\ntitle: Moved page\npermalink: {permalink}\n---\nHere.\n"
    root = site(tmp_path, {"pages/moved.md": page})
    run_import(root)
    target = Page.objects.get(title="Moved page")
    encoded = quote(permalink)  # what a browser sends
    response = client.get(encoded)
    if response.status_code == 200:  # the page lives at that very address
        assert target.url == encoded or unquote(target.url) == permalink
        return
    assert response.status_code == 301, (encoded, response.status_code)
    assert response["Location"] == target.url
    assert client.get(response["Location"]).status_code == 200


def test_groups_named_in_any_script_get_their_own_address_every_run(tmp_path):
    from importers.pipeline import prepare

    files = {
        "_news/collection.yml": "collections:\n  news:\n    output: true\n",
        "_news/செய்தி/first.md": "---\ntitle: First\npermalink: /news/a/\n---\nA\n",
        "_news/மை/second.md": "---\ntitle: Second\npermalink: /news/b/\n---\nB\n",
        "_news/新闻/third.md": "---\ntitle: Third\npermalink: /news/c/\n---\nC\n",
    }
    root = site(tmp_path, files)
    first, again = prepare(root), prepare(root)
    groups = [p for p in first.all_pages() if p.kind == "group"]
    assert len(groups) == 3
    assert all(g.slug and g.permalink and "//" not in g.permalink for g in groups)
    assert len({g.slug for g in groups}) == 3 and len({g.permalink for g in groups}) == 3
    assert [(g.slug, g.permalink) for g in groups] == [
        (g.slug, g.permalink) for g in again.all_pages() if g.kind == "group"
    ]
    run_import(root)
    assert Page.objects.filter(title__in=["First", "Second", "Third"], live=True).count() == 3


def test_two_files_claiming_one_permalink_give_the_same_result_every_run(tmp_path):
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import Revision

    files = {
        "pages/a-first.md": "---\nlayout: page\ntitle: First claim\npermalink: /shared/\n---\nA\n",
        "pages/b-second.md": "---\nlayout: page\ntitle: Second claim\npermalink: /shared/\n---\nB\n",
    }
    root = site(tmp_path, files)
    report_file = tmp_path / "report.json"
    run_import(root, "--report", report_file)
    duplicates = [
        i
        for i in json.loads(report_file.read_text())["items"]
        if i["code"] == "duplicate_permalink"
    ]
    assert len(duplicates) == 1
    state = (
        list(Redirect.objects.values_list("id", "old_path", "redirect_page_id").order_by("id")),
        Revision.objects.count(),
    )
    holder = Page.objects.get(title="First claim")
    assert client_path(holder) == "/shared/"
    run_import(root)
    assert (
        list(Redirect.objects.values_list("id", "old_path", "redirect_page_id").order_by("id")),
        Revision.objects.count(),
    ) == state


def client_path(page) -> str:
    """Where /shared/ leads: the page itself or its redirect."""
    from wagtail.contrib.redirects.models import Redirect

    redirect = Redirect.objects.filter(old_path="/shared").first()
    return (
        "/shared/"
        if (redirect and redirect.redirect_page_id == page.id) or page.url == "/shared/"
        else ""
    )


def test_pages_in_any_folder_are_published_where_jekyll_puts_them(tmp_path, client):
    files = {
        "guidelines/index.md": "---\nlayout: page\ntitle: Guidelines\n---\nRead these.\n",
        "archive/2019.md": "---\nlayout: page\ntitle: Archive 2019\n---\nOld news.\n",
        "some-topic/page.md": "---\nlayout: page\ntitle: A topic\npermalink: /topic/\n---\nT\n",
        "some-topic/_drafts/secret.md": "---\ntitle: Draft\n---\nNot published.\n",
        "notes/readme.txt": "not a page",
    }
    root = site(tmp_path, files)
    run_import(root)
    assert_pages_say(
        client,
        {
            "/guidelines/": "Read these.",
            "/archive/2019.html": "Old news.",  # Jekyll: the path, .md as .html
            "/topic/": "T",
        },
    )
    assert not Page.objects.filter(title="Draft").exists()
