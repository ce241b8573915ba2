"""Stream data -> Isomer (Tiptap-style) HTML that the importer reads back into the same blocks."""

import html

from bs4 import BeautifulSoup
from wagtail.blocks import RichTextBlock

from importers.mapping.headings import shift_heading_levels


class BodyExporter:
    def __init__(self, page_url, document_url, image_path, image_by_id):
        self.page_url = page_url  # page id -> URL
        self.document_url = document_url  # document id -> site path
        self.image_path = image_path  # image -> site path
        self.image_by_id = image_by_id  # image id -> image, or None

    def rich_text(self, source: str) -> str:
        if "linktype" not in source and "<embed" not in source:
            return source
        soup = BeautifulSoup(source, "html.parser")
        for embed in soup.find_all("embed", embedtype="image"):
            image = self.image_by_id(int(embed["id"])) if embed.get("id", "").isdigit() else None
            if image is None:
                embed.decompose()
                continue
            picture = soup.new_tag("img", src=self.image_path(image), alt=embed.get("alt", ""))
            wrapper = soup.new_tag("div", attrs={"class": "isomer-image-wrapper"})
            wrapper.append(picture)
            embed.replace_with(wrapper)
        for anchor in soup.find_all("a"):
            kind = anchor.attrs.pop("linktype", None)
            object_id = anchor.attrs.pop("id", None)
            if kind == "page" and object_id:
                anchor["href"] = self.page_url(int(object_id)) or "#"
            elif kind == "document" and object_id:
                anchor["href"] = self.document_url(int(object_id)) or "#"
        return str(soup)

    def link(self, value) -> str:
        if not value:
            return ""
        page = value.get("page")
        if page is not None:
            return self.page_url(page.id) or ""
        return value.get("url") or ""

    def img(self, image_value, style: str = "") -> str:
        if image_value is None:
            return ""
        src = self.image_path(image_value)
        alt = image_value.contextual_alt_text or ""
        style = f' style="{html.escape(style)}"' if style else ""
        return f'<img src="{html.escape(src)}" alt="{html.escape(alt)}"{style}>'

    def block(self, block) -> str:
        export = getattr(self, f"export_{block.block_type}", None)
        return export(block.value) if export else ""

    def export_paragraph(self, value) -> str:
        return self.rich_text(value.source)

    def export_heading(self, value) -> str:
        level = value["level"]
        return f"<{level}>{html.escape(value['text'])}</{level}>"

    def export_image(self, value) -> str:
        """The picture where Isomer puts it (``importers.mapping.figures`` reads it back)."""
        position = value.get("position") or "centre"
        style = f"width: {value['width']}" if value.get("width") else ""
        if position.startswith("float-"):
            style = "; ".join(filter(None, [f"float: {position.removeprefix('float-')}", style]))
        img = self.img(value["image"], style)
        if href := self.link(value.get("link")):
            img = f'<a href="{html.escape(href)}">{img}</a>'
        if value.get("caption"):
            img = f"{img}<figcaption>{html.escape(value['caption'])}</figcaption>"
            wrapper = "figure"
        else:
            wrapper = "div"
        if position == "centre":
            return f'<{wrapper} class="isomer-image-wrapper">{img}</{wrapper}>'
        if position in ("left", "right"):
            return f'<{wrapper} style="text-align: {position}">{img}</{wrapper}>'
        return f"<{wrapper}>{img}</{wrapper}>"

    def export_embed(self, value) -> str:
        return f'<iframe src="{html.escape(value["url"])}" title="{html.escape(value["title"])}"></iframe>'

    def cell(self, cell) -> str:
        if isinstance(cell.block, RichTextBlock):
            return f"<td>{self.rich_text(cell.value.source) if cell.value else ''}</td>"
        return f"<td>{html.escape(cell.value or '')}</td>"

    def export_table(self, value) -> str:
        table = value["table"]
        parts = ["<table>"]
        if value.get("caption"):
            parts.append(f"<caption>{html.escape(value['caption'])}</caption>")
        if any(column["heading"] for column in table.columns):
            headings = "".join(f"<th>{html.escape(c['heading'])}</th>" for c in table.columns)
            parts.append(f"<thead><tr>{headings}</tr></thead>")
        rows = ["<tr>" + "".join(self.cell(cell) for cell in row) + "</tr>" for row in table.rows]
        return "".join([*parts, "<tbody>", *rows, "</tbody></table>"])

    def export_accordion(self, value) -> str:
        items = "".join(
            f'<details class="isomer-details"><summary>{html.escape(item["title"])}</summary>'
            f'<div class="isomer-details-content">{self.rich_text(item["body"].source)}</div>'
            "</details>"
            for item in value["items"]
        )
        return f'<div class="isomer-accordion">{items}</div>'

    def card(self, card) -> str:
        image = (
            f'<div class="isomer-card-image"><div class="isomer-image-wrapper">'
            f"{self.img(card['image'])}</div></div>"
            if card["image"]
            else ""
        )
        description = card["description"]
        if description:
            description = f'<div class="isomer-card-description">{html.escape(description)}</div>'
        title = f'<div class="isomer-card-title">{html.escape(card["title"])}</div>'
        more = card.get("link_text") or ""
        if more:
            more = f'<div class="isomer-card-link">{html.escape(more)}</div>'
        return (
            f'<a class="isomer-card" href="{html.escape(self.link(card["link"]))}">{image}'
            f'<div class="isomer-card-body">{title}{description}{more}</div></a>'
        )

    def export_cards(self, value) -> str:
        return (
            f'<div class="isomer-card-grid">{"".join(self.card(c) for c in value["cards"])}</div>'
        )

    def export_button(self, value) -> str:
        href = html.escape(self.link(value["link"]))
        return f'<a class="bp-button" href="{href}">{html.escape(value["label"])}</a>'

    def body(self, stream, headings_from: int = 2) -> str:
        """The page's blocks as Isomer HTML, headings at the levels the page shows them."""
        html = "\n".join(part for part in (self.block(block) for block in stream) if part) + "\n"
        return shift_heading_levels(html, headings_from)
