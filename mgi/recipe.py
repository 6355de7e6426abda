"""The recipe of a run: which methodology, which inputs, which settings, which outputs.

A :class:`Recipe` is a frozen, validated description of one run of mgi. It is what every
command builds from its options, what ``mgi run RECIPE.toml`` reads, and what every output
records (an output folder holds it as ``recipe.toml``; a single workbook in its About sheet), so
that any result can be made again from the files it names.

In a TOML file the paths are relative to the file's folder; in memory they are absolute. Files
shipped with mgi are written ``mgi:<folder>/<path>`` (``mgi:data/demo/consultation.xlsx``) and
the bundled methodology by its name (``mgi-national``, ``mgi-default``, ``gcm-default``), so a
recorded recipe never holds the install folder or any other absolute path::

    recipe_version = 1

    [methodology]
    instrument = "mgi-national"          # default: the instrument stamped in the workbook
    scheme = "mgi-default"               # default: the instrument's scheme
    profile = "gcm-default"

    [inputs]
    assessment = "mgi-national-2023.xlsx"
    earlier = "mgi-national-2018.xlsx"
    consultation = "consultation.xlsx"
    experts = "experts.xlsx"
    weights = "weights.xlsx"
    reference = [2, 3, 4, 5]

    [settings]
    samples = 100000
    seed = 20240930
    lang = "sq"                          # Albanian outputs and messages (default: en)

    [outputs]
    folder = "albania-2023"              # written as a whole, with recipe.toml in it
    report = "."                         # charts, results.xlsx, report.html, Word annex
    priorities = "priorities.xlsx"

``recipe_version`` says which version of this format a file follows. New sections (a language,
a live session, an action plan, monitoring) are added as optional sections, so an older recipe
stays valid; a recipe of a newer version than this mgi understands is refused with a message
saying so.

Examples
--------
>>> recipe = Recipe.model_validate(
...     {"inputs": {"assessment": "q.xlsx"}, "settings": {"samples": 2000}},
...     context={"base": "/project"})
>>> recipe.inputs.assessment.as_posix()
'/project/q.xlsx'
>>> print(recipe.to_toml("/project/out").split("[inputs]")[1].strip().splitlines()[0])
assessment = "../q.xlsx"
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from mgi._resources import BUNDLED_FOLDERS, bundled_dir

#: The version of the recipe format this mgi reads and writes.
RECIPE_VERSION = 1
#: How a path to a file shipped with mgi starts in a recipe.
BUNDLED_PREFIX = "mgi:"
#: The file name of the recipe in an output folder.
RECIPE_FILE = "recipe.toml"
#: Chart formats a report can be written in: each chart as PNG, SVG or PDF, and ``all-pdf`` for
#: every chart in one ``all-charts.pdf`` (``pdf`` writes it too). As
#: :data:`mgi.reports.render.CHART_FORMATS`, without importing the reports.
ChartFormat = Literal["png", "svg", "pdf", "all-pdf"]
CHART_FORMATS: tuple[ChartFormat, ...] = ("png", "svg", "pdf", "all-pdf")
#: The chart formats of a recipe that names none: PNG, SVG and one ``all-charts.pdf``.
DEFAULT_CHART_FORMATS: tuple[ChartFormat, ...] = ("png", "svg", "all-pdf")

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: Where each kind of bundled methodology lives, and the suffix of its file.
_METHODOLOGY_HOMES = {
    "instrument": ("questionnaires", ""),
    "scheme": ("scoring", ".toml"),
    "profile": ("prioritization", ".toml"),
}


# -- paths: absolute in memory, relative or bundled on disk ---------------------------------------


def _base(info: ValidationInfo | None) -> Path:
    context = (info.context if info is not None else None) or {}
    return Path(context.get("base") or Path.cwd())


def resolve_path(text: str | Path, base: str | Path) -> Path:
    """The absolute path a recipe entry names: ``mgi:`` entries inside the bundled folders,
    relative entries inside ``base`` (the recipe's folder).

    Examples
    --------
    >>> resolve_path("inputs/q.xlsx", "/project").as_posix()
    '/project/inputs/q.xlsx'
    >>> resolve_path("mgi:data/demo/experts.xlsx", "/project").name
    'experts.xlsx'
    """
    value = str(text).strip()
    if value.startswith(BUNDLED_PREFIX):
        inner = PurePosixPath(value[len(BUNDLED_PREFIX) :].replace("\\", "/"))
        parts = inner.parts
        if (
            inner.is_absolute()
            or ".." in parts
            or len(parts) < 2
            or parts[0] not in BUNDLED_FOLDERS
        ):
            raise ValueError(
                f'"{value}" is not a file shipped with mgi; write mgi:<folder>/<file> with a '
                f"folder among {', '.join(BUNDLED_FOLDERS)}"
            )
        return bundled_dir(parts[0]).joinpath(*parts[1:])
    if not value:
        raise ValueError("the path is empty")
    path = Path(value).expanduser()
    return Path(os.path.abspath(path if path.is_absolute() else Path(base) / path))


def _bundled_ref(path: Path) -> str | None:
    """``mgi:<folder>/<file>`` when ``path`` is inside a bundled folder, else None."""
    real = Path(os.path.realpath(path))
    for folder in BUNDLED_FOLDERS:
        try:
            root = Path(os.path.realpath(bundled_dir(folder)))
        except FileNotFoundError:  # pragma: no cover - a broken installation
            continue
        if real == root or root in real.parents:
            inner = real.relative_to(root).as_posix()
            return f"{BUNDLED_PREFIX}{folder}/{inner}".rstrip("/.")
    return None


def path_text(path: str | Path, start: str | Path) -> str:
    """How a recipe written in folder ``start`` names ``path``: ``mgi:…`` for a bundled file,
    else the path relative to ``start`` (with ``/``). When the two share no folder below the
    file-system root (another drive, ``/tmp`` against a home folder), only the file name is
    written, so that no recipe ever reveals a user's folders.

    Examples
    --------
    >>> path_text("/project/inputs/q.xlsx", "/project/reports/2023")
    '../../inputs/q.xlsx'
    >>> path_text("/project/out", "/project/out")
    '.'
    """
    bundled = _bundled_ref(Path(path))
    if bundled is not None:
        return bundled
    real = os.path.realpath(path)
    here = os.path.realpath(start)
    try:
        common = Path(os.path.commonpath([real, here]))
        relative = os.path.relpath(real, here)
    except ValueError:  # different drives
        return Path(real).name
    if common == Path(common.anchor):
        return Path(real).name
    return PurePosixPath(Path(relative).as_posix()).as_posix()


def is_outside(path: str | Path, start: str | Path) -> bool:
    """Whether :func:`path_text` can only record the file name of ``path`` (see there)."""
    if _bundled_ref(Path(path)) is not None:
        return False
    try:
        common = Path(os.path.commonpath([os.path.realpath(path), os.path.realpath(start)]))
    except ValueError:
        return True
    return common == Path(common.anchor)


def _input_path(value: Any, info: ValidationInfo) -> Any:
    if value is None or value == "":
        return None
    if not isinstance(value, str | Path):
        raise ValueError(f"expected a path as text, found {value!r}")
    return resolve_path(value, _base(info))


def _methodology(value: Any, info: ValidationInfo) -> Any:
    """A bundled name stays a name; anything else becomes an absolute path (as text)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str | Path):
        raise ValueError(f"expected a name or a path as text, found {value!r}")
    text = str(value).strip()
    if text.startswith(BUNDLED_PREFIX):
        return str(resolve_path(text, _base(info)))
    base = _base(info)
    candidate = Path(text)
    if (
        _NAME.match(text)
        and not candidate.suffix
        and not candidate.is_absolute()
        and not (base / candidate).exists()
    ):
        return text
    return str(resolve_path(text, base))


