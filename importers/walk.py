"""The one walker over plain nested data (dicts and lists), used by every importer step."""

from collections.abc import Callable, Iterator


def transform(data, leaf: Callable, key=None):
    """A copy of ``data`` with dicts and lists rebuilt and every other value replaced by
    ``leaf(value, key)``, where ``key`` is the dict key the value sits under (None in lists)."""
    if isinstance(data, dict):
        return {name: transform(value, leaf, name) for name, value in data.items()}
    if isinstance(data, list | tuple):
        return [transform(value, leaf, None) for value in data]
    return leaf(data, key)


def leaves(data) -> Iterator:
    """Every value in ``data`` that is not a dict or a list, depth first."""
    if isinstance(data, dict):
        for value in data.values():
            yield from leaves(value)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from leaves(value)
    else:
        yield data
