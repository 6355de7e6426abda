"""Scoring schemes as data: load, validate and apply the settings of a ``scoring/*.toml`` file.

A scheme says how answers become numbers: the value of each answer option, how indicators are
weighted and aggregated, the score range, the bands (thresholds and labels) and the targets.
:func:`load_scheme` validates a scheme file with pydantic and reports every problem at once in one
:class:`~mgi.errors.DataFileError`; :meth:`Scheme.check_against` checks that a scheme fits an
instrument (every answer scale valued, every named domain and sub-domain known).

Examples
--------
>>> scheme = load_scheme("sdg-10-7-2")
>>> scheme.name, scheme.band(4 / 5 * 100)
('sdg-10-7-2', 'Meets')
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mgi._resources import bundled_dir, bundled_names
from mgi._tables import parse_number, pydantic_issues, read_csv_table, read_toml
from mgi.catalogue import Issue, make_issue
from mgi.errors import DataFileError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from mgi.instrument import Instrument

_FROZEN = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Band(BaseModel):
    """One band: scores from ``lower`` (included) up to the next band's ``lower`` (excluded)."""

    model_config = _FROZEN
    lower: float = Field(ge=0)
    label: str = Field(min_length=1)


class Banding(BaseModel):
    """Thresholds and labels, and the rounding applied before banding."""

    model_config = _FROZEN
    decimals: int = Field(default=9, ge=0, le=12)
    source: str = ""
    bands: list[Band] = Field(min_length=1)

    @model_validator(mode="after")
    def _ascending(self) -> Banding:
        lowers = [b.lower for b in self.bands]
        if lowers[0] != 0:
            raise ValueError("the first band must start at 0 (lower = 0)")
        if any(b <= a for a, b in itertools.pairwise(lowers)):
            raise ValueError("the lower thresholds of the bands must increase strictly")
        return self


