"""The site's icons as inline SVG (drawn for this project on a 24 px grid, in currentColor):
no icon font, no request, nothing for a screen reader to announce (the text beside each icon,
visible or visually hidden, names it)."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# name: (SVG children, "stroke" or "fill")
ICONS = {
    "search": ('<circle cx="10.5" cy="10.5" r="6.5"/><path d="M15.5 15.5 21 21"/>', "stroke"),
    "chevron-down": ('<path d="m6 9 6 6 6-6"/>', "stroke"),
    "arrow-right": ('<path d="M4 12h15M13 6l6 6-6 6"/>', "stroke"),
    "arrow-left": ('<path d="M20 12H5M11 6l-6 6 6 6"/>', "stroke"),
    "close": ('<path d="M6 6l12 12M18 6 6 18"/>', "stroke"),
    "print": (
        '<path d="M7 9V3h10v6M7 17H4v-8h16v8h-3"/><path d="M7 14h10v7H7z"/>',
        "stroke",
    ),
    "link": (
        '<path d="M10 14a4.5 4.5 0 0 0 6.4 0l3-3a4.5 4.5 0 0 0-6.4-6.4l-1.2 1.2"/>'
        '<path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3 3a4.5 4.5 0 0 0 6.4 6.4l1.2-1.2"/>',
        "stroke",
    ),
    "mail": ('<path d="M3 5h18v14H3z"/><path d="m3 6 9 7 9-7"/>', "stroke"),
    "external": ('<path d="M14 4h6v6M20 4l-9 9"/><path d="M18 14v6H4V6h6"/>', "stroke"),
    "download": ('<path d="M12 3v12M7 10l5 5 5-5M4 20h16"/>', "stroke"),
    "facebook": (
        '<path d="M13.5 21v-7.5H16l.5-3h-3V8.6c0-.9.3-1.5 1.6-1.5h1.6V4.4c-.3 0-1.2-.1-2.3-.1'
        '-2.3 0-3.9 1.4-3.9 4v2.2H8v3h2.5V21z"/>',
        "fill",
    ),
    "linkedin": (
        '<path d="M4 3h16a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm1.8 '
        "7.2V18h2.6v-7.8zm1.3-4a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zM10.3 10.2V18h2.6v-4.2c0-1.1"
        ".2-2.2 1.6-2.2 1.3 0 1.4 1.3 1.4 2.3V18h2.6v-4.6c0-2.3-.5-4-3.1-4-1.3 0-2.1.7-2.5 1.3v-1"
        '.1z"/>',
        "fill",
    ),
    "twitter": (
        '<path d="M4 4h4.6l4 5.6L17.4 4H20l-6.2 7.2L20.5 20h-4.6l-4.3-6-5.2 6H4l6.5-7.5zm2.8 '
        '1.4 9.7 13.2h1.3L8.2 5.4z"/>',
        "fill",
    ),
    "youtube": (
        '<path d="M21.6 7.2a2.5 2.5 0 0 0-1.8-1.8C18.2 5 12 5 12 5s-6.2 0-7.8.4a2.5 2.5 0 0 0'
        "-1.8 1.8C2 8.8 2 12 2 12s0 3.2.4 4.8a2.5 2.5 0 0 0 1.8 1.8c1.6.4 7.8.4 7.8.4s6.2 0 7.8"
        '-.4a2.5 2.5 0 0 0 1.8-1.8c.4-1.6.4-4.8.4-4.8s0-3.2-.4-4.8zM10 15V9l5.2 3z"/>',
        "fill",
    ),
    "instagram": (
        '<path d="M8 3h8a5 5 0 0 1 5 5v8a5 5 0 0 1-5 5H8a5 5 0 0 1-5-5V8a5 5 0 0 1 5-5zm0 2a3 3 '
        "0 0 0-3 3v8a3 3 0 0 0 3 3h8a3 3 0 0 0 3-3V8a3 3 0 0 0-3-3zm4 3a4 4 0 1 1 0 8 4 4 0 0 1 0"
        '-8zm0 2a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm5-3.5a1 1 0 1 1 0 2 1 1 0 0 1 0-2z"/>',
        "fill",
    ),
    "telegram": (
        '<path d="M21.5 4.2 2.9 11.4c-1 .4-1 1.6.1 1.9l4.7 1.4 1.8 5.6c.2.7 1.1.9 1.6.4l2.6-2.5 '
        "4.9 3.6c.7.5 1.6.1 1.8-.7L22.9 5.5c.2-.9-.6-1.6-1.4-1.3zM9.6 14.3l8.6-6.6-6.9 7.4-.3 3.1"
        'z"/>',
        "fill",
    ),
    "tiktok": (
        '<path d="M16.5 3h-3.2v12.2a2.8 2.8 0 1 1-2-2.7V9.2a6 6 0 1 0 5.2 6V8.9a7.4 7.4 0 0 0 '
        '4.2 1.3V7a4.2 4.2 0 0 1-4.2-4z"/>',
        "fill",
    ),
    # The masthead's red lion-head mark: a rounded head with a mane, drawn simply.
    "crest": (
        '<path d="M12 2.5c-3.6 0-6.8 2.4-7.6 6-.7 3 .4 6.1 2.7 8l.9 4.5 2.2-2.4 1.8 2.9 1.6-3 '
        "2.7 1.6-.6-3.4c2.9-1.4 4.6-4.6 4-7.8C19.2 5 15.9 2.5 12 2.5zm-1.2 5.2 3.6 1.8-1.9 1.2 "
        '2.5 2.1-3.9-.8-1.6 2.4.2-3.3-2.5-1.3 2.8-.6z"/>',
        "fill",
    ),
}


def icon_svg(name: str, css_class: str = "icon") -> str:
    children, kind = ICONS[name]
    paint = (
        'fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" '
        'stroke-linejoin="round"'
        if kind == "stroke"
        else 'fill="currentColor"'
    )
    return format_html(
        '<svg class="{} icon--{}" viewBox="0 0 24 24" width="24" height="24" {} '
        'aria-hidden="true" focusable="false">{}</svg>',
        css_class,
        name,
        mark_safe(paint),  # noqa: S308 - a constant of this module
        mark_safe(children),  # noqa: S308 - a constant of this module
    )
