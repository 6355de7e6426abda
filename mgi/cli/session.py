"""``mgi session``: a live working-group session on a laptop, and its exports.

``mgi session start`` serves the participant and facilitator pages (see :mod:`mgi.session`);
``mgi session export`` writes what the session produced as the files the rest of mgi reads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from mgi.cli._app import F, echo_err, handle_errors, main
from mgi.cli.prioritize import parse_reference, session_options
from mgi.errors import UsageError


@main.group("session")
def session_group() -> None:
    """A live working-group session: weights collected in the room, the ranking on the screen,
    decisions recorded.

    \b
    Start (continue) a session, then export it:
      mgi session start --demo --db meeting.db --host 0.0.0.0
      mgi session export --db meeting.db -o meeting-results
    """


def _lang_option(default: str) -> Callable[[F], F]:
    from mgi.i18n import languages

    return click.option(
        "--lang",
        type=click.Choice(sorted(languages())),
        default=default,
        show_default=True,
        help="Language of the pages (each page also has a language switch) and messages.",
    )


@session_group.command("start")
@click.option(
    "--db",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="The session's database (SQLite). An existing one is continued.",
)
@click.option("--demo", is_flag=True, help="Rank the bundled illustrative demo inputs.")
@click.option(
    "--assessment",
    type=click.Path(dir_okay=False),
    metavar="FILE.xlsx",
    help="Completed MGI questionnaire (gives the governance gap per objective).",
)
@session_options
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 lets phones and laptops on the same network join.",
)
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help="Port."
)
@click.option(
    "--qr",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="FILE.svg",
    help="Where to write the QR code of the participants' link [default: beside the db].",
)
@_lang_option("sq")
@handle_errors
def start_command(
    db: str,
    demo: bool,
    assessment: str | None,
    consultation: str | None,
    experts: str | None,
    weights: str | None,
    profile: str,
    scheme: str | None,
    instrument: str | None,
    mapping: str | None,
    allow_incomplete: bool,
    samples: int | None,
    seed: int | None,
    reference: str | None,
    host: str,
    port: int,
    qr: str | None,
    lang: str,
) -> None:
    """Start a live session, or continue the one in --db.

    Prints the facilitator's link (keep it to yourself: it opens the projector page) and the
    participants' link, and writes the QR code of the participants' link as an SVG file. The
    inputs are the same as for 'mgi prioritize', or --demo. Stop with Ctrl+C; start again
    with the same --db to continue where the session stopped.

    \b
    Example:
      mgi session start --db meeting.db --host 0.0.0.0 --assessment mgi-2023.xlsx \\
          --consultation consultation.xlsx --experts experts.xlsx
    """
    from mgi.i18n import text
    from mgi.session.engine import configuration
    from mgi.session.server import links, open_session, serve, write_qr

    given = demo or any((assessment, consultation, experts, weights))
    if demo and any((assessment, consultation, experts, weights)):
        raise UsageError("Give either --demo or the input files, not both.")
    config = None
    if given:
        if not demo:
            from mgi.cli.prioritize import require_inputs

            require_inputs(profile, assessment, consultation, experts)
        config = configuration(
            assessment=assessment,
            consultation=consultation,
            experts=experts,
            weights=weights,
            profile=profile,
            scheme=scheme,
            instrument=instrument,
            mapping=mapping,
            allow_incomplete=allow_incomplete,
            samples=samples,
            seed=seed,
            reference=parse_reference(reference),
            demo=demo,
        )
    elif not Path(db).exists():
        raise UsageError(
            f"{db} does not exist. To start a new session give its inputs: --demo, or "
            "--assessment, --consultation, --experts (and --weights) as for mgi prioritize."
        )
    session, continued = open_session(db, config, lang=lang)
    store = session.store
    if continued:
        echo_err(
            text(
                "session.cli.continuing",
                lang,
                db=db,
                count=len(store.participants()),
                submissions=len(store.all_submissions()),
            )
        )
    else:
        echo_err(text("session.cli.new", lang, db=db))
    urls = links(session, host, port)
    qr_path = Path(qr) if qr else Path(db).with_name(Path(db).stem + "-join-qr.svg")
    write_qr(urls["join"], qr_path)
    click.echo(text("session.cli.facilitator_link", lang, url=urls["facilitator"]))
    click.echo(text("session.cli.participant_link", lang, url=urls["join"]))
    click.echo(text("session.cli.qr_written", lang, file=qr_path))
    if host.startswith("127.") or host == "localhost":
        echo_err(text("session.cli.local_only", lang))
    echo_err(text("session.cli.started", lang))
    serve(session, host, port)


@session_group.command("export")
@click.option(
    "--db",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="The session's database.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Folder to write into (new, empty, or written by mgi).",
)
@_lang_option("en")
@handle_errors
def export_command(db: str, output: str, lang: str) -> None:
    """Write the session's weights workbook (for 'mgi prioritize --weights'), the priorities
    workbook with the decisions, the Word annex with "Agreed priorities and rationale", and
    the full record of every submission and revision.

    \b
    Example:
      mgi session export --db meeting.db -o meeting-results
    """
    from mgi.i18n import text
    from mgi.session.export import export_session

    result = export_session(db, output, lang=lang)
    if result.round_open:
        echo_err(text("session.cli.open_round", lang))
    for path in result.files:
        click.echo(str(path))
    echo_err(text("session.cli.exported", lang, folder=result.folder))
