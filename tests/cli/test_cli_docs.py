"""Every command has Dutch help text and is named in the README."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from samennw.cli.app import app
from tests.conftest import REPO_ROOT, run

ENGLISH = re.compile(r"\b(the|show|list|create|file|files|action|meeting)\b", re.IGNORECASE)


def commands() -> dict[str, object]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_every_command_has_dutch_help(runner: CliRunner) -> None:
    for name, command in commands().items():
        help_text = command.help or ""  # type: ignore[attr-defined]
        assert help_text, name
        assert not ENGLISH.search(re.sub(r"'[^']*'", "", help_text)), (name, help_text)
        code, out, _ = run(runner, name, "--help")
        assert code == 0 and help_text.split(".")[0][:30] in " ".join(out.split())
        for param in command.params:  # type: ignore[attr-defined]
            if param.name != "help" and getattr(param, "help", None) is not None:
                assert not ENGLISH.search(param.help), (name, param.name, param.help)


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in commands() if f"samennw {name}" not in readme]
    assert not missing, missing


def test_readme_starts_with_the_two_commands() -> None:
    lines = (REPO_ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    block = "\n".join(lines[:8])
    assert "pip install ." in block and "samennw open-actions --owner Tjalling" in block
    assert "pip install -e '.[test]'" in block and "pytest" in block


def test_usage_errors_are_dutch_with_exit_code_2(runner: CliRunner) -> None:
    cases = [
        (["open-actions", "--fromat", "json"], "onbekende optie --fromat; bedoelde u --format?"),
        (["close"], "argument ID ontbreekt"),
        (["opn-actions"], "onbekende opdracht 'opn-actions'; bedoelde u 'open-actions'"),
        (["open-actions", "--owner"], "optie --owner heeft een waarde nodig"),
    ]
    for args, message in cases:
        code, _, err = run(runner, *args)
        assert code == 2, args
        assert message in err and "Error:" not in err and "Usage:" not in err, err


LIBRARY_ENGLISH = re.compile(
    r"Usage:|Options:|Arguments:|Commands:|\[OPTIONS\]|COMMAND|\[required\]|\[default:"
    r"|env var|<str>|<path>|<int>"
)


def test_help_screens_have_no_english_headings(runner: CliRunner) -> None:
    screens = [[], ["render"]]
    screens += [[name] for name in commands()]
    screens += [["render", name] for name in ("agenda", "notulen", "actielijst", "ics")]
    for words in screens:
        code, out, err = run(runner, *words, "--help")
        assert code == 0, (words, err)
        assert out.startswith("Gebruik: samennw"), (words, out)
        assert not LIBRARY_ENGLISH.search(out), (words, out)
        assert "Opties:" in out
    _, _, err = run(runner)  # no arguments: the help screen (on stderr, exit 2)
    assert "Opdrachten:" in err and "open-actions" in err


def test_help_columns_stay_aligned(runner: CliRunner) -> None:
    """Translated hints (<tekst> for <str>) are in place before the columns are aligned."""
    _, out, _ = run(runner, "open-actions", "--help")
    options = out.split("Opties:\n", 1)[1].splitlines()
    term = re.compile(r"^  -\S.*?  +(?=\S)")
    columns = {len(m.group(0)) for line in options if (m := term.match(line))}
    assert len(columns) == 1, options


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["--version"], "onbekende optie --version"),
        (["--data", "data", "validate"], "Opties staan na de opdracht"),
        (["close", "KVDJ-001", "KVDJ-002"], "onverwacht extra argument: KVDJ-002"),
        (["open-actions", "--achterstallig=ja"], "neemt geen waarde"),
    ],
)
def test_usage_errors_are_dutch_everywhere(
    runner: CliRunner, words: list[str], expected: str
) -> None:
    code, _, err = run(runner, *words)
    assert code == 2 and expected in err, err
    assert not re.search(r"Usage:|Error:|Try '", err), err


def test_a_group_without_command_shows_its_help(runner: CliRunner) -> None:
    code, _, err = run(runner, "render")
    assert code == 2 and err.startswith("Gebruik: samennw render") and "fout:" not in err
