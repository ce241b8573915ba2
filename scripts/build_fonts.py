"""Make the site's web fonts from Lato 2.0 (SIL Open Font License 1.1), served by the project
itself so that pages make no request to a font service.

    /path/to/venv-with-fonttools/bin/python scripts/build_fonts.py [LATO_TTF_DIR]
    (default: Debian's fonts-lato folder; needs `pip install fonttools brotli`, which are not
    runtime dependencies)

Each style is split in two WOFF2 files by Unicode range, as font services do: ``-latin`` (Basic
Latin, Latin-1, the common punctuation and symbols: everything an English page uses, about
38 KB) and ``-more`` (every other character Lato has: Latin Extended, Greek, Cyrillic...). The
stylesheet declares both with ``unicode-range``, so a browser downloads the second only for a
page that uses one of its characters. A full Lato file is about 205 KB; three styles of it were
over 600 KB of a phone's first view.

Splitting is a modification under the OFL, and "Lato" is a Reserved Font Name, so the files are
named "Actris Sans" (family and full names in the font's name table); the glyphs, metrics,
kerning and hinting are Lato's, unchanged. The licence travels with the fonts in
static/fonts/OFL.txt.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "fonts"
FAMILY = "Actris Sans"
# The weights the templates use: 400 body, 600 Isomer's semibold, 700 bold, with italics.
STYLES = {  # Lato's file name: (weight, italic)
    "Regular": (400, False),
    "Italic": (400, True),
    "Semibold": (600, False),
    "SemiboldItalic": (600, True),
    "Bold": (700, False),
    "BoldItalic": (700, True),
}
# What an English page uses (the "latin" range font services serve by default).
LATIN = [
    (0x0000, 0x00FF), (0x0131, 0x0131), (0x0152, 0x0153), (0x02BB, 0x02BC), (0x02C6, 0x02C6),
    (0x02DA, 0x02DA), (0x02DC, 0x02DC), (0x0304, 0x0304), (0x0308, 0x0308), (0x0329, 0x0329),
    (0x2000, 0x206F), (0x20AC, 0x20AC), (0x2122, 0x2122), (0x2191, 0x2191), (0x2193, 0x2193),
    (0x2212, 0x2212), (0x2215, 0x2215), (0xFEFF, 0xFEFF), (0xFFFD, 0xFFFD),
]  # fmt: skip


def in_latin(codepoint: int) -> bool:
    return any(low <= codepoint <= high for low, high in LATIN)


def unicode_range(codepoints: list[int]) -> str:
    """CSS unicode-range for ``codepoints``: consecutive ones joined into ranges."""
    ranges, start, previous = [], None, None
    for codepoint in sorted(codepoints):
        if start is None:
            start = previous = codepoint
        elif codepoint == previous + 1:
            previous = codepoint
        else:
            ranges.append((start, previous))
            start = previous = codepoint
    if start is not None:
        ranges.append((start, previous))
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in ranges)


def renamed(font: TTFont, style: str) -> None:
    """The font's names say "Actris Sans" (the OFL's Reserved Font Name rule)."""
    subfamily = {"Regular": "Regular", "Italic": "Italic", "Bold": "Bold"}.get(style, style)
    names = {
        1: FAMILY,
        2: subfamily,
        3: f"{FAMILY.replace(' ', '')}-{style}",
        4: f"{FAMILY} {style}",
        6: f"{FAMILY.replace(' ', '')}-{style}",
        16: FAMILY,
        17: style,
    }
    table = font["name"]
    table.names = [record for record in table.names if record.nameID not in names]
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)


def build(source: Path, style: str, part: str, codepoints: list[int]) -> Path:
    font = TTFont(source)
    options = subset.Options()
    options.layout_features = ["*"]  # kerning and ligatures as Lato has them
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    renamed(font, style)
    target = OUT / f"actris-sans-{style.lower()}-{part}.woff2"
    font.flavor = "woff2"
    font.save(target)
    return target


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/lato")
    missing = [style for style in STYLES if not (source / f"Lato-{style}.ttf").is_file()]
    if missing:
        sys.exit(
            f"Lato TTF files not found in {source} ({', '.join(missing)}): apt-get install fonts-lato"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    faces = []
    for style, (weight, italic) in STYLES.items():
        path = source / f"Lato-{style}.ttf"
        every = sorted(TTFont(path).getBestCmap())
        parts = {
            "latin": [c for c in every if in_latin(c)],
            "more": [c for c in every if not in_latin(c)],
        }
        for part, codepoints in parts.items():
            target = build(path, style, part, codepoints)
            print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB")
            faces.append(
                f'@font-face {{ font-family: "{FAMILY}"; font-style: '
                f"{'italic' if italic else 'normal'}; font-weight: {weight}; font-display: swap; "
                f'src: url("../fonts/{target.name}") format("woff2"); '
                f"unicode-range: {unicode_range(codepoints)}; }}"
            )
    print("\n/* for static/css/site.css */\n" + "\n".join(faces))


if __name__ == "__main__":
    main()
