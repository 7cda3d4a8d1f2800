"""The `afspraken` command line: thin verbs over typed functions, each with an example in its help."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

DEFAULT_DB = Path("output/afspraken.db")

Handler = Callable[[argparse.Namespace], int]
ArgBuilder = Callable[[argparse.ArgumentParser], None]
VERBS: dict[str, tuple[str, str, ArgBuilder, Handler]] = {}


# Each verb lives in its own module and registers itself on import; the order here is the order of
# `afspraken --help`.
VERB_MODULES = (
    "pipeline.cmd_extract_eval",
    "pipeline.cmd_diff",
    "pipeline.cmd_query",
    "pipeline.cmd_serve",
)


# Where each verb lives, so that running one verb imports its module only (the others cost up to
# 0.1 s of start-up: the canned queries, Datasette's settings). A test checks it against VERBS.
VERB_HOMES = {
    "extract": "pipeline.cmd_extract_eval",
    "eval": "pipeline.cmd_extract_eval",
    "diff": "pipeline.cmd_diff",
    "track": "pipeline.cmd_diff",
    "query": "pipeline.cmd_query",
    "serve": "pipeline.cmd_serve",
}


def register(name: str, summary: str, example: str, add_args: ArgBuilder, handler: Handler) -> None:
    """A verb: its one-line summary, an example shown in --help, its arguments and its handler."""
    VERBS[name] = (summary, example, add_args, handler)


# The order of `afspraken --help`: the user's day (extract, ask, compare), then the tools.
VERB_ORDER = ("extract", "query", "diff", "track", "eval", "serve")


def verb_rank(name: str) -> tuple[int, str]:
    return (VERB_ORDER.index(name) if name in VERB_ORDER else len(VERB_ORDER), name)


def _load_verbs(only: str | None = None) -> None:
    import importlib
    import importlib.util

    for module in (VERB_HOMES[only],) if only in VERB_HOMES else VERB_MODULES:
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)


# --- entry point ----------------------------------------------------------------------------------


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every verb, or of the verb `only` alone (what `main` needs to run it)."""
    _load_verbs(only)
    parser = argparse.ArgumentParser(
        prog="afspraken",
        description="Agreements (afspraken) in Dutch parliamentary documents: what, who, when, and what changed.",
        epilog="example:\n  afspraken extract corpus && afspraken query deadlines --from 2026-01-01 --to 2026-06-30",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    for name, (summary, example, add_args, handler) in sorted(VERBS.items(), key=lambda v: verb_rank(v[0])):
        p = sub.add_parser(
            name,
            help=summary,
            description=summary,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"database file (default: {DEFAULT_DB})")
        add_args(p)
        p.set_defaults(handler=handler)
    return parser


def main(argv: list[str] | None = None) -> int:
    args_given = sys.argv[1:] if argv is None else argv
    parser = build_parser(args_given[0] if args_given else None)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    # Run through the imported module, where the verb modules register themselves (running this file
    # as __main__ would otherwise hold a second, empty registry).
    from pipeline.cli import main as _main

    sys.exit(_main())
