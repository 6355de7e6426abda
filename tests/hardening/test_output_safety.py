"""Nothing lost, nothing injected: where mgi writes, what it deletes, what its charts draw.

The cases of issue 11 that are not about reading workbooks, each through the real command line
where a user would meet it:

* an input anywhere inside a report folder is refused before any work (``output.holds_input``);
* mgi deletes only what it made: no fixed temporary name, so a folder or file called like one
  of mgi's temporaries beside the output is never touched;
* ``SIGTERM`` during ``mgi report`` leaves no temporary folder and exits with 143; the folder a
  killed run left is swept by the next run, and nothing else is;
* text from inputs is drawn literally in the charts (no mathtext), property-tested;
* output and usage problems exit with 2 and name the place, never 3;
* indicator weights are relative: 1e308 everywhere scores like 1 everywhere.

Messages are checked against their catalogue entries (:func:`rule_text`), not against prose.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgi._io import (
    TEMP_MARKER,
    Interrupted,
    atomic_directory,
    check_output_file,
    check_output_folder,
    sweep_stale_temporaries,
)
from mgi._resources import bundled_dir
from mgi.catalogue import CATALOGUE
from mgi.errors import UsageError
from tests.hardening.conftest import CliRun, run_cli, tree_hashes
from tests.hardening.corpus import Bases

PROC = Path("/proc")
needs_proc = pytest.mark.skipif(not PROC.is_dir(), reason="needs Linux's read-only /proc")


def rule_text(rule: str) -> str:
    """The longest fixed part of a catalogue message (the words between its placeholders)."""
    return max(re.split(r"\{[^}]*\}", CATALOGUE[rule].text), key=len).strip()


def assert_refused(result: CliRun, rule: str, *places: object, code: int = 2) -> None:
    """Exit ``code`` with the catalogue message of ``rule`` naming every place, no traceback."""
    info = f"mgi {' '.join(result.args)}\nexit {result.exit_code}\n{result.stderr[-2000:]}"
    assert result.exception is None, info
    assert "Traceback" not in result.text and "internal error" not in result.stderr, info
    assert result.exit_code == code, info
    assert rule_text(rule) in result.stderr, info
    for place in places:
        assert str(place) in result.stderr, f"{place} not named\n{info}"


def mgi_folder(path: Path) -> Path:
    """An output folder written by mgi (as a report would be), made without running one."""
    with atomic_directory(path) as tmp:
        (tmp / "report.html").write_text("<p>earlier report</p>", encoding="utf-8")
    return path


def listing(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


# -- 1. an input anywhere inside the output folder --------------------------------------------


def _report_input(bases: Bases, option: str, inside: Path) -> list[object]:
    """``report`` arguments with the input of ``option`` copied into ``inside``."""
    inside.mkdir(parents=True)
    sources = {
        "assessment": bases.national,
        "earlier": bases.national,
        "consultation": bases.consultation,
        "experts": bases.experts,
        "weights": bases.weights,
        "scheme": bases.scheme,
        "profile": bases.profile,
        "instrument": bases.instrument,
        "mapping": bundled_dir("questionnaires") / "mgi-national" / "gcm_mapping.csv",
    }
    source = sources[option]
    copy = inside / source.name
    if source.is_dir():
        shutil.copytree(source, copy)
    else:
        shutil.copy(source, copy)
    args: list[object] = ["report", "--assessment", bases.national]
    if option == "assessment":
        args = ["report", "--assessment", copy]
    else:
        args += [f"--{option}", copy]
    return args


@pytest.mark.parametrize(
    "option",
    [
        "assessment",
        "earlier",
        "consultation",
        "experts",
        "weights",
        "scheme",
        "profile",
        "instrument",
        "mapping",
    ],
)
def test_report_refuses_an_input_anywhere_inside_its_folder(
    option: str, tmp_path: Path, bases: Bases
) -> None:
    out = mgi_folder(tmp_path / "out")
    args = _report_input(bases, option, out / "inputs" / "2023")
    before_files, before_names = tree_hashes(out), listing(out)
    start = time.perf_counter()
    result = run_cli(*args, "-o", out)
    assert_refused(result, "output.holds_input", out, "inputs")
    assert time.perf_counter() - start < 5.0  # refused before the report is computed
    assert tree_hashes(out) == before_files and listing(out) == before_names


def test_an_input_is_found_by_any_spelling_of_its_path(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "a" / "b").mkdir(parents=True)
    data = out / "a" / "b" / "q.xlsx"
    data.write_bytes(b"answers")
    (tmp_path / "link").symlink_to(out / "a", target_is_directory=True)
    for spelling in (data, tmp_path / "link" / "b" / "q.xlsx", out / "a" / ".." / "a" / "b"):
        with pytest.raises(UsageError) as refused:
            check_output_folder(out, inputs=[spelling])
        assert refused.value.rule == "output.holds_input"
    with pytest.raises(UsageError) as refused:
        check_output_folder(out / "a", inputs=[None, "mgi-default", out / "a"])
    assert refused.value.rule == "output.holds_input"  # the input folder itself
    # bundled names and inputs outside the folder are fine
    assert check_output_folder(tmp_path / "new", inputs=["mgi-default", data]).name == "new"


def test_demo_refuses_a_folder_that_holds_its_inputs() -> None:
    data = bundled_dir("data")
    before = tree_hashes(data)
    result = run_cli("demo", "--out", data, "--samples", "100")
    assert_refused(result, "output.holds_input", data)
    assert "[1/5]" not in result.stderr  # before any work
    assert tree_hashes(data) == before


def test_files_added_to_or_changed_in_an_mgi_folder_are_never_lost(tmp_path: Path) -> None:
    out = mgi_folder(tmp_path / "out")
    (out / ".DS_Store").write_bytes(b"browser litter")  # does not count
    mgi_folder(out)  # mgi's own, unchanged: replaced
    (out / "notes.docx").write_text("mine")
    with pytest.raises(UsageError, match=r"notes\.docx") as refused:
        mgi_folder(out)
    assert refused.value.rule == "output.foreign_folder"
    (out / "notes.docx").unlink()
    (out / "report.html").write_text("edited by hand", encoding="utf-8")
    with pytest.raises(UsageError, match=r"report\.html"):
        mgi_folder(out)
    assert (out / "report.html").read_text(encoding="utf-8") == "edited by hand"


# -- 2 and 5. temporary names and special characters, through one real report ---------------


@pytest.fixture(scope="module")
def dollar_report(tmp_path_factory: pytest.TempPathFactory, bases: Bases) -> dict[str, object]:
    """``mgi report`` over an earlier mgi folder, beside files and folders named like mgi's
    temporaries, for a country whose name is full of mathtext."""
    base = tmp_path_factory.mktemp("dollar")
    country = r"Cost $5 to $6 $\undefined$ land_x^2"
    workbook = openpyxl.load_workbook(bases.questionnaire)
    workbook["Metadata"]["B2"] = country
    assessment = base / "q.xlsx"
    workbook.save(assessment)
    out = mgi_folder(base / "out")
    decoys = {
        base / ".out.old" / "thesis.txt": "precious",  # the old fixed name
        base / ".out.abcdefgh.part" / "draft.txt": "a folder named like a temporary",
        base / ".out.old.part": "a file named like a temporary",
        base / ".out.qwertyui.old" / TEMP_MARKER: "not mgi's marker text",
    }
    for path, text in decoys.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    inputs = tree_hashes(assessment, bases.questionnaire.parent)
    result = run_cli("report", "--assessment", assessment, "-o", out, "--formats", "svg")
    return {
        "base": base,
        "out": out,
        "result": result,
        "country": country,
        "decoys": decoys,
        "inputs_before": inputs,
        "inputs_after": tree_hashes(assessment, bases.questionnaire.parent),
    }


SVG = "{http://www.w3.org/2000/svg}"


def _svg_text(svg: str) -> str:
    """All text drawn in an SVG file, each text element's words joined by single spaces."""
    root = ElementTree.fromstring(svg.encode("utf-8"))
    parts = [" ".join("".join(el.itertext()).split()) for el in root.iter(f"{SVG}text")]
    return " ".join(p for p in parts if p)


