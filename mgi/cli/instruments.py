"""``mgi instruments``: list the bundled instruments or show one as a tree."""

from __future__ import annotations

import click

from mgi.cli._app import (
    handle_errors,
    lang_option,
    main,
    print_json,
    report_issues,
    say,
    use_language,
)


@main.command("instruments")
@click.option("--show", "show", metavar="NAME|PATH", help="Show one instrument as a tree.")
@click.option("--mapping", type=click.Path(dir_okay=False), help="Another GCM mapping CSV.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@lang_option
@handle_errors
def instruments_command(
    show: str | None, mapping: str | None, as_json: bool, lang: str | None
) -> None:
    """List the bundled instruments, or show one with --show NAME.

    \b
    Examples:
      mgi instruments
      mgi instruments --show mgi-national
      mgi instruments --show path/to/my-instrument/
    """
    from mgi._terminal import Col, table
    from mgi.i18n import content
    from mgi.instrument import list_instruments, load_instrument

    lang = use_language(lang)
    if show is None:
        rows = []
        for name in list_instruments():
            inst = load_instrument(name)
            coverage = inst.objective_coverage()
            rows.append(
                {
                    "name": inst.name,
                    "version": inst.version,
                    "domains": len(inst.domains),
                    "subdomains": len(inst.subdomains),
                    "indicators": len(inst.indicators),
                    "objectives_covered": int((coverage["total"] > 0).sum()),
                    "title": inst.title,
                }
            )
        if as_json:
            print_json(rows)
            return
        columns = [
            Col("name", header=say("cli.instruments.name")),
            Col("version", header=say("cli.instruments.version")),
            Col("domains", header=say("cli.instruments.domains"), kind="count"),
            Col("indicators", header=say("cli.instruments.indicators"), kind="count"),
            Col("covered", header=say("cli.instruments.covered")),
            Col("title", header=say("cli.instruments.title"), wrap=True),
        ]
        shown = [{**r, "covered": f"{r['objectives_covered']}/23"} for r in rows]
        for line in table(shown, columns, lang):
            click.echo(line)
        return

    inst = load_instrument(show, mapping=mapping)
    report_issues(inst.warnings)
    domains, subdomains, indicators = inst.domains, inst.subdomains, inst.indicators
    coverage = inst.objective_coverage()
    if as_json:
        print_json(
            {
                "name": inst.name,
                "version": inst.version,
                "title": inst.title,
                "mapping_source": inst.meta.mapping.source,
                "domains": [
                    {
                        "code": d,
                        "name": drow["name"],
                        "subdomains": [
                            {
                                "code": s,
                                "name": srow["name"],
                                "indicators": int((indicators["subdomain"] == s).sum()),
                            }
                            for s, srow in subdomains[subdomains["domain"] == d].iterrows()
                        ],
                    }
                    for d, drow in domains.iterrows()
                ],
                "objective_coverage": coverage.reset_index().to_dict("records"),
            }
        )
        return
    click.echo(inst.title)
    click.echo(
        say(
            "cli.instruments.counts",
            name=inst.name,
            version=inst.version,
            domains=len(domains),
            subdomains=len(subdomains),
            indicators=len(indicators),
        )
    )
    click.echo("")
    for d, drow in domains.iterrows():
        n = int((indicators["domain"] == d).sum())
        click.echo(say("cli.instruments.domain", code=d, name=drow["name"], count=n))
        for s, srow in subdomains[subdomains["domain"] == d].sort_values("order").iterrows():
            k = int((indicators["subdomain"] == s).sum())
            click.echo(f"  {s:<6} {srow['name']}  ({k})")
    click.echo("")
    click.echo(say("cli.instruments.coverage", mapping=inst.meta.mapping.source))
    rows = [
        {
            "objective": code,
            **row,
            "short_label": str(content("gcm_objectives", code, "short_label", lang)),
            "links": row["total"],
        }
        for code, row in coverage.iterrows()
    ]
    columns = [
        Col("objective"),
        Col("short_label", wrap=True),
        Col("round_table"),
        Col("primary"),
        Col("secondary"),
        Col("links"),
    ]
    for line in table(rows, columns, lang):
        click.echo(line)
    uncovered = coverage.index[coverage["total"] == 0]
    if len(uncovered):
        from mgi._terminal import wrap

        click.echo("")
        for line in wrap(say("cli.instruments.uncovered", objectives=", ".join(uncovered))):
            click.echo(line)
