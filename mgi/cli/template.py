"""``mgi template``: write a fillable workbook: a questionnaire of an instrument, or a
stakeholder consultation, expert ratings or working-group weights template of a profile."""

from __future__ import annotations

from typing import Any

import click

from mgi.cli._app import echo_err, handle_errors, lang_option, main, say, use_language


@main.command("template")
@click.option(
    "--kind",
    type=click.Choice(["questionnaire", "consultation", "experts", "weights"]),
    default="questionnaire",
    show_default=True,
    help="Which workbook: the MGI questionnaire, or a prioritisation session workbook.",
)
@click.option(
    "--profile",
    default="gcm-default",
    show_default=True,
    metavar="NAME|PATH",
    help="Prioritisation profile (criteria, stakeholder groups) for the session workbooks.",
)
@click.option(
    "--count",
    type=click.IntRange(1, 2000),
    default=None,
    help="Participant rows (consultation, default 60), expert blocks (experts, default 5) or "
    "participant sheets (weights, default 5).",
)
@click.option(
    "--instrument",
    "instrument",
    default="mgi-national",
    show_default=True,
    metavar="NAME|PATH",
    help="A bundled instrument name or the folder of your own instrument.",
)
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="The .xlsx file to write.",
)
@click.option("--country", default=None, help="Pre-fill the country on the Metadata sheet.")
@click.option(
    "--round",
    "round_",
    type=click.IntRange(1900, 2200),
    default=None,
    metavar="YEAR",
    help="Pre-fill the round (year) on the Metadata sheet.",
)
@click.option(
    "--language",
    default=None,
    help="Language of the answers, written on the Metadata sheet [default: the template's].",
)
@lang_option
@click.option(
    "--format",
    "form_format",
    type=click.Choice(["xlsx", "xlsform"]),
    default="xlsx",
    show_default=True,
    help="xlsx: the workbook to fill in Excel; xlsform: an XLSForm to upload to KoboToolbox or "
    "ODK Central (consultation and questionnaire; labels in every language, --lang first).",
)
@click.option("--force", is_flag=True, help="Replace an existing file of the same name.")
@handle_errors
def template_command(
    kind: str,
    profile: str,
    count: int | None,
    instrument: str,
    output: str,
    country: str | None,
    round_: int | None,
    language: str | None,
    lang: str | None,
    form_format: str,
    force: bool,
) -> None:
    """Write a fillable workbook (.xlsx): a questionnaire, or a session workbook, in the
    language of --lang (sheet names, instructions, headers, answer options and the messages of
    the drop-downs). A filled template is read the same whatever its language.

    \b
    Examples:
      mgi template --instrument mgi-national -o questionnaire.xlsx
      mgi template --instrument sdg-10-7-2 -o sdg.xlsx --country Albania --round 2024
      mgi template --instrument path/to/my-instrument/ -o mine.xlsx
      mgi template --kind consultation -o consultation.xlsx --count 80
      mgi template --kind consultation -o konsultimi.xlsx --lang sq
      mgi template --kind experts -o experts.xlsx
      mgi template --kind weights -o weights.xlsx --count 7
      mgi template --lang sq -o pyetesori.xlsx --country Shqipëria --round 2025
      mgi template --kind consultation --format xlsform -o consultation-form.xlsx
      mgi template --kind questionnaire --format xlsform -o questionnaire-form.xlsx
    """
    from pathlib import Path

    from mgi._io import check_output_file, written_by_mgi
    from mgi.errors import UsageError

    lang = use_language(lang)
    target = Path(output)
    if target.is_file() and not force and not written_by_mgi(target):
        raise UsageError(say("cli.template.exists", file=target))
    check_output_file(output, force=force)
    if form_format == "xlsform":
        _write_xlsform(kind, target, profile, instrument, lang)
        return
    if kind != "questionnaire":
        from mgi.priorities.profile import load_profile
        from mgi.workbook import write_kind_template

        prof = load_profile(profile)
        path = write_kind_template(kind, output, prof, count=count, lang=lang)
        click.echo(str(path))
        echo_err(
            say(
                "cli.template.wrote_session",
                kind=say(f"value.kind.{kind}"),
                profile=f"{prof.name} {prof.version}",
                path=path,
            )
        )
        return

    from mgi.instrument import load_instrument
    from mgi.workbook import write_template

    inst = load_instrument(instrument)
    path = write_template(inst, output, country=country, round=round_, language=language, lang=lang)
    click.echo(str(path))
    echo_err(
        say(
            "cli.template.wrote_questionnaire",
            instrument=inst.label,
            questions=len(inst.indicators),
            domains=len(inst.domains),
            path=path,
        )
    )


def _write_xlsform(kind: str, target: Any, profile: str, instrument: str, lang: str) -> None:
    """``--format xlsform``: the XLSForm of the consultation or of the questionnaire, with
    ``lang`` as its default language."""
    from mgi.errors import UsageError
    from mgi.workbook.xlsform import XLSFORM_KINDS, write_form

    if kind not in XLSFORM_KINDS:
        raise UsageError(say("cli.template.xlsform_kind", kind=kind))
    if kind == "consultation":
        from mgi.priorities.profile import load_profile

        form = write_form(kind, target, profile=load_profile(profile), lang=lang)
    else:
        from mgi.instrument import load_instrument

        form = write_form(kind, target, instrument=load_instrument(instrument), lang=lang)
    click.echo(str(target))
    echo_err(
        say(
            "cli.template.xlsform",
            path=target,
            form_id=form.identity.form_id,
            version=form.identity.form_version,
        )
    )
