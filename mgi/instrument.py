"""Instruments as data: load and validate a questionnaire definition.

An instrument is a folder with a metadata file (``instrument.toml``) and plain CSV tables:
domains, sub-domains, indicators, answer scales and (optionally) the indicator → GCM objective
mapping, which may also link indicators to cross-cutting blocks (``data/gcm_cross_cutting.csv``).
An edition may name the earlier editions it replaces, each with a crosswalk of indicator codes
(:meth:`Instrument.crosswalk_from`). :func:`load_instrument` checks every file and reports every
problem at once.

The tables are read with the ``csv`` module and kept as plain records; the DataFrame views
(:attr:`Instrument.indicators` …) are built from them on first use, so that reading and
validating a questionnaire never imports pandas.

Answer *values* are not part of an instrument: the scoring scheme gives every option its value
(one home for each number); the instrument says what each option means (``definition``).

Examples
--------
>>> inst = load_instrument("sdg-10-7-2")
>>> inst.name, len(inst.domains), len(inst.indicators)
('sdg-10-7-2', 6, 30)
>>> inst.parse_answer("D2.a", " yes ")
'yes'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mgi._resources import bundled_dir, bundled_names
from mgi._tables import (
    Record,
    check_codes,
    check_required,
    check_text,
    normalise_answer,
    parse_number,
    pydantic_issues,
    read_csv_records,
    read_toml,
    split_list,
)
from mgi.catalogue import Issue, has_errors, make_issue
from mgi.errors import DataFileError
from mgi.reference import (
    N_OBJECTIVES,
    cross_cutting_blocks,
    cross_cutting_codes,
    gcm_objectives,
    objective_code,
    principle_letters,
    sdg_item_codes,
)

if TYPE_CHECKING:
    import pandas as pd

METADATA_FILE = "instrument.toml"
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n", ""}
#: The guidance columns, in the order the questionnaire prints them (full, partial, absent).
GUIDANCE_COLUMNS = ("guidance_full", "guidance_partial", "guidance_absent")
#: How an indicator of an earlier edition relates to one of the later edition.
CROSSWALK_RELATIONS: dict[str, str] = {
    "same": "the same question with the same guidance",
    "revised": "the same question; its guidance was revised (compare with care)",
    "split": "the earlier question asked several things; this question is one of its parts "
    "and inherits the earlier answer (the change is indicative)",
    "replaced": "a narrower or reworded question replacing the earlier one (the change is "
    "indicative)",
}


#: Columns of each table of an instrument, in the order of its DataFrame view (the first is the
#: index; the scales are indexed by scale and option; links have a plain range index).
COLUMNS: dict[str, tuple[str, ...]] = {
    "domains": ("code", "order", "name", "short_name", "description"),
    "subdomains": ("code", "domain", "order", "name", "description"),
    "indicators": (
        "code",
        "domain",
        "subdomain",
        "order",
        "question",
        *GUIDANCE_COLUMNS,
        "scale",
        "weight",
        "guiding_principles",
        "sdg_10_7_2",
    ),
    "scales": ("scale", "option", "order", "label", "definition", "not_applicable", "aliases"),
    "mapping": ("indicator", "objective", "role", "number"),
    "cross_cutting": ("indicator", "block"),
}
_INDEX = {"domains": ["code"], "subdomains": ["code"], "indicators": ["code"]} | {
    "scales": ["scale", "option"]
}

#: Rows of one table of an instrument: read-only mappings column -> value.
Rows = tuple[Mapping[str, Any], ...]


def _frozen(records: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> Rows:
    """Read-only copies of ``records`` holding ``columns`` only."""
    return tuple(MappingProxyType({c: rec[c] for c in columns}) for rec in records)


def _frame(name: str, rows: Rows) -> pd.DataFrame:
    """The DataFrame view of the table ``name`` (see :data:`COLUMNS`)."""
    import pandas as pd

    columns = list(COLUMNS[name])
    if not rows and name in ("mapping", "cross_cutting"):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    frame = pd.DataFrame.from_records([dict(r) for r in rows], columns=columns)
    index = _INDEX.get(name)
    return frame.set_index(index) if index else frame


def option_order(row: Mapping[str, Any]) -> tuple[bool, float]:
    """Sort key of an option row: by ``order``, an order that could not be read last."""
    order = row["order"]
    return (order is None, 0.0 if order is None else float(order))


def _sorted_options(scales: Rows, scale: str) -> list[Mapping[str, Any]]:
    """The options of one scale in display order."""
    return sorted((r for r in scales if r["scale"] == scale), key=option_order)


def _printed_labels(scales: Rows | None) -> dict[str, tuple[str, ...]]:
    """Per scale, the labels the questionnaire prints before the full, partial and absent
    guidance (as :func:`mgi.workbook.template.guidance_text` does)."""
    if scales is None:
        return {}
    printed: dict[str, tuple[str, ...]] = {}
    for scale in dict.fromkeys(r["scale"] for r in scales):
        labels = [r["label"] for r in _sorted_options(scales, scale) if not r["not_applicable"]]
        if not labels:
            continue
        names = labels if len(labels) >= 3 else [labels[0], "Partly", *labels[1:]]
        printed[str(scale)] = (names[0], names[1], names[-1])
    return printed


class InstrumentFiles(BaseModel):
    """Names of the tables of an instrument, relative to its folder."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    domains: str = "domains.csv"
    subdomains: str = "subdomains.csv"
    indicators: str = "indicators.csv"
    scales: str = "scales.csv"
    mapping: str | None = None


