"""The admin form for pages whose blocks carry Isomer's editor limits."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.fields import StreamField

from .editor_rules import stored_values_kept


def stored_texts(data):
    """Every string in raw stream data."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from stored_texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from stored_texts(value)


class KeepsStoredTextsPageForm(WagtailAdminPageForm):
    """The admin form of every page type: validates with the page's stored texts exempt from
    length limits (see stored_values_kept), and never lets the browser cut a text at its limit.

    Django gives a field with a max_length the HTML maxlength, and the browser then cuts pasted
    text at the limit without a word (a title, a summary). Here the limit is counted instead
    (blocks/static/blocks/editor-limits.js) and saving over it is refused with both numbers.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if limit := getattr(field, "max_length", None):
                field.widget.attrs.pop("maxlength", None)
                field.widget.attrs["data-editor-limit"] = limit

    def full_clean(self):
        texts = set()
        if self.instance.pk:
            for field in self.instance._meta.get_fields():
                if isinstance(field, StreamField):
                    texts.update(stored_texts(list(getattr(self.instance, field.name).raw_data)))
        with stored_values_kept(texts):
            super().full_clean()

    def _post_clean(self):
        super()._post_clean()  # the model's own checks, the slug's among them
        # No title and so no slug (the admin makes one from the title): the title's own error
        # says what to do; "Slug: This field cannot be blank" on the hidden Promote tab misleads.
        if "title" in self.errors and not self.data.get("slug"):
            self.errors.pop("slug", None)