def test_report_replaces_its_folder_touches_nothing_else_and_draws_dollars(
    dollar_report: dict,
) -> None:
    result, out, base = dollar_report["result"], dollar_report["out"], dollar_report["base"]
    assert result.exit_code == 0, result.stderr
    assert (out / "report.html").read_text(encoding="utf-8") != "<p>earlier report</p>"
    for path, text in dollar_report["decoys"].items():
        assert path.read_text(encoding="utf-8") == text, path
    names = {p.name for p in base.iterdir()}
    assert names == {"q.xlsx", "out", ".out.old", ".out.abcdefgh.part", ".out.old.part",
                     ".out.qwertyui.old"}  # fmt: skip
    assert dollar_report["inputs_after"] == dollar_report["inputs_before"]
    country = " ".join(dollar_report["country"].split())
    charts = sorted((out / "charts").glob("*.svg"))
    assert len(charts) >= 4
    for chart in charts:
        assert country in _svg_text(chart.read_text(encoding="utf-8")), chart.name


#: Text as the readers pass it on: any Unicode except control characters and lone surrogates
#: (the readers refuse or drop those), with the characters mathtext and TeX treat specially,
#: right-to-left scripts and combining marks made likely.
LABELS = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cc", "Cs")),
        st.sampled_from("$$\\_^{}%&#~ \u05d0\u0627\u0301\u200f"),
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() and "\ufffe" not in s and "\uffff" not in s)


