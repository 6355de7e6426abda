"""Prioritisation profiles as data: which criteria rank the GCM objectives, and how.

A profile is a TOML file in ``prioritization/`` (or anywhere, given by path): the criteria with
their source (``scorecard``, ``consultation`` or ``experts``), direction (benefit or cost),
default weight and PROMETHEE preference function; the consultation's scale and stakeholder
groups; the methods to run and their conventions; the sensitivity-analysis settings.

Examples
--------
>>> profile = load_profile("gcm-default")
>>> " ".join(c.code for c in profile.criteria)
'gap stakeholders feasibility resource_need policy_alignment eu_accession partner_funding'
>>> profile.criterion_scale("gap"), profile.criterion_scale("stakeholders")
((0.0, 100.0), (1.0, 5.0))
>>> round(float(profile.default_weights().sum()), 6)
1.0
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

import pandas as pd
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

from mgi._resources import bundled_dir, bundled_names
from mgi._tables import pydantic_issues, read_toml
from mgi.errors import DataFileError
from mgi.prioritization import METHODS, PREFERENCE_NAMES, TIE_RULES
from mgi.prioritization._common import relative_total
from mgi.prioritization.registry import Setting

PREFERENCE_FUNCTIONS = PREFERENCE_NAMES

if TYPE_CHECKING:  # names kept as data by mgi.prioritization: to a type checker, text
    PreferenceName = str
    TieRule = str
else:  # to pydantic, the names themselves
    PreferenceName = Literal[PREFERENCE_NAMES]
    TieRule = Literal[TIE_RULES]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


#: Bidirectional override marks, which make a text display differently from what it says.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _plain_text(value: str, *, multi_line: bool = False) -> str:
    """The text, if it holds no control character (line breaks and tabs allowed in long texts);
    otherwise the error a profile reports at the setting's place. Labels end up in workbooks,
    charts and documents, which cannot show control characters as they are."""
    for char in value:
        if multi_line and char in "\n\t\r":
            continue
        if unicodedata.category(char) == "Cc" or char in _BIDI:
            allowed = "ordinary text, line breaks and tabs" if multi_line else "ordinary text"
            raise ValueError(
                f"the text contains the control character U+{ord(char):04X}; use {allowed}"
            )
    return value


class _Scale(_Frozen):
    """A rating scale from ``scale_min`` to ``scale_max`` (whole numbers)."""

    scale_min: int = 1
    scale_max: int = 5

    @field_validator("scale_max")
    @classmethod
    def _ordered(cls, value: int, info: Any) -> int:
        low = info.data.get("scale_min")
        if low is not None and value <= low:
            raise ValueError(f"scale_max ({value}) must be larger than scale_min ({low})")
        return value


class Criterion(_Frozen):
    """One criterion of the criteria matrix.

    ``scale`` is the criterion's declared scale ``[low, high]``; without it, the scale of its
    source (the governance gap 0-100, the consultation's and the experts' rating scales).
    """

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    source: Literal["scorecard", "consultation", "experts"]
    direction: Literal["benefit", "cost"]
    weight: float = Field(ge=0, allow_inf_nan=False)
    preference: PreferenceName = "linear"
    q: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    p: float = Field(default=1.0, ge=0, allow_inf_nan=False)
    s: float = Field(default=1.0, gt=0, allow_inf_nan=False)
    scale: tuple[float, float] | None = None
    description: str = ""

    @field_validator("scale")
    @classmethod
    def _scale_ordered(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None and not value[0] < value[1]:
            raise ValueError(f"the scale's low end ({value[0]:g}) must be below its high end")
        return value

    @field_validator("code", "label")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return _plain_text(value)

    @field_validator("description")
    @classmethod
    def _long_text(cls, value: str) -> str:
        return _plain_text(value, multi_line=True)

    @model_validator(mode="after")
    def _thresholds(self) -> Criterion:
        if self.preference in ("level", "linear") and self.p <= self.q:
            raise ValueError(f"p ({self.p}) must be larger than q ({self.q})")
        if self.preference == "vshape" and self.p <= 0:
            raise ValueError(f"p ({self.p}) must be above 0 for the V-shape function")
        return self


#: The questions a consultation can ask about each objective, one at a time (their texts are
#: the content table ``consultation_questions``); ``priority`` is the combined "relevant and
#: urgent" question of the first template.
Question = Literal["relevance", "urgency", "priority"]
QUESTIONS: tuple[str, ...] = get_args(Question)
#: Respondent attributes a consultation can ask (optional for the respondent).
AttributeName = Literal["sex", "age_band", "country", "municipality"]
ATTRIBUTE_NAMES: tuple[str, ...] = get_args(AttributeName)


class Population(_Frozen):
    """Declared population shares of one group by one attribute: the group's respondents are
    weighted so that the attribute's categories weigh these shares (post-stratification)."""

    attribute: AttributeName
    shares: dict[str, float] = Field(min_length=1)

    @field_validator("shares")
    @classmethod
    def _shares(cls, value: dict[str, float]) -> dict[str, float]:
        if any(not (v >= 0) for v in value.values()):
            raise ValueError("population shares must be numbers of 0 or more")
        if not any(v > 0 for v in value.values()):
            raise ValueError("at least one population share must be above 0")
        return value


