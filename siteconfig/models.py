"""Site-wide values editors manage in Settings: identity, main menu, footer."""

from django.core.validators import RegexValidator
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from actris_cms.fields import optional_link
from blocks.links import LinkBlock, validate_web_url

colour = RegexValidator(r"^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$", "Use a hex colour such as #ffce06.")
# Analytics ids are written into the page for the trackers: only their documented shapes.
ANALYTICS_ID_SHAPES = {
    "google_analytics_ga4": (r"^G-[A-Z0-9]{4,20}$", "a GA4 measurement id such as G-ABC123XYZ"),
    "google_tag_manager": (r"^GTM-[A-Z0-9]{4,12}$", "a container id such as GTM-AB12CD3"),
    "facebook_pixel": (r"^[0-9]{5,20}$", "the pixel's number"),
    "linkedin_insights": (r"^[0-9]{3,12}$", "the partner id's number"),
}


def analytics_validator(name: str) -> RegexValidator:
    pattern, shape = ANALYTICS_ID_SHAPES[name]
    return RegexValidator(pattern, f"Use {shape}.")


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    select_related = ["logo", "favicon", "share_image"]  # every page shows them

    name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(
        blank=True, validators=[validate_web_url], help_text="The public address of the site."
    )
    primary_colour = models.CharField(max_length=7, default="#ffce06", validators=[colour])
    secondary_colour = models.CharField(max_length=7, default="#ffce06", validators=[colour])
    media_colours = models.JSONField(
        default=list, blank=True, help_text="Isomer's five media colours: [{title, color}]"
    )
    favicon = optional_link("wagtailimages.Image")
    logo = optional_link("wagtailimages.Image")
    share_image = optional_link("wagtailimages.Image")
    google_analytics_ga4 = models.CharField(
        max_length=64, blank=True, validators=[analytics_validator("google_analytics_ga4")]
    )
    google_tag_manager = models.CharField(
        max_length=64, blank=True, validators=[analytics_validator("google_tag_manager")]
    )
    facebook_pixel = models.CharField(
        max_length=64, blank=True, validators=[analytics_validator("facebook_pixel")]
    )
    linkedin_insights = models.CharField(
        max_length=64, blank=True, validators=[analytics_validator("linkedin_insights")]
    )
    is_government = models.BooleanField(default=False)
    extra_config = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Other _config.yml keys, kept for export.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("description"), FieldPanel("url")], "Site"),
        MultiFieldPanel(
            [
                FieldPanel("primary_colour"),
                FieldPanel("secondary_colour"),
                FieldPanel("media_colours"),
            ],
            "Colours",
        ),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("favicon"), FieldPanel("share_image")], "Images"
        ),
        MultiFieldPanel(
            [
                FieldPanel("google_analytics_ga4"),
                FieldPanel("google_tag_manager"),
                FieldPanel("facebook_pixel"),
                FieldPanel("linkedin_insights"),
            ],
            "Analytics",
        ),
        FieldPanel("is_government"),
    ]

    class Meta:
        verbose_name = "site identity"


class MenuLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=100)
    link = LinkBlock(required=True)

    class Meta:
        icon = "link"
        label = "Link"


class MenuSectionBlock(blocks.StructBlock):
    """A dropdown of a section's pages (Isomer: `collection:`) or the newsroom's categories."""

    title = blocks.CharBlock(max_length=100)
    page = blocks.PageChooserBlock(
        page_type=["content.SectionPage", "newsroom.NewsroomIndexPage"],
        help_text="The dropdown lists this page's children.",
    )

    class Meta:
        icon = "folder-open-inverse"
        label = "Section dropdown"


class MenuGroupBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=100)
    link = LinkBlock(required=False)
    sublinks = blocks.ListBlock(MenuLinkBlock())

    class Meta:
        icon = "list-ul"
        label = "Dropdown of links"


class MenuStreamBlock(blocks.StreamBlock):
    section = MenuSectionBlock()
    group = MenuGroupBlock()
    link = MenuLinkBlock()


@register_setting(icon="list-ul")
class MainMenu(BaseSiteSetting):
    items = StreamField(MenuStreamBlock(), blank=True, use_json_field=True)

    panels = [FieldPanel("items")]

    class Meta:
        verbose_name = "main menu"


