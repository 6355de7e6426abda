"""Files that are not questionnaires, or are hostile: one clear issue each, never a crash.

Every hostile file is built here with zipfile or by hand; none is committed.
"""

from __future__ import annotations

import io
import shutil
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from mgi.errors import InputError, NotAWorkbookError
from mgi.workbook import opener, read_assessment, write_template
from mgi.workbook.opener import OLE2_MAGIC


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return write_template("sdg-10-7-2", tmp_path_factory.mktemp("t") / "q.xlsx", round=2024)


def refused(path: Path) -> str:
    """The catalogue code of the one issue a refused file gets."""
    with pytest.raises(NotAWorkbookError) as info:
        read_assessment(path, "sdg-10-7-2")
    assert isinstance(info.value, InputError)
    assert len(info.value.issues) == 1
    issue = info.value.issues[0]
    assert issue.file == path.name
    return issue.rule


def rezip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """A copy of a workbook with some members replaced or added."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in replace:
                dst.writestr(info, src.read(info.filename))
        for name, data in replace.items():
            dst.writestr(name, data)
    return target


def ole2(*stream_names: str) -> bytes:
    """A minimal OLE2 (compound file) image: header, then directory entry names."""
    data = bytearray(OLE2_MAGIC + b"\x00" * 504)
    for name in ("Root Entry", *stream_names):
        entry = name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
        data += entry
    return bytes(data.ljust(4096, b"\x00"))


def test_csv_renamed_xlsx(tmp_path):
    path = tmp_path / "answers.xlsx"
    path.write_text("Code,Answer\nD1.a,Yes\n", encoding="utf-8")
    assert refused(path) == "workbook.text_file"


def test_legacy_xls(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(ole2("Workbook", "\x05SummaryInformation"))
    assert refused(path) == "workbook.legacy_xls"


def test_encrypted_workbook(tmp_path):
    path = tmp_path / "secret.xlsx"
    path.write_bytes(ole2("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"))
    assert refused(path) == "workbook.encrypted"


def test_ods(tmp_path):
    path = tmp_path / "calc.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    assert refused(path) == "workbook.ods"


def test_truncated_zip(template, tmp_path):
    path = tmp_path / "cut.xlsx"
    path.write_bytes(template.read_bytes()[:3000])
    assert refused(path) == "workbook.corrupt"


def test_damaged_member(template, tmp_path):
    data = bytearray(template.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("xl/workbook.xml")
    start = info.header_offset + 30 + len(info.filename) + 10
    data[start : start + 20] = b"\xff" * 20  # garble compressed bytes
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    assert refused(path) == "workbook.corrupt"


def test_random_bytes_and_empty_file(tmp_path):
    (tmp_path / "noise.xlsx").write_bytes(bytes(range(256)) * 8)
    assert refused(tmp_path / "noise.xlsx") == "workbook.corrupt"
    (tmp_path / "zero.xlsx").write_bytes(b"")
    assert refused(tmp_path / "zero.xlsx") == "workbook.corrupt"


def test_not_found_and_folder(tmp_path):
    assert refused(tmp_path / "nope.xlsx") == "workbook.not_found"
    assert refused(tmp_path) == "workbook.is_directory"


def test_zip_of_something_else(tmp_path):
    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    assert refused(path) == "workbook.corrupt"


def test_empty_workbook(tmp_path):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    assert refused(path) == "workbook.empty"


def test_workbook_without_questions(tmp_path):
    path = tmp_path / "budget.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Item", "Cost"])
    wb.active.append(["Chairs", 12])
    wb.save(path)
    assert refused(path) == "workbook.no_questions"


def test_other_kind_of_template(template, tmp_path):
    wb = openpyxl.load_workbook(template)
    for prop in wb.custom_doc_props.props:
        if prop.name == "mgi_kind":
            prop.value = "ratings"
    wb.save(tmp_path / "ratings.xlsx")
    assert refused(tmp_path / "ratings.xlsx") == "workbook.other_kind"


def test_xlsm_is_read_as_data(template, tmp_path):
    path = rezip(template, tmp_path / "macro.xlsm", {"xl/vbaProject.bin": b"\x00attack"})
    got = read_assessment(path, "sdg-10-7-2", allow_incomplete=True)
    assert got.coverage()["missing"] == 30
    assert got.source.file_name == "macro.xlsm"


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b']>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheets><sheet name="&lol9;" sheetId="1"/></sheets></workbook>'
)


def test_entity_expansion_is_refused_quickly(template, tmp_path):
    path = rezip(template, tmp_path / "lol.xlsx", {"xl/workbook.xml": BILLION_LAUGHS})
    tracemalloc.start()
    start = time.perf_counter()
    rule = refused(path)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert rule == "workbook.unsafe_xml"
    assert elapsed < 2
    assert peak < 50 * 1024 * 1024


def test_entity_expansion_in_a_sheet_is_refused_by_the_parser_too(template, tmp_path, monkeypatch):
    """Even without the cheap pre-check, defusedxml refuses the entities (fail closed)."""
    monkeypatch.setattr(opener, "_DTD_MARKERS", (b"\x00never\x00",))
    sheet = BILLION_LAUGHS.replace(b"<workbook", b"<worksheet").split(b"]>")[0] + (
        b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    path = rezip(template, tmp_path / "lol2.xlsx", {"xl/worksheets/sheet3.xml": sheet})
    start = time.perf_counter()
    assert refused(path) == "workbook.unsafe_xml"
    assert time.perf_counter() - start < 2


def test_zip_bomb_by_ratio(template, tmp_path):
    path = rezip(template, tmp_path / "bomb.xlsx", {"xl/media/zeros.bin": b"\x00" * 20_000_000})
    start = time.perf_counter()
    assert refused(path) == "workbook.zip_bomb"
    assert time.perf_counter() - start < 2


def test_zip_bomb_by_total_size(template, monkeypatch):
    monkeypatch.setattr(opener, "MAX_UNCOMPRESSED", 10_000)
    assert refused(template) == "workbook.zip_bomb"


def test_too_many_rows_is_refused_quickly(tmp_path):
    path = tmp_path / "junk.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["Code", "Answer"])
    for row in range(1, 100_001):
        ws.write_number(row, 0, row)
    wb.close()
    start = time.perf_counter()
    assert refused(path) == "workbook.too_large"
    assert time.perf_counter() - start < 2


def test_too_many_rows_without_declared_dimension(tmp_path, monkeypatch):
    monkeypatch.setattr("mgi.workbook.scan.MAX_ROWS", 50)
    path = tmp_path / "long.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Code", "Answer"])
    for row in range(200):
        wb.active.append([f"X{row}", "junk"])
    wb.save(path)
    src = path.read_bytes()
    # remove the <dimension> element so the reader must count
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    start = xml.index(b"<dimension")
    xml = xml[:start] + xml[xml.index(b"/>", start) + 2 :]
    rezip(path, tmp_path / "nodim.xlsx", {"xl/worksheets/sheet1.xml": xml})
    assert refused(tmp_path / "nodim.xlsx") == "workbook.too_large"


def test_reading_never_writes(template, tmp_path):
    path = tmp_path / "copy.xlsx"
    shutil.copy(template, path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_assessment(path, "sdg-10-7-2", allow_incomplete=True)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
