"""Site settings -> ``_config.yml``, ``_data/navigation.yml`` and ``_data/footer.yml``."""

from newsroom.models import NewsroomIndexPage
from siteconfig.models import Footer, MainMenu, SiteIdentity

from .homepage import compact


def config_data(site, identity: SiteIdentity) -> dict:
    config = dict(identity.extra_config or {})
    colours = {
        "primary-color": identity.primary_colour,
        "secondary-color": identity.secondary_colour,
        "media-colors": identity.media_colours,
    }
    config.update(
        compact(
            {
                "title": identity.name,
                "description": identity.description,
                "url": identity.url,
                "favicon": site.image_id_url(identity.favicon_id),
                "shareicon": site.image_id_url(identity.share_image_id),
                "colors": colours,
                "google_analytics_ga4": identity.google_analytics_ga4,
                "google-tag-manager": identity.google_tag_manager,
                "facebook-pixel": identity.facebook_pixel,
                "linkedin-insights": identity.linkedin_insights,
            }
        )
    )
    config["is_government"] = identity.is_government
    if newsroom := NewsroomIndexPage.objects.first():
        config["resources_name"] = newsroom.slug
    config.setdefault("remote_theme", "isomerpages/isomerpages-template@next-gen")
    return config


def menu_link(site, item) -> dict | None:
    value = item.value
    if item.block_type == "section":
        page = value["page"].specific if value["page"] else None
        if isinstance(page, NewsroomIndexPage):
            return {"title": value["title"], "resource_room": True}
        return {"title": value["title"], "collection": page.slug} if page else None
    if item.block_type == "group":
        sublinks = [{"title": s["title"], "url": site.link(s["link"])} for s in value["sublinks"]]
        group = {"title": value["title"], "url": site.link(value["link"]), "sublinks": sublinks}
        return compact(group)
    return {"title": value["title"], "url": site.link(value["link"])}


def navigation_data(site, identity: SiteIdentity) -> dict:
    menu = MainMenu.for_site(site.site)
    navigation = {"logo": site.image_id_url(identity.logo_id)} if identity.logo_id else {}
    navigation["links"] = [link for item in menu.items if (link := menu_link(site, item))]
    return navigation


def footer_data(site) -> dict:
    footer = Footer.for_site(site.site)
    data, extra = {}, []
    for item in footer.links:
        value = item.value
        if value["role"] == "link":
            extra.append({"title": value["title"], "url": site.link(value["link"])})
        else:
            data[value["role"]] = site.link(value["link"])
    data["show_reach"] = footer.show_reach
    if footer.copyright_agency:
        data["copyright_agency"] = footer.copyright_agency
    if social := {name: url for name, url in footer.social_links()}:
        data["social_media"] = social
    if extra:
        data["links"] = extra
    return data


def export_settings(site) -> dict[str, dict]:
    """The three data files, by their path in the site."""
    identity = SiteIdentity.for_site(site.site)
    return {
        "_config.yml": config_data(site, identity),
        "_data/navigation.yml": navigation_data(site, identity),
        "_data/footer.yml": footer_data(site),
    }
