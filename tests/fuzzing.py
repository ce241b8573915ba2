"""Hostile and careless variations of a small real Isomer site, for the fuzz test and bench/fuzz.

The base site is a handful of the ACTRIS site's own files (config, navigation, footer, homepage,
a collection page, the contact page, a post). A mutation picks one of them and changes one value
somewhere in its YAML (front matter or data file) to something a person or an attacker might
write, or replaces its body with hostile HTML. A byte mutation flips bits, or inserts or
replaces bytes with control characters, Unicode non-characters and broken UTF-8, mostly inside
the YAML (front matter or data file), where the loader reads them.
"""

import datetime
import shutil
from pathlib import Path

import yaml
from hypothesis import strategies as st

BASE_FILES = [
    "_config.yml",
    "_data/navigation.yml",
    "_data/footer.yml",
    "index.md",
    "_about-us/About ACTRIS.md",
    "_about-us/collection.yml",
    "pages/contact-us.md",
    "newsroom-and-events/index.html",
    "newsroom-and-events/events/index.html",
    "newsroom-and-events/events/_posts/2022-03-30-post-CRIS Scientific Symposium 2022 – Advancing Clinical Research and Innovation in Singapore.md",
]
HOSTILE_STRINGS = [
    "javascript:alert(document.title='pwned')",
    "JaVaScRiPt:alert(1)",
    "javascript://%0aalert(1)",
    "/\\evil.example/path",
    "//evil.example/",
    "data:text/html,<script>alert(1)</script>",
    "[",
    "http://[::1",
    "../../../etc/passwd",
    "/_config.yml",
    "/.env",
    "/_data/secrets.yml",
    "2024-02-30",
    "<script>document.title='pwned'</script>",
    "<img src=x onerror=\"document.title='pwned'\">",
    "<svg onload=alert(1)>",
    "red}body{background:red",
    "{% for agency in site.data.agencies %}{{ agency.name }}{% endfor %}",
    "\x00",
    "%00",
    "a" * 300,
    "é" * 200,
    "#ffce06",
    "",
    "   ",
    "<div>" * 600 + "deep" + "</div>" * 600,
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 1, 1)),
    st.text(max_size=80),
    st.sampled_from(HOSTILE_STRINGS),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(["title", "url", "image", "alt", "x", "id"]), inner, max_size=4
        ),
    ),
    max_leaves=12,
)


def split(text: str) -> tuple[str | None, str]:
    """(front matter YAML, body) of a document; (whole text, "") of a data file."""
    if not text.startswith("---\n"):
        return None, text
    _, front, body = text.split("---\n", 2)
    return front, body


def paths(data, prefix=()):
    """Every path into nested data, the root included."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))


def replaced(data, path, value):
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {k: (replaced(v, rest, value) if k == head else v) for k, v in data.items()}
    return [replaced(v, rest, value) if i == head else v for i, v in enumerate(data)]


@st.composite
def mutations(draw, base: dict[str, str]):
    """A file of the base site and its mutated text."""
    name = draw(st.sampled_from(sorted(base)))
    text = base[name]
    front, body = split(text)
    if front is not None and draw(st.integers(0, 9)) == 0:
        return name, f"---\n{front}---\n{draw(st.sampled_from(HOSTILE_STRINGS))}\n"
    source = front if front is not None else body
    data = yaml.safe_load(source)
    path = draw(st.sampled_from(list(paths(data))))
    mutated = yaml.safe_dump(replaced(data, path, draw(VALUES)), allow_unicode=True)
    return name, (f"---\n{mutated}---\n{body}" if front is not None else mutated)


# Bytes a file picks up by accident: C0 controls (0x02 and 0x13 crashed the loader once), DEL,
# C1 controls and non-characters in UTF-8, a byte-order mark in the middle, lone UTF-8 lead and
# continuation bytes, an encoded surrogate, and Windows line ends.
ODD_BYTES = [
    *(bytes([code]) for code in (0x00, 0x01, 0x02, 0x07, 0x08, 0x0B, 0x0C, 0x13, 0x1B, 0x7F)),
    *(char.encode() for char in ("\x85", "\x9b", "\ufffe", "\uffff", "\ufdd0", "\ufeff")),
    b"\x80",
    b"\xc3",
    b"\xff",
    b"\xed\xa0\x80",
    b"\r",
    b"\r\n",
]


@st.composite
def byte_mutations(draw, base: dict[str, str]):
    """A file of the base site and its bytes with one to three bit flips, insertions or
    replacements; nine in ten land in its YAML."""
    name = draw(st.sampled_from(sorted(base)))
    data = bytearray(base[name].encode("utf-8"))
    front, _ = split(base[name])
    yaml_end = len(f"---\n{front}---\n".encode()) if front is not None else len(data)
    for _ in range(draw(st.integers(1, 3))):
        end = yaml_end if draw(st.integers(0, 9)) else len(data)
        at = draw(st.integers(0, max(end - 1, 0)))
        kind = draw(st.sampled_from(["flip", "insert", "replace"]))
        if kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        else:
            data[at : at + (kind == "replace")] = draw(st.sampled_from(ODD_BYTES))
    return name, bytes(data)


def any_mutations(base: dict[str, str]):
    """Value mutations (three in four) and byte mutations."""
    return st.one_of(mutations(base), mutations(base), mutations(base), byte_mutations(base))


def base_site(actris: Path) -> dict[str, str]:
    return {name: (actris / name).read_text(encoding="utf-8") for name in BASE_FILES}


def write_site(target: Path, base: dict[str, str], changes: dict[str, str | bytes]) -> Path:
    """The base site with ``changes`` (text, or bytes written as they are) at ``target``
    (replacing whatever was there)."""
    shutil.rmtree(target, ignore_errors=True)
    for name, text in {**base, **changes}.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return target
