"""Every verb's --help shows an example, and the README's usage section matches the CLI.

When this fails after a verb was added or its summary or example changed, regenerate the section:
`.venv/bin/python -m pipeline.cli_docs --write`.
"""

from __future__ import annotations

import argparse
import re

import pytest

from pipeline.cli import VERBS, build_parser
from pipeline.cli_docs import README, readme_section, usage_section
from pipeline.queries import load_queries

PARSER = build_parser()


def _help(*argv: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        PARSER.parse_args([*argv, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


def _parser_verbs() -> list[str]:
    sub = next(a for a in PARSER._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


def test_top_level_help_lists_every_verb_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(capsys=capsys)
    assert "example:\n  afspraken " in out
    for verb in _parser_verbs():
        assert re.search(rf"^\s+{re.escape(verb)}\s", out, re.M), verb


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_each_verb_help_shows_its_example(verb: str, capsys: pytest.CaptureFixture[str]) -> None:
    summary, example, _, _ = VERBS[verb]
    out = _help(verb, capsys=capsys)
    assert summary in out
    assert f"example:\n  {example}" in out
    assert "--db" in out
    assert example.startswith(f"afspraken {verb}")
    PARSER.parse_args(example.split()[1:])  # the example is a valid command line


def test_query_and_serve_are_verbs() -> None:
    assert {"query", "serve"} <= set(_parser_verbs())


@pytest.mark.parametrize("name", list(load_queries()))
def test_each_canned_query_help_shows_its_example(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = _help("query", name, capsys=capsys)
    assert f"example:\n  {load_queries()[name].example}" in out


def test_readme_usage_section_matches_the_cli() -> None:
    readme = README.read_text(encoding="utf-8")
    section = readme_section(readme)
    assert section is not None, "README.md lacks the generated '## Command line' block"
    documented = re.findall(r"^\| `([a-z-]+)` \| (.+?) \| `(.+?)` \|$", section, re.M)
    verbs = {name: (summary, example) for name, (summary, example, _, _) in VERBS.items()}
    queries = load_queries()
    readme_verbs = [name for name, _, _ in documented if name not in queries]
    # Every verb appears with its summary and example; no verb is listed that the CLI lacks.
    assert sorted(readme_verbs) == sorted(_parser_verbs()), "README verbs != CLI verbs"
    for name, summary, example in documented:
        if name in verbs:
            assert (summary.replace("\\|", "|"), example.replace("\\|", "|")) == verbs[name], name
        else:
            assert (summary, example) == (queries[name].title, queries[name].example), name
    assert sorted(n for n, _, _ in documented if n in queries) == sorted(queries)
    # And the block as a whole is what the generator prints.
    assert section == usage_section(), "run: .venv/bin/python -m pipeline.cli_docs --write"


def test_verb_homes_name_the_module_that_registers_each_verb() -> None:
    from pipeline.cli import VERB_HOMES

    assert {verb: entry[3].__module__ for verb, entry in VERBS.items()} == VERB_HOMES


def test_running_one_verb_imports_its_module_only() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from pipeline import cli; p = cli.build_parser('extract'); "
        "print(sorted(m for m in sys.modules if m.startswith('pipeline.cmd_'))); "
        "print(p.parse_args(['extract', 'corpus']).handler.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["['pipeline.cmd_extract_eval']", "cmd_extract"]
