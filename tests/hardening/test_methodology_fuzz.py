"""A seeded, bounded fuzzing run of the methodology files through the real command line.

The three kinds of methodology file (an instrument folder of CSV tables and a TOML file, a
scoring scheme, a prioritisation profile) and the indicator→GCM mapping are each broken many
ways: cells and TOML values replaced by hostile values (huge, tiny, negative, not-a-number,
infinite, wrong type, mathtext, formulas, control characters, right-to-left marks, very long
text), lines deleted, doubled or swapped, files cut short or salted with bytes that are not
UTF-8. Each broken file then goes through the commands a user would run on it, and every run
must keep the promise:

* it ends with exit code 0 (the change was harmless) or 1 (the file has problems), never 2 or 3,
  never a traceback;
* when it fails, the message names the place (the broken file, or the input it clashes with);
* when it succeeds, the output it was asked for is a complete workbook;
* the inputs stay byte-identical, files that are not mgi's beside the output are untouched and
  no temporary file remains.

The cases are generated from fixed seeds (the same cases on every run) and bounded in number
and time.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import time
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from mgi._resources import bundled_dir
from tests.hardening.conftest import CliRun, run_cli, tree_hashes
from tests.hardening.corpus import Bases

#: Cases per kind of file, and the most seconds one command may take.
CASES_PER_KIND = 20
MAX_SECONDS = 10.0

#: Hostile cell values for the CSV tables.
CELLS = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "2.5",
    "1e308",
    "1e-320",
    "nan",
    "inf",
    "99999999999999999999999",
    "²⁰²⁴",
    "٢٠٢٣",
    r"Test $\undefined$ land",
    "Cost $5 to $6",
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "bell\x07",
    "\u202eevil",
    "x" * 3000,
    "D1",
    "D9",
    "D1.1",
    "GCM99",
    "24",
    "1;1",
    "0;1;2",
    "TRUE",
    '"',
    "\\",
    "a,b",
    "line\nbreak",
    "\ufeffbom",
    "presence",
    "yes_no",
    "\u05d0\u0627\u0301",
]

#: Hostile values for TOML settings (as TOML source).
VALUES = [
    "1e308",
    "-1",
    "0",
    "-0.0",
    "nan",
    "inf",
    "-inf",
    "1e-320",
    "9223372036854775808",
    "1.5",
    "0.0001",
    "true",
    "[]",
    "{}",
    '""',
    '"$\\\\undefined$"',
    '"\\u0007"',
    '"' + "y" * 3000 + '"',
    '[1, "a"]',
    "{ D1 = 1e308 }",
    '{ "D1.0" = 1e308, "D2.0" = 1e-308 }',
    '"=1+1"',
    "2024-01-01",
    '"sdg-10-7-2"',
    '"mgi-default"',
    '"wsm"',
    '["wsm", "nope"]',
    '"cost"',
    '"scorecard"',
    '"\\u202e"',
]

_SETTING = re.compile(r"^(\s*)([A-Za-z_][\w.\-\"]*)(\s*=\s*)(.+)$")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _raw_mutation(data: bytes, rng: random.Random) -> bytes:
    """A change that ignores the file's structure."""
    text = data.decode("utf-8", errors="surrogateescape")
    lines = _lines(text)
    op = rng.choice(["delete", "double", "swap", "truncate", "bytes", "blank", "char"])
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    if op == "delete":
        del lines[i]
    elif op == "double":
        lines.insert(i, lines[i])
    elif op == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "truncate":
        return data[: rng.randrange(len(data) + 1)]
    elif op == "bytes":
        at = rng.randrange(len(data) + 1)
        return data[:at] + rng.choice([b"\xff\xfe", b"\xc3", b"\x00", b"\xe2\x80"]) + data[at:]
    elif op == "blank":
        return b"" if rng.random() < 0.5 else b"\n\n\n"
    else:
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(["=", ",", '"', "[", "]", "\\", "#", "\t"]) + text[at:]
        return text.encode("utf-8", errors="surrogateescape")
    return "\n".join(lines).encode("utf-8", errors="surrogateescape")


