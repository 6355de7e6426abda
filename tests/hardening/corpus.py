"""Builders of the hostile-input corpus: broken, hostile or tricky files for every importer.

Every entry is built at test time from the bundled demo inputs and data files (nothing binary
is committed). An :class:`Entry` knows how to build its file (or folder) into an empty folder,
which kind of input it is, and which fragments the command line must print on stderr to name
the problem and the place (file name, and sheet/cell/row/setting where there is one).

Kinds: ``questionnaire``, ``consultation``, ``experts``, ``weights`` (workbooks read by the four
importers) and ``instrument``, ``scheme``, ``profile`` (data files).
"""

from __future__ import annotations

import re
import shutil
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter

from mgi._resources import bundled_dir

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: Sheet names and answer cells of the demo SDG 10.7.2 questionnaire used as a base.
Q_SHEET = "D1 Migrant rights"  # xl/worksheets/sheet3.xml, header row 3, answers in E4:E8
Q_SHEET_XML = "xl/worksheets/sheet3.xml"
RATINGS = "Ratings"


@dataclass(frozen=True)
class Bases:
    """Pristine inputs a corpus entry may copy and break (never modified themselves)."""

    questionnaire: Path  # SDG 10.7.2, filled (demo)
    national: Path  # MGI national 2023, filled (demo), for prioritize
    consultation: Path
    experts: Path
    weights: Path
    instrument: Path  # folder (copy of the bundled sdg-10-7-2)
    scheme: Path  # sdg-10-7-2.toml
    profile: Path  # gcm-default.toml


def make_bases(folder: Path) -> Bases:
    """Copy the demo workbooks and bundled data files into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in (
        "sdg-10-7-2-2023.xlsx",
        "mgi-national-2023.xlsx",
        "consultation.xlsx",
        "experts.xlsx",
        "weights.xlsx",
    ):
        shutil.copy(DEMO / name, folder / name)
    inst = folder / "sdg-instrument"
    shutil.copytree(bundled_dir("questionnaires") / "sdg-10-7-2", inst)
    shutil.copy(bundled_dir("scoring") / "sdg-10-7-2.toml", folder / "scheme.toml")
    shutil.copy(bundled_dir("prioritization") / "gcm-default.toml", folder / "profile.toml")
    return Bases(
        questionnaire=folder / "sdg-10-7-2-2023.xlsx",
        national=folder / "mgi-national-2023.xlsx",
        consultation=folder / "consultation.xlsx",
        experts=folder / "experts.xlsx",
        weights=folder / "weights.xlsx",
        instrument=inst,
        scheme=folder / "scheme.toml",
        profile=folder / "profile.toml",
    )


@dataclass(frozen=True)
class Entry:
    """One corpus file: how to build it and what the command line must say about it.

    ``build(folder, bases)`` writes the hostile input into ``folder`` and returns its path
    (a file, or a folder for instruments). ``where`` are fragments stderr must contain besides
    the file name; ``timed`` entries must be refused within 2 s and without large memory.
    """

    id: str
    kind: str
    build: Callable[[Path, Bases], Path]
    where: tuple[str, ...] = ()
    timed: bool = False
    note: str = ""
    name_in_message: str | None = None  # overrides the name that must appear (folders)

    def expected_name(self, built: Path) -> str:
        return self.name_in_message or built.name


# ---------------------------------------------------------------------------------------------
# low-level builders
# ---------------------------------------------------------------------------------------------


def rezip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """A copy of a zip (workbook) with some members replaced or added."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in replace:
                dst.writestr(info, src.read(info.filename))
        for name, data in replace.items():
            dst.writestr(name, data)
    return target


def member(source: Path, name: str) -> bytes:
    with zipfile.ZipFile(source) as z:
        return z.read(name)


