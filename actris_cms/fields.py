"""Model fields the apps define the same way."""

from django.db import models


def optional_link(to: str, *, on_delete=models.SET_NULL, help_text: str = "") -> models.ForeignKey:
    """An optional link to an image or document, with no reverse accessor."""
    return models.ForeignKey(
        to, null=True, blank=True, on_delete=on_delete, related_name="+", help_text=help_text
    )


# Languages a page may be written in besides the site's own (English): Singapore's official ones.
PAGE_LANGUAGES = [("", "The site's language (English)"), ("zh", "Chinese (中文)"),
                  ("ms", "Malay (Bahasa Melayu)"), ("ta", "Tamil (தமிழ்)")]  # fmt: skip


def page_language() -> models.CharField:
    """The language most of a page is in: its ``lang``, so screen readers pronounce it right."""
    return models.CharField(
        max_length=8,
        blank=True,
        choices=PAGE_LANGUAGES,
        verbose_name="language",
        help_text="The language most of this page is written in, so that screen readers read "
        "it right. Set by the import from the page's text.",
    )


HEADING_SIZES = [
    (2, "Large: the top headings at heading 2 size"),
    (3, "Medium: the top headings at heading 3 size"),
    (4, "Small: the top headings at heading 4 size"),
]


def heading_sizes() -> models.PositiveSmallIntegerField:
    """How large a body's headings look, apart from their level: Isomer pages often start at
    h3 or h4, whose smaller sizes the import keeps while making the levels consecutive."""
    return models.PositiveSmallIntegerField(
        choices=HEADING_SIZES,
        default=2,
        verbose_name="heading sizes",
        help_text="How large the body's headings look. Their levels (2, 3, 4) stay in order "
        "for screen readers; this only makes every level look one or two steps smaller. "
        "Set by the import from the Isomer page.",
    )
