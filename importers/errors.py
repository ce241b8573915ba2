"""Input the importer refuses: one ``Problem`` per thing to fix, with where it is."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """Something wrong with the input, with where it is and what to do about it."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class IsomerImportError(Exception):
    """Input the importer refuses. Carries one Problem per thing to fix; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def refuse(file, message: str, line: int | None = None, column: int | None = None):
    """Raise IsomerImportError for one problem."""
    raise IsomerImportError([Problem(str(file), message, line, column)])