def sheet_member(source: Path, title: str) -> str:
    """The zip member name of the worksheet called ``title``."""
    with zipfile.ZipFile(source) as z:
        book = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(title)}"[^>]*r:id="([^"]+)"', book)
    assert rid, title
    target = re.search(rf'<Relationship [^>]*Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels)
    if target is None:
        target = re.search(rf'Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
    assert target, rid.group(1)
    path = target.group(1).lstrip("/")
    return path if path.startswith("xl/") else f"xl/{path}"


def lol_dtd(levels: int = 9) -> bytes:
    """The classic "billion laughs" document type declaration (10**levels expansions)."""
    lines = [b'<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n']
    for i in range(1, levels + 1):
        ref = ("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10
        lines.append(f' <!ENTITY lol{i} "{ref}">\n'.encode())
    lines.append(b"]>\n")
    return b"".join(lines)


def laughs_sheet() -> bytes:
    return (
        b'<?xml version="1.0"?>\n'
        + lol_dtd()
        + b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="3"><c r="A3" t="inlineStr"><is><t>Code</t></is></c>'
        b'<c r="E3" t="inlineStr"><is><t>Answer</t></is></c></row>'
        b'<row r="4"><c r="A4" t="inlineStr"><is><t>D1.a</t></is></c>'
        b'<c r="E4" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )


def ole2(*stream_names: str) -> bytes:
    """A minimal OLE2 (compound file) image: header, then directory entry names."""
    data = bytearray(OLE2_MAGIC + b"\x00" * 504)
    for name in ("Root Entry", *stream_names):
        data += name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
    return bytes(data.ljust(4096, b"\x00"))


def declare_huge(source: Path, target: Path, name: str, size: int = 0xF0000000) -> Path:
    """A copy of a zip whose central directory declares ``size`` bytes for member ``name``."""
    data = bytearray(source.read_bytes())
    encoded = name.encode()
    pos = 0
    while True:
        pos = data.index(b"PK\x01\x02", pos)
        (name_len,) = struct.unpack_from("<H", data, pos + 28)
        if bytes(data[pos + 46 : pos + 46 + name_len]) == encoded:
            struct.pack_into("<I", data, pos + 24, size)
            break
        pos += 4
    target.write_bytes(bytes(data))
    return target


def edit_workbook(source: Path, target: Path, edit: Callable[[Any], None]) -> Path:
    """Load a workbook with openpyxl (keeping its stamp), apply ``edit``, save as ``target``."""
    wb = openpyxl.load_workbook(source)
    edit(wb)
    wb.save(target)
    return target


def set_cells(sheet: str, cells: dict[str, Any]) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        for ref, value in cells.items():
            wb[sheet][ref] = value

    return edit


def replace_in_member(source: Path, target: Path, name: str, old: bytes, new: bytes) -> Path:
    xml = member(source, name)
    assert old in xml, (name, old)
    return rezip(source, target, {name: xml.replace(old, new, 1)})


def junk_rows(target: Path, header: list[str], rows: int = 100_000) -> Path:
    """A workbook with a recognisable header and ``rows`` rows of junk (streaming writer)."""
    wb = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    ws = wb.add_worksheet("Ratings")
    ws.write_row(3, 0, header)
    for row in range(4, 4 + rows):
        ws.write_string(row, 0, f"junk {row}")
        ws.write_number(row, 1, row)
    wb.close()
    return target


# ---------------------------------------------------------------------------------------------
# questionnaire
# ---------------------------------------------------------------------------------------------


def _q(name: str, fn: Callable[[Path, Path], Path]) -> Callable[[Path, Bases], Path]:
    return lambda folder, b: fn(b.questionnaire, folder / name)


def _q_text_renamed(src: Path, dst: Path) -> Path:
    dst.write_text("Code,Answer\nD1.a,Yes\nD1.b,No\n", encoding="utf-8")
    return dst


def _q_truncated(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes()[: src.stat().st_size // 2])
    return dst


def _q_empty_file(src: Path, dst: Path) -> Path:
    dst.write_bytes(b"")
    return dst


def _q_empty_workbook(src: Path, dst: Path) -> Path:
    openpyxl.Workbook().save(dst)
    return dst


def _q_ods(src: Path, dst: Path) -> Path:
    with zipfile.ZipFile(dst, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    return dst


def _q_no_table(src: Path, dst: Path) -> Path:
    """Sheets renamed and the Code/Answer headers replaced: nothing recognisable is left."""

    def edit(wb: Any) -> None:
        for i, ws in enumerate(wb.worksheets):
            ws.title = f"Sheet{i + 1}"
            for row in ws.iter_rows(max_row=20):
                for cell in row:
                    if cell.value in ("Code", "Answer"):
                        cell.value = "Column"

    return edit_workbook(src, dst, edit)


def _q_merged(src: Path, dst: Path) -> Path:
    return edit_workbook(src, dst, lambda wb: wb[Q_SHEET].merge_cells("E5:E7"))


def _q_formulas(src: Path, dst: Path) -> Path:
    return replace_in_member(
        src,
        dst,
        Q_SHEET_XML,
        b'<c r="E5"',
        b'<c r="E5"><f>IF(1=1,"Yes, regardless of immigration status","No")</f></c><c r="X5"',
    )


def _q_dates_numbers(src: Path, dst: Path) -> Path:
    import datetime as dt

    return edit_workbook(
        src, dst, set_cells(Q_SHEET, {"E4": dt.datetime(2024, 1, 5), "E5": 0.25, "E6": 7})
    )


def _q_long_string(src: Path, dst: Path) -> Path:
    text = "Yes " + "x" * 100_000
    return edit_workbook(src, dst, set_cells(Q_SHEET, {"E4": text, "F4": text, "G4": text}))


def _q_unicode(src: Path, dst: Path) -> Path:
    return edit_workbook(
        src,
        dst,
        set_cells(
            Q_SHEET,
            {
                "E4": "Yes\u200d, regardless of immigration status",  # zero-width joiner
                "E5": "\u202bنعم\u202c",  # Arabic "yes" inside right-to-left embedding
                "E6": "No\u200f",  # right-to-left mark
            },
        ),
    )


def _q_duplicate_codes(src: Path, dst: Path) -> Path:
    return edit_workbook(src, dst, set_cells(Q_SHEET, {"A6": "D1.a", "E6": "No"}))


QUESTIONNAIRE = [
    Entry(
        "q-billion-laughs-sheet",
        "questionnaire",
        _q("laughs-sheet.xlsx", lambda s, d: rezip(s, d, {Q_SHEET_XML: laughs_sheet()})),
        ("sheet3.xml",),
        timed=True,
    ),
    Entry(
        "q-billion-laughs-docprops-after-70kB-comment",
        "questionnaire",
        _q(
            "laughs-docprops.xlsx",
            lambda s, d: rezip(
                s,
                d,
                {
                    "docProps/core.xml": b'<?xml version="1.0"?>\n<!--'
                    + b" " * 70_000
                    + b"-->\n"
                    + lol_dtd()
                    + b"<coreProperties>&lol9;</coreProperties>"
                },
            ),
        ),
        ("refuses to parse",),
        timed=True,
        note="a DTD hidden behind a 70 kB comment must still be found and refused as unsafe",
    ),
    Entry(
        "q-billion-laughs-utf16be-sheet",
        "questionnaire",
        _q(
            "laughs-utf16.xlsx",
            lambda s, d: rezip(
                s,
                d,
                {
                    Q_SHEET_XML: b"\xfe\xff"
                    + laughs_sheet()
                    .replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="UTF-16"?>')
                    .decode()
                    .encode("utf-16-be")
                },
            ),
        ),
        timed=True,
        note="UTF-16 big-endian escapes the byte-marker pre-check",
    ),
    Entry(
        "q-zip-bomb-ratio",
        "questionnaire",
        _q("bomb.xlsx", lambda s, d: rezip(s, d, {"xl/media/zeros.bin": b"\0" * 30_000_000})),
        ("zeros.bin",),
        timed=True,
    ),
    Entry(
        "q-zip-bomb-declared-size",
        "questionnaire",
        _q("declared.xlsx", lambda s, d: declare_huge(s, d, "xl/styles.xml")),
        timed=True,
    ),
    Entry("q-truncated-zip", "questionnaire", _q("cut.xlsx", _q_truncated)),
    Entry("q-csv-renamed-xlsx", "questionnaire", _q("answers.xlsx", _q_text_renamed)),
    Entry(
        "q-legacy-xls-ole2",
        "questionnaire",
        _q("old.xlsx", lambda s, d: (d.write_bytes(ole2("Workbook")), d)[1]),
    ),
    Entry(
        "q-encrypted-ole2",
        "questionnaire",
        _q(
            "secret.xlsx",
            lambda s, d: (d.write_bytes(ole2("EncryptionInfo", "EncryptedPackage")), d)[1],
        ),
    ),
    Entry("q-ods-renamed", "questionnaire", _q("calc.xlsx", _q_ods)),
    Entry("q-empty-file-0-bytes", "questionnaire", _q("zero.xlsx", _q_empty_file)),
    Entry("q-empty-workbook", "questionnaire", _q("blank.xlsx", _q_empty_workbook)),
    Entry("q-no-recognisable-table", "questionnaire", _q("renamed.xlsx", _q_no_table)),
    Entry(
        "q-duplicated-codes",
        "questionnaire",
        _q("dupes.xlsx", _q_duplicate_codes),
        (f"sheet {Q_SHEET}", "cell E6", "D1.a"),
    ),
    Entry(
        "q-merged-cells-over-answers",
        "questionnaire",
        _q("merged.xlsx", _q_merged),
        (f"sheet {Q_SHEET}", "cell E5", "E5:E7"),
    ),
    Entry(
        "q-formula-without-cached-value",
        "questionnaire",
        _q("formula.xlsx", _q_formulas),
        (f"sheet {Q_SHEET}", "cell E5", "formula"),
    ),
    Entry(
        "q-dates-and-numbers-as-answers",
        "questionnaire",
        _q("dates.xlsx", _q_dates_numbers),
        (f"sheet {Q_SHEET}", "cell E4", "cell E5", "cell E6"),
    ),
    Entry(
        "q-100000-rows-of-junk",
        "questionnaire",
        lambda folder, b: junk_rows(folder / "junk.xlsx", ["Code", "Answer"]),
        ("sheet Ratings", "100,00"),
        timed=True,
    ),
    Entry(
        "q-100k-character-cells",
        "questionnaire",
        _q("long.xlsx", _q_long_string),
        (f"sheet {Q_SHEET}", "cell E4"),
    ),
    Entry(
        "q-rtl-zero-width-and-arabic-answers",
        "questionnaire",
        _q("unicode.xlsx", _q_unicode),
        (f"sheet {Q_SHEET}", "cell E4", "cell E5", "cell E6"),
    ),
]


# ---------------------------------------------------------------------------------------------
# consultation, experts, weights
# ---------------------------------------------------------------------------------------------


def _c(name: str, edit: Callable[[Any], None]) -> Callable[[Path, Bases], Path]:
    return lambda folder, b: edit_workbook(b.consultation, folder / name, edit)


def _e(name: str, edit: Callable[[Any], None]) -> Callable[[Path, Bases], Path]:
    return lambda folder, b: edit_workbook(b.experts, folder / name, edit)


def _w(name: str, edit: Callable[[Any], None]) -> Callable[[Path, Bases], Path]:
    return lambda folder, b: edit_workbook(b.weights, folder / name, edit)


def _rtl_duplicates(wb: Any) -> None:
    ws = wb[RATINGS]
    ws["A5"] = "محمد\u200f"  # Arabic name with a right-to-left mark
    ws["A6"] = "שָׁלוֹם"  # Hebrew with combining points
    ws["A7"] = "محمد\u200f"  # the same Arabic name again
    ws["A8"] = "שָׁלוֹם"


def _replace_cells(source: Path, sheet: str, cells: dict[str, bytes]) -> dict[str, bytes]:
    """The sheet member of ``source`` with some ``<c>`` elements replaced by raw XML."""
    name = sheet_member(source, sheet)
    xml = member(source, name)
    for ref, raw in cells.items():
        found = re.search(rb'<c r="' + ref.encode() + rb'"[^>]*?(/>|>.*?</c>)', xml, re.DOTALL)
        assert found, ref
        xml = xml.replace(found.group(0), raw, 1)
    return {name: xml}


def _consultation_error_cells(folder: Path, b: Bases) -> Path:
    """Ratings that are Excel error values (#DIV/0!, #NUM!) and numbers that overflow to
    +/- infinity when parsed (1E+309)."""
    cells = {  # H5... are the first answer cells (GCM01 relevance, urgency, GCM02...)
        "H5": b'<c r="H5" t="e"><v>#DIV/0!</v></c>',
        "I5": b'<c r="I5" t="e"><v>#NUM!</v></c>',
        "J5": b'<c r="J5"><v>1E+309</v></c>',
        "K5": b'<c r="K5" t="n"><v>-1E+309</v></c>',
    }
    return rezip(
        b.consultation, folder / "errors.xlsx", _replace_cells(b.consultation, RATINGS, cells)
    )


def _consultation_nan_literal(folder: Path, b: Bases) -> Path:
    """A numeric cell holding the literal NaN (what some writers put for a missing number)."""
    cells = {"H5": b'<c r="H5" t="n"><v>NaN</v></c>'}
    return rezip(
        b.consultation, folder / "nan.xlsx", _replace_cells(b.consultation, RATINGS, cells)
    )


def _weights_infinite_points(folder: Path, b: Bases) -> Path:
    """Points given as a number that overflows to infinity (1E+309) and as #NUM!."""
    edited = edit_workbook(
        b.weights, folder / "w-edit.xlsx", set_cells("Participant 1", {"B5": "points", "C9": 10})
    )
    cells = {
        "C8": b'<c r="C8"><v>1E+309</v></c>',
        "C10": b'<c r="C10" t="e"><v>#NUM!</v></c>',
    }
    target = rezip(edited, folder / "inf.xlsx", _replace_cells(edited, "Participant 1", cells))
    edited.unlink()
    return target


def _consultation_merged(wb: Any) -> None:
    wb[RATINGS].merge_cells("H5:H7")


def _consultation_formulas(folder: Path, b: Bases) -> Path:
    """Ratings written as formulas whose value was never calculated (as some tools save)."""
    name = sheet_member(b.consultation, RATINGS)
    xml = member(b.consultation, name)
    for ref in (b"H5", b"I5", b"J5"):
        cell = re.search(rb'<c r="' + ref + rb'"[^>]*?(/>|>.*?</c>)', xml, re.DOTALL)
        assert cell
        xml = xml.replace(cell.group(0), b'<c r="' + ref + b'"><f>2+2</f></c>', 1)
    return rezip(b.consultation, folder / "formulas.xlsx", {name: xml})


def _experts_laughs(folder: Path, b: Bases) -> Path:
    return rezip(
        b.experts,
        folder / "experts-laughs.xlsx",
        {
            "docProps/core.xml": b'<?xml version="1.0"?>\n'
            + lol_dtd()
            + b"<coreProperties>&lol9;</coreProperties>"
        },
    )


def _experts_duplicates(wb: Any) -> None:
    ws = wb[RATINGS]
    ws["B6"] = "GCM01"  # Expert 1 rates GCM01 twice (rows 5 and 6)


def _experts_bad_values(wb: Any) -> None:
    ws = wb[RATINGS]
    ws["D5"] = -3
    ws["E5"] = "nan"
    ws["F5"] = "inf"
    ws["G5"] = float("inf")
    ws["B7"] = "GCM99"


def _experts_no_table(wb: Any) -> None:
    ws = wb[RATINGS]
    ws["A4"] = "Rater"
    ws["A4"] = "Person"
    ws["B4"] = "Thing"


def _weights_participant(edit: dict[str, Any]) -> Callable[[Any], None]:
    return set_cells("Participant 1", edit)


CONSULTATION = [
    Entry(
        "c-billion-laughs-sheet",
        "consultation",
        lambda folder, b: rezip(
            b.consultation,
            folder / "c-laughs.xlsx",
            {sheet_member(b.consultation, RATINGS): laughs_sheet()},
        ),
        timed=True,
    ),
    Entry(
        "c-questionnaire-given-as-consultation",
        "consultation",
        lambda folder, b: shutil.copy(b.questionnaire, folder / "not-a-consultation.xlsx"),
    ),
    Entry(
        "c-duplicated-rtl-participants",
        "consultation",
        _c("rtl.xlsx", _rtl_duplicates),
        ("sheet Ratings", "cell A7", "cell A8", "محمد"),
    ),
    Entry(
        "c-nan-inf-div0-as-text",
        "consultation",
        _c("nan-text.xlsx", set_cells(RATINGS, {"H5": "nan", "I5": "inf", "J5": "#DIV/0!"})),
        ("sheet Ratings", "cell H5", "cell I5", "cell J5"),
    ),
    Entry(
        "c-error-values-and-nan-numbers",
        "consultation",
        _consultation_error_cells,
        ("sheet Ratings", "cell H5", "cell I5", "cell J5", "cell K5"),
    ),
    Entry(
        "c-nan-literal-in-numeric-cell",
        "consultation",
        _consultation_nan_literal,
        ("sheet Ratings", "cannot store"),
    ),
    Entry(
        "c-merged-cells-over-ratings",
        "consultation",
        _c("merged.xlsx", _consultation_merged),
        ("sheet Ratings", "H5:H7"),
        note="Excel shows one merged rating for three participants; it must be reported",
    ),
    Entry(
        "c-formulas-without-cached-values",
        "consultation",
        _consultation_formulas,
        ("sheet Ratings", "H5"),
        note="the ratings are formulas with no saved value: they must not vanish silently",
    ),
    Entry(
        "c-100000-rows-of-junk",
        "consultation",
        lambda folder, b: junk_rows(
            folder / "c-junk.xlsx", ["Participant", "Stakeholder group", "GCM01"]
        ),
        ("sheet Ratings",),
        timed=True,
    ),
    Entry(
        "c-negative-and-zero-ratings",
        "consultation",
        _c("negative.xlsx", set_cells(RATINGS, {"H5": -1, "I5": 0, "J5": 4.5})),
        ("sheet Ratings", "cell H5", "cell I5", "cell J5"),
    ),
]

EXPERTS = [
    Entry("e-billion-laughs-docprops", "experts", _experts_laughs, ("core.xml",), timed=True),
    Entry(
        "e-duplicated-expert-objective",
        "experts",
        _e("dupes.xlsx", _experts_duplicates),
        ("sheet Ratings", "cell B6", "GCM01"),
    ),
    Entry(
        "e-negative-nan-inf-unknown-objective",
        "experts",
        _e("bad-values.xlsx", _experts_bad_values),
        ("sheet Ratings", "cell D5", "cell E5", "cell F5", "cell G5", "cell B7"),
    ),
    Entry("e-wrong-headers", "experts", _e("headers.xlsx", _experts_no_table)),
    Entry(
        "e-encrypted-ole2",
        "experts",
        lambda folder, b: (
            (folder / "experts-secret.xlsx").write_bytes(ole2("EncryptedPackage")),
            folder / "experts-secret.xlsx",
        )[1],
    ),
]

WEIGHTS = [
    Entry(
        "w-not-reciprocal",
        "weights",
        _w("nonreciprocal.xlsx", _weights_participant({"B20": 5})),  # seven criteria: rows 19-25
        ("sheet Participant 1", "cell B20"),
    ),
    Entry(
        "w-negative-points",
        "weights",
        _w("negative.xlsx", _weights_participant({"B5": "points", "C8": -10, "C9": 50})),
        ("sheet Participant 1", "cell C8"),
    ),
    Entry(
        "w-all-zero-points",
        "weights",
        _w("zero.xlsx", _weights_participant({"B5": "points", "C8": 0, "C9": 0})),
        ("sheet Participant 1",),
    ),
    Entry(
        "w-nan-inf-div0-judgements",
        "weights",
        _w(
            "nan.xlsx",
            _weights_participant({"C19": "nan", "D19": "inf", "E19": "#DIV/0!", "F19": "1/0"}),
        ),
        ("sheet Participant 1", "cell C19", "cell D19", "cell E19", "cell F19"),
    ),
    Entry(
        "w-infinite-number-points",
        "weights",
        _weights_infinite_points,
        ("sheet Participant 1", "cell C8", "cell C10"),
    ),
    Entry(
        "w-unknown-method-and-bad-participant-weight",
        "weights",
        _w("method.xlsx", _weights_participant({"B5": "electre", "B4": -2})),
        ("sheet Participant 1", "cell B5", "cell B4"),
    ),
    Entry(
        "w-truncated-zip",
        "weights",
        lambda folder, b: (
            (folder / "w-cut.xlsx").write_bytes(b.weights.read_bytes()[:5000]),
            folder / "w-cut.xlsx",
        )[1],
    ),
]


# ---------------------------------------------------------------------------------------------
# instrument folder, scheme TOML, profile TOML
# ---------------------------------------------------------------------------------------------


def _instrument(name: str, edit: Callable[[Path], None]) -> Callable[[Path, Bases], Path]:
    def build(folder: Path, b: Bases) -> Path:
        target = folder / name
        shutil.copytree(b.instrument, target)
        edit(target)
        return target

    return build


def _replace_text(file: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(target: Path) -> None:
        path = target / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _replace_bytes(file: str, old: bytes, new: bytes) -> Callable[[Path], None]:
    def edit(target: Path) -> None:
        path = target / file
        data = path.read_bytes()
        assert old in data, (file, old)
        path.write_bytes(data.replace(old, new, 1))

    return edit


def _empty(file: str) -> Callable[[Path], None]:
    return lambda target: (target / file).write_bytes(b"")


INSTRUMENT = [
    Entry(
        "i-nul-byte-in-indicators-csv",
        "instrument",
        _instrument("inst-nul", _replace_bytes("indicators.csv", b"D1.b,", b"D1\x00.b,")),
        ("indicators.csv",),
    ),
    Entry(
        "i-invalid-utf8-in-domains-csv",
        "instrument",
        _instrument("inst-utf8", _replace_bytes("domains.csv", b"D1,", b"D1\xff\xfe,")),
        ("domains.csv",),
    ),
    Entry(
        "i-duplicate-indicator-codes",
        "instrument",
        _instrument("inst-dupes", _replace_text("indicators.csv", "D1.b,", "D1.a,")),
        ("indicators.csv", "row 3", "D1.a"),
    ),
    Entry(
        "i-instrument-toml-invalid-syntax",
        "instrument",
        _instrument("inst-toml", _replace_text("instrument.toml", "name =", "name = = [")),
        ("instrument.toml",),
    ),
    Entry(
        "i-empty-scales-csv",
        "instrument",
        _instrument("inst-empty", _empty("scales.csv")),
        ("scales.csv",),
    ),
]


def _toml(base: str, name: str, old: str, new: str) -> Callable[[Path, Bases], Path]:
    def build(folder: Path, b: Bases) -> Path:
        source = getattr(b, base)
        text = source.read_text(encoding="utf-8")
        if old:
            pattern = re.compile(old, re.MULTILINE)
            assert pattern.search(text), (base, old)
            text = pattern.sub(new, text, count=1)
        else:
            text = new
        target = folder / name
        target.write_text(text, encoding="utf-8")
        return target

    return build


SCHEME = [
    Entry(
        "s-invalid-toml-syntax",
        "scheme",
        _toml("scheme", "syntax.toml", r"^\[values\.yes_no\]", "[values.yes_no"),
    ),
    Entry(
        "s-negative-value",
        "scheme",
        _toml("scheme", "negative.toml", r"^yes = 1\.0", "yes = -0.5"),
        ("values.yes_no.yes",),
    ),
    Entry(
        "s-negative-target",
        "scheme",
        _toml("scheme", "target.toml", r"^default = 100\.0", "default = -10.0"),
        ("targets.default",),
    ),
    Entry(
        "s-infinite-maximum",
        "scheme",
        _toml("scheme", "inf-max.toml", r"^maximum = 100\.0", "maximum = inf"),
        ("scores.maximum",),
        note="TOML allows inf; an infinite score range would give infinite scores and gaps",
    ),
    Entry(
        "s-nan-band-threshold",
        "scheme",
        _toml("scheme", "nan-band.toml", r"\{ lower = 40\.0,", "{ lower = nan,"),
        ("banding",),
    ),
    Entry("s-empty-file", "scheme", _toml("scheme", "empty.toml", "", "")),
]


def _all_zero_weights(folder: Path, b: Bases) -> Path:
    text = re.sub(r"^weight = \d+$", "weight = 0", b.profile.read_text("utf-8"), flags=re.M)
    target = folder / "zero.toml"
    target.write_text(text, encoding="utf-8")
    return target


PROFILE = [
    Entry(
        "p-negative-weight",
        "profile",
        _toml("profile", "negative.toml", r"^weight = 30$", "weight = -30"),
        ("criteria.0.weight",),
    ),
    Entry(
        "p-unknown-method",
        "profile",
        _toml("profile", "method.toml", r'^primary = "wsm"', 'primary = "electre"'),
        ("methods.primary",),
    ),
    Entry(
        "p-p-smaller-than-q",
        "profile",
        _toml("profile", "pq.toml", r"^p = 30$", "p = 2"),
        ("criteria.0",),
    ),
    Entry(
        "p-nan-weight",
        "profile",
        _toml("profile", "nan-weight.toml", r"^weight = 20$", "weight = nan"),
        ("criteria.1.weight",),
    ),
    Entry("p-all-zero-weights", "profile", lambda f, b: _all_zero_weights(f, b), ("weight",)),
    Entry(
        "p-infinite-concentration",
        "profile",
        _toml("profile", "inf-conc.toml", r"^concentration = 30$", "concentration = inf"),
        ("sensitivity.concentration",),
        note="Dirichlet(inf * w) would give NaN weight samples",
    ),
    Entry(
        "p-scale-min-above-scale-max",
        "profile",
        _toml("profile", "scale.toml", r"^scale_min = 1$", "scale_min = 9"),
        ("consultation.scale_max", "scale_min"),
        note="the profile is wrong, not the consultation: the profile must be blamed",
    ),
    Entry(
        "p-invalid-toml-syntax",
        "profile",
        _toml("profile", "syntax.toml", r"^\[methods\]", "[methods"),
    ),
]


CORPUS: list[Entry] = [
    *QUESTIONNAIRE,
    *CONSULTATION,
    *EXPERTS,
    *WEIGHTS,
    *INSTRUMENT,
    *SCHEME,
    *PROFILE,
]
KINDS = ("questionnaire", "consultation", "experts", "weights", "instrument", "scheme", "profile")

assert len({e.id for e in CORPUS}) == len(CORPUS), "corpus ids must be unique"


@dataclass
class Built:
    """A built entry: the path of the hostile input and the folder it lives in."""

    entry: Entry
    path: Path
    folder: Path
    extra: dict[str, Any] = field(default_factory=dict)


def build(entry: Entry, folder: Path, bases: Bases) -> Built:
    folder.mkdir(parents=True, exist_ok=True)
    return Built(entry, Path(entry.build(folder, bases)), folder)
