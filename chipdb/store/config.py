"""Where the database is: ``--db URL``, else ``CHIPDB_DATABASE_URL``, else a file in the user's data directory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "CHIPDB_DATABASE_URL"


@dataclass(frozen=True)
class Location:
    url: str
    is_default: bool  # the embedded default is created, migrated and seeded on first use


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("chipdb", appauthor=False) / "chipdb.sqlite"


def as_url(url_or_path: str) -> str:
    """A SQLAlchemy URL as given; anything without ``://`` is a path to an SQLite file
    (``~`` expanded, made absolute): ``/data/x.sqlite`` -> ``sqlite:////data/x.sqlite``."""
    text = url_or_path.strip()
    if "://" in text or text == "sqlite:":
        return text
    return f"sqlite:///{Path(text).expanduser().absolute()}"


def locate(url: str | None = None) -> Location:
    if url:
        return Location(as_url(url), False)
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Location(as_url(env), False)
    return Location(f"sqlite:///{default_path()}", True)


def package_dir(name: str) -> Path:
    """The top-level ``migrations/`` or ``seeds/``: mapped into the wheel as ``chipdb/_<name>``,
    or found beside the package in a source checkout."""
    here = Path(__file__).resolve().parent.parent  # the chipdb package
    for candidate in (here / f"_{name}", here.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"chipdb's {name}/ directory is missing from this installation")
