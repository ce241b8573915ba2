"""Rules that apply to what editors type, and the switch the importer uses to relax them.

Isomer's web editor enforces field lengths and counts (see ISOMER.md). Editors working in Wagtail
get the same limits. Content imported from a real Isomer site may already exceed them; the
importer keeps such content whole (and lists it in its report), so while it validates imported
stream data it runs inside ``relaxed_editor_rules()``. Structural validation (types, link
schemes, required fields) is never relaxed.
"""

import html
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from wagtail import blocks

_relaxed = ContextVar("editor_rules_relaxed", default=False)
_kept = ContextVar("editor_rules_kept_values", default=frozenset())


@contextmanager
def relaxed_editor_rules():
    token = _relaxed.set(True)
    try:
        yield
    finally:
        _relaxed.reset(token)


def editor_rules_apply() -> bool:
    return not _relaxed.get()


@contextmanager
def stored_values_kept(values):
    """Within this block, texts already stored on the page pass the length limits unchanged.

    Imported content may be longer than the Isomer editor allowed; an editor who saves the page
    without touching such a text must not be stopped by it (the import's to-do list asks for it
    to be shortened). A text the editor changes must fit the limit.
    """
    token = _kept.set(frozenset(values))
    try:
        yield
    finally:
        _kept.reset(token)


def is_stored_value(value) -> bool:
    return getattr(value, "source", value) in _kept.get()


def visible_length(text: str, rich: bool) -> int:
    """Characters a reader sees: rich text is counted without its tags."""
    if rich:
        return len(html.unescape(strip_tags(text or "")).strip())
    return len(text or "")


def text_length(value) -> int:
    """Visible characters of a plain string or a RichText value."""
    if hasattr(value, "source"):
        return visible_length(value.source, rich=True)
    return visible_length(value, rich=False)


class EditorLimitMixin:
    """Adds an Isomer editor length limit that the importer may relax (unlike max_length)."""

    def __init__(self, *args, editor_limit: int | None = None, **kwargs):
        self.editor_limit = editor_limit
        super().__init__(*args, **kwargs)
        if editor_limit and "field" in self.__dict__:
            # Shown by the admin's character counter; the browser stops typing at the limit.
            self.field.widget.attrs.setdefault("maxlength", editor_limit)

    def clean(self, value):
        value = super().clean(value)
        if self.editor_limit and editor_rules_apply() and not is_stored_value(value):
            length = text_length(value)
            if length > self.editor_limit:
                raise ValidationError(
                    f"Keep this to {self.editor_limit} characters or fewer "
                    f"(it has {length}); shorten it.",
                    code="editor_limit",
                )
        return value


class LimitedCharBlock(EditorLimitMixin, blocks.CharBlock):
    pass


class LimitedTextBlock(EditorLimitMixin, blocks.TextBlock):
    pass


class LimitedRichTextBlock(EditorLimitMixin, blocks.RichTextBlock):
    def __init__(self, *args, editor_limit=None, **kwargs):
        # Rich text widgets have no maxlength; the limit is checked on save only.
        self.editor_limit = editor_limit
        blocks.RichTextBlock.__init__(self, *args, **kwargs)


INLINE_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
