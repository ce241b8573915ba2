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
    """Validates with the page's stored texts exempt from length limits (see stored_values_kept)."""

    def full_clean(self):
        texts = set()
        if self.instance.pk:
            for field in self.instance._meta.get_fields():
                if isinstance(field, StreamField):
                    texts.update(stored_texts(list(getattr(self.instance, field.name).raw_data)))
        with stored_values_kept(texts):
            super().full_clean()
