"""Indicator progress: how far from baseline to target, against how much time has passed.

For an indicator with a baseline (in its baseline year) and a target (in its target year), a
value measured on a date gives two shares:

* **distance covered** = (value − baseline) ÷ (target − baseline): 0 at the baseline, 1 at the
  target, negative when the value moved away from the target (the formula holds for targets
  below the baseline too);
* **time elapsed** = (date − end of the baseline year) ÷ (end of the target year − end of the
  baseline year), from 0 to 1 (a value without a date is taken at the period's end).

Their ratio says whether the indicator keeps pace with a straight line from baseline to target,
and a **traffic light** reads it with thresholds that are data
(``monitoring/traffic-lights.toml``, or a file of one's own; :class:`Thresholds`):

========== ======================================================================
achieved   the target is reached (distance covered of 1 or more)
on track   ratio ≥ ``on_track`` (default 0.9)
behind     ``behind`` ≤ ratio < ``on_track`` (default 0.5)
off track  ratio < ``behind``, or the value moved away from the target
no data    no usable value (none reported, or in another unit), or no distance
           to cover (target equal to the baseline) or no baseline or target
========== ======================================================================

Every light has its own word and symbol (✔ ● ▲ ✖ ○), so no output says it by colour alone.

Examples
--------
>>> import datetime as dt
>>> progress(10.0, 0.0, 2024, 40.0, 2027, dt.date(2025, 12, 31))
(0.25, 0.3333333333333333)
>>> light(0.25, 1 / 3, Thresholds())
'behind'
"""

from __future__ import annotations

import datetime as _dt
import math
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mgi.workbook.scan import norm_label

#: The lights, from best to worst, then no data.
LIGHTS = ("achieved", "on_track", "behind", "off_track", "no_data")
#: The symbol beside each light's word.
SYMBOLS = {"achieved": "✔", "on_track": "●", "behind": "▲", "off_track": "✖", "no_data": "○"}
#: Words read as "per cent" in a value's unit.
PERCENT_WORDS = frozenset({"%", "percent", "per cent", "pct", "perqind", "perqindje", "perc"})


@dataclass(frozen=True)
class Thresholds:
    """The traffic light's thresholds on the ratio distance covered ÷ time elapsed.

    ``on_track``: at or above it the indicator is on track (default 0.9: within a tenth of the
    straight line, since delivery and measurement come in steps); ``behind``: at or above it,
    behind but recoverable (default 0.5: at least half the progress the time calls for);
    below it, off track. ``source`` says where they were read.
    """

    on_track: float = 0.9
    behind: float = 0.5
    source: str = "default"

    def __post_init__(self) -> None:
        if not (
            math.isfinite(self.on_track)
            and math.isfinite(self.behind)
            and 0 <= self.behind <= self.on_track
        ):
            raise ValueError("the thresholds need 0 <= behind <= on_track")


def default_thresholds_file() -> Path:
    """The bundled ``monitoring/traffic-lights.toml``."""
    from mgi._resources import bundled_dir

    return bundled_dir("monitoring") / "traffic-lights.toml"


def load_thresholds(path: str | Path | None = None) -> Thresholds:
    """The thresholds of ``path`` (a TOML file with ``[traffic_light] on_track, behind``), or
    the bundled defaults.

    Raises
    ------
    DataFileError
        The file is missing, not TOML, or its thresholds are not numbers with
        0 ≤ behind ≤ on_track.
    """
    from mgi.catalogue import make_issue
    from mgi.errors import DataFileError

    file = Path(path) if path is not None else default_thresholds_file()
    try:
        with file.open("rb") as handle:
            data = tomllib.load(handle)
        table = data.get("traffic_light", {})
        found = Thresholds(
            on_track=float(table["on_track"]),
            behind=float(table["behind"]),
            source=file.name if path is not None else "monitoring/traffic-lights.toml",
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        issue = make_issue("monitor.bad_thresholds", file=file.name, found=str(exc)[:200])
        raise DataFileError(issue.message, issues=[issue], path=file, rule=issue.rule) from None
    return found


def year_end(year: int) -> _dt.date:
    return _dt.date(int(year), 12, 31)


def progress(
    value: float | None,
    baseline: float | None,
    baseline_year: int | None,
    target: float | None,
    target_year: int | None,
    when: _dt.date,
) -> tuple[float, float] | None:
    """(distance covered, time elapsed), or None when the indicator cannot be assessed (no
    value, no baseline or target, no distance, no baseline year or target year)."""
    if (
        value is None
        or baseline is None
        or target is None
        or baseline_year is None
        or target_year is None
        or target == baseline
    ):
        return None
    covered = (value - baseline) / (target - baseline)
    start, end = year_end(baseline_year), year_end(target_year)
    span = (end - start).days
    elapsed = 1.0 if span <= 0 else min(1.0, max(0.0, (when - start).days / span))
    return covered, elapsed


def light(covered: float | None, elapsed: float | None, thresholds: Thresholds) -> str:
    """The traffic light of an indicator (see the module docstring)."""
    if covered is None or elapsed is None or not math.isfinite(covered):
        return "no_data"
    if covered >= 1:
        return "achieved"
    if covered < 0:
        return "off_track"
    if elapsed <= 0:
        return "on_track"
    ratio = covered / elapsed
    if ratio >= thresholds.on_track:
        return "on_track"
    if ratio >= thresholds.behind:
        return "behind"
    return "off_track"


def _words(text: str) -> list[str]:
    return [w.rstrip("s") for w in norm_label(text).replace("(", " ").replace(")", " ").split()]


def is_percent(unit: str) -> bool:
    folded = norm_label(unit)
    return (
        "%" in folded
        or any(w in PERCENT_WORDS for w in folded.split())
        or (folded in PERCENT_WORDS)
    )


def unit_matches(written: str, unit: str) -> bool:
    """Whether the unit written with a value is the indicator's unit: nothing written, the same
    words, one word of the unit (``persons`` for "number of persons trained"), or a per cent
    on both sides. A per cent against a count, or a count against a per cent, is not.

    Examples
    --------
    >>> unit_matches("persons", "Number of persons trained"), unit_matches("%", "per cent")
    (True, True)
    >>> unit_matches("%", "Number of officials"), unit_matches("EUR", "ALL")
    (False, False)
    """
    if not written.strip() or not unit.strip():
        return True
    if is_percent(written) or is_percent(unit):
        return is_percent(written) and is_percent(unit)
    said, wanted = _words(written), _words(unit)
    return bool(said) and all(w in wanted for w in said)


def as_row(covered_elapsed: tuple[float, float] | None, thresholds: Thresholds) -> dict[str, Any]:
    """The columns distance covered, time elapsed, their ratio and the light."""
    if covered_elapsed is None:
        return {"covered": None, "elapsed": None, "pace": None, "light": "no_data"}
    covered, elapsed = covered_elapsed
    pace = covered / elapsed if elapsed > 0 else None
    return {
        "covered": covered,
        "elapsed": elapsed,
        "pace": pace,
        "light": light(covered, elapsed, thresholds),
    }
