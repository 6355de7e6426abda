"""The file door to a prioritisation session: read every workbook, report every problem, rank.

:func:`load_session` reads the assessment, the consultation, the expert ratings and the
working group's weights (each optional where the profile allows), collects the issues of all
files at once, and refuses to go on if any has errors. :func:`prioritize_files` then builds the
criteria matrix, combines the weights and ranks the objectives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgi.assessment import Assessment
from mgi.catalogue import Issue
from mgi.errors import InputError
from mgi.priorities.criteria import build_criteria_matrix
from mgi.priorities.profile import Profile, load_profile
from mgi.priorities.ratings import Consultation, ExpertRatings
from mgi.priorities.session import Prioritization, prioritize
from mgi.priorities.weighting import (
    AgreedWeights,
    WeightJudgements,
    combine_judgements,
    profile_weights,
)


@dataclass(frozen=True, eq=False)
class SessionInputs:
    """Everything read for a session, with the issues of every file."""

    profile: Profile
    assessment: Any = None
    scorecard: Any = None
    consultation: Consultation | None = None
    experts: ExpertRatings | None = None
    judgements: WeightJudgements | None = None
    agreed: AgreedWeights | None = None
    issues: tuple[Issue, ...] = field(default_factory=tuple)

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]


def load_session(
    *,
    assessment: str | Path | Assessment | None = None,
    consultation: str | Path | None = None,
    experts: str | Path | None = None,
    weights: str | Path | None = None,
    profile: Profile | str | Path = "gcm-default",
    scheme: str | Path | None = None,
    instrument: str | Path | None = None,
    allow_incomplete: bool = False,
) -> SessionInputs:
    """Read and check every input of a session; raise one :class:`InputError` listing the
    problems of all files when any has errors. ``assessment`` may be a path or an
    :class:`~mgi.assessment.Assessment` already read."""
    from mgi.scoring import score
    from mgi.workbook import read_assessment, read_consultation, read_experts, read_weights

    prof = profile if isinstance(profile, Profile) else load_profile(profile)
    issues: list[Issue] = []
    unreadable: list[Issue] = []

    def attempt(reader: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            result = reader(*args, **kwargs)
        except InputError as exc:
            unreadable.extend(exc.issues or [])
            return None
        issues.extend(result.issues)
        return result

    if isinstance(assessment, Assessment):  # already read (e.g. by the demo): do not re-read
        read_a = assessment
        issues.extend(assessment.issues)
    elif assessment:
        read_a = attempt(read_assessment, assessment, instrument, allow_incomplete=allow_incomplete)
    else:
        read_a = None
    read_c = attempt(read_consultation, consultation, prof) if consultation else None
    read_e = attempt(read_experts, experts, prof) if experts else None
    read_w = attempt(read_weights, weights, prof) if weights else None
    problems = unreadable + [i for i in issues if i.is_error]
    if problems:
        raise InputError(
            f"The session inputs have {len(problems)} error(s); nothing was ranked. Fix them "
            "and run again (each file can be checked with 'mgi validate FILE').",
            issues=problems + [i for i in issues if not i.is_error],
        )
    card = None
    if read_a is not None:
        card = score(read_a, scheme, allow_incomplete=allow_incomplete)
        issues.extend(card.issues)
    agreed = (
        combine_judgements(read_w, prof.codes)
        if read_w is not None
        else profile_weights(prof.default_weights())
    )
    return SessionInputs(
        profile=prof,
        assessment=read_a,
        scorecard=card,
        consultation=read_c,
        experts=read_e,
        judgements=read_w,
        agreed=agreed,
        issues=tuple(dict.fromkeys(issues)),
    )


def prioritize_files(
    *,
    assessment: str | Path | Assessment | None = None,
    consultation: str | Path | None = None,
    experts: str | Path | None = None,
    weights: str | Path | None = None,
    profile: Profile | str | Path = "gcm-default",
    scheme: str | Path | None = None,
    instrument: str | Path | None = None,
    allow_incomplete: bool = False,
    **settings: Any,
) -> tuple[Prioritization, SessionInputs]:
    """Read the session's workbooks and rank the objectives (settings as in
    :func:`~mgi.priorities.session.prioritize`)."""
    inputs = load_session(
        assessment=assessment,
        consultation=consultation,
        experts=experts,
        weights=weights,
        profile=profile,
        scheme=scheme,
        instrument=instrument,
        allow_incomplete=allow_incomplete,
    )
    matrix = build_criteria_matrix(
        inputs.profile,
        scorecard=inputs.scorecard,
        consultation=inputs.consultation,
        experts=inputs.experts,
    )
    return prioritize(matrix, inputs.agreed, **settings), inputs
