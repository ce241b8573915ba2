"""Help texts built from the blocks' own limits, so that each limit is written down once.

A field's help text says what the field does; the sentence about its limit (characters, items,
picture size) comes from the same constant the block enforces or the template renders with.
"""

from actris_cms.renditions import PICTURES


def characters(limit: int, *, rich: bool = False) -> str:
    if rich:
        return f"Up to {limit} characters of text (formatting is not counted)."
    return f"Up to {limit} characters."


def with_sentence(help_text: str | None, sentence: str) -> str:
    """``help_text`` followed by ``sentence``, once (a help text may already end with it)."""
    help_text = (help_text or "").strip()
    if sentence in help_text:
        return help_text
    return f"{help_text} {sentence}".strip()


def at_most(limit: int, noun: str) -> str:
    return f"Up to {limit} {noun}."


def picture_size(kind: str) -> str:
    """Advice on the picture to upload for a kind of picture (``actris_cms.renditions``): the
    largest rendition the site makes of it, so the picture is never blown up."""
    largest = PICTURES[kind][0][-1].split("|")[0]  # e.g. "fill-1600x700-c50"
    operation, size = largest.split("-")[:2]
    if operation == "fill":
        width, height = size.split("x")
        return f"Use a picture at least {width} \u00d7 {height} px; it is cropped to that shape."
    if operation == "height":
        return f"Use a picture at least {size} px tall."
    return f"Use a picture at least {size} px wide."
