"""Where a picture sits in an Isomer page body and how wide it is: the image block's position
and width, read from the <img> and the elements around it. Plain functions of the parsed HTML.

Isomer draws a picture at its own size (never wider than the text) unless the page says
otherwise: the CMS's image wrapper (``<div class="isomer-image-wrapper">``) centres it, a
``style="width: 300px"`` or ``width="50%"`` sizes it, ``float`` or ``align`` puts the text beside
it, and ``text-align`` on the paragraph around it moves it left, centre or right.
"""

import re

from bs4 import Tag

from blocks.article import FIGURE_WIDTH

STYLE_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*([0-9.]+)\s*(px|%)", re.I)
STYLE_FLOAT = re.compile(r"(?:^|;)\s*float\s*:\s*(left|right)", re.I)
STYLE_ALIGN = re.compile(r"(?:^|;)\s*text-align\s*:\s*(left|center|right)", re.I)
STYLE_AUTO_MARGINS = re.compile(r"margin(?:-left)?\s*:\s*[^;]*\bauto\b", re.I)
SIDES = {"left": "left", "center": "centre", "right": "right"}
# How far up to look for the wrapper or paragraph that places the picture.
WRAPPER_DEPTH = 3


def figure_width(img: Tag) -> str:
    """ "300px" or "50%" from the picture's style or width attribute; "" for its own size."""
    style = img.get("style") or ""
    match = STYLE_WIDTH.search(style)
    if match:
        number, unit = match.groups()
    else:
        attribute = (img.get("width") or "").strip().lower()
        plain = re.fullmatch(r"([0-9.]+)\s*(px|%)?", attribute)
        if not plain:
            return ""
        number, unit = plain.group(1), plain.group(2) or "px"
    try:
        value = round(float(number))
    except ValueError:
        return ""
    width = f"{value}{unit.lower()}"
    if unit == "%" and value >= 100:
        return "100%"
    return width if FIGURE_WIDTH.match(width) else ""


def figure_position(img: Tag) -> str:
    """One of the image block's positions (``blocks.article.FIGURE_POSITIONS``)."""
    style = img.get("style") or ""
    side = (STYLE_FLOAT.search(style) or [None, None])[1] or (img.get("align") or "").lower()
    if side in ("left", "right"):
        return f"float-{side}"
    if STYLE_AUTO_MARGINS.search(style):
        return "centre"
    for depth, parent in enumerate(img.parents):
        if depth >= WRAPPER_DEPTH or not isinstance(parent, Tag) or parent.name == "[document]":
            break
        if "isomer-image-wrapper" in (parent.get("class") or []) or parent.name == "center":
            return "centre"
        align = STYLE_ALIGN.search(parent.get("style") or "") or (
            [None, parent.get("align")] if parent.get("align") else None
        )
        if align and (side := SIDES.get(str(align[1]).lower())):
            return side
    return "left"
