"""Hostile and tricky workbooks for the four importers, through the real command line.

Each case below is one finding of the hostile-input review (issue 11) turned into a test of the
promise: exit code 1 (or 0 where the file is valid), the place named on stderr, inputs
byte-identical, bounded time and memory. Then the guarantees that hold for any input: a
seeded, bounded fuzzing run of the four importers (byte-level and cell-level mutations of real
workbooks) that never exits 3, and any file under 10 MB accepted or refused in under 10 s and
500 MB.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from mgi.workbook.style import write_text
from tests.hardening.conftest import run_cli
from tests.hardening.corpus import Q_SHEET, Q_SHEET_XML, RATINGS, Bases, member, rezip, sheet_member

KIND_OF = {"questionnaire", "consultation", "experts", "weights"}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def validate(path: Path, kind: str | None = None, *extra: object):
    args: list[object] = ["validate", path, *extra]
    if kind:
        args += ["--kind", kind]
    before = sha(path)
    result = run_cli(*args)
    assert sha(path) == before, "the input was changed"
    assert result.exception is None, result.stderr
    assert "Traceback" not in result.text and "internal error" not in result.stderr
    return result


def edit(source: Path, target: Path, sheet: str, cells: dict[str, object]) -> Path:
    """A copy of ``source`` with cells set as a user types them (text stays text)."""
    wb = openpyxl.load_workbook(source)
    for ref, value in cells.items():
        write_text(wb[sheet][ref], value)
    wb.save(target)
    return target


# -- item 4: a comment that made the formula scan quadratic ------------------------------------


def test_unclosed_comment_with_many_cell_openers_is_read_in_linear_time(
    bases: Bases, tmp_path: Path
) -> None:
    xml = member(bases.questionnaire, Q_SHEET_XML)
    hostile = xml.replace(b"</worksheet>", b"<!--<f>" + b"<c>" * 200_000 + b"</worksheet>")
    path = rezip(bases.questionnaire, tmp_path / "comment.xlsx", {Q_SHEET_XML: hostile})
    assert path.stat().st_size < 100_000
    start = time.perf_counter()
    result = validate(path)
    assert time.perf_counter() - start < 5
    assert result.exit_code in (0, 1)


# -- item 9: a stale <dimension> -----------------------------------------------------------------


def test_stale_dimension_does_not_refuse_a_valid_questionnaire(
    bases: Bases, tmp_path: Path
) -> None:
    xml = member(bases.questionnaire, Q_SHEET_XML)
    stale = re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:XFD1048576"/>', xml)
    assert stale != xml
    path = rezip(bases.questionnaire, tmp_path / "dimension.xlsx", {Q_SHEET_XML: stale})
    result = validate(path)
    assert result.exit_code == 0, result.stderr
    assert "too_large" not in result.stderr and "rows, more than" not in result.stderr


# -- item 10: resource use inside the documented limits --------------------------------------


#: Runs ``mgi`` in a grandchild from a small wrapper, whose own footprint is tiny: a child
#: forked straight from the test process would count the test process's pages as its own.
# The child's processor time (user + system), not wall time: the bound is about the work a
# refusal takes, and must hold however many other processes share the machine.
_MEASURE = """
import resource, subprocess, sys
run = subprocess.run([sys.executable, "-m", "mgi", *sys.argv[1:]], capture_output=True, text=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write(run.stderr)
print(run.returncode, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)
"""


def _child_peak(args: list[str]) -> tuple[int, float, int, str]:
    """Run ``mgi ARGS`` in a fresh process: exit code, processor seconds, peak RSS in bytes,
    stderr."""
    child = subprocess.run(
        [sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True, timeout=120
    )
    code, seconds, peak = child.stdout.split()
    return int(code), float(seconds), int(peak), child.stderr


def _shared_strings_bomb(source: Path, target: Path, size: int = 60_000_000) -> Path:
    """A workbook whose shared strings expand to ``size`` bytes of one-letter strings (random
    letters, so that it compresses about 30:1, well under the 200:1 limit)."""
    item = b"<si><t>A</t></si>"
    count = size // len(item)
    grid = np.tile(np.frombuffer(item, dtype=np.uint8), (count, 1))
    grid[:, 7] = np.random.default_rng(1).integers(65, 69, size=count, dtype=np.uint8)
    body = grid.tobytes()
    sst = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (count, count) + body + b"</sst>"
    )
    types = member(source, "[Content_Types].xml").replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats'
        b'-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = member(source, "xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    replace = {"xl/sharedStrings.xml": sst, "[Content_Types].xml": types}
    replace["xl/_rels/workbook.xml.rels"] = rels
    return rezip(source, target, replace)


def test_millions_of_shared_strings_are_refused_in_bounded_time_and_memory(
    bases: Bases, tmp_path: Path
) -> None:
    path = _shared_strings_bomb(bases.questionnaire, tmp_path / "strings.xlsx")
    assert path.stat().st_size < 10_000_000
    code, elapsed, peak, stderr = _child_peak(["validate", str(path)])
    assert code == 1, stderr
    assert "strings.xlsx" in stderr and "different texts" in stderr
    assert elapsed < 10 and peak < 500 * 1024 * 1024


def test_formatted_cell_in_column_xfd_on_20000_rows_is_read_quickly(
    bases: Bases, tmp_path: Path
) -> None:
    xml = member(bases.questionnaire, Q_SHEET_XML)
    rows = b"".join(b'<row r="%d"><c r="XFD%d" s="1"/></row>' % (r, r) for r in range(9, 20_009))
    path = rezip(
        bases.questionnaire,
        tmp_path / "xfd.xlsx",
        {Q_SHEET_XML: xml.replace(b"</sheetData>", rows + b"</sheetData>")},
    )
    start = time.perf_counter()
    result = validate(path)
    assert time.perf_counter() - start < 5
    assert result.exit_code == 0, result.stderr


# -- item 7: Unicode digits in the round ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "valid"), [("²⁰²⁴", False), ("⑨", False), ("２０２３", True), ("٢٠٢٣", True)]
)
def test_unicode_digits_in_the_round(bases: Bases, tmp_path: Path, typed: str, valid: bool) -> None:
    path = edit(bases.questionnaire, tmp_path / "round.xlsx", "Metadata", {"B3": typed})
    result = validate(path, None, "--json")
    if valid:
        assert result.exit_code == 0, result.stderr
        assert '"round": "2023"' in result.stdout
    else:
        assert result.exit_code == 1
        assert "metadata.bad_round" in result.stdout and '"cell": "B3"' in result.stdout
        assert "damaged" not in result.text


# -- item 16: a consultation row without a group ---------------------------------------------


def test_row_without_group_still_reports_its_other_cells(bases: Bases, tmp_path: Path) -> None:
    path = edit(
        bases.consultation, tmp_path / "c.xlsx", RATINGS, {"B5": None, "D5": 6, "E5": "high"}
    )
    result = validate(path, "consultation")
    assert result.exit_code == 1
    for fragment in ("cell B5", "cell D5", "cell E5", '"6"', '"high"'):
        assert fragment in result.stderr, result.stderr


def test_empty_rating_warning_points_at_the_rating_cell(bases: Bases, tmp_path: Path) -> None:
    path = edit(bases.consultation, tmp_path / "c.xlsx", RATINGS, {"J6": None})  # GCM02 relevance
    result = validate(path, "consultation")
    assert result.exit_code == 0
    assert "cell J6" in result.stderr and "rating(s) are empty" in result.stderr


# -- item 17: one expert, one name ---------------------------------------------------------------


def test_expert_name_typed_differently_in_one_row_is_reported(bases: Bases, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(bases.experts)
    name = wb[RATINGS]["A5"].value
    path = edit(bases.experts, tmp_path / "e.xlsx", RATINGS, {"A9": name.rstrip(".") + " x"})
    result = validate(path, "experts")
    assert result.exit_code == 1
    assert "cell A9" in result.stderr and "differs from" in result.stderr


# -- item 18: a workbook of the wrong kind ---------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "asked", "option"),
    [
        ("consultation", "questionnaire", "--consultation"),
        ("questionnaire", "consultation", "--assessment"),
        ("experts", "weights", "--experts"),
        ("weights", "experts", "--weights"),
    ],
)
def test_wrong_kind_says_which_kind_and_where_it_goes(
    bases: Bases, given: str, asked: str, option: str
) -> None:
    path = {
        "questionnaire": bases.questionnaire,
        "consultation": bases.consultation,
        "experts": bases.experts,
        "weights": bases.weights,
    }[given]
    result = validate(path, asked)
    assert result.exit_code == 1
    assert f"is a {given} workbook, not a {asked} workbook" in result.stderr
    assert f"--kind {given}" in result.stderr and option in result.stderr
    assert "cannot be read as a workbook" not in result.stderr


def test_unstamped_questionnaire_given_as_consultation_is_recognised(
    bases: Bases, tmp_path: Path
) -> None:
    target = tmp_path / "plain.xlsx"
    with zipfile.ZipFile(bases.questionnaire) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/custom.xml":
                data = re.sub(rb"<property [^>]*mgi_kind.*?</property>", b"", data, flags=re.S)
            dst.writestr(info, data)
    result = validate(target, "consultation")
    assert result.exit_code == 1
    assert "is a questionnaire workbook" in result.stderr


# -- weights read by defined names --------------------------------------------------------------


def test_weights_of_the_first_template_version_are_still_read(bases: Bases, tmp_path: Path) -> None:
    """A version-1 weights workbook (no defined names) is read by its fixed layout."""
    target = tmp_path / "v1.xlsx"
    with zipfile.ZipFile(bases.weights) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = re.sub(
                    rb'<definedName name="mgi_(?!list)[^"]*"[^>]*>[^<]*</definedName>', b"", data
                )
                assert b"mgi_participant" not in data
            if info.filename == "docProps/custom.xml":
                data = re.sub(
                    rb"(mgi_template_version.*?<vt:lpwstr[^>]*>)\d+<", rb"\g<1>1<", data, flags=re.S
                )
            dst.writestr(info, data)
    result = validate(target, "weights", "--json")
    assert result.exit_code == 0, result.stderr
    assert '"participants": 5' in result.stdout


# -- item 3: no formula in any workbook mgi writes ------------------------------------------------


def formula_cells(path: Path) -> list[str]:
    """Every ``<f>`` element of every sheet of a workbook (``sheet!ref``)."""
    found = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = z.read(name)
                for cell in re.finditer(rb'<c r="([A-Z]+[0-9]+)"[^>]*>(?:(?!</c>).)*<f', xml, re.S):
                    found.append(f"{name}!{cell.group(1).decode()}")
    return found


HOSTILE = "=cmd|' /C calc'!A0"


def test_no_workbook_mgi_writes_holds_a_formula(bases: Bases, tmp_path: Path) -> None:
    """A member named like a formula, evidence like ``-2+3``: every workbook of ``validate
    --issues-xlsx``, ``score -o``, ``prioritize -o`` and every template is formula-free, and
    the text is stored exactly as typed (no apostrophe)."""
    weights = edit(bases.weights, tmp_path / "w.xlsx", "Participant 1", {"B3": HOSTILE})
    questionnaire = edit(
        bases.questionnaire, tmp_path / "q.xlsx", Q_SHEET, {"F4": "-2+3", "E5": "=1+1"}
    )
    outputs = {
        "issues": tmp_path / "issues.xlsx",
        "scores": tmp_path / "scores.xlsx",
        "priorities": tmp_path / "priorities.xlsx",
    }
    run_cli("validate", questionnaire, "--issues-xlsx", outputs["issues"])
    assert run_cli("score", bases.questionnaire, "-o", outputs["scores"]).exit_code == 0
    args = ["prioritize", "--assessment", bases.national, "--consultation", bases.consultation]
    args += ["--experts", bases.experts, "--weights", weights, "--samples", "200"]
    result = run_cli(*args, "-o", outputs["priorities"])
    assert result.exit_code == 0, result.stderr
    for kind in ("questionnaire", "consultation", "experts", "weights"):
        target = tmp_path / f"template-{kind}.xlsx"
        assert run_cli("template", "--kind", kind, "-o", target).exit_code == 0
        outputs[kind] = target
    for name, path in outputs.items():
        assert formula_cells(path) == [], name
    wb = openpyxl.load_workbook(outputs["priorities"])
    texts = {c.value for ws in wb for row in ws.iter_rows() for c in row if c.value}
    assert HOSTILE in texts and "'" + HOSTILE not in texts
    issues = openpyxl.load_workbook(outputs["issues"]).active
    found = [c.value for row in issues.iter_rows() for c in row]
    assert "=1+1" in found and "'=1+1" not in found


# -- property: mutated workbooks never crash the importers ---------------------------------------

MUTATIONS = 6  # per kind and level: bounded so that the suite stays fast


def _byte_mutants(source: Path, rng: random.Random) -> list[bytes]:
    """Copies of ``source`` with bytes flipped, cut, or a member's XML damaged."""
    data = source.read_bytes()
    mutants = []
    for _ in range(MUTATIONS):
        how = rng.randrange(4)
        if how == 0:  # flip bytes anywhere (mostly the compressed stream)
            buf = bytearray(data)
            for _ in range(rng.randint(1, 20)):
                buf[rng.randrange(len(buf))] = rng.randrange(256)
            mutants.append(bytes(buf))
        elif how == 1:  # truncate
            mutants.append(data[: rng.randrange(len(data))])
        else:  # damage or replace the XML of one member, re-zipped validly
            with zipfile.ZipFile(source) as z:
                names = [n for n in z.namelist() if n.endswith(".xml")]
                name = rng.choice(names)
                xml = bytearray(z.read(name))
                if how == 2 and xml:
                    at = rng.randrange(len(xml))
                    xml[at : at + rng.randint(1, 40)] = bytes(
                        rng.choice(b"<>/=\"'&;!?- abc") for _ in range(rng.randint(0, 40))
                    )
                else:
                    xml = bytearray(b"<?xml version='1.0'?><x>" + bytes(rng.randbytes(50)))
                out = Path(source.parent / f"m{rng.random()}.xlsx")
                rezip(source, out, {name: bytes(xml)})
                mutants.append(out.read_bytes())
                out.unlink()
    return mutants


CELL_VALUES = [
    None,
    "",
    "=1/0",
    "#N/A",
    "1e308",
    float("inf"),
    -1,
    0,
    10**20,
    "   ",
    "٣",
    "\u200f",
    "x" * 33_000,
    3.5,
    True,
]


def _cell_mutants(source: Path, folder: Path, rng: random.Random) -> list[Path]:
    """Copies of ``source`` with random cells of its sheets set to tricky values."""
    mutants = []
    for i in range(MUTATIONS):
        wb = openpyxl.load_workbook(source)
        for _ in range(rng.randint(1, 8)):
            ws = rng.choice(wb.worksheets)
            row, col = rng.randint(1, max(ws.max_row, 1) + 2), rng.randint(1, 30)
            value = rng.choice(CELL_VALUES)
            if isinstance(value, float) and value != value:
                continue
            ws.cell(row=row, column=col).value = value
        path = folder / f"cells-{i}.xlsx"
        wb.save(path)
        mutants.append(path)
    return mutants


@pytest.mark.parametrize("kind", sorted(KIND_OF))
def test_mutated_workbooks_exit_0_1_or_2_never_3(bases: Bases, tmp_path: Path, kind: str) -> None:
    """Seeded, bounded fuzzing of each importer at the byte and at the cell level."""
    source = {
        "questionnaire": bases.questionnaire,
        "consultation": bases.consultation,
        "experts": bases.experts,
        "weights": bases.weights,
    }[kind]
    rng = random.Random(f"mgi-fuzz-{kind}")
    folder = tmp_path / "mutants"
    folder.mkdir()
    base = folder / "base.xlsx"
    shutil.copy(source, base)
    paths = []
    for i, data in enumerate(_byte_mutants(base, rng)):
        path = folder / f"bytes-{i}.xlsx"
        path.write_bytes(data)
        paths.append(path)
    paths += _cell_mutants(base, folder, rng)
    for path in paths:
        result = validate(path, kind)
        assert result.exit_code in (0, 1, 2), result.stderr
        if result.exit_code == 1:
            assert path.name in result.stderr, result.stderr


# -- any file under 10 MB: accepted or refused in under 10 s and 500 MB ------------------------


def test_any_large_file_is_decided_in_bounded_time_and_memory(bases: Bases, tmp_path: Path) -> None:
    """The largest hostile shapes under 10 MB on disk: many rows, many cells, a huge sheet."""
    junk = tmp_path / "big.xlsx"
    xml = member(bases.questionnaire, Q_SHEET_XML)
    cells = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(9, 1_100_000)
    )
    rezip(
        bases.questionnaire,
        junk,
        {Q_SHEET_XML: xml.replace(b"</sheetData>", cells + b"</sheetData>")},
    )
    assert junk.stat().st_size < 10_000_000
    code, elapsed, peak, stderr = _child_peak(["validate", str(junk)])
    assert code == 1 and "big.xlsx" in stderr, stderr
    assert elapsed < 10 and peak < 500 * 1024 * 1024
    assert sheet_member(bases.questionnaire, Q_SHEET) == Q_SHEET_XML