class MappingInfo(BaseModel):
    """Where the indicator → GCM objective mapping comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str = "not stated"
    note: str = ""


class EarlierEdition(BaseModel):
    """An earlier edition this one replaces, and the crosswalk from its indicator codes."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str = Field(pattern=r"^\d+(\.\d+){0,2}$")
    #: Folder of the earlier edition, relative to this instrument's folder.
    folder: str = Field(min_length=1)
    #: CSV (earlier_code, code, relation, note), relative to this instrument's folder.
    crosswalk: str = Field(min_length=1)


class InstrumentMeta(BaseModel):
    """The content of ``instrument.toml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    title: str = Field(min_length=1)
    version: str = Field(pattern=r"^\d+(\.\d+){0,2}$")
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1)
    description: str = ""
    scheme: str = Field(default="mgi-default", min_length=1)
    #: For an edition kept only to read earlier rounds: the edition that replaces it.
    superseded_by: str = ""
    files: InstrumentFiles = InstrumentFiles()
    mapping: MappingInfo = MappingInfo()
    earlier_editions: list[EarlierEdition] = Field(default_factory=list)


@dataclass(frozen=True, eq=False)
class Instrument:
    """A validated questionnaire definition. Immutable; tables are returned as copies.

    Tables (pandas DataFrames indexed by code): :attr:`domains`, :attr:`subdomains`,
    :attr:`indicators`, :attr:`scales` (indexed by scale and option), :attr:`mapping`
    (one row per indicator-objective link, role ``primary`` or ``secondary``) and
    :attr:`cross_cutting` (one row per indicator → cross-cutting block link). They are built
    from the plain rows the instrument keeps (:meth:`records`) on first use.
    """

    meta: InstrumentMeta
    path: Path
    _domains: Rows = field(repr=False)
    _subdomains: Rows = field(repr=False)
    _indicators: Rows = field(repr=False)
    _scales: Rows = field(repr=False)
    _mapping: Rows = field(repr=False)
    _cross_cutting: Rows = field(default=(), repr=False)
    files_sha256: dict[str, str] = field(default_factory=dict, repr=False)
    mapping_file: str | None = None
    #: Warnings found while loading (e.g. indicators without a GCM objective in the mapping).
    warnings: tuple[Issue, ...] = ()

    # -- identity -------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def version(self) -> str:
        return self.meta.version

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def label(self) -> str:
        """``name version``, as written in outputs."""
        return f"{self.meta.name} {self.meta.version}"

    def __repr__(self) -> str:
        return (
            f"Instrument({self.name!r}, version={self.version!r}, domains={len(self._domains)}, "
            f"indicators={len(self._indicators)})"
        )

    # -- tables ---------------------------------------------------------------------------
    def records(self, table: str) -> Rows:
        """The rows of one table as read-only mappings, without pandas.

        ``table`` is one of :data:`COLUMNS` (``domains``, ``subdomains``, ``indicators``,
        ``scales``, ``mapping``, ``cross_cutting``); each row holds the columns listed there, in
        the order of the DataFrame view.

        Examples
        --------
        >>> load_instrument("sdg-10-7-2").records("indicators")[0]["scale"]
        'three_option'
        """
        if table not in COLUMNS:
            raise KeyError(f"no table {table!r}; tables: {', '.join(COLUMNS)}")
        return getattr(self, f"_{table}")

    @property
    def codes(self) -> tuple[str, ...]:
        """The indicator codes, in questionnaire order (the index of :attr:`indicators`)."""
        return tuple(self._by_code)

    @cached_property
    def _by_code(self) -> dict[str, Mapping[str, Any]]:
        return {r["code"]: r for r in self._indicators}

    @cached_property
    def _frames(self) -> dict[str, pd.DataFrame]:
        return {}

    def _view(self, table: str) -> pd.DataFrame:
        """A copy of the DataFrame view of ``table`` (built once)."""
        frames = self._frames
        if table not in frames:
            frames[table] = _frame(table, self.records(table))
        return frames[table].copy()

    @property
    def domains(self) -> pd.DataFrame:
        """Domains (index: code): order, name, short name, description."""
        return self._view("domains")

    @property
    def subdomains(self) -> pd.DataFrame:
        """Sub-domains (index: code): domain, order, name, description."""
        return self._view("subdomains")

    @property
    def indicators(self) -> pd.DataFrame:
        """Indicators (index: code): domain, sub-domain, question, guidance, scale, weight, ..."""
        return self._view("indicators")

    @property
    def scales(self) -> pd.DataFrame:
        """Answer options (index: scale, option): order, label, definition, not applicable,
        aliases. Values are not here: the scoring scheme gives every option its value."""
        return self._view("scales")

    @property
    def mapping(self) -> pd.DataFrame:
        """Indicator-objective links: indicator, objective (GCM07), role (primary/secondary)."""
        return self._view("mapping")

    @property
    def cross_cutting(self) -> pd.DataFrame:
        """Indicator links to cross-cutting blocks (data/gcm_cross_cutting.csv): indicator,
        block."""
        return self._view("cross_cutting")

    # -- answers --------------------------------------------------------------------------
    def scale_of(self, code: str) -> str:
        """The answer scale of an indicator."""
        return str(self._by_code[code]["scale"])

    def options(self, scale: str) -> pd.DataFrame:
        """The options of one scale in display order (index: option code)."""
        return self._view("scales").xs(scale, level="scale").sort_values("order")

    def option_rows(self, scale: str) -> list[Mapping[str, Any]]:
        """The options of one scale in display order, as plain rows (see :meth:`records`)."""
        return _sorted_options(self._scales, scale)

    def option_labels(self, scale: str, lang: str | None = None) -> list[str]:
        """The labels a user chooses from, in display order, in ``lang`` (default: as the
        instrument writes them). An option of a bundled scale is translated from the content
        table ``answer_options``; a label the table does not hold is kept as written."""
        rows = self.option_rows(scale)
        if lang is None:
            return [r["label"] for r in rows]
        from mgi.i18n import translate

        return [
            translate("answer_options", r["label"], "label", lang, code=f"{scale}.{r['option']}")
            for r in rows
        ]

    def option_definitions(self, scale: str, lang: str | None = None) -> list[str]:
        """What each option of ``scale`` means (``scales.csv``, column ``definition``), in
        display order, in ``lang`` where the content table ``answer_options`` has it."""
        rows = self.option_rows(scale)
        definitions = [str(r.get("definition") or "") for r in rows]
        if lang is None:
            return definitions
        from mgi.i18n import translate

        return [
            translate("answer_options", d, "definition", lang, code=f"{scale}.{r['option']}")
            if d
            else d
            for r, d in zip(rows, definitions, strict=True)
        ]

    def parse_answer(self, code: str, raw: Any) -> str | None:
        """The option code an answer as typed stands for, or ``None`` if it is not accepted.

        Matching uses the scale's declared labels and aliases after :func:`normalise_answer`
        (case, spacing and diacritics insensitive). Nothing else is guessed.
        """
        return self._answer_keys[self.scale_of(code)].get(normalise_answer(raw))

    def answer_lookup(self, scale: str) -> Mapping[str, str]:
        """Every accepted spelling of an answer on ``scale`` (after
        :func:`~mgi._tables.normalise_answer`) mapped to its option code; built once per
        instrument, for readers that parse many answers of one scale."""
        return MappingProxyType(self._answer_keys.get(scale, {}))

    @cached_property
    def _answer_keys(self) -> dict[str, dict[str, str]]:
        """Per scale: every accepted spelling (option code, label in every language, aliases),
        normalised, mapped to its option code. Built once per instrument."""
        from mgi.i18n import translations

        table: dict[str, dict[str, str]] = {}
        for row in self._scales:
            scale, option = row["scale"], row["option"]
            keys = {normalise_answer(option), normalise_answer(row["label"])}
            keys.update(normalise_answer(a) for a in row["aliases"])
            # the label of every language, so that a template filled in any language reads alike
            keys.update(
                normalise_answer(t)
                for t in translations(
                    "answer_options", row["label"], "label", code=f"{scale}.{option}"
                )
            )
            for key in keys:
                table.setdefault(scale, {})[key] = option
        return table

    # -- GCM objectives -------------------------------------------------------------------
    def objective_coverage(self) -> pd.DataFrame:
        """For each of the 23 GCM objectives: how many indicators map to it, and which.

        Index ``GCM01`` … ``GCM23``; columns ``short_label``, ``round_table``, ``primary``,
        ``secondary``, ``total``, ``indicators``.
        """
        import pandas as pd

        objectives = gcm_objectives()
        links = self._view("mapping")
        counts = links.groupby(["objective", "role"]).size().unstack(fill_value=0)
        counts = counts.reindex(index=objectives.index, columns=["primary", "secondary"])
        counts = counts.fillna(0).astype(int)
        listed = links.groupby("objective")["indicator"].agg(lambda s: ", ".join(s))
        table = pd.DataFrame(
            {
                "short_label": objectives["short_label"],
                "round_table": objectives["imrf_2022_round_table"],
                "primary": counts["primary"],
                "secondary": counts["secondary"],
            }
        )
        table["total"] = table["primary"] + table["secondary"]
        table["indicators"] = listed.reindex(objectives.index).fillna("")
        return table

    def cross_cutting_coverage(self) -> pd.DataFrame:
        """For each cross-cutting block: how many indicators link to it, and which.

        Index: block code (``WGA``, ``WSA``); columns ``name``, ``total``, ``indicators``.

        Examples
        --------
        >>> int(load_instrument("mgi-national").cross_cutting_coverage().loc["WGA", "total"])
        7
        """
        import pandas as pd

        blocks = cross_cutting_blocks()
        listed = self._view("cross_cutting").groupby("block")["indicator"].agg(list)
        listed = listed.reindex(blocks.index)
        return pd.DataFrame(
            {
                "name": blocks["name"],
                "total": [len(v) if isinstance(v, list) else 0 for v in listed],
                "indicators": [", ".join(v) if isinstance(v, list) else "" for v in listed],
            },
            index=blocks.index,
        )

    # -- editions -------------------------------------------------------------------------
    def earlier_edition(self, version: str) -> Instrument | None:
        """The earlier edition ``version`` this edition names in ``[[earlier_editions]]``.

        ``None`` when this edition names no such version, or its folder is not there (for
        example in a copy of this folder made elsewhere).

        Examples
        --------
        >>> load_instrument("mgi-national").earlier_edition("1.0.0").label
        'mgi-national 1.0.0'
        """
        for ref in self.meta.earlier_editions:
            if ref.version == version and (self.path / ref.folder).is_dir():
                return load_instrument(self.path / ref.folder)
        return None

    def crosswalk_from(self, earlier: Instrument) -> pd.DataFrame | None:
        """How the indicator codes of an earlier edition map to this edition's codes.

        One row per pair: ``earlier_code``, ``code``, ``relation`` (one of
        :data:`CROSSWALK_RELATIONS`), ``note``. A code of either edition that appears in no
        row has no counterpart (a new or a removed question). ``None`` when this edition has
        no crosswalk for ``earlier`` (another instrument, or a version it does not name).

        Raises
        ------
        DataFileError
            With file, row and column of every problem of the crosswalk file.

        Examples
        --------
        >>> new = load_instrument("mgi-national")
        >>> walk = new.crosswalk_from(new.earlier_edition("1.0.0"))
        >>> walk.set_index("earlier_code").loc["D1.6.2", "code"].tolist()
        ['D1.6.7', 'D1.6.8']
        """
        if earlier.name != self.name:
            return None
        ref = next((e for e in self.meta.earlier_editions if e.version == earlier.version), None)
        if ref is None:
            return None
        path = self.path / ref.crosswalk
        table, issues = _read_crosswalk(path, earlier, self)
        if has_errors(issues) or table is None:
            raise DataFileError(
                f"The crosswalk {path.name} of {self.label} has "
                f"{sum(i.is_error for i in issues)} problem(s).",
                issues=issues,
                path=path,
            )
        return table

    def with_mapping(self, path: str | Path) -> Instrument:
        """A copy of this instrument that uses another mapping file."""
        path = Path(path)
        mapping, blocks, issues = _read_mapping(path, self.codes)
        if has_errors(issues) or mapping is None:  # no mapping comes with its errors
            raise DataFileError(
                f"The mapping file {path} has {sum(i.is_error for i in issues)} problem(s).",
                issues=issues,
                path=path,
            )
        hashes = dict(self.files_sha256)
        hashes[path.name] = _sha256(path)
        return replace(
            self,
            _mapping=mapping,
            _cross_cutting=blocks,
            files_sha256=hashes,
            mapping_file=str(path),
            warnings=tuple(issues),
        )

    def provenance(self) -> dict[str, Any]:
        """What identifies this instrument in an output: names, version and SHA-256 of its
        files, never a path of the machine it ran on."""
        return {
            "instrument": self.name,
            "instrument_version": self.version,
            "instrument_folder": self.path.name,
            "mapping_source": self.meta.mapping.source,
            "mapping_file": Path(self.mapping_file).name if self.mapping_file else "",
            "instrument_files_sha256": dict(self.files_sha256),
        }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def list_instruments() -> list[str]:
    """Names of the bundled instruments."""
    return [
        n for n in bundled_names("questionnaires") if (bundled_dir("questionnaires") / n).is_dir()
    ]


def resolve_instrument_path(name_or_path: str | Path) -> Path:
    """The folder of a bundled instrument name, or the given folder / ``instrument.toml``."""
    candidate = Path(name_or_path)
    if candidate.name == METADATA_FILE:
        return candidate.parent
    if (
        candidate.is_dir()
        or candidate.suffix
        or "/" in str(name_or_path)
        or "\\" in str(name_or_path)
    ):
        return candidate
    bundled = bundled_dir("questionnaires") / str(name_or_path)
    if bundled.is_dir():
        return bundled
    raise DataFileError(
        f'There is no bundled instrument called "{name_or_path}". '
        f"Bundled instruments: {', '.join(list_instruments())}. "
        "To use your own, give the path of its folder.",
        path=candidate,
        rule="data.file_missing",
    )


def load_instrument(
    name_or_path: str | Path,
    *,
    mapping: str | Path | None = None,
    version: str | None = None,
) -> Instrument:
    """Load and validate an instrument.

    Parameters
    ----------
    name_or_path
        A bundled instrument name (``"mgi-national"``, ``"sdg-10-7-2"``) or the path of an
        instrument folder (or of its ``instrument.toml``).
    mapping
        Optional path of another indicator → GCM objective mapping CSV.
    version
        The edition wanted. When it is not the version found, the earlier edition of that
        version named in the instrument's ``[[earlier_editions]]`` is loaded instead (a
        workbook made for an earlier edition is read with it). A version neither the instrument
        nor its earlier editions have gives the instrument as found; the reader then reports the
        difference.

    Raises
    ------
    DataFileError
        With every problem of every file (file, row, column, what, how to fix).

    Examples
    --------
    >>> load_instrument("mgi-national").domains.loc["D2", "name"]
    'Whole-of-government approach'
    >>> load_instrument("mgi-national", version="1.0.0").label
    'mgi-national 1.0.0'
    """
    folder = resolve_instrument_path(name_or_path)
    meta = _read_meta(folder)
    if version and version != meta.version:
        for ref in meta.earlier_editions:
            if ref.version == version and (folder / ref.folder).is_dir():
                return load_instrument(folder / ref.folder, mapping=mapping)
    files = meta.files
    domains, d_issues = _read_domains(folder / files.domains)
    subdomains, s_issues = _read_subdomains(folder / files.subdomains, domains)
    scales, sc_issues = _read_scales(folder / files.scales)
    indicators, i_issues = _read_indicators(folder / files.indicators, domains, subdomains, scales)
    issues = d_issues + s_issues + sc_issues + i_issues
    mapping_path = (
        Path(mapping)
        if mapping is not None
        else (folder / files.mapping if files.mapping else None)
    )
    links: Rows = ()
    blocks: Rows = ()
    if mapping_path is not None and indicators is not None:
        read_links, read_blocks, m_issues = _read_mapping(
            mapping_path, [r["code"] for r in indicators]
        )
        issues += m_issues
        if read_links is not None:
            links, blocks = read_links, read_blocks
    if has_errors(issues) or domains is None or subdomains is None or indicators is None:
        n = sum(i.is_error for i in issues)
        raise DataFileError(
            f"The instrument {meta.name} in {folder} has {n} problem(s); nothing was loaded.",
            issues=issues,
            path=folder,
        )
    assert scales is not None
    used = [
        folder / METADATA_FILE,
        *(folder / f for f in (files.domains, files.subdomains, files.indicators, files.scales)),
    ]
    if mapping_path is not None:
        used.append(mapping_path)
    return Instrument(
        meta=meta,
        path=folder,
        _domains=domains,
        _subdomains=subdomains,
        _indicators=indicators,
        _scales=scales,
        _mapping=links,
        _cross_cutting=blocks,
        files_sha256={p.name: _sha256(p) for p in used},
        mapping_file=str(mapping_path) if mapping is not None else None,
        warnings=tuple(i for i in issues if not i.is_error),
    )


def _read_meta(folder: Path) -> InstrumentMeta:
    raw, issues = read_toml(folder / METADATA_FILE)
    if raw is None:
        raise DataFileError(
            f"The instrument in {folder} cannot be loaded.", issues=issues, path=folder
        )
    try:
        return InstrumentMeta.model_validate(raw)
    except ValidationError as exc:
        raise DataFileError(
            f"The instrument metadata {folder / METADATA_FILE} is not valid.",
            issues=pydantic_issues(exc, METADATA_FILE),
            path=folder,
        ) from None


# -- table readers ---------------------------------------------------------------------------


def _order(records: list[Record], file: str) -> tuple[list[float], list[Issue]]:
    values, issues = [], []
    for i, rec in enumerate(records):
        number, problems = parse_number(
            rec["order"], file=file, row=rec["_row"], column="order", default=i + 1
        )
        issues += problems
        values.append(number if number is not None else i + 1)
    return values, issues


def _first_of_each(records: list[Record], key: str) -> list[Record]:
    """The records in order, keeping the first of each ``key`` (a duplicate is reported)."""
    seen: set[Any] = set()
    kept = []
    for rec in records:
        if rec[key] not in seen:
            seen.add(rec[key])
            kept.append(rec)
    return kept


def _read_domains(path: Path) -> tuple[Rows | None, list[Issue]]:
    records, issues = read_csv_records(
        path, ["code", "name"], ["order", "short_name", "description"]
    )
    if records is None:
        return None, issues
    issues += check_codes(records, "code", path.name)
    issues += check_required(records, ["name"], path.name)
    issues += check_text(records, path.name, ["name", "short_name"], ["description"])
    order, order_issues = _order(records, path.name)
    for rec, number in zip(records, order, strict=True):
        rec["order"] = number
        rec["short_name"] = rec["short_name"] or rec["name"]
    kept = sorted(_first_of_each(records, "code"), key=lambda r: r["order"])
    return _frozen(kept, COLUMNS["domains"]), issues + order_issues


def _read_subdomains(path: Path, domains: Rows | None) -> tuple[Rows | None, list[Issue]]:
    records, issues = read_csv_records(path, ["code", "domain", "name"], ["order", "description"])
    if records is None:
        return None, issues
    issues += check_codes(records, "code", path.name)
    issues += check_required(records, ["name"], path.name)
    issues += check_text(records, path.name, ["name"], ["description"])
    if domains is not None:
        known = [d["code"] for d in domains]
        issues += [
            make_issue(
                "data.unknown_reference",
                file=path.name,
                row=rec["_row"],
                column="domain",
                found=rec["domain"],
                target="domains",
                allowed=", ".join(known),
            )
            for rec in records
            if rec["domain"] not in known
        ]
    order, order_issues = _order(records, path.name)
    for rec, number in zip(records, order, strict=True):
        rec["order"] = number
    kept = _first_of_each(records, "code")
    return _frozen(kept, COLUMNS["subdomains"]), issues + order_issues


def _read_scales(path: Path) -> tuple[Rows | None, list[Issue]]:
    table, issues = read_csv_records(
        path, ["scale", "option", "label"], ["order", "definition", "not_applicable", "aliases"]
    )
    if table is None:
        return None, issues
    file = path.name
    if "value" in table[0]:  # values live in the scoring scheme only
        issues.append(make_issue("data.scale_value_ignored", file=file, row=1, column="value"))
    issues += check_required(table, ["scale", "option", "label"], file)
    issues += check_text(table, file, ["scale", "option", "label", "aliases"], ["definition"])
    records = []
    seen: dict[tuple[str, str], int] = {}
    for i, rec in enumerate(table):
        row = rec["_row"]
        key = (rec["scale"], rec["option"])
        if key in seen:
            issues.append(
                make_issue(
                    "data.duplicate_code",
                    file=file,
                    row=row,
                    column="option",
                    found=f"{key[0]}/{key[1]}",
                    first_row=seen[key],
                )
            )
            continue
        seen[key] = row
        flag = rec["not_applicable"].casefold()
        if flag not in _TRUE | _FALSE:
            issues.append(
                make_issue(
                    "data.bad_value",
                    file=file,
                    row=row,
                    column="not_applicable",
                    found=rec["not_applicable"],
                    allowed="true, false",
                )
            )
        order, problems = parse_number(
            rec["order"], file=file, row=row, column="order", default=i + 1
        )
        issues += problems
        records.append(
            {
                "scale": rec["scale"],
                "option": rec["option"],
                "order": order,
                "label": rec["label"],
                "definition": rec["definition"],
                "not_applicable": flag in _TRUE,
                "aliases": tuple(split_list(rec["aliases"])),
                "_row": row,
            }
        )
    if not records:
        return None, issues
    # an alias may stand for one option of a scale only
    for scale in dict.fromkeys(rec["scale"] for rec in records):
        owner: dict[str, str] = {}
        for rec in (r for r in records if r["scale"] == scale):
            keys = {normalise_answer(rec["option"]), normalise_answer(rec["label"])}
            keys |= {normalise_answer(a) for a in rec["aliases"]}
            for spelling in sorted(keys):
                if spelling in owner and owner[spelling] != rec["option"]:
                    issues.append(
                        make_issue(
                            "data.alias_conflict",
                            file=file,
                            row=rec["_row"],
                            column="aliases",
                            found=spelling,
                            scale=scale,
                            options=f"{owner[spelling]}, {rec['option']}",
                        )
                    )
                owner.setdefault(spelling, rec["option"])
    return _frozen(records, COLUMNS["scales"]), issues


def _read_indicators(
    path: Path,
    domains: Rows | None,
    subdomains: Rows | None,
    scales: Rows | None,
) -> tuple[Rows | None, list[Issue]]:
    optional = [
        "order",
        "guidance_full",
        "guidance_partial",
        "guidance_absent",
        "weight",
        "guiding_principles",
        "sdg_10_7_2",
    ]
    frame, issues = read_csv_records(
        path, ["code", "domain", "subdomain", "question", "scale"], optional
    )
    if frame is None:
        return None, issues
    file = path.name
    issues += check_codes(frame, "code", file) + check_required(frame, ["question"], file)
    issues += check_text(
        frame,
        file,
        ["domain", "subdomain", "scale", "guiding_principles", "sdg_10_7_2"],
        ["question", "guidance_full", "guidance_partial", "guidance_absent"],
    )
    printed = _printed_labels(scales)
    principles = set(principle_letters())
    items = set(sdg_item_codes())
    scale_names = sorted({r["scale"] for r in scales}) if scales is not None else []
    domain_codes = [d["code"] for d in domains] if domains is not None else []
    parent = {d["code"]: d["domain"] for d in subdomains} if subdomains is not None else {}
    weights: list[float] = []
    for rec in frame:
        row = rec["_row"]
        if domains is not None and rec["domain"] not in domain_codes:
            issues.append(
                make_issue(
                    "data.unknown_reference",
                    file=file,
                    row=row,
                    column="domain",
                    found=rec["domain"],
                    target="domains",
                    allowed=", ".join(domain_codes),
                )
            )
        if subdomains is not None:
            if rec["subdomain"] not in parent:
                issues.append(
                    make_issue(
                        "data.unknown_reference",
                        file=file,
                        row=row,
                        column="subdomain",
                        found=rec["subdomain"],
                        target="subdomains",
                        allowed=", ".join(parent),
                    )
                )
            elif parent[rec["subdomain"]] != rec["domain"]:
                issues.append(
                    make_issue(
                        "data.wrong_parent",
                        file=file,
                        row=row,
                        column="subdomain",
                        found=rec["subdomain"],
                        actual=parent[rec["subdomain"]],
                        expected=rec["domain"],
                    )
                )
        if scales is not None and rec["scale"] not in scale_names:
            issues.append(
                make_issue(
                    "data.unknown_reference",
                    file=file,
                    row=row,
                    column="scale",
                    found=rec["scale"],
                    target="scales",
                    allowed=", ".join(scale_names),
                )
            )
        for column, label in zip(GUIDANCE_COLUMNS, printed.get(rec["scale"], ()), strict=False):
            if rec[column].casefold().startswith(f"{label.casefold()}:"):
                issues.append(
                    make_issue(
                        "data.guidance_repeats_label",
                        file=file,
                        row=row,
                        column=column,
                        found=f"{label}:",
                    )
                )
        weight, problems = parse_number(
            rec["weight"], file=file, row=row, column="weight", default=1.0
        )
        issues += problems
        weights.append(weight if weight is not None else 1.0)
        for letter in split_list(rec["guiding_principles"]):
            if letter not in principles:
                issues.append(
                    make_issue(
                        "data.bad_value",
                        file=file,
                        row=row,
                        column="guiding_principles",
                        found=letter,
                        allowed=", ".join(sorted(principles)),
                    )
                )
        item = rec["sdg_10_7_2"]
        if item and item not in items:
            issues.append(
                make_issue(
                    "data.bad_value",
                    file=file,
                    row=row,
                    column="sdg_10_7_2",
                    found=item,
                    allowed="an SDG 10.7.2 item such as 1a … 6e",
                )
            )
    order, order_issues = _order(frame, file)
    for rec, weight, number in zip(frame, weights, order, strict=True):
        rec["weight"] = weight
        rec["order"] = number
        rec["guiding_principles"] = tuple(split_list(rec["guiding_principles"]))
    table = _first_of_each(frame, "code")
    if domains is not None and subdomains is not None:
        missing = float("inf")  # an unknown domain or sub-domain (reported) sorts last
        d_order = {d["code"]: d["order"] for d in domains}
        s_order = {d["code"]: d["order"] for d in subdomains}
        table.sort(
            key=lambda r: (
                d_order.get(r["domain"], missing),
                s_order.get(r["subdomain"], missing),
                r["order"],
            )
        )
    return _frozen(table, COLUMNS["indicators"]), issues + order_issues


def _read_mapping(path: Path, indicators: Sequence[str]) -> tuple[Rows | None, Rows, list[Issue]]:
    """Objective links and cross-cutting block links of a mapping file.

    ``gcm_primary`` holds one objective, or several co-primary objectives separated by ``;``;
    ``gcm_secondary`` further objectives; the optional ``cross_cutting`` column the codes of
    cross-cutting blocks (``data/gcm_cross_cutting.csv``). An indicator may have an empty
    ``gcm_primary`` (a secondary link at most, or a cross-cutting block only).
    """
    frame, issues = read_csv_records(
        path, ["indicator", "gcm_primary"], ["gcm_secondary", "cross_cutting"]
    )
    if frame is None:
        return None, (), issues
    file = path.name
    issues += check_text(
        frame, file, ["indicator", "gcm_primary", "gcm_secondary", "cross_cutting"]
    )
    allowed = f"whole numbers 1 to {N_OBJECTIVES}"
    known_blocks = cross_cutting_codes()
    known_codes = set(indicators)
    links: list[dict[str, Any]] = []
    block_links: list[dict[str, Any]] = []
    first: dict[str, int] = {}

    def objective(value: str, row: int, column: str) -> int | None:
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or not 1 <= number <= N_OBJECTIVES:
            issues.append(
                make_issue(
                    "data.out_of_range",
                    file=file,
                    row=row,
                    column=column,
                    found=value,
                    allowed=allowed,
                )
            )
            return None
        return number

    for rec in frame:
        row, code = rec["_row"], rec["indicator"]
        if code not in known_codes:
            issues.append(
                make_issue(
                    "data.unknown_reference",
                    file=file,
                    row=row,
                    column="indicator",
                    found=code,
                    target="the instrument's indicators",
                    allowed="the codes in indicators.csv",
                )
            )
            continue
        if code in first:
            issues.append(
                make_issue(
                    "data.mapping_duplicate",
                    file=file,
                    row=row,
                    column="indicator",
                    found=code,
                    first_row=first[code],
                )
            )
            continue
        first[code] = row
        primaries: list[int] = []
        for value in split_list(rec["gcm_primary"]):
            number = objective(value, row, "gcm_primary")
            if number is not None and number not in primaries:
                primaries.append(number)
                links.append({"indicator": code, "number": number, "role": "primary"})
        for value in split_list(rec["gcm_secondary"]):
            number = objective(value, row, "gcm_secondary")
            if number is None:
                continue
            if number in primaries:
                issues.append(
                    make_issue(
                        "data.secondary_repeats_primary",
                        file=file,
                        row=row,
                        column="gcm_secondary",
                        found=value,
                    )
                )
                continue
            links.append({"indicator": code, "number": number, "role": "secondary"})
        for block in dict.fromkeys(split_list(rec["cross_cutting"])):
            if block not in known_blocks:
                issues.append(
                    make_issue(
                        "data.unknown_reference",
                        file=file,
                        row=row,
                        column="cross_cutting",
                        found=block,
                        target="the cross-cutting blocks (data/gcm_cross_cutting.csv)",
                        allowed=", ".join(known_blocks),
                    )
                )
                continue
            block_links.append({"indicator": code, "block": block})
    unmapped = [code for code in indicators if code not in first]
    if unmapped:
        shown = ", ".join(unmapped[:12]) + (
            f" and {len(unmapped) - 12} more" if len(unmapped) > 12 else ""
        )
        issues.append(
            make_issue("data.mapping_missing", file=file, count=len(unmapped), codes=shown)
        )
    for link in links:
        link["objective"] = objective_code(link["number"])
    return (
        _frozen(links, COLUMNS["mapping"]),
        _frozen(block_links, COLUMNS["cross_cutting"]),
        issues,
    )


def _read_crosswalk(
    path: Path, earlier: Instrument, later: Instrument
) -> tuple[pd.DataFrame | None, list[Issue]]:
    """The crosswalk from ``earlier``'s codes to ``later``'s, checked row by row."""
    frame, issues = read_csv_records(path, ["earlier_code", "code", "relation"], ["note"])
    if frame is None:
        return None, issues
    file = path.name
    issues += check_text(frame, file, ["earlier_code", "code", "relation"], ["note"])
    sides = (("earlier_code", earlier), ("code", later))
    known = {column: set(inst.codes) for column, inst in sides}
    seen: dict[tuple[str, str], int] = {}
    for rec in frame:
        row = rec["_row"]
        for column, inst in sides:
            if rec[column] not in known[column]:
                issues.append(
                    make_issue(
                        "data.unknown_reference",
                        file=file,
                        row=row,
                        column=column,
                        found=rec[column],
                        target=f"the indicators of {inst.label}",
                        allowed=f"the codes in {inst.label}",
                    )
                )
        if rec["relation"] not in CROSSWALK_RELATIONS:
            issues.append(
                make_issue(
                    "data.bad_value",
                    file=file,
                    row=row,
                    column="relation",
                    found=rec["relation"],
                    allowed=", ".join(CROSSWALK_RELATIONS),
                )
            )
        pair = (rec["earlier_code"], rec["code"])
        if pair in seen:
            issues.append(
                make_issue(
                    "data.duplicate_code",
                    file=file,
                    row=row,
                    column="code",
                    found=" → ".join(pair),
                    first_row=seen[pair],
                )
            )
        seen.setdefault(pair, row)
    import pandas as pd

    columns = ["earlier_code", "code", "relation", "note"]
    kept = _first_of_each(
        [{**rec, "_pair": (rec["earlier_code"], rec["code"])} for rec in frame], "_pair"
    )
    return pd.DataFrame.from_records([{c: r[c] for c in columns} for r in kept], columns=columns), (
        issues
    )
