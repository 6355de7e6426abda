"""Where the language catalogues live, and reading them into plain Python values.

Everything a person reads comes from files under ``data/i18n/`` (shipped in the wheel as
``mgi/_bundled/data/i18n/``)::

    data/i18n/
      i18n.toml          source language, the content tables and where their English lives
      messages.pot       interface strings: key (msgctxt), English (msgid), notes for translators
      fields.csv         the label dictionary: every column a person reads and its kind of value
      formats.toml       one number format per kind of value
      terminology.csv    key terms in every language, with their source
      sources.csv        the documents the terminology and the official translations come from
      en/ sq/ ...        one folder per language: language.toml, messages.po, content tables (CSV)

A language is a folder: adding ``it/`` with a ``messages.po`` and the content tables adds Italian,
without code. Extra folders of languages can also be given in the environment variable
``MGI_I18N_PATH`` (folders separated by the system's path separator, each holding language
folders such as ``it/``), so a team can add a language to an installed mgi.

This module only reads files; :mod:`mgi.i18n.messages`, :mod:`mgi.i18n.content` and the others
build on the :class:`Store` it returns. Reading is lazy and cached: ``default_store()`` is built
once per process (call :func:`reset` after changing ``MGI_I18N_PATH``).
"""

from __future__ import annotations

import csv
import os
import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from mgi.errors import DataFileError

#: Environment variable naming extra folders of language folders.
PATH_VARIABLE = "MGI_I18N_PATH"

#: The statuses a content row can have (column ``source`` of a content table).
STATUSES = ("original", "official", "unofficial")


class CatalogueError(DataFileError):
    """A language catalogue or content table cannot be read or is malformed."""


@dataclass(frozen=True)
class Message:
    """One interface string of one catalogue.

    ``source`` is the English text (a tuple of singular and plural for plural messages);
    ``translation`` the text in the catalogue's language (a tuple of plural forms), or ``None``
    where the entry is empty or marked fuzzy (needs review), which gettext does not use.
    """

    key: str
    source: str | tuple[str, ...]
    translation: str | tuple[str, ...] | None = None
    note: str = ""

    @property
    def is_plural(self) -> bool:
        return isinstance(self.source, tuple)


@dataclass(frozen=True)
class Store:
    """All catalogues below one ``data/i18n`` folder plus any extra language folders.

    Parameters
    ----------
    root
        The folder holding ``i18n.toml``, ``messages.pot`` and the language folders.
    extra
        Further folders holding language folders (from ``MGI_I18N_PATH``); a language found
        there replaces a bundled folder of the same code.
    """

    root: Path
    extra: tuple[Path, ...] = ()
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # --- the shared, language-independent files ---------------------------------------------
    @cached_property
    def config(self) -> dict[str, Any]:
        """The parsed ``i18n.toml``."""
        return read_toml(self.root / "i18n.toml")

    @property
    def source_language(self) -> str:
        return str(self.config.get("source_language", "en"))

    @cached_property
    def formats(self) -> dict[str, Any]:
        """The parsed ``formats.toml``."""
        return read_toml(self.root / "formats.toml")

    @cached_property
    def source_messages(self) -> dict[str, Message]:
        """The source catalogue ``messages.pot``: key → :class:`Message` (English)."""
        return read_catalogue(self.root / "messages.pot", self.source_language, source=True)

    @cached_property
    def fields(self) -> list[dict[str, str]]:
        """Rows of ``fields.csv`` (the label dictionary)."""
        return read_csv(self.root / "fields.csv", required=("field", "kind"))

    # --- the language folders ----------------------------------------------------------------
    @cached_property
    def language_folders(self) -> dict[str, Path]:
        """Language code → folder, for every folder whose name is a language code."""
        found: dict[str, Path] = {}
        for base in (self.root, *self.extra):
            if not base.is_dir():
                continue
            for folder in sorted(base.iterdir()):
                if folder.is_dir() and _is_language_folder(folder):
                    found[folder.name] = folder
        return dict(sorted(found.items()))

    def language_settings(self, code: str) -> dict[str, Any]:
        """The parsed ``<code>/language.toml`` (empty where the file does not exist)."""
        path = self.language_folders[code] / "language.toml"
        return read_toml(path) if path.is_file() else {}

    def messages(self, code: str) -> dict[str, Message]:
        """The catalogue of one language: key → :class:`Message` (empty if it has none)."""
        key = f"messages:{code}"
        if key not in self._cache:
            if code == self.source_language:
                self._cache[key] = self.source_messages
            else:
                path = self.language_folders[code] / "messages.po"
                self._cache[key] = read_catalogue(path, code) if path.is_file() else {}
        return self._cache[key]

    def content_file(self, code: str, table: str) -> Path | None:
        """The content table ``<code>/<table>.csv`` if the language has one."""
        folder = self.language_folders.get(code)
        if folder is None:
            return None
        path = folder / f"{table}.csv"
        return path if path.is_file() else None

    def bundled_file(self, relative: str) -> Path:
        """A file named relative to the repository root (``data/x.csv``, ``questionnaires/…``)."""
        from mgi._resources import bundled_dir

        folder, _, rest = relative.partition("/")
        return bundled_dir(folder) / rest


