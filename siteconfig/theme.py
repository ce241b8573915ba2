"""A site's colours as CSS custom properties, with text colours that pass WCAG AA.

Isomer paints its title band, key highlights and buttons in the site's primary colour, its
notification bar, bottom navigation and content headings in the secondary colour, and newsroom
tiles in five media colours, always with white text, and uses the colours themselves as text on
white. Where that fails WCAG AA (white on ACTRIS's yellow is 1.5:1), the colour stays and the
text colour changes: dark text on a light background, and for text in a brand colour a darker
shade of it that reaches 4.5:1 on white. Plain functions, no database.
"""

import colorsys
import re

from django.utils.functional import cached_property

WHITE = "#ffffff"
GREY_SECTION = "#f0f4f6"  # the homepage's alternate sections: brand-coloured text sits on it too
DARK_TEXT = "#1a1a1a"  # Isomer's near-black body ink, 17.4:1 on white
AA_TEXT = 4.5
HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
# Isomer's defaults when _config.yml names no colours (the theme's media-colors, in order).
DEFAULT_PRIMARY = "#6031b6"
DEFAULT_SECONDARY = "#4372d6"
DEFAULT_MEDIA = ["#4372d6", "#744d9f", "#00838f", "#9b9b9b", "#f5a623"]


def normalise(colour: str, default: str) -> str:
    """``#abc`` -> ``#aabbcc``; anything that is not a hex colour -> ``default``."""
    match = HEX.match(str(colour or "").strip())
    if not match:
        return default
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.lower()


def rgb(colour: str) -> tuple[float, float, float]:
    value = normalise(colour, "#000000")
    return tuple(int(value[i : i + 2], 16) / 255 for i in (1, 3, 5))


def to_hex(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in (red, green, blue))


def luminance(colour: str) -> float:
    """WCAG relative luminance."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def shade(colour: str, lightness_change: float) -> str:
    """The colour with its HSL lightness moved by ``lightness_change`` (-0.1 is 10% darker),
    as Sass's darken()/lighten() do for Isomer's hover and border shades."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*rgb(colour))
    lightness = max(0.0, min(1.0, lightness + lightness_change))
    return to_hex(*colorsys.hls_to_rgb(hue, lightness, saturation))


def text_on(background: str) -> str:
    """White when it reaches AA on ``background``, as Isomer draws it; else dark text."""
    return WHITE if contrast(WHITE, background) >= AA_TEXT else DARK_TEXT


def ink(colour: str, background: str = WHITE) -> str:
    """``colour`` as text on ``background``: itself when it reaches AA, else the nearest darker
    shade that does (keeping its hue)."""
    candidate = normalise(colour, DARK_TEXT)
    step = 0
    while contrast(candidate, background) < AA_TEXT and step < 100:
        step += 1
        candidate = shade(colour, -0.01 * step)
    return candidate


class Theme:
    """The colour tokens of one site."""

    def __init__(self, primary: str = "", secondary: str = "", media: list | None = None):
        self.primary = normalise(primary, DEFAULT_PRIMARY)
        self.secondary = normalise(secondary, DEFAULT_SECONDARY)
        colours = [item.get("color") if isinstance(item, dict) else item for item in (media or [])]
        self.media = [
            normalise(colours[i] if i < len(colours) else "", DEFAULT_MEDIA[i]) for i in range(5)
        ]

    @classmethod
    def for_identity(cls, identity) -> "Theme":
        if identity is None:
            return cls()
        return cls(identity.primary_colour, identity.secondary_colour, identity.media_colours)

    @cached_property
    def tokens(self) -> dict[str, str]:
        tokens = {
            "primary": self.primary,
            "primary-dark": shade(self.primary, -0.1),
            "on-primary": text_on(self.primary),
            "primary-ink": ink(self.primary, GREY_SECTION),
            "secondary": self.secondary,
            "secondary-dark": shade(self.secondary, -0.1),
            "secondary-light": shade(self.secondary, 0.1),
            "on-secondary": text_on(self.secondary),
            "on-secondary-dark": text_on(shade(self.secondary, -0.1)),
            "secondary-ink": ink(self.secondary, GREY_SECTION),
        }
        for number, colour in enumerate(self.media, start=1):
            tokens[f"media-{number}"] = colour
            tokens[f"media-{number}-dark"] = shade(colour, -0.1)
            tokens[f"on-media-{number}"] = text_on(colour)
        return tokens

    def css(self) -> str:
        body = "".join(f"  --{name}: {value};\n" for name, value in self.tokens.items())
        return ":root {\n" + body + "}\n"

    def departures(self) -> list[tuple[str, str, float, str, float]]:
        """Where the site's colours would fail AA as Isomer uses them: (where, Isomer's text
        colour, its contrast, the colour used here, its contrast)."""
        checks = [
            ("white text on primary", WHITE, self.primary, self.tokens["on-primary"]),
            ("white text on secondary", WHITE, self.secondary, self.tokens["on-secondary"]),
            ("primary as text on white", self.primary, WHITE, self.tokens["primary-ink"]),
            ("secondary as text on white", self.secondary, WHITE, self.tokens["secondary-ink"]),
        ]
        checks += [
            (f"white text on media colour {n}", WHITE, c, self.tokens[f"on-media-{n}"])
            for n, c in enumerate(self.media, start=1)
        ]
        result = []
        for where, original, other, used in checks:
            before = contrast(original, other)
            if before < AA_TEXT:
                result.append(
                    (where, original, round(before, 2), used, round(contrast(used, other), 2))
                )
        return result
