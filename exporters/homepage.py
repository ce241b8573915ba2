"""The homepage's blocks -> Isomer ``sections``, by the importer's own section table.

Isomer has no embed section: an embed goes back as an ``<iframe>`` at the end of the text of
the section before it, which is where the importer found it (importers/normalise/frames.py).
"""

import html

from importers import sections as kind
from importers.sections import SECTIONS

BOX_SETTINGS = ("alignment", "backgroundColor", "size")


def iframe_html(value) -> str:
    """An embed block's value as the ``<iframe>`` Isomer renders."""
    src, title = html.escape(value["url"]), html.escape(value["title"])
    return f'<iframe src="{src}" title="{title}" allowfullscreen></iframe>'


def text_holder(section: dict) -> tuple[dict, str] | None:
    """The (mapping, key) of the rich text an iframe can be appended to in an exported
    section: its own description, else the last item's rich text; None when it has none."""
    ((name, fields),) = section.items()
    spec = SECTIONS[name]
    if spec.is_list:
        rows, items = spec.fields, fields
    elif any(row.kind == kind.RICH and row.isomer == ("description",) for row in spec.fields):
        return fields, "description"
    else:
        row = next((row for row in spec.fields if row.kind == kind.ITEMS), None)
        rows, items = (row.items, fields.get(row.isomer[0])) if row else ((), None)
    rich = [row.isomer[0] for row in rows if row.kind == kind.RICH]
    return (items[-1], rich[0]) if items and rich else None


def compact(data: dict) -> dict:
    """Isomer leaves empty fields out."""
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


class SectionExporter:
    """Block values back to Isomer keys; ``site`` gives links, image paths and rich text."""

    def __init__(self, site):
        self.site = site

    def rich(self, value) -> str:
        return self.site.body.rich_text(value.source) if value else ""

    def image(self, image) -> str:
        return self.site.image_url(image) if image else ""

    def fields(self, rows, value) -> dict:
        out = {}
        for row in rows:
            keys, names = row.isomer, row.block
            if row.kind == kind.ITEMS:
                out[keys[0]] = [compact(self.fields(row.items, item)) for item in value[names[0]]]
            elif row.kind == kind.GROUP:
                out[keys[0]] = compact(self.fields(row.items, value))
            elif row.kind == kind.BUTTON:
                out.update({keys[0]: value[names[0]], keys[1]: self.site.link(value[names[1]])})
            elif row.kind == kind.IMAGE_ALT:
                image = value[names[0]]
                alt = image.contextual_alt_text if image else ""
                out.update({keys[0]: self.image(image), keys[1]: alt})
            else:
                out[keys[0]] = self.value(row.kind, value[names[0]])
        return out

    def value(self, field_kind: str, value):
        if field_kind == kind.RICH:
            return self.rich(value)
        if field_kind == kind.LINK:
            return self.site.link(value)
        if field_kind == kind.IMAGE:
            return self.image(value)
        return value  # TEXT, CHOICE

    def sections(self, body) -> list[dict]:
        """Isomer ``sections`` for the stream ``body``; embeds join the section before them."""
        out = []
        for block in body:
            if block.block_type != "embed":
                out.append(self.section(block))
                continue
            holder = text_holder(out[-1]) if out else None
            if holder is None:  # nothing to hold it: a band of its own
                out.append({"infobar": {}})
                holder = out[-1]["infobar"], "description"
            fields, key = holder
            fields[key] = fields.get(key, "") + iframe_html(block.value)
        return out

    def section(self, block) -> dict:
        spec = SECTIONS[block.block_type]
        value = block.value
        if spec.is_list:
            items = value[spec.list_block]
            return {spec.name: [compact(self.fields(spec.fields, item)) for item in items]}
        fields = self.fields(spec.fields, value)
        if spec.name == "hero":
            if not value["dropdown_options"]:
                fields.pop("dropdown", None)
            if value["variant"] not in ("side", "floating"):
                for key in BOX_SETTINGS:
                    fields.pop(key, None)
        return {spec.name: compact(fields)}