def _is_language_folder(folder: Path) -> bool:
    name = folder.name
    if name.startswith((".", "_")) or not (2 <= len(name) <= 8):
        return False
    if not name.replace("_", "").isalpha():
        return False
    return any((folder / f).is_file() for f in ("language.toml", "messages.po")) or any(
        folder.glob("*.csv")
    )


# --- readers ----------------------------------------------------------------------------------
def read_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file, turning every problem into a :class:`CatalogueError`."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise CatalogueError(f"The catalogue file {path} does not exist.", path=path) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"The file {path} is not valid TOML: {exc}.", path=path) from exc


def read_csv(path: Path, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Read a UTF-8 CSV file (a byte-order mark from Excel is accepted) into row dictionaries.

    Cells are stripped; empty cells are empty strings. Missing required columns are an error
    that names the file and the columns.
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in (reader.fieldnames or [])]
            missing = [c for c in required if c not in header]
            if missing:
                raise CatalogueError(
                    f"The file {path} has no column {', '.join(missing)}. "
                    f"Its first row must name the columns: {', '.join(required)}.",
                    path=path,
                )
            return [
                {
                    (k or "").strip(): (v or "").strip()
                    for k, v in row.items()
                    if k is not None and (k or "").strip()
                }
                for row in reader
            ]
    except FileNotFoundError as exc:
        raise CatalogueError(f"The file {path} does not exist.", path=path) from exc
    except UnicodeDecodeError as exc:
        raise CatalogueError(
            f"The file {path} is not UTF-8 text. Save it as 'CSV UTF-8' in Excel or LibreOffice.",
            path=path,
        ) from exc


def read_catalogue(path: Path, code: str, *, source: bool = False) -> dict[str, Message]:
    """Read a gettext catalogue (``.po`` or ``.pot``) with Babel.

    Every entry must have a ``msgctxt`` (the stable key). Entries marked fuzzy or left empty
    have no translation. In the source catalogue (``source=True``) the English is the msgid.
    """
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=None if source else code, abort_invalid=True)
    except FileNotFoundError as exc:
        raise CatalogueError(f"The catalogue {path} does not exist.", path=path) from exc
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        raise CatalogueError(f"The catalogue {path} cannot be read: {exc}.", path=path) from exc
    messages: dict[str, Message] = {}
    for entry in catalog:
        if not entry.id:  # the header
            continue
        if not entry.context:
            raise CatalogueError(
                f'The entry "{_first(entry.id)}" in {path} (line {entry.lineno}) has no msgctxt. '
                "Every entry needs its key as msgctxt.",
                path=path,
            )
        if entry.context in messages:
            raise CatalogueError(
                f'The key "{entry.context}" appears twice in {path} (line {entry.lineno}).',
                path=path,
            )
        src = tuple(entry.id) if isinstance(entry.id, list | tuple) else str(entry.id)
        translation: str | tuple[str, ...] | None
        if source or entry.fuzzy:
            translation = None
        elif isinstance(entry.string, list | tuple):
            forms = tuple(str(s) for s in entry.string)
            translation = forms if all(forms) else None
        else:
            translation = str(entry.string) if entry.string else None
        note = " ".join(entry.auto_comments)
        messages[entry.context] = Message(entry.context, src, translation, note)
    return messages


def _first(value: Any) -> str:
    return str(value[0] if isinstance(value, list | tuple) else value)


# --- the default store ------------------------------------------------------------------------
def bundled_root() -> Path:
    """The bundled ``data/i18n`` folder (checkout or installed wheel)."""
    from mgi._resources import bundled_dir

    return bundled_dir("data") / "i18n"


@cache
def _default_store(extra: tuple[str, ...]) -> Store:
    return Store(bundled_root(), tuple(Path(p) for p in extra))


def default_store() -> Store:
    """The store of the bundled catalogues plus the folders named in ``MGI_I18N_PATH``."""
    raw = os.environ.get(PATH_VARIABLE, "")
    extra = tuple(p for p in raw.split(os.pathsep) if p.strip())
    return _default_store(extra)


def reset() -> None:
    """Forget every catalogue read so far (after editing a catalogue or ``MGI_I18N_PATH``)."""
    _default_store.cache_clear()
