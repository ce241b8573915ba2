"""Make the site's web fonts: Lato 2.0 (SIL Open Font License 1.1) as WOFF2, served by the project
itself so that pages make no request to a font service.

    .venv/bin/python scripts/build_fonts.py [LATO_TTF_DIR]   (default: Debian's fonts-lato folder)

The files in static/fonts/ were made by this script from Debian's `fonts-lato` 2.0 package. The
conversion is lossless (every glyph, table and name kept: only the container changes), which the
OFL's web-font guidance treats as functionally equivalent, so the reserved name "Lato" stays. The
licence travels with the fonts in static/fonts/OFL.txt. Needs fontTools and brotli
(`pip install fonttools brotli`); they are not runtime dependencies.
"""

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "fonts"
# The weights the templates use: 400 body, 600 Isomer's semibold, 700 bold, with italics.
STYLES = ["Regular", "Italic", "Semibold", "SemiboldItalic", "Bold", "BoldItalic"]


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/lato")
    missing = [style for style in STYLES if not (source / f"Lato-{style}.ttf").is_file()]
    if missing:
        sys.exit(
            f"Lato TTF files not found in {source} ({', '.join(missing)}): apt-get install fonts-lato"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    for style in STYLES:
        font = TTFont(source / f"Lato-{style}.ttf")
        font.flavor = "woff2"
        target = OUT / f"lato-{style.lower()}.woff2"
        font.save(target)
        print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
