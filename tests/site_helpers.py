"""Shared helpers for whole-site import tests."""

import io
import re
import shutil
from pathlib import Path

from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from importers.models import ImportedFile, ImportedPage
from siteconfig.models import Footer, MainMenu, SiteIdentity


def run_import(path, *args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_isomer", str(path), *map(str, args), stdout=out, stderr=err)
    return out.getvalue()


def small_site(root: Path, title: str, files: dict[str, str]) -> Path:
    """A minimal Isomer site at ``root``: _config.yml, a homepage and ``files`` (relative path:
    text), e.g. pages/x.md with front matter."""
    files = {
        "_config.yml": f"title: {title}\n",
        "index.md": "---\nlayout: homepage\ntitle: Home\n---\n",
        **files,
    }
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def simple_page(slug: str, title: str, body: str) -> str:
    return f"---\ntitle: {title}\npermalink: /{slug}/\nlayout: page\n---\n{body}\n"


def copy_site(source: Path, target: Path) -> Path:
    """A scratch copy of a shared site (tests that change files never touch the original)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".git"))
    return target


def wipe_content():
    """Back to an empty site: no pages under the root, no media, no settings, no records."""
    for page in Page.objects.filter(depth=2):
        page.delete()
    for model in (get_image_model(), get_document_model()):
        for obj in model.objects.all():
            obj.file.delete(save=False)
            obj.delete()
    for model in (ImportedFile, ImportedPage, Redirect, SiteIdentity, MainMenu, Footer):
        model.objects.all().delete()


def assert_pages_say(client, expected: dict[str, str]) -> None:
    """Each address answers 200 (after redirects) with a page holding the given words."""
    for url, words in expected.items():
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert words in response.content.decode(), url


def tile_links(html: str) -> dict[str, str]:
    """Newsroom tiles on a page: each title with the opening tag of the link around it."""
    return {
        title: anchor
        for anchor, title in re.findall(
            r'(<a class="tile[^"]*" href="[^"]*"[^>]*>)\s*<div class="tile__top">.*?'
            r'class="tile__title">([^<]+)',
            html,
            re.S,
        )
    }


def user_in(django_user_model, username, group_name):
    """A user with a password, in the group ``group_name``."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user
