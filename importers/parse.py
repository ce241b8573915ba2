"""Step 2: split off the YAML front matter and parse it safely, remembering source lines."""

from dataclasses import dataclass, field

import yaml

from .problems import IsomerImportError, Problem
from .read import SourceDocument

FENCE = "---"


@dataclass(frozen=True)
class ParsedDocument:
    source: SourceDocument
    data: object
    # Line (1-based, in the file) of each value, keyed by its path: ("sections", 0, "hero").
    lines: dict = field(default_factory=dict)
    body: str = ""  # what follows the front matter
    body_line: int = 1

    @property
    def name(self) -> str:
        return str(self.source.path)

    def line_of(self, *path) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def split_front_matter(source: SourceDocument) -> tuple[str, int, str, int]:
    """The YAML text, the file line it starts on, the body and the body's first line."""
    lines = source.text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise IsomerImportError(
            [
                Problem(
                    str(source.path),
                    "No front matter: an Isomer document starts with a line '---', then YAML, "
                    "then a closing '---'.",
                    1,
                )
            ]
        )
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in (FENCE, "..."):
            return "\n".join(lines[1 : number - 1]), 2, "\n".join(lines[number:]), number + 1
    raise IsomerImportError(
        [Problem(str(source.path), "The front matter is never closed; add a line '---' after it.")]
    )


def _index_lines(node, path, line, offset, lines):
    """Record the file line of every value; a mapping entry is where its key is written."""
    lines[path] = line
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key_line = key_node.start_mark.line + offset
                _index_lines(value_node, (*path, key_node.value), key_line, offset, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*path, index), item.start_mark.line + offset, offset, lines)


def parse_front_matter(source: SourceDocument) -> ParsedDocument:
    text, first_line, body, body_line = split_front_matter(source)
    try:
        # SafeLoader only: no Python objects, no arbitrary tags.
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        message = f"Invalid YAML in the front matter: {reason}"
        if context:
            message += f" ({context})"
        message += ". Check indentation and quote values that contain ':' or '#'."
        raise IsomerImportError(
            [
                Problem(
                    str(source.path),
                    message,
                    mark.line + first_line if mark else None,
                    mark.column + 1 if mark else None,
                )
            ]
        ) from exc
    lines: dict = {}
    if node is not None:
        _index_lines(node, (), first_line, first_line, lines)
    return ParsedDocument(source, data, lines, body, body_line)
