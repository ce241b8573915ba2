"""Factories for tests that are not about importing: pages, images, documents, newsroom entries.

Pages are published through revisions, as editors publish them. The homepage is the one the
migrations create (a site has one), filled with the fields a test gives it.
"""

import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.models import Collection

from content.models import StandardPage
from home.models import HomePage
from newsroom.models import NewsCategoryPage, NewsEntryPage, NewsroomIndexPage

from .conftest import png_bytes


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Picture {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyAttribute(
        lambda o: ContentFile(png_bytes((40, 120, 200), (320, 200)), "picture.png")
    )


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Annual report {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n%test\n", "annual-report.pdf"))


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent`` and published through a revision (``publish=False``
    leaves it a draft)."""

    live = False

    class Meta:
        abstract = True
        skip_postgeneration_save = True  # the page was saved by publishing it

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create:
            revision = page.save_revision()
            if extracted is not False:
                revision.publish()


class StandardPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")

    class Meta:
        model = StandardPage


class NewsroomIndexPageFactory(PublishedPageFactory):
    title = "Newsroom & Events"
    slug = "newsroom-and-events"

    class Meta:
        model = NewsroomIndexPage


class NewsCategoryPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Category {n}")

    class Meta:
        model = NewsCategoryPage


class NewsEntryPageFactory(PublishedPageFactory):
    """An entry dated ``days_ago`` days before today."""

    class Params:
        days_ago = 0

    title = factory.Sequence(lambda n: f"Entry {n}")
    kind = "article"
    summary = factory.LazyAttribute(lambda o: f"About {o.title}")
    publication_date = factory.LazyAttribute(
        lambda o: datetime.date.today() - datetime.timedelta(days=o.days_ago)
    )

    class Meta:
        model = NewsEntryPage


def homepage(**fields) -> HomePage:
    """The site's homepage with ``fields`` (body as stream data), published."""
    page = HomePage.objects.get()
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return HomePage.objects.get(pk=page.pk)


def link(url: str) -> dict:
    return {"page": None, "url": url}


def hero(title, button="", url="", highlights=(), **fields) -> tuple[str, dict]:
    """A hero section: ``highlights`` are (title, description, url)."""
    value = {
        "title": title,
        "button": button,
        "link": link(url),
        "key_highlights": [
            {"title": t, "description": d, "link": link(u)} for t, d, u in highlights
        ],
        **fields,
    }
    return ("hero", value)


def infopic(title, subtitle="", description="", button="", url="", image=None) -> tuple[str, dict]:
    value = {
        "title": title,
        "subtitle": subtitle,
        "description": description,
        "button": button,
        "link": link(url),
        "image": {"image": image, "alt_text": title, "decorative": False} if image else None,
    }
    return ("infopic", value)


# The ACTRIS homepage's sections as the sample document describes them (without pictures).
ACTRIS_DESCRIPTION = (
    "The Advanced Cell Therapy and Research Institute, Singapore (ACTRIS) was established in "
    "April 2020. ACTRIS\u2019s vision is to be the national and regional Centre of Excellence "
    "for cell therapy."
)


def actris_homepage(**fields) -> HomePage:
    return homepage(
        title="Advanced Cell Therapy and Research Institute, Singapore (ACTRIS)",
        search_description=ACTRIS_DESCRIPTION,
        body=[
            hero(
                "Advanced Cell Therapy and Research Institute, Singapore",
                "Learn more",
                "/about-us/about-actris/",
                [
                    ("About Us", "Know more about ACTRIS", "/about-us/about-actris/"),
                    (
                        "Our Facilities",
                        "State-of-the-Art Facility",
                        "/our-facilities/about-our-facilities/",
                    ),
                    (
                        "Our Service Provision",
                        "Clinical Scale Manufacturing",
                        "/our-service-provision/clinical-scale-manufacturing/",
                    ),
                    ("Resources", "Training and Education", "/resources/cgmp-guidelines/"),
                ],
            ),
            infopic("About Us", "WE ARE ACTRIS", "<p>ACTRIS supports cell therapy.</p>"),
            infopic("Our Facilities", "cGMP", "<p>A state-of-the-art facility.</p>"),
            infopic("Our Service Provision", "SERVICES", "<p>Clinical scale manufacturing.</p>"),
            infopic("Resources", "LEARN", "<p>Training and education.</p>"),
            ("resources", {"title": "Newsroom & Events", "subtitle": "", "more_label": ""}),
        ],
        **fields,
    )


def build_newsroom(categories=("Events", "Learning Portal")):
    """The ACTRIS homepage, the newsroom with its review workflow and groups, and categories."""
    from django.core.management import call_command

    home = actris_homepage()
    newsroom = NewsroomIndexPageFactory(parent=home)
    call_command("setup_newsroom", stdout=open("/dev/null", "w"))
    made = [NewsCategoryPageFactory(parent=newsroom, title=title) for title in categories]
    return home, NewsroomIndexPage.objects.get(pk=newsroom.pk), made


def make_document(title="Annual report"):
    return DocumentFactory(title=title)


def make_entry(category, title, *, days_ago=0, kind="article", publish=True, **fields):
    entry = NewsEntryPageFactory(
        parent=category, title=title, days_ago=days_ago, kind=kind, publish=publish, **fields
    )
    return NewsEntryPage.objects.get(pk=entry.pk)
