"""Step 4 for the site settings: ``_config.yml``, navigation and footer -> identity, menu, footer.

Values that only the database can give (images, the pages of the site) are markers; whatever
the link policy or a value's shape refuses is reported and left out, so the settings saved are
valid as the admin form would have them.
"""

from dataclasses import dataclass, field

from blocks.links import link_url_problem
from blocks.templatetags.link_policy import HEX_COLOUR

from ..normalise.site import SiteDocument
from ..normalise.text import as_dict, as_list, capped_title, jsonable, text
from ..report import ReportItem
from .refs import ImageRef, block_id, link

CONFIG, NAVIGATION, FOOTER = "_config.yml", "_data/navigation.yml", "_data/footer.yml"
NEWSROOM = ":newsroom"  # the newsroom page, whichever it is
KNOWN_CONFIG = {
    "title", "description", "url", "favicon", "shareicon", "logo", "colors",
    "google_analytics_ga4", "google-tag-manager", "facebook-pixel", "linkedin-insights",
    "is_government",
}  # fmt: skip
FOOTER_ROLES = ("contact_us", "feedback", "faq", "privacy_policy", "terms_of_use")
MENU_TITLE = 100  # siteconfig's menu and footer link blocks
SOCIAL = ("facebook", "twitter", "youtube", "instagram", "linkedin", "telegram", "tiktok")


@dataclass(frozen=True)
class PageRef:
    """A page this import creates (by its plan key), or NEWSROOM."""

    key: str


@dataclass
class SettingsPlan:
    identity: dict  # None for a value means "keep what the setting has"
    menu: dict
    footer: dict
    notes: list[ReportItem] = field(default_factory=list)


class _Settings:
    def __init__(self, site: SiteDocument, page_keys: set[str]):
        self.site = site
        self.page_keys = page_keys
        self.notes: list[ReportItem] = []

    def note(self, code, message, file):
        self.notes.append(ReportItem(code, message, file))

    def link(self, url: str, file: str):
        if url and (problem := link_url_problem(url)):
            self.note("refused_link", f"Link {url!r} refused: {problem}", file)
            return link("")
        return link(url)

    def required_link(self, entry: dict, what: str, file: str):
        """The link of a menu or footer entry that cannot exist without one; None if it has none
        (reported when there was an address the policy refused)."""
        url = text(entry.get("url"))
        target = self.link(url, file)
        if target == link("") and url:
            self.note("menu_entry_dropped", f"{what} {url!r} was not imported.", file)
        return None if target == link("") else target

    def media_colours(self, entries) -> list[dict]:
        """Isomer's media colours; each must be a hex colour (it is written into CSS)."""
        kept = []
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict):
                continue
            title, colour = text(entry.get("title")), text(entry.get("color"))
            if HEX_COLOUR.match(colour):
                kept.append({"title": title, "color": colour})
            else:
                self.note(
                    "invalid_setting",
                    f"Media colour {title!r}: {colour!r} is not a hex colour such as #ffce06; "
                    "left out.",
                    CONFIG,
                )
        return kept

    def identity(self) -> dict:
        config = self.site.config
        colours = as_dict(config.get("colors"))
        logo = text(config.get("logo")) or text(self.site.navigation.get("logo"))

        def image(reference: str, label: str):
            return ImageRef(reference, "", label, None) if reference else None

        return {
            "name": text(config.get("title")),
            "description": text(config.get("description")),
            "url": text(config.get("url")),
            "primary_colour": text(colours.get("primary-color")) or None,
            "secondary_colour": text(colours.get("secondary-color")) or None,
            "media_colours": self.media_colours(colours.get("media-colors")),
            "favicon_id": image(text(config.get("favicon")), "favicon"),
            "logo_id": image(logo, "logo"),
            "share_image_id": image(text(config.get("shareicon")), "shareicon"),
            "google_analytics_ga4": text(config.get("google_analytics_ga4")),
            "google_tag_manager": text(config.get("google-tag-manager")),
            "facebook_pixel": text(config.get("facebook-pixel")),
            "linkedin_insights": text(config.get("linkedin-insights")),
            "is_government": bool(config.get("is_government")),
            "extra_config": jsonable({k: v for k, v in config.items() if k not in KNOWN_CONFIG}),
        }

    def title(self, entry: dict, file: str) -> str:
        """A menu or footer label (the admin's form takes at most MENU_TITLE characters)."""
        return capped_title(text(entry.get("title")), file, self.notes, MENU_TITLE)

    def menu_item(self, n: int, entry: dict) -> dict | None:
        title, key = self.title(entry, NAVIGATION), block_id("navigation", n)
        if collection := text(entry.get("collection")):
            section = f"_{collection}/"
            if section not in self.page_keys:
                self.note(
                    "broken_menu_link",
                    f"Menu item {title!r} names collection {collection!r}, which does not exist.",
                    NAVIGATION,
                )
                return None
            return {
                "type": "section",
                "value": {"title": title, "page": PageRef(section)},
                "id": key,
            }
        if entry.get("resource_room"):
            return {
                "type": "section",
                "value": {"title": title, "page": PageRef(NEWSROOM)},
                "id": key,
            }
        if entry.get("sublinks"):
            sublinks = [
                {"title": self.title(s, NAVIGATION), "link": target}
                for s in as_list(entry["sublinks"])
                if isinstance(s, dict)
                and (target := self.required_link(s, f"Menu item {title!r}, sublink", NAVIGATION))
            ]
            value = {"title": title, "link": self.link(text(entry.get("url")), NAVIGATION)}
            value["sublinks"] = [
                {"type": "item", "value": sub, "id": block_id("navigation", n, m)}
                for m, sub in enumerate(sublinks)
            ]
            return {"type": "group", "value": value, "id": key}
        if target := self.required_link(entry, "Menu item", NAVIGATION):
            return {"type": "link", "value": {"title": title, "link": target}, "id": key}
        return None

    def menu(self) -> dict:
        entries = [e for e in as_list(self.site.navigation.get("links")) if isinstance(e, dict)]
        all_items = [self.menu_item(n, entry) for n, entry in enumerate(entries)]
        return {"items": [item for item in all_items if item is not None]}

    def footer(self) -> dict:
        data = self.site.footer
        links = []
        for role in FOOTER_ROLES:
            if target := self.required_link({"url": data.get(role)}, role, FOOTER):
                value = {"role": role, "title": "", "link": target}
                links.append({"type": "link", "value": value, "id": block_id("footer", role)})
        for n, entry in enumerate(as_list(data.get("links"))):
            if isinstance(entry, dict) and (
                target := self.required_link(entry, "Footer link", FOOTER)
            ):
                value = {"role": "link", "title": self.title(entry, FOOTER), "link": target}
                links.append({"type": "link", "value": value, "id": block_id("footer", "links", n)})
        social = as_dict(data.get("social_media"))
        return {
            "links": links,
            "show_reach": bool(data.get("show_reach")),
            "copyright_agency": text(data.get("copyright_agency")),
            **{name: text(social.get(name)) for name in SOCIAL},
        }


def map_settings(site: SiteDocument, page_keys: set[str]) -> SettingsPlan:
    settings = _Settings(site, page_keys)
    return SettingsPlan(settings.identity(), settings.menu(), settings.footer(), settings.notes)