InputPath = Annotated[Path | None, BeforeValidator(_input_path)]
MethodologyRef = Annotated[str | None, BeforeValidator(_methodology)]


# -- the sections ---------------------------------------------------------------------------------


def _split(value: Any) -> Any:
    """A list typed as one text (``"2, 3; 5"``, ``"png,svg"``) as its parts; anything else
    unchanged."""
    if isinstance(value, str):
        return [part for part in re.split(r"[,;\s]+", value) if part]
    return value


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Methodology(_Section):
    """Which instrument, scoring scheme, prioritisation profile and mapping a run uses.

    ``instrument``, ``earlier_instrument``, ``scheme`` and ``profile`` are bundled names or
    paths; ``mapping`` (indicator → GCM objectives) and ``targets`` (domain targets) are CSV
    files.
    """

    instrument: MethodologyRef = None
    earlier_instrument: MethodologyRef = None
    scheme: MethodologyRef = None
    profile: MethodologyRef = "gcm-default"
    mapping: InputPath = None
    targets: InputPath = None

    @field_validator("profile")
    @classmethod
    def _profile_given(cls, value: str | None) -> str:
        return value or "gcm-default"


class Inputs(_Section):
    """The completed workbooks a run reads, and the reference list of objectives.

    ``assessment`` is this round's questionnaire; ``earlier`` the same questionnaire from an
    earlier round; ``sdg`` the SDG 10.7.2 module; ``consultation``, ``experts`` and ``weights``
    the prioritisation session's workbooks. ``assessments`` (several questionnaires scored into
    one table) is used alone. For the action plan (``[plan]``): ``decisions``, a workbook with
    the working group's decisions (the priorities workbook of ``mgi session export``), and
    ``previous_plan``, an earlier plan whose unfinished measures are carried in.
    """

    assessment: InputPath = None
    assessments: tuple[Annotated[Path, BeforeValidator(_input_path)], ...] = ()
    earlier: InputPath = None
    sdg: InputPath = None
    consultation: InputPath = None
    experts: InputPath = None
    weights: InputPath = None
    decisions: InputPath = None
    previous_plan: InputPath = None
    reference: tuple[Annotated[int, Field(ge=1, le=23)], ...] = ()
    reference_source: str = ""

    @field_validator("reference", mode="before")
    @classmethod
    def _objective_numbers(cls, value: Any) -> Any:
        value = _split(value)
        if isinstance(value, list | tuple):
            return [
                int(v.upper().removeprefix("GCM")) if isinstance(v, str) and v.strip() else v
                for v in value
            ]
        return value

    def files(self) -> Iterator[tuple[str, Path]]:
        """Every input file as ``(key, path)``, in reading order (``assessments[2]`` for the
        third of several questionnaires)."""
        for key in (
            "assessment",
            "earlier",
            "sdg",
            "consultation",
            "experts",
            "weights",
            "decisions",
            "previous_plan",
        ):
            path = getattr(self, key)
            if path is not None:
                yield key, path
        for number, path in enumerate(self.assessments, start=1):
            yield f"assessments[{number}]", path


