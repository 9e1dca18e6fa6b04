"""Which evidence base to read, the files it is built from, and their content hashes.

Kept apart from `load` (which imports the parsers) so that deciding "nothing
changed" costs a hash of the files and no heavy import.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..bounded import MAX_DATA_FILE, open_regular
from ..errors import DataNotFound

BIB_NAME = "studies.bib"
CLAIMS_NAME = "claims.yaml"
CLAIMS_DIR = "claims"
GRADING_NAME = "grading.toml"
VOCABULARY_NAME = "vocabulary.yaml"


def default_data_dir() -> Path:
    """The evidence base shipped inside the package (or the checkout's, run from source)."""
    packaged = Path(__file__).parents[1] / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


def unused_local_data(shipped: Path) -> bool:
    """True when ./data holds an evidence base other than `shipped` (a clone's copy that
    a curator edits while the installed one is read)."""
    here = Path("data")
    return (here / CLAIMS_NAME).is_file() and here.resolve() != shipped.resolve()


def input_files(data_dir: Path) -> list[Path]:
    """The files an evidence base is built from, in a stable order."""
    if not data_dir.is_dir():
        what = "is not a folder" if data_dir.exists() else "does not exist"
        raise DataNotFound(
            f"the evidence base {data_dir} {what}; pass --data DIR with a folder holding "
            f"{BIB_NAME} and {CLAIMS_NAME}"
        )
    files = [data_dir / BIB_NAME]
    if (data_dir / CLAIMS_NAME).exists() or not (data_dir / CLAIMS_DIR).is_dir():
        files.append(data_dir / CLAIMS_NAME)
    if (data_dir / CLAIMS_DIR).is_dir():
        files.extend(sorted((data_dir / CLAIMS_DIR).glob("*.yaml")))
    if (data_dir / GRADING_NAME).exists():
        files.append(data_dir / GRADING_NAME)
    return files


def file_key(data_dir: Path, path: Path) -> str:
    """A file's name relative to the evidence base (`claims/part-01.yaml`)."""
    return path.relative_to(data_dir).as_posix()


@dataclass(frozen=True)
class Inputs:
    """An evidence base's folder, looked at once: its input files, their content hashes
    and the fingerprint of them all, handed down to every later step of a load."""

    data_dir: Path
    files: list[Path]
    hashes: dict[str, str]

    @functools.cached_property
    def data_hash(self) -> str:
        """The fingerprint of the whole evidence base (`fingerprint`)."""
        return _digest(self.hashes)


def read_inputs(data_dir: Path) -> Inputs:
    """The folder's input files, hashed once (a load's steps take them from here)."""
    files = input_files(data_dir)
    return Inputs(data_dir, files, _hashes_of(data_dir, files))


def file_hashes(data_dir: Path) -> dict[str, str]:
    """Each input file's content hash, by its name relative to `data_dir`, in input order."""
    return _hashes_of(data_dir, input_files(data_dir))


def _hashes_of(data_dir: Path, files: list[Path]) -> dict[str, str]:
    hashes = {file_key(data_dir, path): _content_hash(path) for path in files}
    vocabulary = data_dir / VOCABULARY_NAME  # not read as a claims file, but a change regrades
    if vocabulary.exists():
        hashes[VOCABULARY_NAME] = _content_hash(vocabulary)
    return hashes


def _content_hash(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    try:  # in pieces, and only a regular file: the load says what is wrong with others
        with open_regular(path, MAX_DATA_FILE) as handle:
            while piece := handle.read(1 << 20):
                digest.update(piece)
    except OSError:
        digest.update(b"\0<unreadable>")
    return digest.hexdigest()


def fingerprint(data_dir: Path, hashes: dict[str, str] | None = None) -> str:
    """A content hash of every input file: equal hashes mean nothing to reload."""
    return _digest(hashes if hashes is not None else file_hashes(data_dir))


def _digest(hashes: dict[str, str]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for name, file_hash in hashes.items():
        digest.update(f"{name}\0{file_hash}\0".encode())
    return digest.hexdigest()