def mutate_csv(data: bytes, rng: random.Random) -> bytes:
    """Replace a cell (the header row too, now and then) or change the file's text."""
    if rng.random() < 0.3:
        return _raw_mutation(data, rng)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    rows = [r for r in rows if r] or [[""]]
    row = 0 if rng.random() < 0.1 else rng.randrange(len(rows))
    if rng.random() < 0.15:
        rows[row].append(rng.choice(CELLS))  # a ragged row
    else:
        rows[row][rng.randrange(len(rows[row]))] = rng.choice(CELLS)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def mutate_toml(data: bytes, rng: random.Random) -> bytes:
    """Replace a one-line setting's value, or change the file's text."""
    lines = _lines(data.decode("utf-8"))
    settings = [i for i, line in enumerate(lines) if _SETTING.match(line) and '"""' not in line]
    if rng.random() < 0.25 or not settings:
        return _raw_mutation(data, rng)
    i = rng.choice(settings)
    indent, key, equals, _ = _SETTING.match(lines[i]).groups()  # type: ignore[union-attr]
    lines[i] = f"{indent}{key}{equals}{rng.choice(VALUES)}"
    return "\n".join(lines).encode("utf-8")


@dataclass(frozen=True)
class Kind:
    """One kind of methodology file: where its pristine copy is and how a user uses it."""

    name: str
    files: tuple[str, ...]  # the files that may be broken (inside the copied base)
    copy: Callable[[Bases, Path], Path]  # copy the pristine file or folder; return the path
    commands: Callable[[Path, Path, Bases], list[tuple[list[object], Path | None]]]


def _copy_file(source: Path) -> Callable[[Bases, Path], Path]:
    def copy(bases: Bases, into: Path) -> Path:
        return Path(shutil.copy(source, into / source.name))

    return copy


def _instrument_commands(
    path: Path, out: Path, bases: Bases
) -> list[tuple[list[object], Path | None]]:
    template, scores = out / "template.xlsx", out / "s.xlsx"
    return [
        (["instruments", "--show", path], None),
        (["template", "--instrument", path, "-o", template], template),
        (["score", bases.questionnaire, "--instrument", path, "-o", scores], scores),
    ]


def _scheme_commands(path: Path, out: Path, bases: Bases) -> list[tuple[list[object], Path | None]]:
    return [
        (["score", bases.questionnaire, "--scheme", path, "-o", out / "s.xlsx"], out / "s.xlsx")
    ]


def _profile_commands(
    path: Path, out: Path, bases: Bases
) -> list[tuple[list[object], Path | None]]:
    session = [
        "prioritize", "--assessment", bases.national, "--consultation", bases.consultation,
        "--experts", bases.experts, "--weights", bases.weights, "--samples", "100",
    ]  # fmt: skip
    weights = out / "w.xlsx"
    return [
        (["template", "--kind", "weights", "--profile", path, "-o", weights], weights),
        ([*session, "--profile", path, "-o", out / "p.xlsx"], out / "p.xlsx"),
    ]


def _mapping_commands(
    path: Path, out: Path, bases: Bases
) -> list[tuple[list[object], Path | None]]:
    return [(["score", bases.national, "--mapping", path, "-o", out / "s.xlsx"], out / "s.xlsx")]


def _copy_instrument(bases: Bases, into: Path) -> Path:
    return Path(shutil.copytree(bases.instrument, into / bases.instrument.name))


KINDS = {
    "instrument": Kind(
        "instrument",
        ("instrument.toml", "domains.csv", "subdomains.csv", "indicators.csv", "scales.csv"),
        _copy_instrument,
        _instrument_commands,
    ),
    "scheme": Kind(
        "scheme",
        ("",),
        lambda bases, into: _copy_file(bases.scheme)(bases, into),
        _scheme_commands,
    ),
    "profile": Kind(
        "profile",
        ("",),
        lambda bases, into: _copy_file(bases.profile)(bases, into),
        _profile_commands,
    ),
    "mapping": Kind(
        "mapping",
        ("",),
        _copy_file(bundled_dir("questionnaires") / "mgi-national" / "gcm_mapping.csv"),
        _mapping_commands,
    ),
}

CASES = [(kind, number) for kind in KINDS for number in range(CASES_PER_KIND)]


def break_copy(kind: Kind, number: int, into: Path, bases: Bases) -> tuple[Path, list[Path]]:
    """Copy the kind's pristine file into ``into`` and break it (seeded by kind and number).

    Returns the path to give to the command and the files that were changed.
    """
    rng = random.Random(zlib.crc32(f"{kind.name}-{number}".encode()))
    path = kind.copy(bases, into)
    changed = []
    for _ in range(rng.choice([1, 1, 2])):
        name = rng.choice(kind.files)
        target = path / name if name else path
        mutate = mutate_toml if target.suffix == ".toml" else mutate_csv
        try:
            broken = mutate(target.read_bytes(), rng)
        except UnicodeDecodeError:  # an earlier change already broke the text
            broken = _raw_mutation(target.read_bytes(), rng)
        target.write_bytes(broken)
        changed.append(target)
    return path, changed


