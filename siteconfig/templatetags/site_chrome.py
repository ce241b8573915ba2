"""The header menu and footer, built from the site settings with a fixed number of queries."""

from django import template
from django.db.models import Q
from wagtail.models import Page, Site

from actris_cms.privacy import in_private_section
from siteconfig.models import Footer, MainMenu, SiteIdentity

register = template.Library()


def _site(context):
    request = context.get("request")
    return (
        Site.find_for_request(request)
        if request
        else Site.objects.filter(is_default_site=True).first()
    )


def _setting(model, context):
    """A site setting, loaded once per request (Wagtail keeps it on the request)."""
    request = context.get("request")
    if request is not None and Site.find_for_request(request) is not None:
        return model.for_request(request)
    site = _site(context)
    return model.for_site(site) if site else None


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    menu = _setting(MainMenu, context)
    items = []
    if menu:
        sections = [
            item.value["page"]
            for item in menu.items
            if item.block_type == "section" and item.value["page"]
        ]
        children = {}
        if sections:
            query = Q()
            for section in sections:
                query |= Q(path__startswith=section.path, depth=section.depth + 1)
            parents = {section.path: section.id for section in sections}
            for child in (
                Page.objects.live()
                .exclude(in_private_section())
                .filter(query)
                .order_by("path")
                .specific(defer=True)
            ):
                children.setdefault(parents[child.path[: -Page.steplen]], []).append(child)
        for number, item in enumerate(menu.items):
            value = item.value
            entry = {"title": value["title"], "id": f"menu-{number}", "href": "", "children": []}
            if item.block_type == "section" and value["page"]:
                entry["href"] = value["page"].url
                entry["children"] = [
                    {"title": c.title, "href": c.url} for c in children.get(value["page"].id, [])
                ]
            elif item.block_type == "group":
                entry["href"] = value["link"].href if value["link"] else ""
                entry["children"] = [
                    {"title": s["title"], "href": s["link"].href} for s in value["sublinks"]
                ]
            else:
                entry["href"] = value["link"].href
            items.append(entry)
    return {"items": items, "request": context.get("request")}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    footer = _setting(Footer, context)
    identity = _setting(SiteIdentity, context)
    return {"footer": footer, "identity": identity, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def site_identity(context):
    return _setting(SiteIdentity, context)


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Description and share image for <head>: the page's own, else the site's."""
    page = context.get("page")
    identity = site_identity(context)
    description = ""
    share_image = None
    if page is not None:
        description = getattr(page, "search_description", "") or getattr(page, "summary", "")
        share_image = getattr(page, "share_image", None) or getattr(page, "listing_image", None)
    if identity is not None:
        description = description or identity.description
        share_image = share_image or identity.share_image
    return {"description": description, "share_image": share_image, "identity": identity}