FOOTER_ROLES = [
    ("contact_us", "Contact us"),
    ("feedback", "Feedback"),
    ("faq", "FAQ"),
    ("privacy_policy", "Privacy statement"),
    ("terms_of_use", "Terms of use"),
    ("report_vulnerability", "Report vulnerability"),
    ("link", "Other link"),
]
# What Isomer's footer links to when a site names nothing else; a link with the same role
# replaces the default.
FOOTER_DEFAULTS = {
    "report_vulnerability": "https://www.tech.gov.sg/report_vulnerability/",
    "privacy_policy": "/privacy/",
    "terms_of_use": "/terms-of-use/",
}
FOOTER_LABELS = {
    "contact_us": "Contact Us",
    "feedback": "Feedback",
    "faq": "FAQ",
    "privacy_policy": "Privacy Statement",
    "terms_of_use": "Terms of Use",
    "report_vulnerability": "Report Vulnerability",
}
# Isomer's order: the site's own links, then FAQ, Contact Us, Feedback, (REACH), Report
# Vulnerability, Privacy Statement, Terms of Use.
FOOTER_ORDER = [
    "link",
    "faq",
    "contact_us",
    "feedback",
    "reach",
    "report_vulnerability",
    "privacy_policy",
    "terms_of_use",
]
REACH = "https://www.reach.gov.sg/"


class FooterLinkValue(blocks.StructValue):
    @property
    def label(self) -> str:
        return self.get("title") or dict(FOOTER_ROLES).get(self.get("role"), "")


class FooterLinkBlock(blocks.StructBlock):
    role = blocks.ChoiceBlock(choices=FOOTER_ROLES, default="link")
    title = blocks.CharBlock(max_length=100, required=False)
    link = LinkBlock(required=True)

    class Meta:
        icon = "link"
        value_class = FooterLinkValue


@register_setting(icon="doc-full")
class Footer(BaseSiteSetting):
    links = StreamField([("link", FooterLinkBlock())], blank=True, use_json_field=True)
    show_reach = models.BooleanField(default=False, help_text="Show the REACH link.")
    copyright_agency = models.CharField(max_length=255, blank=True)
    facebook = models.URLField(blank=True, validators=[validate_web_url])
    twitter = models.URLField(blank=True, validators=[validate_web_url])
    youtube = models.URLField(blank=True, validators=[validate_web_url])
    instagram = models.URLField(blank=True, validators=[validate_web_url])
    linkedin = models.URLField(blank=True, validators=[validate_web_url])
    telegram = models.URLField(blank=True, validators=[validate_web_url])
    tiktok = models.URLField(blank=True, validators=[validate_web_url])

    SOCIAL = ["facebook", "twitter", "youtube", "instagram", "linkedin", "telegram", "tiktok"]

    panels = [
        FieldPanel(
            "links",
            help_text=(
                "Report Vulnerability, Privacy Statement and Terms of Use are always shown: they "
                "lead to Isomer's defaults (tech.gov.sg's form, /privacy/, /terms-of-use/) unless "
                "a link here has their role."
            ),
        ),
        FieldPanel("show_reach"),
        FieldPanel("copyright_agency"),
        MultiFieldPanel([FieldPanel(name) for name in SOCIAL], "Social media"),
    ]

    def social_links(self):
        return [(name, getattr(self, name)) for name in self.SOCIAL if getattr(self, name)]

    def bottom_links(self) -> list[tuple[str, str]]:
        """(label, address) of the footer's row of links, in Isomer's order, defaults filled in."""
        by_role = {}
        for item in self.links:
            value = item.value
            href = value["link"].href if value["link"] else ""
            label = value["title"] or FOOTER_LABELS.get(value["role"], "")
            if href and label:
                by_role.setdefault(value["role"], []).append((label, href))
        for role, href in FOOTER_DEFAULTS.items():
            by_role.setdefault(role, [(FOOTER_LABELS[role], href)])
        if self.show_reach:
            by_role["reach"] = [("REACH", REACH)]
        return [link for role in FOOTER_ORDER for link in by_role.get(role, [])]
