"""Reading a draft's bytes as text, with one sentence saying why when it cannot be."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..bounded import MAX_DRAFT_FILE, NotReadable, read_bytes
from ..errors import DataNotFound, EvidenceError

__all__ = ["COMMON_ENCODINGS", "BadDraft", "decode_draft", "docx_text", "read_draft"]

# Checking costs about 6-11 s a megabyte (bench/check_speed.py): larger drafts are split.
_REMEDY = "check a regular file under 16 MB (split a longer draft into chapters)"

COMMON_ENCODINGS = ("utf-8", "utf-16", "latin-1", "cp1252", "iso-8859-15", "mac-roman")


class BadDraft(EvidenceError):
    """The draft cannot be read as text: empty, binary, or in an unknown encoding."""


def decode_draft(data: bytes, name: str, encoding: str | None = None) -> str:
    """A draft's bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM, or `encoding`.

    BadDraft, in one sentence, for an empty, binary or undecodable draft.
    """
    if encoding is not None:
        try:
            b"a".decode(encoding)  # refuses transforms such as rot13 or base64 too
        except UnicodeDecodeError:
            pass  # a text encoding ("a" alone is not valid UTF-16)
        except LookupError:
            raise BadDraft(
                f"unknown encoding '{encoding}' for {name} (not a text encoding Python "
                f"knows); name one such as {', '.join(COMMON_ENCODINGS)}"
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
    try:  # a regular file of bounded size: a pipe would block, /dev/zero never end
        data = read_bytes(path, MAX_DRAFT_FILE)
    except NotReadable as exc:
        raise BadDraft(f"draft '{path}' {exc.reason}; {_REMEDY}") from None
    except FileNotFoundError:
        raise DataNotFound(f"no draft '{path}': check the path and the file's name") from None
    except IsADirectoryError:
        raise DataNotFound(
            f"'{path}' is a folder, not a draft file: give the draft itself (e.g. {path}/draft.md)"
        ) from None
    except OSError as exc:
        raise DataNotFound(f"cannot read draft '{path}': {exc.strerror}") from None
    return decode_draft(data, f"draft '{path}'", encoding)


def docx_text(path: Path) -> str:
    """A Word draft's paragraphs (body, then table cells), one per Markdown-like paragraph:
    paragraph n starts on line 2n - 1 of the text (see `checking.check`, kind `docx`)."""
    # lazy: python-docx and zipfile, for Word drafts only; the CLI starts without them
    import zipfile

    import docx
    from docx.opc.exceptions import OpcError

    if not path.is_file():
        raise DataNotFound(f"no draft file '{path}': check the path and the file's name")
    if path.stat().st_size > MAX_DRAFT_FILE:
        raise BadDraft(f"draft '{path}' is over the {MAX_DRAFT_FILE // 2**20} MB limit; {_REMEDY}")
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OpcError) as exc:
        raise BadDraft(
            f"draft '{path}' is not a Word .docx file ({exc}); save it as .docx, or check a "
            "Markdown or text copy"
        ) from None
    except OSError as exc:
        raise DataNotFound(f"cannot read draft '{path}': {exc.strerror}") from None
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs += [p.text for cell in row.cells for p in cell.paragraphs]
    # a paragraph's own line breaks are spaces; an empty paragraph keeps its number
    text = "\n\n".join(" ".join(p.split()) or "\u00a0" for p in paragraphs)
    if not text.strip("\n\u00a0"):
        raise BadDraft(f"draft '{path}' is empty: there is nothing to check")
    return text
