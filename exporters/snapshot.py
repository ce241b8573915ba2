"""A canonical view of the site's content, comparable across databases (for round-trip checks).

Database ids are replaced by what they stand for: pages by their URL, images and documents by
their content hash; block ids are left out.
"""

import re

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from siteconfig.models import Footer, MainMenu, SiteIdentity

PAGE_FIELDS = {
    "HomePage": ["search_description", "notification", "share_image", "body"],
    "StandardPage": ["search_description", "body", "headings_from", "in_collection_nav"],
    "SectionPage": [],
    "SectionGroupPage": [],
    "ContactPage": ["agency_name", "feedback", "locations", "contacts"],
    "NewsroomIndexPage": [],
    "NewsCategoryPage": [],
    "NewsEntryPage": [
        "kind",
        "publication_date",
        "summary",
        "listing_image",
        "document",
        "external_url",
        "body",
        "headings_from",
    ],
}
_RICH_IMAGE = re.compile(r'(<embed embedtype="image" format="\w+" )id="(\d+)"')
_RICH_LINK = re.compile(
    r'<a (?:id="(\d+)" linktype="(page|document)"|linktype="(page|document)" id="(\d+)")'
)


class Canon:
    def __init__(self):
        self.site = Site.objects.filter(is_default_site=True).first()
        self.page_urls = {p.id: p.relative_url(self.site) for p in Page.objects.filter(depth__gt=1)}
        self.images = dict(get_image_model().objects.values_list("id", "file_hash"))
        self.documents = dict(get_document_model().objects.values_list("id", "file_hash"))

    def rich(self, text: str) -> str:
        def replace(match):
            object_id = match.group(1) or match.group(4)
            kind = match.group(2) or match.group(3)
            target = (
                self.page_urls.get(int(object_id))
                if kind == "page"
                else self.documents.get(int(object_id))
            )
            return f'<a {kind}="{target}"'

        text = _RICH_LINK.sub(replace, text)
        return _RICH_IMAGE.sub(
            lambda m: f'{m.group(1)}image="{self.images.get(int(m.group(2)))}"', text
        )

    def value(self, data, key=None):
        if isinstance(data, dict):
            if set(data) >= {"type", "value"} and "id" in data:
                return {"type": data["type"], "value": self.value(data["value"], data["type"])}
            return {k: self.value(v, k) for k, v in sorted(data.items()) if k != "id"}
        if isinstance(data, list):
            return [self.value(v, key) for v in data]
        if isinstance(data, str):
            return self.rich(data) if "linktype" in data or "<embed" in data else data
        if isinstance(data, int) and key in ("page",):
            return self.page_urls.get(data)
        if isinstance(data, int) and key in ("image", "background"):
            return self.images.get(data)
        return data

    def page(self, page) -> dict:
        specific = page.specific
        name = type(specific).__name__
        result = {"type": name, "title": page.title, "live": page.live}
        for field_name in PAGE_FIELDS.get(name, []):
            value = getattr(specific, field_name)
            field = specific._meta.get_field(field_name)
            if hasattr(field, "stream_block"):
                value = self.value(field.stream_block.get_prep_value(value))
            elif field_name in ("share_image", "listing_image"):
                value = self.images.get(value.id) if value else None
            elif field_name == "document":
                value = self.documents.get(value.id) if value else None
            elif isinstance(value, str) and ("linktype" in value or "<embed" in value):
                value = self.rich(value)
            else:
                value = str(value) if value is not None else None
            result[field_name] = value
        return result


def content_snapshot() -> dict:
    canon = Canon()
    pages = {
        canon.page_urls[page.id]: canon.page(page)
        for page in Page.objects.filter(depth__gt=1).order_by("path")
    }
    site = canon.site
    menu = MainMenu.for_site(site)
    footer = Footer.for_site(site)
    identity = SiteIdentity.for_site(site)
    return {
        "pages": pages,
        "tree": [canon.page_urls[p.id] for p in Page.objects.filter(depth__gt=1).order_by("path")],
        "menu": canon.value(list(menu.items.raw_data)),
        "footer": {
            "links": canon.value(list(footer.links.raw_data)),
            **{
                name: getattr(footer, name)
                for name in Footer.SOCIAL + ["show_reach", "copyright_agency"]
            },
        },
        "identity": {
            "name": identity.name,
            "description": identity.description,
            "colours": [identity.primary_colour, identity.secondary_colour, identity.media_colours],
            "logo": canon.images.get(identity.logo_id),
            "favicon": canon.images.get(identity.favicon_id),
            "share_image": canon.images.get(identity.share_image_id),
            "analytics": [identity.google_analytics_ga4, identity.google_tag_manager],
        },
        "images": sorted(canon.images.values()),
        "documents": sorted(canon.documents.values()),
    }
