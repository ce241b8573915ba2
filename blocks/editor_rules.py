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
from django.forms.utils import ErrorList
from django.utils.html import strip_tags
from wagtail import blocks

from .guidance import characters, with_sentence

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
    """Characters a reader sees: rich text is counted without its tags, and a line break is one
    character (browsers send a textarea's as two, CR LF)."""
    text = (text or "").replace("\r\n", "\n")
    if rich:
        return len(html.unescape(strip_tags(text or "")).strip())
    return len(text or "")


def text_length(value) -> int:
    """Visible characters of a plain string or a RichText value."""
    if hasattr(value, "source"):
        return visible_length(value.source, rich=True)
    return visible_length(value, rich=False)


class EditorLimitMixin:
    """Adds an Isomer editor length limit that the importer may relax (unlike max_length).

    The help text ends with the limit (``editor_limit``, else ``max_length``), so editors read
    the number the block enforces.
    """

    rich_text = False

    def __init__(self, *args, editor_limit: int | None = None, **kwargs):
        self.editor_limit = editor_limit
        kwargs = self._with_limit_help(args, kwargs)
        super().__init__(*args, **kwargs)
        limit = editor_limit or kwargs.get("max_length")
        if limit and hasattr(self, "field"):  # a cached property on TextBlock: made here
            # No maxlength: the browser would cut pasted text at the limit without a word. The
            # editor's script counts instead (blocks/static/blocks/editor-limits.js) and saving over
            # the limit is refused with a message that gives both numbers.
            self.field.widget.attrs.pop("maxlength", None)
            self.field.widget.attrs["data-editor-limit"] = limit

    def _with_limit_help(self, args, kwargs) -> dict:
        limit = self.editor_limit or kwargs.get("max_length")
        if not limit:
            return kwargs
        help_text = with_sentence(kwargs.get("help_text"), characters(limit, rich=self.rich_text))
        # Frozen into migrations as editors see it (with_sentence does not add it twice).
        self._constructor_args = (args, {**self._constructor_args[1], "help_text": help_text})
        return {**kwargs, "help_text": help_text}

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
    """A CharBlock whose help text states its limit (``editor_limit`` and/or ``max_length``)."""


class LimitedTextBlock(EditorLimitMixin, blocks.TextBlock):
    pass


class LimitedRichTextBlock(EditorLimitMixin, blocks.RichTextBlock):
    rich_text = True

    def __init__(self, *args, editor_limit=None, **kwargs):
        # Rich text widgets have no maxlength; the limit is checked on save only.
        self.editor_limit = editor_limit
        kwargs = self._with_limit_help(args, kwargs)
        blocks.RichTextBlock.__init__(self, *args, **kwargs)


INLINE_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# Titles, captions and other one-line texts without an Isomer editor limit.
LINE_MAX_LENGTH = 255


class CheckedStructBlock(blocks.StructBlock):
    """A StructBlock with rules across its fields: ``errors_for`` maps child names to errors.

    Mixins (``ButtonMixin``, ``CappedListMixin``) add their rules by extending ``errors_for``,
    so one block reports every problem at once.
    """

    def clean(self, value):
        value = super().clean(value)
        if errors := self.errors_for(value):
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    def errors_for(self, value) -> dict:
        return {}


def list_error(message: str) -> blocks.list_block.ListBlockValidationError:
    return blocks.list_block.ListBlockValidationError(
        non_block_errors=ErrorList([ValidationError(message)])
    )


class CappedListMixin:
    """A list Isomer shows only the first ``limit`` items of: ``capped_list = (name, limit, noun)``.

    Editors may not add more (an editor rule, relaxed for imports, which keep every item and
    report the excess); templates show ``value.visible`` (see ``CappedListValue``).
    """

    capped_list: tuple[str, int, str]
    capped_message = "Show at most {limit} {noun}; remove the extra ones."
    at_least_one: str | None = None  # the message when the list must not be empty

    def errors_for(self, value) -> dict:
        errors = super().errors_for(value)
        name, limit, noun = self.capped_list
        count = len(value.get(name) or [])
        if editor_rules_apply() and count > limit:
            errors[name] = list_error(self.capped_message.format(limit=limit, noun=noun))
        elif editor_rules_apply() and self.at_least_one and count == 0:
            errors[name] = list_error(self.at_least_one)
        return errors


class CappedListValue(blocks.StructValue):
    @property
    def visible(self) -> list:
        """The items Isomer shows: the first ``limit`` of the capped list."""
        name, limit, _ = self.block.capped_list
        return list(self.get(name) or [])[:limit]
