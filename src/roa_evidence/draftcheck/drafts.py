"""Reading a draft's bytes as text, with one sentence saying why when it cannot be."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import DataNotFound, EvidenceError

__all__ = ["BadDraft", "decode_draft", "read_draft"]


class BadDraft(EvidenceError):
    """The draft cannot be read as text: empty, binary, or in an unknown encoding."""


def decode_draft(data: bytes, name: str, encoding: str | None = None) -> str:
    """A draft's bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM, or `encoding`.

    BadDraft, in one sentence, for an empty, binary or undecodable draft.
    """
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise BadDraft(
                f"unknown encoding '{encoding}' for {name}; name one Python knows, "
                "such as utf-8, latin-1 or cp1252"
            ) from None
    if not data.strip():
        raise BadDraft(f"{name} is empty: there is nothing to check")
    if encoding is None and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    if encoding is None and b"\x00" in data[:8192]:
        raise BadDraft(f"{name} is a binary file, not a draft: give a Markdown, LaTeX or text file")
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadDraft(
            f"{name} is not {encoding or 'UTF-8'} text (byte {exc.start}): "
            "save it as UTF-8, or name its encoding with --encoding"
        ) from None
    if "\x00" in text:
        raise BadDraft(f"{name} is a binary file, not a draft: give a Markdown, LaTeX or text file")
    return text


def read_draft(path: Path, encoding: str | None = None) -> str:
    """A draft file's text; DataNotFound or BadDraft say why it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataNotFound(f"no draft '{path}'") from None
    except IsADirectoryError:
        raise DataNotFound(f"'{path}' is a folder, not a draft file") from None
    except OSError as exc:
        raise DataNotFound(f"cannot read draft '{path}': {exc.strerror}") from None
    return decode_draft(data, f"draft '{path}'", encoding)
