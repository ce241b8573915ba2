"""The header menu and footer, built from the site settings with a fixed number of queries."""

import hashlib

from django import template
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.html import format_html
from wagtail.models import Page, Site

from actris_cms.privacy import in_private_section
from siteconfig.icons import icon_svg
from siteconfig.models import Footer, MainMenu, SiteIdentity
from siteconfig.theme import Theme

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


def _menu_children(sections) -> dict:
    """The live pages under each menu section, in tree order, from one query: a section's
    pages, and for a third-level group its first page (Isomer links a group to it). A newsroom
    lists only the categories that have something in them."""
    if not sections:
        return {}
    query = Q()
    for section in sections:
        query |= Q(path__startswith=section.path, depth__in=(section.depth + 1, section.depth + 2))
    pages = (
        Page.objects.live()
        .exclude(in_private_section())
        .filter(query)
        .order_by("path")
        .specific(defer=True)
    )
    by_path = {}
    for page in pages:
        by_path.setdefault(page.path[: -Page.steplen], []).append(page)
    children = {}
    for section in sections:
        entries = []
        newsroom = getattr(section.specific_class, "is_newsroom", False)
        for child in by_path.get(section.path, []):
            inside = by_path.get(child.path, [])
            if newsroom and not inside:
                continue  # an empty category
            target = inside[0] if getattr(child, "is_section_group", False) and inside else child
            entries.append(
                {
                    "title": child.title,
                    "href": target.url,
                    "path": child.path,
                    "group": target is not child,
                }
            )
        children[section.path] = entries
    return children


def _is_current(child: dict, here: str) -> bool:
    """The menu entry of the page shown (a group's entry: any of its pages)."""
    return here == child["path"] or (child["group"] and here.startswith(child["path"]))


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The site's menu as Isomer draws it: a collection links to its first page and drops
    down its pages, the newsroom drops down "All" and its categories, the section the
    visitor is in is marked."""
    page = context.get("page")
    items = menu_entries(_setting(MainMenu, context), getattr(page, "path", "") or "")
    return {"items": items, "request": context.get("request")}


def menu_entries(menu, here: str) -> list[dict]:
    """The menu's entries with their dropdowns; ``here`` is the path of the page shown."""
    items = []
    if menu:
        sections = [
            item.value["page"]
            for item in menu.items
            if item.block_type == "section" and item.value["page"]
        ]
        children = _menu_children(sections)
        for number, item in enumerate(menu.items):
            value = item.value
            entry = {"title": value["title"], "id": f"menu-{number}", "href": "", "children": []}
            path = ""
            if item.block_type == "section" and value["page"]:
                section = value["page"]
                path = section.path
                entry["children"] = [
                    {**child, "current": _is_current(child, here)}
                    for child in children.get(section.path, [])
                ]
                if getattr(section.specific_class, "is_newsroom", False):
                    entry["href"] = section.url
                    entry["children"].insert(
                        0,
                        {
                            "title": "All",
                            "href": section.url,
                            "path": section.path,
                            "current": here == section.path,
                        },
                    )
                else:
                    entry["href"] = (
                        entry["children"][0]["href"] if entry["children"] else section.url
                    )
            elif item.block_type == "group":
                link = value["link"]
                entry["href"] = link.href if link else ""
                entry["children"] = [
                    {"title": s["title"], "href": s["link"].href} for s in value["sublinks"]
                ]
                path = getattr(link.get("page") if link else None, "path", "") or ""
            else:
                entry["href"] = value["link"].href
                path = getattr(value["link"].get("page"), "path", "") or ""
            entry["active"] = bool(path) and here.startswith(path)
            items.append(entry)
    return items


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    footer = _setting(Footer, context)
    identity = _setting(SiteIdentity, context)
    site = _site(context)
    last_updated = None
    if site is not None:
        last_updated = (
            Page.objects.live()
            .descendant_of(site.root_page, inclusive=True)
            .aggregate(latest=Max("last_published_at"))["latest"]
        )
    links = footer.bottom_links() if footer else []
    # A menu link the footer's row already has (Contact Us, FAQ) is not repeated as a column.
    in_row = {href.rstrip("/") for _, href in links}
    columns = [
        column
        for column in menu_entries(_setting(MainMenu, context), "")
        if column["children"] or column["href"].rstrip("/") not in in_row
    ]
    return {
        "footer": footer,
        "identity": identity,
        "columns": columns,
        "links": links,
        "last_updated": last_updated,
        "request": context.get("request"),
    }


@register.simple_tag
def icon(name, css_class="icon"):
    return icon_svg(name, css_class)


@register.simple_tag
def theme_stylesheet(identity):
    """The link to the site's colour tokens (``/brand.css``), versioned by the colours."""
    css = Theme.for_identity(identity).css()
    version = hashlib.sha256(css.encode()).hexdigest()[:10]
    return format_html('<link rel="stylesheet" href="{}?v={}">', reverse("brand_css"), version)


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
