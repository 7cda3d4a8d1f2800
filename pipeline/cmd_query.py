"""Verb `query`: the canned queries of pipeline/sql/queries.yaml, one sub-command each."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from pipeline.cli import register
from pipeline.queries import FORMATS, CannedQuery, QueryError, load_queries


def _query_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--list", action="store_true", help="describe every canned query")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table (a rich table on a terminal, aligned plain text when piped), csv or json",
    )
    sub = p.add_subparsers(dest="query_name", metavar="NAME")
    for q in load_queries().values():
        qp = sub.add_parser(
            q.name,
            help=q.title,
            description="\n".join(textwrap.wrap(f"{q.title}. {q.description}", width=96)),
            epilog=f"example:\n  {q.example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        for o in q.options:
            kwargs: dict[str, str] = {"help": o.help, "dest": o.param}
            if o.type == "flag":
                qp.add_argument(o.flag, action="store_true", **kwargs)
            elif o.positional:
                del kwargs["dest"]
                qp.add_argument(o.param, metavar=o.metavar or o.param.upper(), **kwargs)
            else:
                qp.add_argument(o.flag, metavar=o.metavar, **kwargs)
        # Also accepted after the query name; SUPPRESS keeps the verb-level value when not repeated here.
        qp.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="database file")
        qp.add_argument("--format", choices=FORMATS, default=argparse.SUPPRESS, help="table, csv or json")


def describe(queries: dict[str, CannedQuery]) -> str:
    """The text of `afspraken query --list`."""
    out: list[str] = []
    for q in queries.values():
        out.append(f"{q.name} — {q.title}")
        out += textwrap.wrap(q.description, width=96, initial_indent="    ", subsequent_indent="    ")
        for o in q.options:
            if o.positional:
                name = o.metavar or o.param
            else:
                name = o.flag if o.type == "flag" else f"{o.flag} {o.metavar}"
            out.append(f"    {name:<16} {o.help}")
        out.append(f"    example: {q.example}")
        out.append("")
    return "\n".join(out)


def cmd_query(args: argparse.Namespace) -> int:
    queries = load_queries()
    if args.list or not args.query_name:
        print(describe(queries), end="")
        return 0 if args.list else 2
    query = queries[args.query_name]
    from pipeline.queries import rich_table, run_query, to_csv, to_json, to_plain

    try:
        result = run_query(args.db, query, {p: getattr(args, p, None) for p in query.params})
    except QueryError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if args.format == "csv":
        sys.stdout.write(to_csv(result))
    elif args.format == "json":
        sys.stdout.write(to_json(result))
    elif sys.stdout.isatty():
        from rich.console import Console

        Console(highlight=False).print(rich_table(result, title=f"{query.title} ({len(result.rows)} rows)"))
    else:
        sys.stdout.write(to_plain(result))
    return 0


register(
    "query",
    "answer a canned question (deadlines, actor, overdue, agreements, changes, moties, ...); --list shows all",
    "afspraken query actor ZN --format csv",
    _query_args,
    cmd_query,
)