def describe(result: CliRun, changed: list[Path], pristine: dict[Path, bytes]) -> str:
    diffs = []
    for path in changed:
        before = pristine.get(path, b"").decode("utf-8", "replace").splitlines()
        after = path.read_bytes().decode("utf-8", "replace").splitlines()
        pairs = [(a, b) for a, b in zip(before, after, strict=False) if a != b]
        diffs += [f"{path.name}: {a!r:.200} -> {b!r:.200}" for a, b in pairs[:3]]
    return (
        f"mgi {' '.join(result.args)}\nexit {result.exit_code} {result.exception!r}\n"
        + "\n".join(diffs)
        + f"\n--- stderr\n{result.stderr[-2500:]}"
    )


#: A named break whose fix has not landed yet is a strict expected failure (the third field of
#: :data:`TARGETED`), so that it fails as soon as it is fixed and its mark is removed.
PENDING_FIX = "issue 11: this break is not fixed yet"


def check_promise(
    spec: Kind, path: Path, changed: list[Path], pristine: dict[Path, bytes], tmp_path: Path,
    bases: Bases,
) -> list[CliRun]:  # fmt: skip
    """Run the kind's commands on ``path`` and assert the promise; return the runs."""
    out = tmp_path / "out"
    out.mkdir()
    foreign = {out / "notes.txt": b"mine", out / ".s.xlsx.abcdefgh.part": b"not mgi's"}
    for file, content in foreign.items():
        file.write_bytes(content)
    inputs = path.parent
    before = tree_hashes(inputs, bases.questionnaire.parent)
    names = {path.name, *(c.name for c in changed)}  # or a place in an input, "[file, ...]"
    runs = []
    for args, output in spec.commands(path, out, bases):
        start = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RuntimeWarning)
            result = run_cli(*args)
        elapsed = time.perf_counter() - start
        runs.append(result)
        info = describe(result, changed, pristine)
        numeric = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
        assert not numeric, f"a number overflowed or was invalid: {numeric}\n{info}"
        assert result.exception is None, info
        assert "Traceback" not in result.text and "internal error" not in result.stderr, info
        assert result.exit_code in (0, 1), info
        assert elapsed < MAX_SECONDS, f"{elapsed:.1f} s\n{info}"
        if result.exit_code == 1:
            located = re.search(r"^error: \[[^\]]+\]", result.stderr, re.MULTILINE)
            named = any(name in result.stderr for name in names)
            assert located or named, f"no place named\n{info}"
            if output is not None:
                assert not output.exists(), info
        elif output is not None:
            openpyxl.load_workbook(output, read_only=True).close()
            output.unlink()
        assert not list(out.glob("*.part")) or set(out.glob("*.part")) <= set(foreign), info

    assert tree_hashes(inputs, bases.questionnaire.parent) == before, "an input was changed"
    assert {p: p.read_bytes() for p in out.iterdir()} == foreign, "a foreign file was touched"
    return runs


@pytest.mark.parametrize(("kind", "number"), CASES, ids=[f"{k}-{n}" for k, n in CASES])
def test_a_broken_methodology_file_keeps_the_promise(
    kind: str, number: int, tmp_path: Path, bases: Bases
) -> None:
    spec = KINDS[kind]
    inputs = tmp_path / "in"
    inputs.mkdir()
    pristine_copy = spec.copy(bases, tmp_path)  # for the diff in failure messages
    path, changed = break_copy(spec, number, inputs, bases)
    pristine = {
        c: (pristine_copy / c.relative_to(path) if c != path else pristine_copy).read_bytes()
        for c in changed
    }
    check_promise(spec, path, changed, pristine, tmp_path, bases)


def _edit(relative: str, old: str, new: str) -> Callable[[Path], Path]:
    """Replace the first ``old`` (a regular expression, line by line) by ``new`` in a file."""

    def edit(path: Path) -> Path:
        target = path / relative if relative else path
        text = target.read_text(encoding="utf-8")
        changed, count = re.subn(old, new, text, count=1, flags=re.MULTILINE)
        assert count == 1, f"{old!r} not in {target.name}"
        target.write_text(changed, encoding="utf-8")
        return target

    return edit


