"""The importer's one YAML loader: safe types only, bounded work, and the line of every value.

``yaml.SafeLoader`` builds plain data only (no Python objects, no custom tags). On top of that,
hostile files are refused before they cost time or memory: at most ``MAX_ALIASES`` aliases (an
"alias bomb" reuses a few nodes to describe billions), at most ``MAX_EXPANDED_NODES`` values
once aliases are expanded, and nesting at most ``MAX_DEPTH`` deep.
"""

from dataclasses import dataclass, field

import yaml

from .errors import IsomerImportError, Problem

MAX_ALIASES = 100
MAX_DEPTH = 40
MAX_EXPANDED_NODES = 200_000
HINT = "Check indentation and quote values that contain ':' or '#'."


class _TooMuch(Exception):  # noqa: N818 - a refusal, raised and caught inside this module
    def __init__(self, message: str, mark=None):
        super().__init__(message)
        self.mark = mark


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that counts aliases and nesting while composing."""

    def __init__(self, stream):
        super().__init__(stream)
        self.alias_count = 0
        self.depth = 0

    def construct_yaml_timestamp(self, node):
        """A date or time; one that does not exist (2024-02-30) stays text for the reader of
        the value to report, rather than stopping the whole file."""
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                raise _TooMuch(
                    f"more than {MAX_ALIASES} YAML aliases (*name); write the values out",
                    self.peek_event().start_mark,
                )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooMuch(
                f"values nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


@dataclass(frozen=True)
class LoadedYaml:
    data: object
    # Line (1-based, in the file) of each value, keyed by its path: ("sections", 0, "hero").
    lines: dict = field(default_factory=dict)

    def line_of(self, *path) -> int | None:
        """The line of the value at ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


def _expanded_size(node, sizes: dict) -> int:
    """How many values ``node`` stands for once every alias is written out (memoised)."""
    if id(node) in sizes:
        return sizes[id(node)]
    sizes[id(node)] = 1  # a node that contains itself counts once
    if isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, sizes) + _expanded_size(v, sizes) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(item, sizes) for item in node.value)
    else:
        size = 1
    sizes[id(node)] = size
    return size


def _index_lines(node, path, line, offset, lines, seen):
    """Record the file line of every value; a mapping entry is where its key is written."""
    lines[path] = line
    if id(node) in seen:  # an alias: its values were indexed where they were defined
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key_line = key_node.start_mark.line + offset
                _index_lines(value_node, (*path, key_node.value), key_line, offset, lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*path, index), item.start_mark.line + offset, offset, lines, seen)


def _error_at(file: str, message: str, mark, first_line: int) -> IsomerImportError:
    """The import error for ``message`` at ``mark`` (a YAML position, or None) in ``file``."""
    line, column = (mark.line + first_line, mark.column + 1) if mark else (None, None)
    return IsomerImportError([Problem(file, message, line, column)])


def _unacceptable_character(
    text: str, file: str, first_line: int, what: str, exc: yaml.reader.ReaderError
) -> IsomerImportError:
    """The error for a character YAML does not allow, at its line and column in ``file``."""
    position = exc.position if isinstance(exc.position, int) else 0
    line = text.count("\n", 0, position) + first_line
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    message = (
        f"Invalid YAML{f' in {what}' if what else ''}: an invisible character "
        f"(U+{code:04X}) that YAML does not allow. Delete it (it often comes with text pasted "
        "from another program) and retry."
    )
    return IsomerImportError([Problem(file, message, line, column)])


def load_yaml(text: str, file: str, first_line: int = 1, what: str = "") -> LoadedYaml:
    """Parse ``text`` (from ``file``, starting at ``first_line``) or raise IsomerImportError.

    ``what`` names the part of the file in messages ("the front matter").
    """
    try:
        # The reader checks every character as the loader is made: a control character such
        # as U+0002, pasted from another program, is refused here.
        loader = _BoundedLoader(text)
    except yaml.reader.ReaderError as exc:
        raise _unacceptable_character(text, file, first_line, what, exc) from None
    try:
        node = loader.get_single_node()
        if node is not None and _expanded_size(node, {}) > MAX_EXPANDED_NODES:
            raise _TooMuch(f"more than {MAX_EXPANDED_NODES:,} values once aliases are expanded")
        data = loader.construct_document(node) if node is not None else None
    except _TooMuch as exc:
        raise _error_at(file, f"Refused: the YAML has {exc}.", exc.mark, first_line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        message = f"Invalid YAML{f' in {what}' if what else ''}: {reason}"
        message += f" ({context})" if context else ""
        raise _error_at(file, f"{message}. {HINT}", mark, first_line) from exc
    except RecursionError:
        raise IsomerImportError(
            [Problem(file, f"Refused: the YAML is nested too deeply. {HINT}")]
        ) from None
    finally:
        loader.dispose()
    lines: dict = {}
    if node is not None:
        _index_lines(node, (), first_line, first_line, lines, set())
    return LoadedYaml(data, lines)


_BoundedLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _BoundedLoader.construct_yaml_timestamp
)