class Aggregation(BaseModel):
    """How indicator values are weighted and combined."""

    model_config = _FROZEN
    indicator_weights: Literal["instrument", "equal"] = "instrument"
    domain: Literal["subdomains", "indicators"] = "subdomains"
    overall: Literal["domains", "indicators"] = "domains"
    subdomain_weights: dict[str, float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _positive(self) -> Aggregation:
        bad = [k for k, v in self.subdomain_weights.items() if not v > 0]
        if bad:
            raise ValueError(f"sub-domain weights must be greater than 0 ({', '.join(bad)})")
        return self


class Scores(BaseModel):
    """The score range: ``value × maximum``, from 0 to ``maximum`` (at most a million, so that a
    score rounded to ``banding.decimals`` decimals stays an exact, finite number)."""

    model_config = _FROZEN
    maximum: float = Field(default=100.0, gt=0, le=1e6)


class Targets(BaseModel):
    """Default target of every domain, per-domain targets, and the target of every objective."""

    model_config = _FROZEN
    default: float = Field(default=100.0, ge=0)
    objectives: float = Field(default=100.0, ge=0)
    domains: dict[str, float] = Field(default_factory=dict)


class Coverage(BaseModel):
    """Minimum share of applicable indicators answered for a band to be given."""

    model_config = _FROZEN
    min_coverage: float = Field(default=0.5, ge=0, le=1)


class Objectives(BaseModel):
    """Weights of the indicator → GCM objective links, and when an objective has few links."""

    model_config = _FROZEN
    secondary_weight: float = Field(default=0.5, ge=0, le=1)
    #: An objective with fewer linked indicators is flagged ``few_links`` in the scorecard.
    min_links: int = Field(default=5, ge=0)


class Answers(BaseModel):
    """What the answers of a questionnaire must carry to be scored."""

    model_config = _FROZEN
    #: True: an answer that says something is in place needs its evidence, and a Not applicable
    #: answer its reason; a missing one is an error that stops scoring (a warning otherwise).
    evidence_required: bool = False


class SchemeModel(BaseModel):
    """The content of a scheme TOML file."""

    model_config = _FROZEN
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    version: str = Field(pattern=r"^\d+(\.\d+){0,2}$")
    description: str = ""
    citation: str = ""
    values: dict[str, dict[str, float]] = Field(min_length=1)
    aggregation: Aggregation = Aggregation()
    scores: Scores = Scores()
    banding: Banding
    targets: Targets = Targets()
    coverage: Coverage = Coverage()
    objectives: Objectives = Objectives()
    answers: Answers = Answers()

    @model_validator(mode="after")
    def _consistent(self) -> SchemeModel:
        problems = []
        for scale, options in self.values.items():
            for option, value in options.items():
                if not 0 <= value <= 1:
                    problems.append(f"values.{scale}.{option} = {value} is not between 0 and 1")
        top = self.scores.maximum
        if self.banding.bands[-1].lower > top:
            problems.append(f"a band starts above the maximum score {top:g}")
        for where, value in [
            ("targets.default", self.targets.default),
            ("targets.objectives", self.targets.objectives),
            *((f"targets.domains.{k}", v) for k, v in self.targets.domains.items()),
        ]:
            if value > top:
                problems.append(f"{where} = {value:g} is above the maximum score {top:g}")
        if problems:
            raise ValueError("; ".join(problems))
        return self


@dataclass(frozen=True)
class Scheme:
    """A validated scoring scheme (immutable).

    Attributes
    ----------
    model
        The validated settings (:class:`SchemeModel`).
    path
        The file it was read from.
    sha256
        SHA-256 of that file.
    """

    model: SchemeModel
    path: Path
    sha256: str = ""

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def version(self) -> str:
        return self.model.version

    @property
    def label(self) -> str:
        """``name version``, as written in outputs."""
        return f"{self.model.name} {self.model.version}"

    @property
    def maximum(self) -> float:
        return self.model.scores.maximum

    @property
    def evidence_required(self) -> bool:
        """Whether answers without their evidence (or Not applicable without a reason) stop
        scoring (``[answers] evidence_required``)."""
        return self.model.answers.evidence_required

    # -- banding -------------------------------------------------------------------------
    def round(self, scores: Any) -> Any:
        """Scores rounded to the scheme's ``banding.decimals`` (the stated tolerance)."""
        import numpy as np

        return np.round(scores, self.model.banding.decimals)

    def band_levels(self, scores: Any) -> np.ndarray:
        """Band number (1 = lowest band) of each score; 0 where the score is NaN.

        The rule: after rounding to ``banding.decimals`` decimals, a score belongs to the last
        band whose ``lower`` threshold it reaches (lower edge included, upper edge excluded).
        """
        import numpy as np

        values = np.asarray(self.round(np.asarray(scores, dtype=float)), dtype=float)
        lowers = np.array([b.lower for b in self.model.banding.bands])
        levels = np.searchsorted(lowers, values, side="right")
        return np.where(np.isnan(values), 0, levels)

    def band_labels(self, scores: Any) -> list[str]:
        """Band label of each score (``""`` where the score is NaN)."""
        import numpy as np

        labels = ["", *(b.label for b in self.model.banding.bands)]
        return [labels[level] for level in self.band_levels(np.atleast_1d(scores))]

    def band(self, score: float) -> str:
        """Band label of one score.

        Examples
        --------
        >>> s = load_scheme("sdg-10-7-2")
        >>> [s.band(x) for x in (39.999, 40, 79.999, 80, 100)]
        ['Requires further progress', 'Partially meets', 'Partially meets', 'Meets', 'Fully meets']
        """
        return self.band_labels([score])[0]

    # -- fitting an instrument -------------------------------------------------------------
    def option_values(self, instrument: Instrument) -> pd.Series:
        """Value (0-1) of every answered option of the instrument, indexed by (scale, option).

        Not-applicable options get NaN (they are excluded from numerator and denominator).

        Raises
        ------
        DataFileError
            If a scale of the instrument has no values in the scheme (``score.scale_not_in_scheme``)
            or the scheme names an option the scale does not have, or leaves one out.
        """
        issues = self.check_against(instrument)
        if issues:
            raise DataFileError(
                f"The scoring scheme {self.label} does not fit the instrument "
                f"{instrument.label}: {len(issues)} problem(s).",
                issues=issues,
                path=self.path,
            )
        import numpy as np
        import pandas as pd

        scales = instrument.scales
        keys = list(scales.index)
        values = [
            np.nan if scales.at[key, "not_applicable"] else self.model.values[key[0]][key[1]]
            for key in keys
        ]
        return pd.Series(values, index=scales.index, name="value", dtype=float)

    def check_against(self, instrument: Instrument) -> list[Issue]:
        """Every reason why this scheme cannot score the instrument (empty if it can)."""
        file = self.path.name
        scales = instrument.scales
        used = set(instrument.indicators["scale"])
        issues: list[Issue] = []
        for scale in sorted(used):
            if scale not in self.model.values:
                issues.append(
                    make_issue(
                        "score.scale_not_in_scheme",
                        file=file,
                        column=f"values.{scale}",
                        found=scale,
                        expected=self.name,
                    )
                )
                continue
            options = scales.xs(scale, level="scale")
            answered = list(options.index[~options["not_applicable"].astype(bool)])
            given = self.model.values[scale]
            for option in given:
                if option not in answered:
                    issues.append(
                        make_issue(
                            "data.unknown_reference",
                            file=file,
                            column=f"values.{scale}",
                            found=option,
                            target=f'the answered options of scale "{scale}"',
                            allowed=", ".join(answered),
                        )
                    )
            for option in answered:
                if option not in given:
                    issues.append(
                        make_issue(
                            "data.missing_column",
                            file=file,
                            column=f"values.{scale}.{option}",
                            allowed=", ".join(answered),
                        )
                    )
        domains = set(instrument.domains.index)
        for code in self.model.targets.domains:
            if code not in domains:
                issues.append(
                    make_issue(
                        "data.unknown_reference",
                        file=file,
                        column="targets.domains",
                        found=code,
                        target="the instrument's domains",
                        allowed=", ".join(sorted(domains)),
                    )
                )
        subdomains = set(instrument.subdomains.index)
        for code in self.model.aggregation.subdomain_weights:
            if code not in subdomains:
                issues.append(
                    make_issue(
                        "data.unknown_reference",
                        file=file,
                        column="aggregation.subdomain_weights",
                        found=code,
                        target="the instrument's sub-domains",
                        allowed=", ".join(sorted(subdomains)),
                    )
                )
        return issues

    def provenance(self) -> dict[str, Any]:
        """What identifies this scheme in an output (its file name and SHA-256, never a path
        of the machine it ran on)."""
        return {
            "scheme": self.name,
            "scheme_version": self.version,
            "scheme_file": self.path.name,
            "scheme_sha256": self.sha256,
        }


def list_schemes() -> list[str]:
    """Names of the bundled scoring schemes.

    Examples
    --------
    >>> "mgi-default" in list_schemes()
    True
    """
    folder = bundled_dir("scoring")
    return [n for n in bundled_names("scoring") if (folder / f"{n}.toml").is_file()]


def resolve_scheme_path(name_or_path: str | Path) -> Path:
    """The file of a bundled scheme name, or the given path."""
    candidate = Path(name_or_path)
    if candidate.suffix or os.path.lexists(candidate) or "/" in str(name_or_path):
        return candidate  # (lexists: False, not an error, for a name too long for the system)
    bundled = bundled_dir("scoring") / f"{name_or_path}.toml"
    with contextlib.suppress(OSError):
        if bundled.is_file():
            return bundled
    shown = str(name_or_path) if len(str(name_or_path)) <= 80 else f"{str(name_or_path)[:79]}…"
    raise DataFileError(
        f'There is no bundled scoring scheme called "{shown}". '
        f"Bundled schemes: {', '.join(list_schemes())}. To use your own, give the path of its "
        ".toml file.",
        path=candidate,
        rule="data.file_missing",
    )


def instrument_scheme(instrument: Instrument) -> Scheme:
    """The scoring scheme the instrument names as its default (``scheme`` in its metadata).

    Raises
    ------
    DataFileError
        Naming the instrument's metadata file and its ``scheme`` setting when no such scheme
        exists.
    """
    name = instrument.meta.scheme
    try:
        return load_scheme(name)
    except DataFileError as exc:
        if exc.rule != "data.file_missing":
            raise
        issue = make_issue(
            "data.unknown_reference",
            file="instrument.toml",
            column="scheme",
            found=name,
            target="the scoring schemes",
            allowed=", ".join(list_schemes()) + ", or the path of a scheme .toml file",
        )
        raise DataFileError(
            f"The instrument {instrument.meta.name} in {instrument.path} names a scoring scheme "
            "that does not exist.",
            issues=[issue],
            path=instrument.path,
        ) from None


def load_scheme(name_or_path: str | Path | Scheme) -> Scheme:
    """Load and validate a scoring scheme.

    Parameters
    ----------
    name_or_path
        A bundled scheme name (``"mgi-default"``, ``"sdg-10-7-2"``), the path of a scheme
        ``.toml`` file, or an already loaded :class:`Scheme` (returned as is).

    Raises
    ------
    DataFileError
        Listing every problem with the file and the setting (e.g. ``banding.bands``).

    Examples
    --------
    >>> load_scheme("mgi-default").model.objectives.secondary_weight
    0.5
    """
    if isinstance(name_or_path, Scheme):
        return name_or_path
    path = resolve_scheme_path(name_or_path)
    if path.is_dir():
        issue = make_issue(
            "data.is_directory",
            file=path.name,
            found=str(path),
            expected="a scoring scheme .toml file, or a bundled scheme name "
            f"({', '.join(list_schemes())})",
        )
        raise DataFileError(
            f"The scoring scheme {path} is a folder, not a .toml file.",
            issues=[issue],
            path=path,
            rule=issue.rule,
        )
    data, issues = read_toml(path)
    if data is None:
        raise DataFileError(
            f"The scoring scheme {path} could not be read.", issues=issues, path=path
        )
    try:
        model = SchemeModel.model_validate(data)
    except ValidationError as exc:
        problems = pydantic_issues(exc, path.name)
        raise DataFileError(
            f"The scoring scheme {path} has {len(problems)} problem(s); nothing was loaded.",
            issues=problems,
            path=path,
        ) from None
    return Scheme(model=model, path=path, sha256=hashlib.sha256(path.read_bytes()).hexdigest())


def read_targets(path: str | Path, instrument: Instrument, maximum: float) -> dict[str, float]:
    """Read a targets CSV (columns ``domain``, ``target``) checked against the instrument.

    Raises
    ------
    DataFileError
        With file, row and column of every problem (unknown domain, not a number, out of range,
        duplicate).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mgi.instrument import load_instrument
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "targets.csv"
    >>> _ = p.write_text("domain,target\\nD1,80\\n")
    >>> read_targets(p, load_instrument("sdg-10-7-2"), 100.0)
    {'D1': 80.0}
    """
    path = Path(path)
    frame, issues = read_csv_table(path, ["domain", "target"])
    targets: dict[str, float] = {}
    first: dict[str, int] = {}
    domains = instrument.domains.index
    if frame is not None:
        for rec in frame.to_dict("records"):
            row, code = rec["_row"], rec["domain"]
            if code not in domains:
                issues.append(
                    make_issue(
                        "data.unknown_reference",
                        file=path.name,
                        row=row,
                        column="domain",
                        found=code,
                        target="the instrument's domains",
                        allowed=", ".join(domains),
                    )
                )
                continue
            if code in first:
                issues.append(
                    make_issue(
                        "data.duplicate_code",
                        file=path.name,
                        row=row,
                        column="domain",
                        found=code,
                        first_row=first[code],
                    )
                )
                continue
            first[code] = row
            value, problems = parse_number(rec["target"], file=path.name, row=row, column="target")
            issues += problems
            if value is None and not problems:
                issues.append(
                    make_issue("data.empty_value", file=path.name, row=row, column="target")
                )
            elif value is not None and value > maximum:
                issues.append(
                    make_issue(
                        "data.out_of_range",
                        file=path.name,
                        row=row,
                        column="target",
                        found=rec["target"],
                        allowed=f"0 to {maximum:g}",
                    )
                )
            elif value is not None:
                targets[code] = value
    if issues:
        raise DataFileError(
            f"The targets file {path} has {len(issues)} problem(s).", issues=issues, path=path
        )
    return targets


def domain_targets(
    scheme: Scheme,
    instrument: Instrument,
    targets: str | Path | Mapping[str, float] | None = None,
) -> pd.Series:
    """Target of every domain: the scheme default, its per-domain targets, then ``targets``."""
    import pandas as pd

    result = pd.Series(scheme.model.targets.default, index=instrument.domains.index, dtype=float)
    result.update(pd.Series(scheme.model.targets.domains, dtype=float))
    if targets is None:
        override: Mapping[str, float] = {}
    elif isinstance(targets, Mapping):
        unknown = [k for k in targets if k not in result.index]
        if unknown:
            raise DataFileError(
                f"Targets were given for unknown domains: {', '.join(map(str, unknown))}. "
                f"Domains of {instrument.label}: {', '.join(result.index)}.",
                rule="data.unknown_reference",
            )
        override = {k: float(v) for k, v in targets.items()}
    else:
        override = read_targets(targets, instrument, scheme.maximum)
    for code, value in override.items():
        result[code] = value
    result.name = "target"
    return result