def _first_question() -> list[Question]:
    return ["priority"]


class ConsultationSettings(_Scale):
    """How stakeholder ratings are collected and combined."""

    question: str = "How relevant and urgent is this objective?"
    questions: list[Question] = Field(default_factory=_first_question, min_length=1)
    attributes: list[AttributeName] = Field(default_factory=list)
    population: dict[str, Population] = Field(default_factory=dict)
    groups: list[str] = Field(min_length=1)

    @field_validator("questions")
    @classmethod
    def _distinct_questions(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("each question may be asked once")
        if "priority" in value and len(value) > 1:
            raise ValueError(
                "'priority' asks relevance and urgency in one question; ask it alone, or ask "
                "'relevance' and 'urgency'"
            )
        return value

    @field_validator("question")
    @classmethod
    def _question_text(cls, value: str) -> str:
        return _plain_text(value, multi_line=True)

    @field_validator("groups")
    @classmethod
    def _group_names(cls, value: list[str]) -> list[str]:
        return [_plain_text(group) for group in value]

    group_weights: Literal["equal", "respondents"] | dict[str, float] = "equal"
    allow_other_groups: bool = True

    @field_validator("group_weights", mode="before")
    @classmethod
    def _known_option(cls, value: object) -> object:
        if isinstance(value, str) and value not in ("equal", "respondents"):
            raise ValueError(
                f"unknown option {value!r}; use 'equal', 'respondents' or a table of group "
                "weights such as { Diaspora = 2, Immigrants = 1 }"
            )
        return value

    @field_validator("group_weights")
    @classmethod
    def _non_negative(cls, value: object) -> object:
        if isinstance(value, dict):
            if any(not (w >= 0) for w in value.values()):
                raise ValueError("group weights must be numbers of 0 or more")
            if not any(w > 0 for w in value.values()):
                raise ValueError("at least one group weight must be above 0")
        return value


class ExpertSettings(_Scale):
    """The rating scale of the expert workbook."""


class _MethodSettingsBase(_Frozen):
    """Which ranking methods run, and the conventions shared by all of them."""

    run: list[str] = Field(default_factory=lambda: list(METHODS))
    primary: str = "wsm"
    tie_rule: TieRule = "min"
    missing_gap: Literal["mean", "zero", "error"] = "mean"

    @field_validator("run")
    @classmethod
    def _known_methods(cls, value: list[str]) -> list[str]:
        unknown = [m for m in value if m not in METHODS]
        if unknown:
            raise ValueError(
                f"unknown method(s) {', '.join(map(repr, unknown))}; use {', '.join(METHODS)}"
            )
        if not value:
            raise ValueError(f"give at least one method: {', '.join(METHODS)}")
        return value

    @field_validator("primary")
    @classmethod
    def _known_primary(cls, value: str) -> str:
        if value not in METHODS:
            raise ValueError(f"unknown method {value!r}; use one of {', '.join(METHODS)}")
        return value


def _setting_field(setting: Setting) -> tuple[Any, Any]:
    """The pydantic type and default of a method setting set in the profile's [methods]."""
    if setting.choices:
        return Literal[setting.choices], setting.default
    return float, Field(default=setting.default, ge=setting.low, le=setting.high)


#: The ``[methods]`` table: the shared keys above, and each registered method's own settings
#: (``wsm_normalization``, ``topsis_normalization``, ``vikor_v``...) as the method declares them
#: in :data:`mgi.prioritization.METHODS` — a new method's settings need no change here.
_METHOD_FIELDS: dict[str, Any] = {
    s.profile_key: _setting_field(s)
    for method in METHODS.values()
    for s in method.settings
    if s.profile_key is not None
}
if TYPE_CHECKING:  # statically, the keys every method shares; a method's own are read by name
    MethodSettings = _MethodSettingsBase
else:
    MethodSettings = create_model(
        "MethodSettings",
        __base__=_MethodSettingsBase,
        __doc__="Which ranking methods run and with which conventions.",
        **_METHOD_FIELDS,
    )


class CheckSettings(_Frozen):
    """Thresholds of the checks on the criteria (see the methodology, section 3.5).

    ``noise_ratio``: a rated criterion is flagged when its spread across the objectives is
    at most this many times its sampling noise. ``min_kendall_w``: flagged when the groups
    (or experts) behind it agree less than this on the order of the objectives.
    ``max_correlation``: two criteria are flagged when their correlation across the
    objectives, cost criteria reversed, reaches this in absolute value. ``bootstrap``:
    resamples used to estimate the sampling noise.
    """

    noise_ratio: float = Field(default=2.0, gt=0, allow_inf_nan=False)
    min_kendall_w: float = Field(default=0.3, ge=0, le=1)
    max_correlation: float = Field(default=0.7, gt=0, le=1)
    bootstrap: int = Field(default=1000, ge=100, le=100_000)


class SensitivitySettings(_Frozen):
    """Rank acceptability settings: SMAA-2 under the weights (``samples`` per method), and the
    uncertainty from the weights, the data and the method (``uncertainty_samples``, default
    ``samples``; never more than the samples of a run)."""

    samples: int = Field(default=100_000, ge=100, le=5_000_000)
    uncertainty_samples: int | None = Field(default=None, ge=100, le=5_000_000)
    sampler: Literal["dirichlet", "uniform", "band"] = "dirichlet"
    concentration: float = Field(default=30.0, gt=0)
    band: float = Field(default=0.2, gt=0, lt=1)
    seed: int = Field(default=20240930, ge=0)
    top_k: int = Field(default=10, ge=1)


class Profile(_Frozen):
    """A validated prioritisation profile."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    version: str = Field(pattern=r"^\d+(\.\d+){0,2}$")
    title: str = ""
    description: str = ""

    @field_validator("title")
    @classmethod
    def _title_text(cls, value: str) -> str:
        return _plain_text(value)

    @field_validator("description")
    @classmethod
    def _description_text(cls, value: str) -> str:
        return _plain_text(value, multi_line=True)

    criteria: list[Criterion] = Field(min_length=1)
    consultation: ConsultationSettings
    experts: ExpertSettings = ExpertSettings()
    methods: MethodSettings = MethodSettings()
    sensitivity: SensitivitySettings = SensitivitySettings()
    checks: CheckSettings = CheckSettings()
    sha256: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        codes = [c.code for c in self.criteria]
        duplicated = sorted({c for c in codes if codes.count(c) > 1})
        if duplicated:
            raise ValueError(f"criterion codes must be unique; repeated: {', '.join(duplicated)}")
        if not any(c.weight > 0 for c in self.criteria):
            raise ValueError("at least one criterion weight must be above 0")
        if self.methods.primary not in self.methods.run:
            raise ValueError(f"the primary method {self.methods.primary} is not in methods.run")
        unknown = sorted(set(self.consultation.population) - set(self.consultation.groups))
        if unknown and not self.consultation.allow_other_groups:
            raise ValueError(
                f"consultation.population names groups that are not in consultation.groups: "
                f"{', '.join(unknown)}"
            )
        asked = set(self.consultation.attributes)
        missing = sorted({p.attribute for p in self.consultation.population.values()} - asked)
        if missing:
            raise ValueError(
                "consultation.population weights by attributes the consultation does not ask: "
                f"{', '.join(missing)}; add them to consultation.attributes"
            )
        return self

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.criteria]

    def criterion(self, code: str) -> Criterion:
        """The criterion with this code."""
        for item in self.criteria:
            if item.code == code:
                return item
        raise KeyError(code)

    def criterion_scale(self, code: str) -> tuple[float, float]:
        """The declared scale ``(low, high)`` of a criterion: its own ``scale``, or its
        source's (governance gap 0-100; the consultation's and the experts' rating scales)."""
        item = self.criterion(code)
        if item.scale is not None:
            return (float(item.scale[0]), float(item.scale[1]))
        if item.source == "consultation":
            return (float(self.consultation.scale_min), float(self.consultation.scale_max))
        if item.source == "experts":
            return (float(self.experts.scale_min), float(self.experts.scale_max))
        return (0.0, 100.0)

    def criteria_table(self) -> pd.DataFrame:
        """One row per criterion (index: code): label, source, direction, weight, preference."""
        frame = pd.DataFrame([c.model_dump() for c in self.criteria]).set_index("code")
        frame["default_weight"] = self.default_weights().reindex(frame.index)
        scales = [self.criterion_scale(code) for code in frame.index]
        frame["scale"] = [f"{low:g}-{high:g}" for low, high in scales]
        return frame.drop(columns="weight")

    def default_weights(self) -> pd.Series:
        """The profile's default weights, normalised to sum 1.

        Weights are relative: very large ones (``1e308``) are scaled before they are summed.
        """
        raw = pd.Series({c.code: c.weight for c in self.criteria}, name="weight", dtype=float)
        values, total = relative_total(raw.to_numpy())
        return pd.Series(values, index=raw.index, name="weight") / total

    def expert_criteria(self) -> list[Criterion]:
        """The criteria rated in the expert workbook."""
        return [c for c in self.criteria if c.source == "experts"]


def list_profiles() -> list[str]:
    """Names of the bundled profiles."""
    return bundled_names("prioritization")


def load_profile(name_or_path: str | Path = "gcm-default") -> Profile:
    """Load and validate a prioritisation profile (bundled name or path of a TOML file).

    Raises
    ------
    DataFileError
        Listing every invalid setting with its place in the file.
    """
    path = Path(name_or_path)
    if path.suffix != ".toml" and not path.exists():
        path = bundled_dir("prioritization") / f"{name_or_path}.toml"
        if not path.is_file():
            raise DataFileError(
                f'There is no bundled profile called "{name_or_path}". Bundled profiles: '
                f"{', '.join(list_profiles())}. To use your own, give the path of its .toml file.",
                path=path,
                rule="data.file_missing",
            )
    raw, issues = read_toml(path)
    if raw is None:
        raise DataFileError(
            f"The profile {path} cannot be read.",
            issues=issues,
            path=path,
            rule=issues[0].rule if issues else "data.unreadable",
        )
    import hashlib

    try:
        raw["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        return Profile.model_validate(raw)
    except ValidationError as exc:
        found = pydantic_issues(exc, path.name)
        raise DataFileError(
            f"The profile {path} has {len(found)} problem(s).",
            issues=found,
            path=path,
            rule="data.metadata",
        ) from None
