"""Content in every language: ``content(table, code, column, lang)``.

The methodology's reference tables (GCM objectives, guiding principles, SDG 10.7.2 items,
stakeholder groups, criteria, bands, answer options; later the questionnaire's domains and
questions) are translated as data, keyed by their stable codes, so that no English file changes:

* the English stays where it is (``data/gcm_objectives.csv``, the instruments' ``scales.csv`` …);
  ``data/i18n/i18n.toml`` says, per table, which file holds it and how its rows are coded;
  English that has no file yet (the plain-language statements of the objectives, the stakeholder
  groups) is in ``data/i18n/en/<table>.csv``;
* every other language has ``data/i18n/<lang>/<table>.csv``: a ``code`` column, one column per
  translated text, and a ``source`` column saying where the row's text comes from —
  ``official`` (an official text in that language, named in the ``reference`` column, see
  ``data/i18n/sources.csv``), ``unofficial`` (translated by the mgi project) or ``original``
  (written in that language). A column ``<column>_source`` may give one column its own status.

Every value comes back as :class:`Content`, a string that carries its status, so that an output
can mark what is an unofficial translation (:func:`unofficial_notice`).

Examples
--------
>>> content("gcm_objectives", "GCM10", "short_label", "en")
'Trafficking'
>>> title = content("gcm_objectives", "GCM10", "short_label", "sq")
>>> title, title.status, title.unofficial
('Trafikimi i personave', 'unofficial', True)
>>> content("answer_options", "presence.partial", "label", "sq")
'Pjesërisht e pranishme'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mgi.i18n._store import STATUSES, CatalogueError, Store, default_store, read_csv
from mgi.i18n.fallback import UnknownKeyError, note_missing
from mgi.i18n.languages import Language, language
from mgi.i18n.messages import text

if TYPE_CHECKING:
    import pandas as pd


class Content(str):
    """A text of a content table, with where it comes from.

    Attributes
    ----------
    lang
        The language of the text (the source language if it fell back).
    status
        ``original``, ``official`` or ``unofficial`` (an unofficial translation).
    reference
        The source id(s) in ``data/i18n/sources.csv`` for official texts.
    """

    lang: str
    status: str
    reference: str

    def __new__(cls, value: str, lang: str, status: str, reference: str = "") -> Content:
        obj = super().__new__(cls, value)
        obj.lang = lang
        obj.status = status
        obj.reference = reference
        return obj

    @property
    def unofficial(self) -> bool:
        """Whether the text is an unofficial translation (to be marked so in outputs)."""
        return self.status == "unofficial"


@dataclass(frozen=True)
class TableSpec:
    """One content table as declared in ``i18n.toml``."""

    name: str
    columns: tuple[str, ...]
    description: str = ""
    base: tuple[dict[str, Any], ...] = ()


def tables(store: Store | None = None) -> dict[str, TableSpec]:
    """Every content table declared in ``i18n.toml``."""
    store = store or default_store()
    declared = store.config.get("tables", {})
    return {
        name: TableSpec(
            name,
            tuple(spec.get("columns", ())),
            str(spec.get("description", "")),
            tuple(spec.get("base", ())),
        )
        for name, spec in declared.items()
    }


def _table(name: str, store: Store) -> TableSpec:
    found = tables(store)
    if name not in found:
        raise UnknownKeyError(
            f'The content table "{name}" is not declared in data/i18n/i18n.toml. '
            f"Tables: {', '.join(found)}."
        )
    return found[name]


Cell = tuple[str, str, str]  # text, status, reference


def _as_format_value(value: str) -> Any:
    return int(value) if value.isdigit() else value


def _base_rows(spec: TableSpec, store: Store) -> dict[str, dict[str, Cell]]:
    rows: dict[str, dict[str, Cell]] = {}
    for base in spec.base:
        path = store.bundled_file(str(base["file"]))
        template = str(base.get("code", "{code}"))
        mapping: dict[str, str] = dict(base.get("columns", {}))
        for row in read_csv(path):
            values = {k: _as_format_value(v) for k, v in row.items()}
            try:
                code = template.format(**values)
            except (KeyError, ValueError) as exc:
                raise CatalogueError(
                    f'The code template "{template}" of table {spec.name} does not fit the '
                    f"columns of {path}: {exc}.",
                    path=path,
                ) from exc
            cells = rows.setdefault(code, {})
            for column, source_column in mapping.items():
                if column not in cells and row.get(source_column):
                    cells[column] = (row[source_column], "original", "")
    return rows


def _language_rows(spec: TableSpec, lang: Language, store: Store) -> dict[str, dict[str, Cell]]:
    path = store.content_file(lang.code, spec.name)
    if path is None:
        return {}
    rows: dict[str, dict[str, Cell]] = {}
    for number, row in enumerate(read_csv(path, required=("code", "source")), start=2):
        code = row["code"]
        if not code:
            continue
        if code in rows:
            raise CatalogueError(
                f'The code "{code}" appears twice in {path} (row {number}).', path=path
            )
        cells: dict[str, Cell] = {}
        for column in spec.columns:
            value = row.get(column, "")
            if not value:
                continue
            status = row.get(f"{column}_source") or row["source"]
            if status not in STATUSES:
                raise CatalogueError(
                    f'Row {number} of {path} has the source "{status}"; '
                    f"use one of: {', '.join(STATUSES)}.",
                    path=path,
                )
            cells[column] = (value, status, row.get("reference", ""))
        rows[code] = cells
    return rows


def table_rows(
    table: str, lang: str | Language, store: Store | None = None
) -> dict[str, dict[str, Cell]]:
    """Code → column → (text, status, reference) of one table in one language (no fallback)."""
    store = store or default_store()
    spec = _table(table, store)
    lang = language(lang, store)
    key = f"content:{table}:{lang.code}"
    if key not in store._cache:
        rows = _base_rows(spec, store) if lang.is_source else {}
        for code, cells in _language_rows(spec, lang, store).items():
            merged = rows.setdefault(code, {})
            merged.update(cells)
        store._cache[key] = rows
    return store._cache[key]


def codes(table: str, store: Store | None = None) -> list[str]:
    """The codes of a table, in the order of its English source."""
    store = store or default_store()
    return list(table_rows(table, store.source_language, store))


def content(
    table: str,
    code: str,
    column: str,
    lang: str | Language = "en",
    *,
    default: str | None = None,
    store: Store | None = None,
) -> Content:
    """The text of one cell of a content table in a language.

    Parameters
    ----------
    table
        A table declared in ``i18n.toml`` (``gcm_objectives``, ``guiding_principles``,
        ``sdg_items``, ``sdg_domains``, ``stakeholder_groups``, ``criteria``, ``bands``,
        ``answer_options``).
    code
        The row's stable code (``GCM07``, ``f``, ``4a``, ``diaspora``, ``presence.full``).
    column
        A translated column of the table (``title``, ``short_label``, ``statement``, ``label``…).
    lang
        Language code or :class:`~mgi.i18n.Language`.
    default
        Text for a code the table does not know (a group or criterion a user added to their own
        profile): returned as it is, with status ``original``. Without it, an unknown code is an
        :class:`~mgi.i18n.UnknownKeyError`.

    Returns
    -------
    Content
        The text with its status. If the language lacks the cell, the English text, with a
        :class:`~mgi.i18n.MissingTranslationWarning` recorded.
    """
    store = store or default_store()
    spec = _table(table, store)
    if column not in spec.columns:
        raise UnknownKeyError(
            f'The table "{table}" has no translated column "{column}"; '
            f"columns: {', '.join(spec.columns)}."
        )
    lang = language(lang, store)
    source = table_rows(table, store.source_language, store)
    if code not in source:
        if default is not None:
            return Content(default, lang.code, "original")
        raise UnknownKeyError(f'The table "{table}" has no row "{code}".')
    cell = table_rows(table, lang, store).get(code, {}).get(column)
    if cell is None:
        if not lang.is_source:
            note_missing(lang.code, "content", f"{table}/{code}/{column}")
        cell = source[code].get(column)
        if cell is None:
            raise UnknownKeyError(f'The table "{table}" has no {column} for "{code}" in English.')
        return Content(cell[0], store.source_language, cell[1], cell[2])
    return Content(cell[0], lang.code, cell[1], cell[2])


def translate(
    table: str,
    english: str,
    column: str,
    lang: str | Language = "en",
    *,
    code: str | None = None,
    store: Store | None = None,
) -> str:
    """``english``, a text of a content table, written in ``lang``; any other text as it is.

    Data files name things in English (a profile's stakeholder groups and criteria, an
    instrument's answer options); this finds the row whose English ``column`` is ``english``
    (case and spacing ignored; with ``code``, only that row) and gives its text in ``lang``.
    A text the table does not hold, such as a group a user added to their own profile, is data
    and stays as written.

    Examples
    --------
    >>> translate("stakeholder_groups", "Diaspora", "label", "sq")
    'Diaspora'
    >>> translate("stakeholder_groups", "Local communities", "label", "sq")
    'Komunitetet vendore'
    >>> translate("stakeholder_groups", "Fishermen", "label", "sq")
    'Fishermen'
    >>> translate("answer_options", "Partially present", "label", "sq", code="presence.partial")
    'Pjesërisht e pranishme'
    """
    store = store or default_store()
    found = _english_code(table, english, column, store)
    if found is None or (code is not None and found != code):
        if code is None or not _same(table, code, column, english, store):
            return english
        found = code
    return str(content(table, found, column, lang, store=store))


def translations(
    table: str, english: str, column: str, *, code: str | None = None, store: Store | None = None
) -> tuple[str, ...]:
    """Every language's text of the row whose English ``column`` is ``english`` (the English
    first; only ``english`` itself when the table does not hold it): what a reader accepts for
    a label a template writes in one language.

    Examples
    --------
    >>> translations("stakeholder_groups", "Civil society", "label")
    ('Civil society', 'Shoqëria civile')
    """
    from mgi.i18n.languages import languages

    store = store or default_store()
    found = code if code is not None and _same(table, code, column, english, store) else None
    found = found or _english_code(table, english, column, store)
    if found is None:
        return (english,)
    texts = [english]
    for lang in languages(store):
        cell = table_rows(table, lang, store).get(found, {}).get(column)
        if cell is not None:
            texts.append(cell[0])
    return tuple(dict.fromkeys(texts))


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _same(table: str, code: str, column: str, english: str, store: Store) -> bool:
    cell = table_rows(table, store.source_language, store).get(code, {}).get(column)
    return cell is not None and _fold(cell[0]) == _fold(english)


def _english_code(table: str, english: str, column: str, store: Store) -> str | None:
    key = f"english:{table}:{column}"
    if key not in store._cache:
        index: dict[str, str] = {}
        for row_code, cells in table_rows(table, store.source_language, store).items():
            if column in cells:
                index.setdefault(_fold(cells[column][0]), row_code)
        store._cache[key] = index
    return store._cache[key].get(_fold(english))


def content_table(
    table: str, lang: str | Language = "en", store: Store | None = None
) -> pd.DataFrame:
    """A whole content table in one language, as a DataFrame indexed by code.

    Each translated column is followed by ``<column>_status``. Missing cells fall back to
    English as in :func:`content`.

    Examples
    --------
    >>> frame = content_table("guiding_principles", "sq")
    >>> frame.loc["f", ["name", "name_status"]].tolist()
    ['Të drejtat e njeriut', 'unofficial']
    """
    import pandas as pd

    store = store or default_store()
    spec = _table(table, store)
    records = []
    all_codes = codes(table, store)
    for code in all_codes:
        record: dict[str, Any] = {}
        for column in spec.columns:
            if column not in table_rows(table, store.source_language, store)[code]:
                record[column] = None
                record[f"{column}_status"] = None
                continue
            value = content(table, code, column, lang, store=store)
            record[column] = str(value)
            record[f"{column}_status"] = value.status
        records.append(record)
    return pd.DataFrame(records, index=pd.Index(all_codes, name="code"))


def unofficial_notice(lang: str | Language = "en", store: Store | None = None) -> str:
    """The note an output prints where it shows unofficially translated content.

    Examples
    --------
    >>> unofficial_notice("sq")
    'Përkthim jozyrtar i projektit mgi.'
    """
    return text("notice.unofficial_translation", lang, store=store)


def bundled_texts(frame: Any, column: str, table: str, english: str, lang: str) -> Any:
    """``frame[column]`` in ``lang`` from the content table ``table`` where a row is the bundled
    text (its English in the table is ``frame``'s text); other names (a user's own instrument)
    are kept as they are. ``frame`` is a pandas DataFrame; a Series is returned."""
    import pandas as pd

    names = frame[column].astype(object)
    source = table_rows(table, "en")
    out = {}
    for code, name in names.items():
        cell = source.get(str(code), {}).get(english)
        same = cell is not None and pd.notna(name) and str(name).strip() == cell[0].strip()
        out[code] = str(content(table, str(code), english, lang)) if same else name
    return pd.Series(out, index=names.index, dtype=object)