class Settings(_Section):
    """How a run computes and writes: ranking methods (the first is the primary ranking),
    weight samples and seed of the rank acceptability analysis, size of the priority set,
    whether missing answers are allowed, whether two rounds that name different countries are
    compared on purpose (``allow_other_country``: one country under a renamed label or in
    another edition), whether to rank the objectives, the chart formats, the language of
    every output and message (``lang``: ``en``, ``sq`` or any language of ``data/i18n``;
    default: the language the main input workbook was made in, else English) and the chart font
    (``font``, an installed font family, default DejaVu Sans).

    What-if settings of one run (see :mod:`mgi.priorities.whatif`): ``weights`` overrides
    agreed weights (criterion → points out of the 100 agreed points), ``exclude`` leaves
    objectives out of the ranking and ``lock`` keeps them in the priority set, each objective
    with the reason given (``{ GCM08 = "covered by the EU programme" }``).
    """

    methods: tuple[str, ...] | None = None
    samples: int | None = Field(default=None, ge=100, le=5_000_000)
    seed: int | None = Field(default=None, ge=0, le=2**63 - 1)
    top_k: int | None = Field(default=None, ge=1, le=23)
    allow_incomplete: bool = False
    allow_other_country: bool = False
    prioritize: bool | None = None
    formats: tuple[ChartFormat, ...] = DEFAULT_CHART_FORMATS
    lang: str | None = None
    font: str | None = None
    weights: dict[str, float] | None = None
    exclude: dict[str, str] | None = None
    lock: dict[str, str] | None = None

    @field_validator("lang")
    @classmethod
    def _known_language(cls, value: str | None) -> str | None:
        """A language with catalogues (``sq``, ``SQ``, ``sq-AL`` all read as ``sq``)."""
        if value is None or not str(value).strip():
            return None
        from mgi.i18n import UnknownLanguageError, language

        try:
            return language(value).code
        except UnknownLanguageError as exc:
            raise ValueError(exc.message.rstrip(".")) from None

    @field_validator("weights")
    @classmethod
    def _points(cls, value: dict[str, float] | None) -> dict[str, float] | None:
        if value is None:
            return None
        bad = [f"{k}={v}" for k, v in value.items() if not (v >= 0 and v < float("inf"))]
        if bad:
            raise ValueError(
                f"weights must be points of 0 or more, e.g. gap=40; found {', '.join(bad)}"
            )
        return dict(value) or None

    @field_validator("exclude", "lock")
    @classmethod
    def _objectives(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        """Objective codes (``GCM08``, ``8``) → reasons, as codes ``GCM08``."""
        if value is None:
            return None
        out = {}
        for key, reason in value.items():
            text = str(key).strip().upper().removeprefix("GCM").strip()
            if not text.isdigit() or not 1 <= int(text) <= 23:
                raise ValueError(f'"{key}" is not a GCM objective; use GCM01 to GCM23')
            out[f"GCM{int(text):02d}"] = str(reason)
        return out or None

    @field_validator("font")
    @classmethod
    def _font_name(cls, value: str | None) -> str | None:
        """A font family name (whether it is installed is checked when a report is written)."""
        if value is None or not str(value).strip():
            return None
        text = " ".join(str(value).split())
        if len(text) > 100 or any(ord(c) < 32 for c in text):
            raise ValueError("a font is a family name such as DejaVu Sans or Liberation Sans")
        return text

    @field_validator("methods")
    @classmethod
    def _some_methods(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        """Methods of :data:`mgi.prioritization.METHODS`, each once, in the order given."""
        if value is None:
            return None
        if not value:
            raise ValueError("name at least one method, or leave methods out")
        from mgi.prioritization import METHODS

        unknown = [m for m in value if m not in METHODS]
        if unknown:
            raise ValueError(
                f"{', '.join(unknown)} is not a ranking method; use {', '.join(METHODS)}"
            )
        return tuple(dict.fromkeys(value))

    @field_validator("formats", mode="before")
    @classmethod
    def _formats(cls, value: Any) -> Any:
        value = _split(value)
        if isinstance(value, list | tuple):
            value = [str(f).strip().lower() for f in value]
            return tuple(dict.fromkeys(["png", *value]))  # PNG is always written
        return value


def _quarter_text(value: Any) -> Any:
    """A quarter as ``2025-Q1`` (any spelling :func:`mgi.workbook.sheets.quarter` reads)."""
    if value is None or value == "":
        return None
    from mgi.workbook.sheets import quarter

    try:
        return str(quarter(value))
    except ValueError:
        raise ValueError(f'"{value}" is not a quarter; write it as 2025-Q1') from None


QuarterText = Annotated[str | None, BeforeValidator(_quarter_text)]


class PlanSection(_Section):
    """The action plan made from the ranking (``mgi plan``): its first and last quarter
    (``end`` defaults to three years after ``start``), the currency of its costs, title,
    country (default: the assessment's) and language (default: the run's, ``settings.lang``);
    how many objectives of the consensus
    ranking it takes when no decisions are given (``top_k``, default ``settings.top_k``, else
    10); the measure rows written under each specific objective. ``fill = "illustrative"``
    fills the plan with made-up measures, for demonstrations only (``mgi demo``)."""

    start: QuarterText
    end: QuarterText = None
    currency: str = Field(default="ALL", min_length=1, max_length=12)
    title: str = ""
    country: str = ""
    top_k: int | None = Field(default=None, ge=1, le=23)
    rows: int = Field(default=5, ge=0, le=50)
    language: str | None = None
    fill: Literal["none", "illustrative"] = "none"

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str | None) -> str | None:
        if value is None or not str(value).strip():
            return None
        from mgi.i18n import languages

        if value not in languages():
            raise ValueError(f"use one of {', '.join(sorted(languages()))}")
        return value

    @model_validator(mode="after")
    def _period(self) -> PlanSection:
        if self.start is None:
            raise ValueError("start: the first quarter of the plan is needed, e.g. 2025-Q1")
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) comes before start ({self.start})")
        return self


