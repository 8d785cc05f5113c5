"""The command-line parser speaks Dutch, at every Typer version pyproject.toml allows.

``samennw.cli.dutch`` rewords the help screens and usage errors of Typer's command-line
library (click). Its English wording is not an API, so these tests pin the exact Dutch
output and exit code of every kind of parser error a user can hit. CI runs them with the
newest and with the lowest versions allowed (``uv pip install --resolution lowest-direct``),
so a Typer release that changes the wording fails here instead of leaking English.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version
from typer.testing import CliRunner

from tests.conftest import REPO_ROOT, run

# the library's own words; none may reach a user
ENGLISH = re.compile(
    r"Usage:|Error:|Try '|No such|Missing|Possible options|Did you mean|Got unexpected"
    r"|requires an argument|does not take a value|Invalid value|is not a valid"
    r"|Options:|Arguments:|Commands:|Show this message|\[OPTIONS\]|COMMAND \[ARGS\]"
    r"|\[required\]|\[default:|env var|<str>|<path>|<int>|Aborted"
)


def typer_requirement() -> Requirement:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (typer,) = (
        Requirement(dep) for dep in project["project"]["dependencies"] if dep.startswith("typer")
    )
    return typer


def test_the_installed_typer_is_in_the_supported_range() -> None:
    requirement = typer_requirement()
    lower = [spec for spec in requirement.specifier if spec.operator == ">="]
    # a lower bound, so that CI's lowest-direct run tests a known oldest version;
    # 0.26 shows the library's suggestions as a Python tuple
    assert len(lower) == 1 and Version(lower[0].version) >= Version("0.27"), requirement
    installed = version("typer")
    assert requirement.specifier.contains(installed, prereleases=True), (installed, requirement)


def _private_library_imports(path: Path) -> list[str]:
    """Imports of (and attribute access into) a private module of typer or click."""

    def private(dotted: str) -> bool:
        parts = dotted.split(".")
        return parts[0] in ("typer", "click") and any(p.startswith("_") for p in parts[1:])

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            names = [f"{node.value.id}.{node.attr}"]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function = ast.unparse(node.func)
            if function.endswith(("import_module", "__import__")):
                names = [str(node.args[0].value)]
        found += [f"{path.name}:{node.lineno}: {name}" for name in names if private(name)]
    return found


def test_no_module_reaches_into_a_private_module_of_typer_or_click() -> None:
    sources = sorted((REPO_ROOT / "src" / "samennw").rglob("*.py"))
    assert sources
    found = [hit for path in sources for hit in _private_library_imports(path)]
    assert not found, found


def test_the_private_import_check_finds_them(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import typer._click\n"
        "from click._compat import x\n"
        "import typer\n"
        "typer._click.Group\n"
        "importlib.import_module('typer._click.core')\n"
        "from typer.core import TyperGroup\n"
        "typer.Exit\n",
        encoding="utf-8",
    )
    lines = {int(hit.split(":")[1]) for hit in _private_library_imports(probe)}
    assert lines == {1, 2, 4, 5}


USAGE_ERRORS = [
    pytest.param(
        ["open-actions", "--fromat", "json"],
        "fout: onbekende optie --fromat; bedoelde u --format?\n"
        "Zie 'samennw open-actions --help'.\n",
        id="unknown option, one suggestion",
    ),
    pytest.param(
        ["open-actions", "--o", "x"],
        "fout: onbekende optie --o; bedoelde u --op, --owner?\n"
        "Zie 'samennw open-actions --help'.\n",
        id="unknown option, two suggestions",
    ),
    pytest.param(
        ["validate", "--nope"],
        "fout: onbekende optie --nope\nZie 'samennw validate --help'.\n",
        id="unknown option",
    ),
    pytest.param(
        ["render", "agenda", "--bogus"],
        "fout: onbekende optie --bogus\nZie 'samennw render agenda --help'.\n",
        id="unknown option of a subcommand",
    ),
    pytest.param(
        ["--data", "data", "validate"],
        "fout: onbekende optie --data\n"
        "Opties staan na de opdracht, bijvoorbeeld 'samennw validate --data MAP'.\n"
        "Zie 'samennw --help'.\n",
        id="option before the command",
    ),
    pytest.param(
        ["--version"],
        "fout: onbekende optie --version\n"
        "Opties staan na de opdracht, bijvoorbeeld 'samennw validate --data MAP'.\n"
        "Zie 'samennw --help'.\n",
        id="unknown option of the program",
    ),
    pytest.param(
        # the hint of the program's own options, given for the render group's as well
        ["render", "--nope"],
        "fout: onbekende optie --nope\n"
        "Opties staan na de opdracht, bijvoorbeeld 'samennw validate --data MAP'.\n"
        "Zie 'samennw render --help'.\n",
        id="unknown option of a group",
    ),
    pytest.param(
        ["close"],
        "fout: argument ID ontbreekt\nZie 'samennw close --help'.\n",
        id="missing argument",
    ),
    pytest.param(
        ["render", "agenda"],
        "fout: argument VERGADERING ontbreekt\nZie 'samennw render agenda --help'.\n",
        id="missing argument of a subcommand",
    ),
    pytest.param(
        ["update", "X"],
        "fout: optie --tekst ontbreekt\nZie 'samennw update --help'.\n",
        id="missing required option",
    ),
    pytest.param(
        # the library gives no command here, so the hint is the program's help
        ["open-actions", "--owner"],
        "fout: optie --owner heeft een waarde nodig\nZie 'samennw --help'.\n",
        id="missing option value",
    ),
    pytest.param(
        ["update", "X", "--tekst"],
        "fout: optie --tekst heeft een waarde nodig\nZie 'samennw --help'.\n",
        id="missing value of a required option",
    ),
    pytest.param(
        ["open-actions", "--achterstallig=ja"],
        "fout: optie --achterstallig neemt geen waarde (schrijf alleen --achterstallig)\n"
        "Zie 'samennw --help'.\n",
        id="value for a flag",
    ),
    pytest.param(
        ["opn-actions"],
        "fout: onbekende opdracht 'opn-actions'; bedoelde u 'open-actions', "
        "'import-actions', 'add-action'?\n"
        "Zie 'samennw --help'.\n",
        id="unknown command, suggestions",
    ),
    pytest.param(
        ["zzz"],
        "fout: onbekende opdracht 'zzz'\nZie 'samennw --help'.\n",
        id="unknown command",
    ),
    pytest.param(
        ["render", "agend"],
        "fout: onbekende opdracht 'agend'; bedoelde u 'agenda'?\nZie 'samennw render --help'.\n",
        id="unknown subcommand",
    ),
    pytest.param(
        ["close", "KVDJ-001", "KVDJ-002"],
        "fout: onverwacht extra argument: KVDJ-002\nZie 'samennw close --help'.\n",
        id="extra argument",
    ),
    pytest.param(
        ["log", "a", "b", "c"],
        "fout: onverwacht extra argument: b c\nZie 'samennw log --help'.\n",
        id="extra arguments",
    ),
]


@pytest.mark.parametrize(("words", "expected"), USAGE_ERRORS)
def test_usage_errors(runner: CliRunner, words: list[str], expected: str) -> None:
    code, out, err = run(runner, *words)
    assert (code, out, err) == (2, "", expected)
    assert not ENGLISH.search(err), err


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("validate", "onbekend formaat 'xml'; kies text, github of json"),
        ("open-actions", "onbekend formaat 'xml'"),
    ],
)
def test_invalid_value(runner: CliRunner, tmp_path: Path, command: str, expected: str) -> None:
    code, out, err = run(runner, command, "--data", str(tmp_path), "--format", "xml")
    assert (code, out) == (2, "")
    assert err == (
        f"fout: ongeldige waarde voor --format: {expected}\nZie 'samennw {command} --help'.\n"
    )
    assert not ENGLISH.search(err), err


PROGRAM_HELP = """\
Gebruik: samennw [OPTIES] OPDRACHT [ARGUMENTEN]...

  Het secretariaat van Samen Nieuw-West als code: vergaderingen, besluiten en
  acties.