def _all_weights(value: str) -> Callable[[Path], Path]:
    def edit(path: Path) -> Path:
        target = path / "indicators.csv"
        lines = target.read_text(encoding="utf-8").splitlines()
        header = lines[0].split(",")
        rows = list(csv.reader(lines))
        for row in rows[1:]:
            row[header.index("weight")] = value
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        target.write_text(buffer.getvalue(), encoding="utf-8")
        return target

    return edit


#: The breaks named in issue 11, and their neighbours, as fixed cases of the same promise.
TARGETED: dict[str, tuple[str, Callable[[Path], Path], bool]] = {
    "instrument-bell-in-domain-name": (
        "instrument", _edit("domains.csv", "Migrant rights", "Migrant\x07rights"), False
    ),
    "instrument-dollar-domain-name": (
        "instrument", _edit("domains.csv", "Migrant rights", r"Test $\\undefined$ land"), False
    ),
    "instrument-weights-1e308": ("instrument", _all_weights("1e308"), False),
    "instrument-weights-1e-320": ("instrument", _all_weights("1e-320"), False),
    "instrument-scheme-unknown": (
        "instrument", _edit("instrument.toml", r'^scheme = .*$', 'scheme = "nope"'), False
    ),
    "scheme-maximum-1e308": ("scheme", _edit("", r"^maximum = .*$", "maximum = 1e308"), False),
    "scheme-subdomain-weights-1e308": (
        "scheme",
        _edit("", r"^subdomain_weights = .*$", 'subdomain_weights = { "D1.0" = 1e308 }'),
        False,
    ),
    "mapping-objective-24": ("mapping", _edit("", r"^(D1\.1\.1),\d+", r"\1,24"), False),
    "profile-weights-1e308": ("profile", _edit("", r"^weight = 30$", "weight = 1e308"), False),
    "profile-seed-negative": ("profile", _edit("", r"^seed = .*$", "seed = -1"), False),
    "profile-bell-in-label": (
        "profile",
        _edit("", r'^label = "Governance gap \(MGI\)"', r'label = "Governance\\u0007gap"'),
        False,
    ),
    "profile-dollar-label": (
        "profile",
        _edit("", r'^label = "Governance gap \(MGI\)"', r'label = "Gap $\\alpha$ _x^2"'),
        False,
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(TARGETED))
def test_a_named_break_keeps_the_promise(
    case: str, tmp_path: Path, bases: Bases, request: pytest.FixtureRequest
) -> None:
    kind, edit, needs_loader_fix = TARGETED[case]
    if needs_loader_fix:
        request.applymarker(pytest.mark.xfail(strict=True, reason=PENDING_FIX))
    spec = KINDS[kind]
    inputs = tmp_path / "in"
    inputs.mkdir()
    path = spec.copy(bases, inputs)
    original = {p: p.read_bytes() for p in ([path] if path.is_file() else path.iterdir())}
    changed = [edit(path)]
    check_promise(spec, path, changed, original, tmp_path, bases)


def test_the_fuzzing_run_breaks_every_kind_many_ways(tmp_path: Path, bases: Bases) -> None:
    """The seeds give distinct broken files for every kind (the run is not testing one case
    over and over)."""
    for name, spec in KINDS.items():
        seen = set()
        for number in range(CASES_PER_KIND):
            folder = tmp_path / f"{name}-{number}"
            folder.mkdir()
            _, changed = break_copy(spec, number, folder, bases)
            seen.add(b"".join(c.read_bytes() for c in changed))
        assert len(seen) >= 0.8 * CASES_PER_KIND, name


def test_profile_weights_are_relative_from_the_command_line(tmp_path: Path, bases: Bases) -> None:
    """Every criterion weight 1e308 in a profile ranks exactly like every weight 1."""
    text = bases.profile.read_text(encoding="utf-8")
    rankings = []
    for value in ("1", "1e308"):
        profile = tmp_path / f"weights-{value}.toml"
        profile.write_text(re.sub(r"(?m)^weight = .*$", f"weight = {value}", text), "utf-8")
        result = run_cli(
            "prioritize", "--assessment", bases.national, "--consultation", bases.consultation,
            "--experts", bases.experts, "--profile", profile, "--samples", "100", "--json",
        )  # fmt: skip
        assert result.exit_code == 0 and "RuntimeWarning" not in result.stderr, result.stderr
        rankings.append([row["rank"] for row in json.loads(result.stdout)["ranking"]])
    assert rankings[0] == rankings[1]