def _period_text(value: Any) -> Any:
    """A reporting period as ``2025-H1`` or ``2025`` (any spelling :func:`mgi.monitor.period.
    period` reads)."""
    from mgi.monitor.period import period

    try:
        return str(period(value))
    except ValueError:
        raise ValueError(
            f'"{value}" is not a reporting period; write 2025-H1, 2025-H2 or 2025'
        ) from None


class MonitorSection(_Section):
    """Monitoring of the action plan made in the run (``mgi monitor``): the reporting
    ``periods`` in order (the last is reported on, the others give the trend), the report's
    language (default: the run's, ``settings.lang``) and traffic-light ``thresholds`` (a TOML
    file; default ``monitoring/traffic-lights.toml``). ``fill = "illustrative"`` makes made-up
    progress workbooks for every institution of the plan (``mgi demo``); to monitor a plan the
    secretariat filled in, use ``mgi monitor report``."""

    periods: tuple[Annotated[str, BeforeValidator(_period_text)], ...] = Field(min_length=1)
    language: str | None = None
    thresholds: InputPath = None
    fill: Literal["illustrative"] = "illustrative"

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str | None) -> str | None:
        if value is None or not str(value).strip():
            return None
        from mgi.i18n import languages

        if value not in languages():
            raise ValueError(f"use one of {', '.join(sorted(languages()))}")
        return value

    @field_validator("periods")
    @classmethod
    def _in_order(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        from mgi.monitor.period import period

        found = [period(v) for v in value]
        if any(found[k + 1] <= found[k] for k in range(len(found) - 1)):
            raise ValueError("give the periods in order, each once, the period reported on last")
        return value


_OUTPUT_FILES = (
    "scores",
    "earlier_scores",
    "sdg_scores",
    "comparison",
    "priorities",
    "combined",
    "plan",
)


def _output_name(value: Any) -> Any:
    if value is None or value == "":
        return None
    if not isinstance(value, str | Path):
        raise ValueError(f"expected a file or folder name as text, found {value!r}")
    return str(value).strip().replace("\\", "/")


OutputName = Annotated[str | None, BeforeValidator(_output_name)]


class Outputs(_Section):
    """What a run writes.

    ``folder`` is written as a whole (atomically, with ``recipe.toml`` in it). ``report`` is the
    report's folder inside it (``"."``: the folder itself). The workbooks (``scores``,
    ``earlier_scores``, ``sdg_scores``, ``comparison``, ``priorities``, ``combined``, and
    ``plan``, the action-plan workbook) are file names inside ``folder``, or, without a folder,
    paths relative to the recipe. ``plan_report`` is the folder of the plan's report inside
    ``folder`` (for a plan filled in the run, ``plan.fill``).
    """

    folder: InputPath = None
    report: OutputName = None
    scores: OutputName = None
    earlier_scores: OutputName = None
    sdg_scores: OutputName = None
    comparison: OutputName = None
    priorities: OutputName = None
    combined: OutputName = None
    plan: OutputName = None
    plan_report: OutputName = None
    monitor_report: OutputName = None

    @field_validator("report", "plan_report", "monitor_report", *_OUTPUT_FILES)
    @classmethod
    def _inside(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        parts = PurePosixPath(value).parts
        if info.field_name in ("report", "plan_report", "monitor_report"):
            if Path(value).is_absolute() or ".." in parts:
                raise ValueError('the report is a folder inside the output folder, e.g. "report"')
            if info.field_name == "plan_report" and PurePosixPath(value).as_posix() == ".":
                raise ValueError('the plan\'s report is a folder of its own, e.g. "plan"')
            if info.field_name == "monitor_report" and PurePosixPath(value).as_posix() == ".":
                raise ValueError('the monitoring report is a folder of its own, e.g. "monitor"')
            return PurePosixPath(value).as_posix()
        return value

    def workbooks(self) -> dict[str, str]:
        """The workbook outputs named, ``{key: name}``."""
        return {k: getattr(self, k) for k in _OUTPUT_FILES if getattr(self, k)}

    @property
    def empty(self) -> bool:
        """Whether the recipe writes nothing."""
        return (
            self.folder is None
            and self.report is None
            and self.plan_report is None
            and self.monitor_report is None
            and not self.workbooks()
        )


class Recipe(_Section):
    """One run of mgi: methodology, inputs, settings and outputs (see the module docstring).

    Build one from a TOML file with :func:`load_recipe`, from a dictionary with
    ``Recipe.model_validate(data, context={"base": folder})`` (relative paths are then taken
    inside ``folder``; without a context, inside the current folder), or from keyword
    arguments. :meth:`to_toml` writes it back with paths relative to a folder.

    ``checksums`` holds the SHA-256 of each input file when the recipe was recorded by a run;
    running it again warns when a file changed since. ``record`` is written by mgi for
    readers (version, country and round of the run) and not used to compute anything.
    """

    recipe_version: int = Field(default=RECIPE_VERSION, ge=1)
    title: str = ""
    note: str = ""
    methodology: Methodology = Methodology()
    inputs: Inputs = Inputs()
    settings: Settings = Settings()
    outputs: Outputs = Outputs()
    plan: PlanSection | None = None
    monitor: MonitorSection | None = None
    checksums: dict[str, str | tuple[str, ...]] = Field(default_factory=dict)
    record: dict[str, str] = Field(default_factory=dict)

    _base: Path = PrivateAttr(default_factory=Path.cwd)

    def model_post_init(self, context: Any) -> None:
        """Remember the folder relative entries were read against (for default outputs)."""
        base = (context or {}).get("base") if isinstance(context, Mapping) else None
        self._base = Path(os.path.abspath(base or Path.cwd()))

    @field_validator("recipe_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value > RECIPE_VERSION:
            raise ValueError(
                f"version {value} is newer than this mgi reads (up to {RECIPE_VERSION}); "
                "update mgi to run this recipe"
            )
        return value

    @field_validator("checksums")
    @classmethod
    def _hex(cls, value: dict[str, Any]) -> dict[str, Any]:
        for key, digest in value.items():
            digests = digest if isinstance(digest, tuple | list) else (digest,)
            if not all(isinstance(d, str) and _SHA256.match(d) for d in digests):
                raise ValueError(f"checksums.{key} should be a SHA-256 (64 hexadecimal digits)")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Recipe:
        inputs, outputs = self.inputs, self.outputs
        if inputs.assessments:
            others = [k for k, _ in inputs.files() if not k.startswith("assessments")]
            if others:
                raise ValueError(
                    "inputs.assessments (several questionnaires scored into one table) is used "
                    f"alone; remove {', '.join(others)} or run them as another recipe"
                )
        needs_assessment = [
            k for k in ("earlier", "sdg") if getattr(inputs, k) and not inputs.assessment
        ]
        if needs_assessment:
            raise ValueError(f"inputs.{needs_assessment[0]} needs inputs.assessment (this round)")
        if outputs.report and not inputs.assessment:
            raise ValueError("outputs.report needs inputs.assessment")
        if (outputs.plan or outputs.plan_report) and self.plan is None:
            raise ValueError("outputs.plan and outputs.plan_report need a [plan] section")
        if outputs.plan_report and (self.plan is None or self.plan.fill == "none"):
            raise ValueError(
                "outputs.plan_report reports a plan filled in the run (plan.fill); report a plan "
                "the secretariat filled in with 'mgi plan report PLAN.xlsx -o FOLDER'"
            )
        if (outputs.monitor_report is None) != (self.monitor is None):
            raise ValueError("outputs.monitor_report and a [monitor] section go together")
        if self.monitor is not None and (self.plan is None or self.plan.fill == "none"):
            raise ValueError(
                "[monitor] makes illustrative progress reports for the plan filled in the run "
                "(plan.fill); report the progress of a plan the secretariat filled in with "
                "'mgi monitor report --plan PLAN.xlsx PROGRESS.xlsx... -o FOLDER'"
            )
        if self.plan is not None and not inputs.assessment:
            raise ValueError("[plan] needs inputs.assessment (the MGI indicators behind the gaps)")
        if outputs.folder is not None:
            for key, name in outputs.workbooks().items():
                if Path(name).is_absolute() or ".." in PurePosixPath(name).parts:
                    raise ValueError(
                        f'outputs.{key} ("{name}") should be a file name inside outputs.folder'
                    )
        return self

    def __eq__(self, other: object) -> bool:
        """Recipes are equal when they say the same, wherever they were read from."""
        if not isinstance(other, Recipe):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]  # holds dictionaries

    # -- derived -----------------------------------------------------------------------------

    @property
    def base(self) -> Path:
        """The folder relative entries were read against (the recipe file's folder)."""
        return self._base

    @property
    def ranks(self) -> bool:
        """Whether this recipe ranks the GCM objectives."""
        if self.settings.prioritize is not None:
            return self.settings.prioritize
        i = self.inputs
        return bool(
            i.consultation or i.experts or i.weights or self.outputs.priorities or self.plan
        )

    def replace(self, **sections: Mapping[str, Any] | str) -> Recipe:
        """A copy with some entries of some sections changed (a mapping of them per section),
        or a value of the recipe's own replaced (``note``), validated again.

        Examples
        --------
        >>> Recipe().replace(settings={"samples": 500}).settings.samples
        500
        """
        data = self.model_dump(exclude_none=True)
        for name, changes in sections.items():
            current = data.get(name)
            if isinstance(current, dict) and isinstance(changes, Mapping):
                data[name] = {**current, **dict(changes)}
            else:
                data[name] = changes
        return Recipe.model_validate(data, context={"base": self._base})

    # -- TOML --------------------------------------------------------------------------------

    def to_dict(self, folder: str | Path) -> dict[str, Any]:
        """The recipe as plain values with every path written as in a recipe file in
        ``folder`` (relative, or ``mgi:`` for bundled files; see :func:`path_text`)."""
        start = Path(folder)

        def methodology_text(kind: str, value: str | None) -> str | None:
            if value is None or _NAME.match(value):
                return value
            home, suffix = _METHODOLOGY_HOMES.get(kind, ("", ""))
            path = Path(value)
            if home and path.parent == bundled_dir(home) and path.suffix == suffix:
                return path.name.removesuffix(suffix) if suffix else path.name
            return path_text(path, start)

        out: dict[str, Any] = {"recipe_version": self.recipe_version}
        if self.title:
            out["title"] = self.title
        if self.note:
            out["note"] = self.note
        m = self.methodology
        out["methodology"] = {
            "instrument": methodology_text("instrument", m.instrument),
            "earlier_instrument": methodology_text("instrument", m.earlier_instrument),
            "scheme": methodology_text("scheme", m.scheme),
            "profile": methodology_text("profile", m.profile),
            "mapping": path_text(m.mapping, start) if m.mapping else None,
            "targets": path_text(m.targets, start) if m.targets else None,
        }
        i = self.inputs
        out["inputs"] = {key: path_text(path, start) for key, path in i.files() if "[" not in key}
        if i.assessments:
            out["inputs"]["assessments"] = [path_text(p, start) for p in i.assessments]
        if i.reference:
            out["inputs"]["reference"] = list(i.reference)
        if i.reference_source:
            out["inputs"]["reference_source"] = i.reference_source
        out["settings"] = self.settings.model_dump(exclude_none=True)
        o = self.outputs
        out["outputs"] = {
            "folder": path_text(o.folder, start) if o.folder else None,
            "report": o.report,
            "plan_report": o.plan_report,
            "monitor_report": o.monitor_report,
            **{
                k: (name if o.folder else path_text(resolve_path(name, self._base), start))
                for k, name in o.workbooks().items()
            },
        }
        if self.plan is not None:
            plan = self.plan.model_dump(exclude_none=True)
            out["plan"] = {k: v for k, v in plan.items() if v != ""}
        if self.monitor is not None:
            monitor = self.monitor.model_dump(exclude_none=True)
            if self.monitor.thresholds is not None:
                monitor["thresholds"] = path_text(self.monitor.thresholds, start)
            monitor["periods"] = list(self.monitor.periods)
            out["monitor"] = monitor
        if self.checksums:
            out["checksums"] = dict(self.checksums)
        if self.record:
            out["record"] = dict(self.record)
        return _drop_empty(out)

    def to_toml(self, folder: str | Path) -> str:
        """The recipe as TOML text for a file in ``folder`` (see :meth:`to_dict`)."""
        head = [
            "# mgi run recipe: the methodology, inputs, settings and outputs of one run.",
            "# Paths are relative to this file's folder; mgi:... names a file shipped with mgi.",
            "# Run it again with: mgi run recipe.toml [--out FOLDER]",
        ]
        return "\n".join(head) + "\n" + dumps_toml(self.to_dict(folder))


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _drop_empty(value)
            if not value:
                continue
        if value is None or (isinstance(value, list | tuple) and not value):
            continue
        out[key] = value
    return out


# -- reading and writing TOML ---------------------------------------------------------------------


def load_recipe(path: str | Path) -> Recipe:
    """Read and validate a recipe file (or the ``recipe.toml`` of an output folder).

    Raises
    ------
    DataFileError
        The file is missing, is not TOML, or has entries that are not allowed (each named,
        with what is allowed).
    """
    from mgi._tables import pydantic_issues, read_toml
    from mgi.errors import DataFileError

    file = Path(path)
    if file.is_dir():
        file = file / RECIPE_FILE
    data, issues = read_toml(file)
    if data is None:
        raise DataFileError(f"The recipe {file.name} could not be read.", issues=issues, path=file)
    base = Path(os.path.abspath(file.parent))
    try:
        return Recipe.model_validate(data, context={"base": base})
    except ValidationError as exc:
        problems = pydantic_issues(exc, file.name)
        raise DataFileError(
            f"The recipe {file.name} has {len(problems)} problem(s); nothing was run.",
            issues=problems,
            path=file,
        ) from None


def _toml_string(text: str) -> str:
    escapes = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    out = []
    for char in text:
        if char in escapes:
            out.append(escapes[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_string(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str | Path):
        return _toml_string(str(value))
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):  # an inline table: { gap = 40.0, stakeholders = 20.0 }
        return (
            "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
        )
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def dumps_toml(data: Mapping[str, Any]) -> str:
    """TOML text of plain values: top-level keys first, then one ``[table]`` per mapping
    (one level deep; a mapping inside a table is written as an inline table), keys in the
    given order. Deterministic: same data, same text.

    Examples
    --------
    >>> print(dumps_toml({"a": 1, "s": {"x": "é\\"", "y": [1, 2]}}), end="")
    a = 1
    <BLANKLINE>
    [s]
    x = "é\\""
    y = [1, 2]
    """
    lines = [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in data.items() if not _is_table(v)]
    for key, table in data.items():
        if _is_table(table):
            lines += ["", f"[{_toml_key(key)}]"]
            lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping)
