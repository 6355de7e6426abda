"""XLSForms for KoboToolbox and ODK, and their exports read back.

A consultation reaches hundreds or thousands of respondents on their phones, and assessors may
fill the questionnaire on a tablet. Both tools collect with a form built from an XLSForm (an
Excel file with the sheets ``survey``, ``choices`` and ``settings``) and export what was
collected as a table, one row per submission. This package

* declares mgi's two forms once, as data (:mod:`~mgi.workbook.xlsform.consultation`,
  :mod:`~mgi.workbook.xlsform.questionnaire`): every question with its labels in every language
  of the catalogues, its choices, constraints and what the reader does with its answer;
* writes such a declaration as an XLSForm (:func:`~mgi.workbook.xlsform.form.write_xlsform`,
  ``mgi template --kind consultation --format xlsform``);
* reads an export of it back (:mod:`~mgi.workbook.xlsform.export`): KoboToolbox or ODK Central,
  xlsx or CSV (comma or semicolon; ODK Central's zip too), values as choice names or labels in
  any language of the form, headers with or without group prefixes, and the tools' metadata
  columns, safely (:mod:`~mgi.workbook.xlsform.table`); it is recognised without a flag
  wherever mgi reads a consultation or a questionnaire
  (:func:`~mgi.workbook.xlsform.table.sniff`, :func:`~mgi.workbook.xlsform.table.export_kind`).

Every form carries two calculated fields, ``mgi_form_id`` and ``mgi_form_version``, that name
the kind, the profile or instrument and its version
(:class:`~mgi.workbook.xlsform.form.FormIdentity`): the tools copy them into every
submission, so that an export of another form, or of another version of this one, is refused
with a message that names both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: The kinds ``mgi template --format xlsform`` writes.
XLSFORM_KINDS = ("consultation", "questionnaire")


def write_form(
    kind: str,
    path: str | Path,
    *,
    profile: Any = None,
    instrument: Any = None,
    lang: str = "en",
) -> Any:
    """Write the XLSForm of a consultation (of ``profile``) or of a questionnaire (of
    ``instrument``) with ``lang`` as its default language, and return the
    :class:`~mgi.workbook.xlsform.form.XLSForm` written (its ``identity`` names it).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "sdg.xlsx"
    >>> write_form("questionnaire", out, instrument="sdg-10-7-2").identity.form_id
    'mgi_questionnaire_sdg-10-7-2'
    """
    from mgi.workbook.xlsform.form import write_xlsform

    if kind == "consultation":
        from mgi.workbook.xlsform.consultation import consultation_form

        form = consultation_form(profile, lang)
    elif kind == "questionnaire":
        from mgi.workbook.xlsform.questionnaire import questionnaire_form

        form = questionnaire_form(instrument, lang)
    else:
        raise ValueError(f"no XLSForm of the kind {kind!r}; use one of {XLSFORM_KINDS}")
    write_xlsform(form, path)
    return form