Opties:
  -h, --help  Toon deze hulp en stop.

Opdrachten:
  validate            Controleer alle gegevensbestanden (schema en...
  schema              Schrijf JSON Schema's van de bestandssoorten (voor...
  open-actions        Toon open acties, bijvoorbeeld van één persoon.
  afronden            Rond een actie af (zelfde als 'close').
  close               Rond een actie af en verplaats haar naar 'afgerond'.
  reopen              Heropen een actie (zelfde als 'heropen').
  heropen             Zet een actie terug op open: afgerond, geannuleerd,...
  update              Voeg een gedateerde update toe aan een actie.
  nieuwe-actie        Maak een nieuwe actie (zelfde als 'add-action').
  add-action          Maak een nieuwe actie met de volgende vrije code.
  nieuwe-vergadering  Maak een nieuwe vergadering (zelfde als 'new-meeting').
  new-meeting         Maak een nieuwe vergadering met de vaste agenda.
  renumber            Hernummer dubbele actiecodes (zelfde als 'hernummer').
  hernummer           Hernummer dubbele actiecodes na een samenvoeging.
  vergaderingen       Toon de vergaderingen (zelfde als 'meetings').
  meetings            Toon de vergaderingen.
  log                 Toon de git-geschiedenis van een actie of vergadering.
  verwerk             Verwerk de markeringen (zelfde als 'extract').
  extract             Verwerk de markeringen in de notulen van een...
  importeer-notulen   Importeer notulen (zelfde als 'import-minutes').
  import-minutes      Importeer notulen (.docx, .pdf, .txt of .md): één...
  importeer-acties    Importeer een actielijst (zelfde als 'import-actions').
  import-actions      Importeer de lopende actielijst van een team (.docx,...
  vaststellen         Stel notulen vast (zelfde als 'approve').
  approve             Stel de notulen van een vergadering vast in een...
  verschil            Toon wat er veranderde (zelfde als 'diff').
  diff                Toon wat er veranderde in de gegevens tussen revisies.
  overzicht           Persoonlijk overzicht (zelfde als 'digest').
  digest              Persoonlijk overzicht: de open acties van één...
  toon                Toon een besluit, actie of vergadering (zelfde als...
  show                Toon een besluit, actie of vergadering met alles wat...
  publiceer           Openbare website maken (zelfde als 'site').
  site                Maak een statische website van de openbare versies...
  start               Zet een actie in uitvoering (zelfde als...
  in-uitvoering       Zet een open of geblokkeerde actie op 'in uitvoering'...
  block               Blokkeer een actie (zelfde als 'blokkeer').
  blokkeer            Zet een actie op 'geblokkeerd', met een reden (blijft...
  cancel              Annuleer een actie (zelfde als 'annuleer').
  annuleer            Annuleer een actie, met een reden, en verplaats haar...
  render              Maak documenten: agenda, notulen, actielijst en...
"""

RENDER_HELP = """\
Gebruik: samennw render [OPTIES] OPDRACHT [ARGUMENTEN]...

  Maak documenten: agenda, notulen, actielijst en besluitenlijst (md, html, docx
  of pdf) en een agenda-bestand (ics).

Opties:
  -h, --help  Toon deze hulp en stop.

Opdrachten:
  agenda          De agenda van een vergadering.
  notulen         De notulen van een vergadering, met besluiten en acties.
  actielijst      De lopende actielijst van een team.
  besluitenlijst  De besluiten van alle (of één team z'n) vergaderingen.
  ics             Vergaderingen en belangrijke data als agenda-bestand...
"""

CLOSE_HELP = """\
Gebruik: samennw close [OPTIES] {{ID}}

  Rond een actie af en verplaats haar naar 'afgerond'.

Argumenten:
{argument}

Opties:
  --datum <tekst>        Datum (standaard die van --vergadering, anders
                         vandaag).
  --toelichting <tekst>  Tekst voor de updates van de actie.
  --vergadering <tekst>  Vergadering (code) waarin dit gebeurde.
  --commit               Leg de gewijzigde bestanden vast in git (alleen die).
  --data <pad>           Map met de gegevens (met een submap data/). Standaard:
                         de huidige map, of de meegeleverde gegevens.
                         [omgevingsvariabele: SAMENNW_DATA]
  -h, --help             Toon deze hulp en stop.
"""
# Typer 0.29 shows an argument's type beside its name, 0.27 does not
CLOSE_HELP_VERSIONS = {
    CLOSE_HELP.format(argument="  ID <tekst>  Code van de actie.  [verplicht]"),
    CLOSE_HELP.format(argument="  ID  Code van de actie.  [verplicht]"),
}

OPEN_ACTIONS_HELP = """\
Gebruik: samennw open-actions [OPTIES]

  Toon open acties, bijvoorbeeld van één persoon.

Opties:
  --owner, --eigenaar <tekst>  Naam, voornaam, alias of rol (bijv. Tjalling).
  --persoonlijk                Alleen acties waarin de persoon zelf genoemd is.
  --team <tekst>               Alleen dit team.
  --werkgroep <tekst>          Alleen deze werkgroep.
  --actielijn <tekst>          Alleen deze actielijn.
  --domein <tekst>             Alleen dit domein (bijv. kvdj).
  --achterstallig              Alleen acties waarvan de termijn verlopen is.
  --status <tekst>             Alleen acties met deze status: open, in-
                               uitvoering of geblokkeerd.
  --op <tekst>                 Evalueer 'vandaag' als deze datum (bijv.
                               2025-11-25).
  --format <tekst>             table, json, csv of markdown.  [standaard: table]
  --data <pad>                 Map met de gegevens (met een submap data/).
                               Standaard: de huidige map, of de meegeleverde
                               gegevens.  [omgevingsvariabele: SAMENNW_DATA]
  -h, --help                   Toon deze hulp en stop.
"""


@pytest.mark.parametrize("option", ["--help", "-h"])
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param([], {PROGRAM_HELP}, id="program"),
        pytest.param(["render"], {RENDER_HELP}, id="group"),
        pytest.param(["close"], CLOSE_HELP_VERSIONS, id="command with an argument"),
        pytest.param(["open-actions"], {OPEN_ACTIONS_HELP}, id="command"),
    ],
)
def test_help(runner: CliRunner, words: list[str], option: str, expected: set[str]) -> None:
    code, out, err = run(runner, *words, option)
    assert (code, err) == (0, "")
    assert out in expected, out
    assert not ENGLISH.search(out), out


@pytest.mark.parametrize(("words", "expected"), [([], PROGRAM_HELP), (["render"], RENDER_HELP)])
def test_no_command_shows_the_help(runner: CliRunner, words: list[str], expected: str) -> None:
    """A group without a command: its help screen on stderr, exit code 2."""
    assert run(runner, *words) == (2, "", expected)


# The test runner formats help at 80 columns, a real terminal at 78 at most (the library's
# maximum of 80, less a margin): a few short descriptions are cut there.
PROGRAM_HELP_78 = (
    PROGRAM_HELP.replace(
        "Maak een nieuwe vergadering (zelfde als 'new-meeting').",
        "Maak een nieuwe vergadering (zelfde als...",
    )
    .replace(
        "Importeer een actielijst (zelfde als 'import-actions').",
        "Importeer een actielijst (zelfde als...",
    )
    .replace(
        "Importeer de lopende actielijst van een team (.docx,...",
        "Importeer de lopende actielijst van een team...",
    )
    .replace(
        "Toon een besluit, actie of vergadering met alles wat...",
        "Toon een besluit, actie of vergadering met alles...",
    )
    .replace(
        "Zet een open of geblokkeerde actie op 'in uitvoering'...",
        "Zet een open of geblokkeerde actie op 'in...",
    )
    .replace(
        "Zet een actie op 'geblokkeerd', met een reden (blijft...",
        "Zet een actie op 'geblokkeerd', met een reden...",
    )
    .replace(
        "Annuleer een actie, met een reden, en verplaats haar...",
        "Annuleer een actie, met een reden, en verplaats...",
    )
)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["close"], (2, "", "fout: argument ID ontbreekt\nZie 'samennw close --help'.\n")),
        ([], (2, "", PROGRAM_HELP_78)),
        (["--help"], (0, PROGRAM_HELP_78, "")),
    ],
)
def test_the_installed_program_prints_the_same(
    tmp_path: Path, words: list[str], expected: tuple[int, str, str]
) -> None:
    """The console script itself (its real streams, its name): the same messages."""
    program = Path(sys.executable).with_name("samennw")
    assert program.is_file(), "samennw is not installed in this environment"
    done = subprocess.run(
        [str(program), *words], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == expected


def test_no_english_anywhere(runner: CliRunner) -> None:
    """Every command's help and its reply to an unknown option (also after --help)."""

    def listed(help_screen: str) -> list[str]:
        return [line.split()[0] for line in help_screen.split("Opdrachten:\n")[1].splitlines()]

    commands = [[name] for name in listed(PROGRAM_HELP)]
    commands += [["render", name] for name in listed(RENDER_HELP)]
    for words in commands:
        for extra, expected_code in ((["--help"], 0), (["--nope"], 2), (["--help", "--nope"], 2)):
            code, out, err = run(runner, *words, *extra)
            assert code == expected_code, (words, extra, err)
            assert not ENGLISH.search(out + err), (words, extra, out + err)
