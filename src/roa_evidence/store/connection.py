"""Where the database is: its URL, the default SQLite file, the file behind a URL.

How to connect to it is the backend's (`backends`)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def default_db_url(data_dir: Path) -> str:
    """A per-evidence-base SQLite file in the user's cache folder."""
    import platformdirs  # lazy: a command given --db never needs it

    cache = Path(platformdirs.user_cache_dir("roa-evidence", appauthor=False))
    tag = hashlib.blake2b(str(data_dir.resolve()).encode(), digest_size=6).hexdigest()
    return f"sqlite:///{cache / f'{data_dir.resolve().name}-{tag}.sqlite'}"


def as_db_url(value: str) -> str:
    """A database as `--db` names it: a SQLAlchemy URL as it is, a plain file path as the
    SQLite URL of that file (`evidence.db` -> `sqlite:////abs/evidence.db`)."""
    if "://" in value or value.startswith("sqlite:"):
        return value
    return f"sqlite:///{Path(value).expanduser().absolute()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.split("+")[0] != "sqlite":
        return None
    database = rest.removeprefix("/").split("?")[0]
    if database in ("", ":memory:"):
        return None
    return Path(database)
