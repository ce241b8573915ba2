"""Model fields the apps define the same way."""

from django.db import models


def optional_link(to: str, *, on_delete=models.SET_NULL, help_text: str = "") -> models.ForeignKey:
    """An optional link to an image or document, with no reverse accessor."""
    return models.ForeignKey(
        to, null=True, blank=True, on_delete=on_delete, related_name="+", help_text=help_text
    )
