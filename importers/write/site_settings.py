"""Site settings (identity, main menu, footer) saved only when they change, each value checked
by its model field as the admin form would check it."""

import json

from django.core.exceptions import ValidationError
from wagtail.models import Site

from siteconfig.models import Footer, MainMenu, SiteIdentity

from ..mapping.settings import CONFIG, FOOTER, NAVIGATION, SettingsPlan


class SettingsWriter:
    def __init__(self, report, resolver):
        self.report = report
        self.resolver = resolver

    def clean(self, instance, values: dict, file: str) -> dict:
        """Each value checked by its model field (shape, length, link policy); a refused value,
        or None, keeps the setting's current value (refusals are reported)."""
        for name, value in values.items():
            field = instance._meta.get_field(name)
            if value is None and not field.null:
                values[name] = getattr(instance, name)
                continue
            if field.is_relation or hasattr(field, "stream_block"):
                continue
            if field.get_internal_type() == "JSONField":
                continue
            try:
                values[name] = field.clean(value, instance)
            except ValidationError as error:
                self.report.add(
                    "invalid_setting",
                    f"{instance._meta.verbose_name} {field.verbose_name} {value!r} refused: "
                    f"{' '.join(error.messages)} Kept {getattr(instance, name)!r}.",
                    file,
                )
                values[name] = getattr(instance, name)
        return values

    def save(self, instance, values: dict, label: str, file: str) -> None:
        values = self.clean(instance, self.resolver.resolve(values, file), file)
        before = {}
        for name in values:
            value = getattr(instance, name)
            before[name] = list(value.raw_data) if hasattr(value, "raw_data") else value
        if json.dumps(before, sort_keys=True, default=str) == json.dumps(
            values, sort_keys=True, default=str
        ):
            return
        for name, value in values.items():
            setattr(instance, name, value)
        instance.save()
        self.report.count(f"{label} updated")

    def write(self, plan: SettingsPlan) -> None:
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        self.save(SiteIdentity.for_site(site), dict(plan.identity), "site identity", CONFIG)
        self.save(MainMenu.for_site(site), dict(plan.menu), "main menu", NAVIGATION)
        self.save(Footer.for_site(site), dict(plan.footer), "footer", FOOTER)
