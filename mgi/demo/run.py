"""Run the whole pipeline on the bundled illustrative inputs (``mgi demo``).

validate → score (both rounds and the SDG 10.7.2 module) → compare rounds → prioritise (four
methods, group weights, rank acceptability) → report. Every output says the inputs are
illustrative. The output folder is written atomically: it appears complete or not at all.
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgi._io import atomic_directory, check_output_folder
from mgi._resources import bundled_dir
from mgi.catalogue import Issue
from mgi.errors import InputError, MGIError


@dataclass
class DemoResult:
    """What the demo computed and wrote."""

    out_dir: Path
    files: list[Path]
    scorecard: Any
    earlier: Any
    sdg: Any
    comparison: Any
    prioritization: Any
    manifest: dict[str, Any]
    issues: list[Issue] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def summary_lines(self) -> list[str]:
        """The short summary printed at the end of ``mgi demo``."""
        domains = self.scorecard.domains.sort_values("gap", ascending=False)
        p = self.prioritization
        k = p.top_k
        table = p.table().head(k)
        lines = [
            f"{self.manifest['note']}",
            "",
            "Domains with the largest gaps to target (2023, derived scores, not a ranking of "
            "countries):",
        ]
        lines += [
            f"  {code}  {row['name']:<38} score {row['score']:5.1f}  gap {row['gap']:5.1f}"
            for code, row in domains.head(3).iterrows()
        ]
        lines += [
            "",
            f"Top {k} GCM objectives ({p.primary}), with the probability of being in "
            f"the top {k} under weight uncertainty ({p.settings['samples']:,} samples):",
        ]
        lines += [
            f"  {int(row['rank']):>2}. {code} {row['short_label']:<34} "
            f"P(top {k}) = {row[f'p_top{k}']:.0%}"
            for code, row in table.iterrows()
        ]
        comparison = p.reference_comparison()
        if comparison:
            lines += [
                "",
                f"Agreement with the declared priorities ({len(comparison['reference'])} "
                f"objectives): {comparison['overlap']} of the top {k} are on the list "
                f"(precision {comparison['precision']:.0%}, recall "
                f"{comparison['recall']:.0%}, Jaccard {comparison['jaccard']:.2f}).",
            ]
            missing = ", ".join(comparison["reference_not_in_top_k"]) or "none"
            lines.append(f"  On the list but not in the top {k}: {missing}")
        lines += ["", "Outputs:"] + [f"  {path}" for path in self.files]
        return lines


def demo_inputs() -> tuple[Path, dict[str, Any]]:
    """The folder of the bundled demo inputs and its manifest (``demo.toml``)."""
    folder = bundled_dir("data") / "demo"
    manifest = folder / "demo.toml"
    if not manifest.is_file():
        raise MGIError(
            f"The demo inputs are missing from {folder}. Regenerate them with "
            "'python -m mgi.demo.inputs', or reinstall mgi."
        )
    with manifest.open("rb") as handle:
        return folder, tomllib.load(handle)


def run_demo(
    out_dir: str | Path = "reports/demo",
    *,
    samples: int | None = None,
    seed: int | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> DemoResult:
    """Run the demo pipeline and write every output into ``out_dir``.

    Parameters
    ----------
    out_dir
        Output folder (replaced as a whole at the end).
    samples, seed
        Rank acceptability settings (default: the profile's, 100,000 samples).
    progress
        Called with one line per step (the command line prints them on stderr).
    """
    from mgi.priorities.export import write_prioritization
    from mgi.priorities.pipeline import prioritize_files
    from mgi.reports import build_report
    from mgi.scoring import compare, score
    from mgi.scoring.export import write_comparison, write_scorecard
    from mgi.workbook import read_assessment

    folder, manifest = demo_inputs()
    files = {key: folder / name for key, name in manifest["files"].items()}
    inputs = [
        folder,
        *files.values(),
        *map(bundled_dir, ("questionnaires", "scoring", "prioritization")),
    ]
    check_output_folder(out_dir, inputs=inputs)  # before any work: never lose a file
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def step(name: str, message: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now
        progress(f"[{len(timings)}/5] {message} ({timings[name]:.1f} s)")

    earlier = read_assessment(files["earlier"])
    later = read_assessment(files["later"])
    sdg = read_assessment(files["sdg"])
    issues = [*earlier.issues, *later.issues, *sdg.issues]
    if any(i.is_error for i in issues):
        raise InputError("The bundled demo questionnaires have errors.", issues=issues)
    step(
        "validate",
        f"validated 3 questionnaires ({len(later.answers)} + "
        f"{len(earlier.answers)} + {len(sdg.answers)} answers, {len(issues)} issues)",
    )

    card = score(later, "mgi-default")
    card_before = score(earlier, "mgi-default")
    card_sdg = score(sdg, "sdg-10-7-2")
    step(
        "score",
        f"scored 2018 and 2023 (mgi-default) and the SDG 10.7.2 module "
        f"(overall {card_sdg.overall:.1f})",
    )

    comparison = compare(card_before, card)
    step("compare", "compared 2018 with 2023")

    result, session = prioritize_files(
        assessment=later,
        consultation=files["consultation"],
        experts=files["experts"],
        weights=files["weights"],
        samples=samples,
        seed=seed,
        reference=manifest.get("reference", ()),
    )
    issues += [i for i in session.issues if i not in issues]
    step(
        "prioritize",
        f"ranked the 23 GCM objectives with {len(result.results)} methods and "
        f"{result.settings['samples']:,} weight samples",
    )

    target = Path(out_dir)
    with atomic_directory(target, inputs=inputs) as tmp:
        report = build_report(card, result, comparison=comparison, out_dir=tmp / "report")
        extra = [
            write_scorecard(card, tmp / "scores-2023.xlsx"),
            write_scorecard(card_before, tmp / "scores-2018.xlsx"),
            write_scorecard(card_sdg, tmp / "sdg-10-7-2-scores.xlsx"),
            write_comparison(comparison, tmp / "change-2018-2023.xlsx"),
            write_prioritization(result, tmp / "priorities.xlsx", issues),
        ]
        written = [target / p.relative_to(tmp) for p in (*report.files, *extra)]
    step("report", f"wrote {len(written)} files")
    return DemoResult(
        out_dir=target,
        files=written,
        scorecard=card,
        earlier=card_before,
        sdg=card_sdg,
        comparison=comparison,
        prioritization=result,
        manifest=manifest,
        issues=issues,
        timings=timings,
    )
