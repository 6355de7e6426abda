"""``mgi instruments``: list the bundled instruments or show one as a tree."""

from __future__ import annotations

import click

from mgi.cli._app import handle_errors, main, print_json, report_issues


@main.command("instruments")
@click.option("--show", "show", metavar="NAME|PATH", help="Show one instrument as a tree.")
@click.option("--mapping", type=click.Path(dir_okay=False), help="Another GCM mapping CSV.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@handle_errors
def instruments_command(show: str | None, mapping: str | None, as_json: bool) -> None:
    """List the bundled instruments, or show one with --show NAME.

    \b
    Examples:
      mgi instruments
      mgi instruments --show mgi-national
      mgi instruments --show path/to/my-instrument/
    """
    from mgi.instrument import list_instruments, load_instrument

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
        click.echo(
            f"{'name':<14} {'version':<8} {'domains':>7} {'indicators':>10} "
            f"{'GCM objectives':>14}  title"
        )
        for r in rows:
            click.echo(
                f"{r['name']:<14} {r['version']:<8} {r['domains']:>7} {r['indicators']:>10} "
                f"{r['objectives_covered']:>11}/23  {r['title']}"
            )
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
    click.echo(
        f"{inst.title}\n{inst.name} version {inst.version}: {len(domains)} domains, "
        f"{len(subdomains)} sub-domains, {len(indicators)} indicators\n"
    )
    for d, drow in domains.iterrows():
        n = int((indicators["domain"] == d).sum())
        click.echo(f"{d}  {drow['name']}  ({n} indicators)")
        for s, srow in subdomains[subdomains["domain"] == d].sort_values("order").iterrows():
            k = int((indicators["subdomain"] == s).sum())
            click.echo(f"  {s:<6} {srow['name']}  ({k})")
    click.echo(f"\nGCM objective coverage (mapping: {inst.meta.mapping.source})")
    click.echo(
        f"{'objective':<10} {'short label':<30} {'RT':>2} {'primary':>7} "
        f"{'secondary':>9} {'total':>5}"
    )
    for code, row in coverage.iterrows():
        click.echo(
            f"{code:<10} {row['short_label'][:30]:<30} {row['round_table']:>2} "
            f"{row['primary']:>7} {row['secondary']:>9} {row['total']:>5}"
        )
    uncovered = coverage.index[coverage["total"] == 0]
    if len(uncovered):
        click.echo(f"\nNot covered by any indicator: {', '.join(uncovered)}")
