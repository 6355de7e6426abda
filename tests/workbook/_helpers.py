"""Helpers for the workbook tests: a tiny instrument, Markdown tables, filling a template."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from mgi.instrument import Instrument
from mgi.workbook._layout import METADATA_LABELS

TINY_FILES = {
    "instrument.toml": 'name = "tiny"\ntitle = "Tiny test instrument"\nversion = "0.1.0"\n',
    "domains.csv": "code,order,name,short_name,description\n"
    "D1,1,Migrants' rights,Rights,\n"
    "D2,2,Data / evidence,Data,\n",
    "subdomains.csv": "code,domain,order,name,description\n"
    "D1.1,D1,1,Access to services,\n"
    "D1.2,D1,2,Residence,\n"
    "D2.1,D2,1,Migration data,\n",
    "indicators.csv": "code,domain,subdomain,order,question,guidance_full,guidance_partial,"
    "guidance_absent,scale\n"
    "D1.1.1,D1,D1.1,1,Do migrants get emergency care?,All migrants.,Some migrants.,None.,presence\n"
    "D1.1.2,D1,D1.1,2,Do migrant children go to school?,All children.,Some.,None.,presence\n"
    "D1.2.1,D1,D1.2,3,Is there a path to permanent residence?,Yes.,,No.,yes_no\n"
    "D2.1.1,D2,D2.1,4,Does the census ask about migration?,Every census.,Some.,Never.,presence\n"
    "D2.1.2,D2,D2.1,5,Are migration statistics published?,Yearly.,,No.,yes_no\n",
    "scales.csv": "scale,option,order,label,value,not_applicable,aliases\n"
    "presence,full,1,Fully present,1,false,fully;full;present;yes;y;1;po\n"
    "presence,partial,2,Partially present,0.5,false,partially;partial;partly;0.5;pjesërisht\n"
    "presence,absent,3,Absent,0,false,no;n;none;0;jo\n"
    "presence,na,4,Not applicable,,true,n/a;na\n"
    "yes_no,yes,1,Yes,1,false,y;1;true;po\n"
    "yes_no,no,2,No,0,false,n;0;false;jo\n"
    "yes_no,na,3,Not applicable,,true,n/a;na\n",
}

#: Sheet names the template gives the tiny instrument's domains.
TINY_SHEETS = {"D1": "D1 Migrants' rights", "D2": "D2 Data - evidence"}

METADATA = {
    "country": "Testland",
    "round": "2024",
    "reference_date": "2024-06-30",
    "assessors": "A. Expert; B. Expert",
    "contact": "expert@example.org",
    "language": "en",
    "notes": "Filled in for the tests.",
}


def make_tiny_instrument(folder: Path) -> Path:
    """Write the tiny instrument's files into ``folder``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TINY_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def md_table(text: str) -> list[dict[str, str]]:
    """Rows of a Markdown table as dictionaries (header row first, separator ignored)."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    cells = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines]
    header, body = cells[0], [r for r in cells[1:] if not set("".join(r)) <= set("-: ")]
    return [dict(zip(header, row, strict=True)) for row in body]


def full_answers(inst: Instrument) -> dict[str, dict[str, str]]:
    """An answer for every indicator, cycling through the labels of its scale."""
    cycles: dict[str, Any] = {}
    answers = {}
    for code, scale in inst.indicators["scale"].items():
        cycle = cycles.setdefault(scale, itertools.cycle(inst.option_labels(scale)))
        answers[code] = {
            "answer": next(cycle),
            "evidence": f"Law {code} of 2020; https://example.org/{code}",
            "comment": f"Checked for {code}.",
        }
    return answers


def question_rows(wb: Any) -> dict[str, tuple[Any, int]]:
    """Indicator code -> (worksheet, row) in a template opened with openpyxl."""
    found = {}
    for ws in wb.worksheets:
        if ws.cell(row=3, column=1).value != "Code":
            continue
        for row in range(4, ws.max_row + 1):
            code = ws.cell(row=row, column=1).value
            if code:
                found[code] = (ws, row)
    return found


def fill_template(
    template: Path,
    out: Path,
    answers: dict[str, dict[str, Any]],
    metadata: dict[str, Any] | None = None,
    edit: Callable[[Any], None] | None = None,
) -> Path:
    """Fill a template as a user would (Answer E, Evidence F, Comment G) and save it."""
    wb = openpyxl.load_workbook(template)
    rows = question_rows(wb)
    for code, values in answers.items():
        ws, row = rows[code]
        for column, key in ((5, "answer"), (6, "evidence"), (7, "comment")):
            if key in values:
                ws.cell(row=row, column=column).value = values[key]
    meta_ws = wb["Metadata"]
    for row, field in enumerate(METADATA_LABELS, start=2):
        if metadata is not None and field in metadata:
            meta_ws.cell(row=row, column=2).value = metadata[field]
    if edit is not None:
        edit(wb)
    wb.save(out)
    return out


def read_back(assessment: Any) -> dict[str, dict[str, str]]:
    """What an assessment holds per indicator: the answer label, evidence and comment."""
    frame = assessment.answers
    return {
        code: {"answer": row["label"], "evidence": row["evidence"], "comment": row["comment"]}
        for code, row in frame.iterrows()
    }