@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(label=LABELS)
def test_any_label_is_drawn_literally(label: str) -> None:
    """A label from an input (domain, band, objective and criterion names, the footer) never
    crashes a chart and appears in its SVG exactly as written (words rewrapped)."""
    import warnings

    from mgi.reports import charts
    from mgi.reports.export import figure_svg

    domains = pd.DataFrame(
        {"short_name": [label, "B"], "score": [50.0, 70.0], "target": [100.0, 80.0]},
        index=["D1", "D2"],
    )  # fmt: skip
    contributions = pd.DataFrame({"c1": [0.2, 0.1], "c2": [0.3, 0.1]}, index=["GCM01", "GCM02"])
    fig = charts.new_figure(12.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # glyphs DejaVu Sans lacks are drawn as boxes
        charts.domain_profile(
            fig.add_subplot(2, 1, 1), domains, bands=[(0.0, label), (50.0, "Meets")]
        )
        charts.criteria_contributions(
            fig.add_subplot(2, 1, 2),
            contributions,
            labels={"GCM01": label},
            criteria_labels={"c1": label, "c2": "_" + label},
        )
        charts.add_footer(fig, label)
        drawn = _svg_text(figure_svg(fig))
    words = " ".join(label.split())
    assert words in drawn
    assert f"D1 {words}" in drawn  # domain label
    assert f"GCM01 {words}" in drawn  # objective label
    assert " ".join(("_" + label).split()) in drawn  # legend entry starting with "_"


# -- 11. interruption ------------------------------------------------------------------------


def _start_report(bases: Bases, out: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "mgi", "report", "--assessment", str(bases.questionnaire)]
    return subprocess.Popen(
        [*command, "-o", str(out), "--formats", "png"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for_part(out: Path, process: subprocess.Popen[bytes]) -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        # the folder exists a moment before mgi has written its marker into it
        parts = [p for p in out.parent.glob(f".{out.name}.*.part") if (p / TEMP_MARKER).is_file()]
        if parts:
            return parts[0]
        time.sleep(0.005)
    pytest.fail("mgi report never started writing its folder")


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_sigterm_while_writing_leaves_nothing_and_exits_143(tmp_path: Path, bases: Bases) -> None:
    out = tmp_path / "out"
    process = _start_report(bases, out)
    part = _wait_for_part(out, process)
    assert (part / TEMP_MARKER).is_file()
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, stderr.decode()
    assert "Interrupted" in stderr.decode() and "Traceback" not in stderr.decode()
    assert list(tmp_path.iterdir()) == []  # no folder, no temporary, no half-written file


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_the_folder_of_a_killed_run_is_swept_by_the_next(tmp_path: Path) -> None:
    out = tmp_path / "out"
    hold = (
        "import sys, time; from mgi._io import atomic_directory\n"
        "with atomic_directory(sys.argv[1]) as tmp:\n"
        "    (tmp / 'chart.png').write_bytes(b'half'); time.sleep(120)"
    )
    process = subprocess.Popen([sys.executable, "-c", hold, str(out)])
    part = _wait_for_part(out, process)
    process.kill()  # no chance to clean up
    process.wait(timeout=60)
    assert part.is_dir()
    # the next run: a new process, started after the killed one left its folder
    sweep = "from mgi._io import sweep_stale_temporaries as s; import sys; print(s(sys.argv[1]))"
    done = subprocess.run(
        [sys.executable, "-c", sweep, str(out)], capture_output=True, text=True, check=True
    )
    assert part.name in done.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_writing_removes_the_temporary_folder(signum: int, tmp_path: Path) -> None:
    out = mgi_folder(tmp_path / "out")
    before, handler = tree_hashes(out), signal.getsignal(signum)
    with pytest.raises(Interrupted) as stopped, atomic_directory(out) as tmp:
        (tmp / "report.html").write_text("new, half done", encoding="utf-8")
        os.kill(os.getpid(), signum)
        time.sleep(5)  # the handler raises before this ends
    assert stopped.value.exit_code == 128 + signum
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert tree_hashes(out) == before
    assert signal.getsignal(signum) == handler  # the previous handler is back


def test_a_temporary_folder_holds_its_whole_marker_and_nothing_else(tmp_path: Path) -> None:
    """The marker is renamed into place once written: a process killed while writing it
    leaves no half marker (the test above kills as soon as the marker is there)."""
    from mgi._io import _temp_folder

    folder = _temp_folder(tmp_path, "out", ".part")
    assert [p.name for p in folder.iterdir()] == [TEMP_MARKER]
    text = (folder / TEMP_MARKER).read_text(encoding="utf-8")
    assert text.endswith(f"pid={os.getpid()}\n") and "host=" in text


def _fake_temporary(parent: Path, name: str, pid: int, *, host: str | None = None) -> Path:
    import socket

    folder = parent / name
    folder.mkdir()
    (folder / "chart.png").write_bytes(b"half")
    head = "mgi temporary folder: removed by mgi when the run that made it has ended.\n"
    marker = folder / TEMP_MARKER
    marker.write_text(f"{head}host={host or socket.gethostname()}\npid={pid}\n", encoding="utf-8")
    os.utime(marker, (time.time() - 3600, time.time() - 3600))
    return folder


@pytest.mark.skipif(os.name != "posix", reason="process ids")
def test_only_mgis_own_stale_folders_are_swept(tmp_path: Path) -> None:
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    dead = ended.pid
    stale = _fake_temporary(tmp_path, ".out.a1b2c3d4.part", dead)
    parked = _fake_temporary(tmp_path, ".out.zz99yy88.old", dead)
    kept = [
        _fake_temporary(tmp_path, ".out.e5f6g7h8.part", os.getppid()),  # still running
        _fake_temporary(tmp_path, ".out.i9j0k1l2.part", dead, host="elsewhere"),
        _fake_temporary(tmp_path, ".other.m3n4o5p6.part", dead),  # another output's
        _fake_temporary(tmp_path, ".out.part", dead),  # not mgi's naming
    ]
    young = _fake_temporary(tmp_path, ".out.q7r8s9t0.part", dead)
    os.utime(young / TEMP_MARKER)  # written after this process started
    kept.append(young)
    unmarked = tmp_path / ".out.u1v2w3x4.part"
    unmarked.mkdir()
    (unmarked / "mine.txt").write_text("no marker")
    kept.append(unmarked)
    link = tmp_path / ".out.y5z6a7b8.part"
    link.symlink_to(stale, target_is_directory=True)
    kept.append(link)
    before = tree_hashes(*[k for k in kept if not k.is_symlink()])
    mgi_folder(tmp_path / "out")  # the next run writing the same output sweeps
    assert not stale.exists() and not parked.exists()
    assert all(os.path.lexists(k) for k in kept)
    assert tree_hashes(*[k for k in kept if not k.is_symlink()]) == before
    assert sweep_stale_temporaries(tmp_path / "out") == []


# -- 6. output and usage problems exit with 2 and name the place ------------------------------


@pytest.fixture
def refusals(tmp_path: Path, bases: Bases) -> dict[str, tuple[list[object], str, list[object]]]:
    """Commands that must be refused as usage problems: args, rule, places named."""
    q = bases.questionnaire
    national = bases.national
    session = ["--consultation", bases.consultation, "--experts", bases.experts]
    cases: dict[str, tuple[list[object], str, list[object]]] = {
        "score-parent-is-file": (
            ["score", q, "-o", f"{q}/out.xlsx"],
            "output.parent_not_folder",
            [q],
        ),
        "report-parent-is-file": (
            ["report", "--assessment", q, "-o", f"{q}/out"],
            "output.parent_not_folder",
            [q],
        ),
        "prioritize-output-is-input": (
            ["prioritize", "--assessment", national, *session, "-o", bases.experts],
            "output.is_input",
            [bases.experts],
        ),
    }
    if PROC.is_dir():
        cases |= {
            "score-unwritable": (["score", q, "-o", "/proc/x.xlsx"], "output.not_writable", [PROC]),
            "report-unwritable": (
                ["report", "--assessment", q, "-o", "/proc/report"],
                "output.not_writable",
                [PROC],
            ),
            "template-unwritable": (["template", "-o", "/proc/t.xlsx"], "output.not_writable", []),
            "validate-unwritable": (
                ["validate", q, "--issues-xlsx", "/proc/i.xlsx"], "output.not_writable", []
            ),
            "compare-unwritable": (
                ["compare", q, q, "-o", "/proc/c.xlsx"], "output.not_writable", []
            ),
            "prioritize-unwritable": (
                ["prioritize", "--assessment", national, *session, "-o", "/proc/p.xlsx"],
                "output.not_writable",
                [],
            ),
        }  # fmt: skip
    return cases


def test_output_problems_are_usage_errors_before_any_work(
    refusals: dict[str, tuple[list[object], str, list[object]]], bases: Bases
) -> None:
    before = tree_hashes(bases.questionnaire.parent)
    for name, (args, rule, places) in refusals.items():
        start = time.perf_counter()
        result = run_cli(*args)
        assert_refused(result, rule, *places)
        assert time.perf_counter() - start < 5.0, name
    assert tree_hashes(bases.questionnaire.parent) == before


def test_library_refuses_output_files_it_cannot_write(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("x")
    for path, rule in [
        (note / "out.xlsx", "output.parent_not_folder"),
        (note / "deeper" / "out.xlsx", "output.parent_not_folder"),
        (tmp_path, "output.is_folder"),
        (tmp_path / "out.csv", "output.bad_suffix"),
    ]:
        with pytest.raises(UsageError) as refused:
            check_output_file(path)
        assert refused.value.rule == rule, path
    with pytest.raises(UsageError) as refused:
        check_output_folder(note)
    assert refused.value.rule == "output.is_file"


def test_a_control_character_in_a_domain_name_is_refused_everywhere(
    tmp_path: Path, bases: Bases
) -> None:
    folder = tmp_path / "inst"
    shutil.copytree(bases.instrument, folder)
    domains = folder / "domains.csv"
    domains.write_text(
        domains.read_text(encoding="utf-8").replace("Migrant rights", "Migrant\x07rights", 1),
        encoding="utf-8",
    )
    before = tree_hashes(folder)
    for args in (
        ["instruments", "--show", folder],
        ["template", "--instrument", folder, "-o", tmp_path / "t.xlsx"],
        ["score", bases.questionnaire, "--instrument", folder],
    ):
        result = run_cli(*args)
        assert_refused(result, "data.control_character", "domains.csv", "row 2", "U+0007", code=1)
    assert not (tmp_path / "t.xlsx").exists()
    assert tree_hashes(folder) == before


# -- 8. weights are relative ------------------------------------------------------------------


def test_indicator_weights_of_1e308_score_like_weights_of_1(tmp_path: Path, bases: Bases) -> None:
    folder = tmp_path / "national"
    shutil.copytree(bundled_dir("questionnaires") / "mgi-national", folder)
    table = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    table["weight"] = "1e308"
    table.to_csv(folder / "indicators.csv", index=False)
    plain = run_cli("score", bases.national, "--json")
    huge = run_cli("score", bases.national, "--instrument", folder, "--json")
    assert plain.exit_code == 0 and huge.exit_code == 0, huge.stderr
    assert "RuntimeWarning" not in huge.stderr
    a, b = json.loads(plain.stdout), json.loads(huge.stdout)
    for level in ("domains", "subdomains", "objectives"):
        assert [r["score"] for r in a[level]] == [r["score"] for r in b[level]], level
        assert None not in [r["score"] for r in b[level] if r.get("status") == "scored"]
    assert a["overall"] == b["overall"]
