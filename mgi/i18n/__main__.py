"""``python -m mgi.i18n``: check the catalogues, or start the catalogues of a new language.

``python -m mgi.i18n check`` lists every missing or outdated translation and every placeholder
that differs from the English, and exits with 1 if there is one (``--drift`` also compares the
problem messages with :mod:`mgi.catalogue`). ``python -m mgi.i18n new it --locale it_IT --into
DIR`` writes ``DIR/it/`` with a ``language.toml``, a ``messages.po`` holding every English text
to translate, and every content table with its English beside empty columns; point
``MGI_I18N_PATH`` at ``DIR`` (or copy the folder into ``data/i18n/``) and the language exists.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from mgi.i18n._store import default_store
from mgi.i18n.checks import catalogue_drift, check_all
from mgi.i18n.content import table_rows, tables


def _check(args: argparse.Namespace) -> int:
    problems = check_all()
    if args.drift:
        problems += catalogue_drift()
    if args.lang:
        problems = [p for p in problems if p.lang == args.lang]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s).", file=sys.stderr)
    return 1 if problems else 0


def _new(args: argparse.Namespace) -> int:
    from babel import Locale, UnknownLocaleError
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    store = default_store()
    try:
        locale = Locale.parse(args.locale or args.code)
    except (UnknownLocaleError, ValueError):
        print(f'"{args.locale or args.code}" is not a CLDR locale (e.g. it_IT).', file=sys.stderr)
        return 2
    folder = Path(args.into) / args.code
    if folder.exists():
        print(f"{folder} exists already; choose another folder.", file=sys.stderr)
        return 2
    folder.mkdir(parents=True)
    (folder / "language.toml").write_text(
        f"# {locale.get_language_name('en')}: catalogues started with python -m mgi.i18n new.\n"
        f'locale = "{locale}"\n',
        encoding="utf-8",
    )
    catalog = Catalog(locale=str(locale), project="mgi", fuzzy=False)
    for key, message in store.source_messages.items():
        empty = ("",) * catalog.num_plurals if message.is_plural else ""
        catalog.add(
            message.source, empty, context=key, auto_comments=[message.note] if message.note else []
        )
    with (folder / "messages.po").open("wb") as handle:
        write_po(handle, catalog, width=100)
    for name, spec in tables(store).items():
        rows = table_rows(name, store.source_language, store)
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            english = [f"{c}_en" for c in spec.columns]
            writer.writerow(["code", *spec.columns, "source", "reference", *english])
            for code, cells in rows.items():
                texts = [cells.get(c, ("",))[0] for c in spec.columns]
                writer.writerow([code, *[""] * len(spec.columns), "unofficial", "", *texts])
    print(f"Wrote {folder}. Translate messages.po and the empty columns of the CSV files.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line of ``python -m mgi.i18n``."""
    parser = argparse.ArgumentParser(prog="python -m mgi.i18n", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="list missing or outdated translations")
    check.add_argument("--lang", help="only this language")
    check.add_argument("--drift", action="store_true", help="also compare with mgi/catalogue.py")
    check.set_defaults(run=_check)
    new = sub.add_parser("new", help="start the catalogues of a new language")
    new.add_argument("code", help="language code, the folder name (it, el, de)")
    new.add_argument("--locale", help="CLDR locale for numbers and dates (it_IT)")
    new.add_argument("--into", default=".", help="folder to write the language folder into")
    new.set_defaults(run=_new)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
