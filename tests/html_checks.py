"""A strict-enough HTML well-formedness check for rendered pages (no extra dependency)."""

from html.parser import HTMLParser

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# Elements whose end tag HTML lets authors omit; our templates always close them anyway.
OPTIONAL_END = set()


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []
        self.ids: dict[str, int] = {}
        self.errors: list[str] = []
        self.headings: list[int] = []
        self.landmarks: set[str] = set()
        self.images_without_alt: list[int] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        attrs = dict(attrs)
        if "id" in attrs:
            if attrs["id"] in self.ids:
                self.errors.append(f"line {line}: duplicate id {attrs['id']!r}")
            self.ids[attrs["id"]] = line
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        if tag in {"header", "main", "footer", "nav"}:
            self.landmarks.add(tag)
        if tag == "img" and "alt" not in attrs:
            self.images_without_alt.append(line)
        if tag not in VOID:
            self.stack.append((tag, line))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        line = self.getpos()[0]
        if tag in VOID:
            return
        if not self.stack:
            self.errors.append(f"line {line}: </{tag}> closes nothing")
            return
        open_tag, open_line = self.stack.pop()
        if open_tag != tag:
            self.errors.append(
                f"line {line}: </{tag}> closes <{open_tag}> opened on line {open_line}"
            )


def check_html(document: str) -> "_Checker":
    checker = _Checker()
    checker.feed(document)
    checker.close()
    for tag, line in checker.stack:
        checker.errors.append(f"line {line}: <{tag}> is never closed")
    return checker


def assert_valid_html(document: str) -> "_Checker":
    checker = check_html(document)
    assert not checker.errors, "\n".join(checker.errors[:20])
    assert not checker.images_without_alt, (
        f"<img> without alt on lines {checker.images_without_alt}"
    )
    assert checker.headings.count(1) == 1, f"expected one h1, found {checker.headings.count(1)}"
    previous = 1
    for level in checker.headings[1:]:
        assert level <= previous + 1, f"heading order skips from h{previous} to h{level}"
        previous = level
    return checker
