"""Build newsroom content for tests the way the site stores it (published through revisions)."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model

from home.models import HomePage
from newsroom.models import NewsCategoryPage, NewsEntryPage, NewsroomIndexPage

from .conftest import SEED


def build_newsroom(categories=("Events", "Learning Portal")):
    call_command("import_isomer", str(SEED), stdout=io.StringIO())
    call_command("setup_newsroom", stdout=io.StringIO())
    newsroom = NewsroomIndexPage.objects.get()
    made = []
    for title in categories:
        category = NewsCategoryPage(title=title, live=False)
        newsroom.add_child(instance=category)
        category.save_revision().publish()
        made.append(category)
    return HomePage.objects.get(), newsroom, made


def make_document(title="Annual report"):
    Document = get_document_model()
    document = Document(title=title)
    document.file.save("annual-report.pdf", ContentFile(b"%PDF-1.4\n%test\n"), save=True)
    return document


def make_entry(category, title, *, days_ago=0, kind="article", publish=True, **fields):
    entry = NewsEntryPage(
        title=title,
        live=False,
        kind=kind,
        publication_date=datetime.date.today() - datetime.timedelta(days=days_ago),
        summary=fields.pop("summary", f"About {title}"),
        **fields,
    )
    category.add_child(instance=entry)
    revision = entry.save_revision()
    if publish:
        revision.publish()
    return NewsEntryPage.objects.get(pk=entry.pk)
