"""Typer's command-line parser in Dutch: help screens and usage errors.

The only module that knows how the command-line library (click, which Typer 0.26 and
later carries as a private copy) words its help screens and usage errors. It uses only
public API: ``typer``, ``typer.core`` and the methods of the library's commands,
parameters and help formatter; the library's exception classes are found through
``typer.BadParameter``. ``tests/cli/test_dutch_parser.py`` pins every message and exit
code at the lowest and the newest Typer that pyproject.toml allows (CI runs both).
"""

import re
from typing import Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from samennw.errors import ExitCode


def _library_class(name: str) -> type[Exception]:
    """A class of the command-line library (``UsageError``, ``ClickException``), found
    through Typer's public API.

    Older Typer releases depend on click, newer ones carry a private copy of it;
    ``typer.BadParameter`` derives from both classes in either, so its bases name them
    without importing a private location.
    """
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == name:
            return cls
    raise ImportError(f"typer.BadParameter is not a {name}")  # pragma: no cover


UsageError = _library_class("UsageError")
# errors that the library (or Typer) reports itself, with their own exit codes
LIBRARY_EXITS: tuple[type[BaseException], ...] = (
    typer.Exit,
    typer.Abort,
    _library_class("ClickException"),
    *((typer.TyperException,) if hasattr(typer, "TyperException") else ()),
)


def _is_no_args_help(exc: Exception) -> bool:
    """The library's way of showing help for a group called without a command (click 8.2+
    raises ``NoArgsIsHelpError``; older releases print the help themselves)."""
    return any(cls.__name__ == "NoArgsIsHelpError" for cls in type(exc).__mro__)


HELP_NL = "Toon deze hulp en stop."

# Usage errors of the command-line library, in Dutch (pattern, replacement).
_USAGE_NL = (
    (
        re.compile(r"^No such option: (\S+) \(Possible options: (.+)\)$"),
        r"onbekende optie \1; bedoelde u \2?",
    ),
    (re.compile(r"^No such option: (\S+)$"), r"onbekende optie \1"),
    (
        re.compile(r"^No such command '(.+?)'\. Did you mean (.+)\?$"),
        r"onbekende opdracht '\1'; bedoelde u \2?",
    ),
    (re.compile(r"^No such command '(.+?)'\.$"), r"onbekende opdracht '\1'"),
    (re.compile(r"^Missing argument '(.+?)'\.$"), r"argument \1 ontbreekt"),
    (re.compile(r"^Missing option '(.+?)'\.(.*)$"), r"optie \1 ontbreekt\2"),
    (re.compile(r"^Option '(.+?)' requires an argument\.$"), r"optie \1 heeft een waarde nodig"),
    (
        re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$"),
        r"onverwacht extra argument: \1",
    ),
    (
        re.compile(r"^Option '(.+?)' does not take a value\.$"),
        r"optie \1 neemt geen waarde (schrijf alleen \1)",
    ),
    (re.compile(r"^Invalid value for (.+?): (.+)$"), r"ongeldige waarde voor \1: \2"),
)


def dutch_usage(message: str) -> str:
    """The library's English usage message in Dutch (unchanged when not recognised)."""
    for pattern, replacement in _USAGE_NL:
        if pattern.match(message):
            return pattern.sub(replacement, message).replace(" or ", " of ")
    return message


# The help screens' own words, in Dutch (the command-line library writes them in English).
_HELP_WORDS_NL = (
    ("<str>", "<tekst>"),
    ("<int>", "<getal>"),
    ("<path>", "<pad>"),
    ("<list[Path]>", "<pad>"),
    ("<list[str]>", "<tekst>"),
    ("[required]", "[verplicht]"),
    ("[default: ", "[standaard: "),
    ("[env var: ", "[omgevingsvariabele: "),
)


def _nl(text: str) -> str:
    for english, dutch in _HELP_WORDS_NL:
        text = text.replace(english, dutch)
    return text


def usage_exit(exc: Any, hint: str | None = None) -> NoReturn:
    """A usage error in Dutch, with where to find help; exit code 2. Without arguments
    (``samennw render``) the help screen itself, as the library would show it."""
    from samennw.console import err

    if _is_no_args_help(exc):
        err(exc.format_message())
    else:
        command = exc.ctx.command_path if exc.ctx is not None else "samennw"
        err(f"fout: {dutch_usage(exc.format_message())}")
        if hint:
            err(hint)
        err(f"Zie '{command} --help'.")
    raise typer.Exit(int(ExitCode.USAGE))


class _DutchHelp:
    """Dutch usage line and section headings; the records are translated before they
    are aligned, so the columns stay straight."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Gebruik: ")

    def format_options(self, ctx: Any, formatter: Any) -> None:
        sections: dict[str, list[tuple[str, str]]] = {"Argumenten": [], "Opties": []}
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            record = param.get_help_record(ctx)
            if record is not None:
                kind = "Argumenten" if param.param_type_name == "argument" else "Opties"
                sections[kind].append((_nl(record[0]), _nl(record[1])))
        for title, rows in sections.items():
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class DutchCommand(_DutchHelp, TyperCommand):
    """A command whose help screen is Dutch throughout."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = "[OPTIES]"


class DutchGroup(_DutchHelp, TyperGroup):
    """A group whose help screen and usage errors (its own and its commands') are Dutch."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except UsageError as exc:  # options before the command: 'samennw --data D validate'
            usage_exit(
                exc, "Opties staan na de opdracht, bijvoorbeeld 'samennw validate --data MAP'."
            )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = "[OPTIES]"
        self.subcommand_metavar = "OPDRACHT [ARGUMENTEN]..."

    def format_options(self, ctx: Any, formatter: Any) -> None:
        super().format_options(ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Opdrachten"):
                formatter.write_dl([(name, c.get_short_help_str(limit)) for name, c in rows])

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_NL
        return option

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:  # the option object is cached: translate it once
            option = command.get_help_option(ctx)
            if option is not None:
                option.help = HELP_NL
        return command

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:  # a command's usage error, e.g. a missing argument
            usage_exit(exc)
