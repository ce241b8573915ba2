"""Step 1: read an Isomer document from disk, refusing what is not a text document."""

from dataclasses import dataclass
from pathlib import Path

from .problems import IsomerImportError, Problem

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    text: str


def read_document(path: str | Path) -> SourceDocument:
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise IsomerImportError([Problem(name, "File not found; check the path.")])
    if path.is_dir():
        raise IsomerImportError(
            [Problem(name, "This is a folder; give the path of the homepage document (index.md).")]
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IsomerImportError([Problem(name, f"Cannot read the file ({exc.strerror}).")]) from exc
    if len(data) > MAX_DOCUMENT_BYTES:
        raise IsomerImportError(
            [Problem(name, f"The file is {len(data):,} bytes; an Isomer document is far smaller.")]
        )
    if b"\x00" in data[:8192]:
        raise IsomerImportError(
            [Problem(name, "This is not a text document (it holds binary data); give index.md.")]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IsomerImportError(
            [Problem(name, "The file is not valid UTF-8; save it as UTF-8 and retry.", line)]
        ) from exc
    return SourceDocument(path, text.replace("\r\n", "\n"))
