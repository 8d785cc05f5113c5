#!/usr/bin/env python3
"""Mutation testing of samennw's core modules with mutmut, in a temporary copy.

    python scripts/mutation.py                      # every module, 2 processes, 85 % needed
    python scripts/mutation.py --module dates --jobs 1 --threshold 0 --show-survivors

mutmut (``pip install -e '.[mutation]'``) changes the code of the modules below one small
change (a "mutant") at a time and runs the tests that reach the changed function; a
mutant is killed when a test fails. The tests are those whose subject is the module
(MODULE_TESTS; ``--tests tests`` for the whole suite). The score is (killed + timed out)
/ (mutants − equivalent mutants); the equivalent ones (KNOWN_EQUIVALENT, matched by
function and diff) are changes no test can observe, each listed with its reason. The
exit code is 1 when the total score is below ``--threshold`` (2 when mutmut failed).

Nothing is written into this checkout: the files of the working tree (tracked and
untracked, not ignored; or those of a commit, ``--rev``) are copied to a temporary
folder, mutmut runs there (its ``mutants/`` folder included) and the folder is removed
afterwards (``--keep DIR`` keeps a copy of it for ``mutmut show``/``mutmut browse``).

What keeps the run honest:

* Before every test the functools caches of samennw are emptied (a small pytest plugin
  that this script writes into the temporary folder). mutmut forks each mutant's test
  run from a process that has run the whole suite, so without it a cached result (e.g.
  of ``dates.parse_due``) would hide the mutated code from the tests.
* Hypothesis runs without deadlines and with fixed examples (the same plugin): a slow,
  loaded machine is not a kill, and every mutant meets the same examples.
* Subprocesses that tests start (``python -m samennw``) import the unmutated copy,
  never this checkout: a test only kills a mutant with code that runs in its process.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the modules mutated, by short name, and their files under src/samennw/
MODULE_FILES = {
    "validate": "ops/checks",  # validate's checks (not ops/validate, which runs them)
    "actions": "ops/actions",
    "query": "ops/query",
    "redact": "render/redact",
    "frontmatter": "storage/frontmatter",
    "dates": "model/dates",
    "approve": "ops/approve",  # the meeting cycle's approval (#13)
    "names": "woo/names",  # the Woo name guard's detector (#14)
}
MODULES = tuple(MODULE_FILES)

# Mutants that cannot change what samennw does, with the reason. A mutant is matched by
# its function and its diff (a removed line, and the line put in its place; None: any),
# not by its number, which changes whenever the function changes. Keep this list short
# and true: a mutant that a test *could* kill does not belong here.


@dataclass(frozen=True)
class Equivalent:
    function: str  # the mutant's name without '__mutmut_<n>'; ending in '.': a module
    removed: str  # a line the mutant removes or changes (stripped)
    added: str | None  # the line in its place (stripped); None: whatever it is
    reason: str


KNOWN_EQUIVALENT: tuple[Equivalent, ...] = (
    Equivalent(
        "samennw.model.dates.x__month_range",
        'raise ValueError("periode eindigt voor het begin")',
        None,
        "the message is never shown: parse_due turns the ValueError into kind 'onbekend'",
    ),
    Equivalent(
        "samennw.model.dates.x__quarters",
        'raise ValueError("kwartalen in omgekeerde volgorde")',
        None,
        "the message is never shown: parse_due turns the ValueError into kind 'onbekend'",
    ),
    Equivalent(
        "samennw.model.dates.x__resolve",
        'raise ValueError("geen passend jaar")',
        None,
        "the message is never shown: parse_due turns the ValueError into kind 'onbekend'",
    ),
    Equivalent(
        "samennw.model.dates.x__month",
        'month, part = _MONTH_WORDS[m["mn"]], _PART_WORDS.get(m["part"] or "")',
        'month, part = _MONTH_WORDS[m["mn"]], _PART_WORDS.get(m["part"] or "XXXX")',
        "neither '' nor 'XXXX' is a part word: both give None",
    ),
    Equivalent(
        "samennw.model.dates.x__parse",
        "kind: DueKind | None = None",
        'kind: DueKind | None = ""',
        "'' is no DueKind and as falsy as None wherever kind is tested",
    ),
    Equivalent(
        "samennw.model.dates.x__year",
        'digits = text.lstrip("\'\\u2019")',
        'digits = text.lstrip("XX\'\\u2019XX")',
        "the digits of a year never start with an X",
    ),
    Equivalent(
        "samennw.model.dates.x__alts",
        'return "|".join(sorted(map(re.escape, words), key=len, reverse=True))',
        None,
        "each alternative is followed by a look-ahead or a separator, so the pattern "
        "backtracks to the longer word: the order changes the speed, not the match",
    ),
    Equivalent(
        "samennw.model.dates.x__year_part",
        'part = _PART_WORDS.get(m["part"] or "")',
        'part = _PART_WORDS.get(m["part"] or "XXXX")',
        "neither '' nor 'XXXX' is a part word: both give None",
    ),
    Equivalent(
        "samennw.model.dates.x__quarters",
        'first = int(q1) if q1 else _ORDINALS[o1 or ""]',
        'first = int(q1) if q1 else _ORDINALS[o1 or "XXXX"]',
        "the pattern sets o1 whenever q1 is empty, so the default is never used",
    ),
    Equivalent(
        "samennw.model.dates.x_parse_date_arg",
        "return build(year)[0]",
        "return build(year)[1]",
        "the span of a single day starts and ends on that day",
    ),
    Equivalent(
        "samennw.storage.frontmatter.x__escape",
        r'return _ESCAPE.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 '
        r'else f"\\u{ord(ch):04x}")',
        None,
        "U+0100 is never escaped (_NEEDS_ESCAPE does not match it), so < and <= agree",
    ),
    Equivalent(
        "samennw.storage.frontmatter.x__edit",
        r'crlf = text.split("\n", 1)[0].endswith("\r")',
        None,  # only the other splits of _SPLIT_EQUIVALENT: rsplit looks at another line
        "the first line is the same however often the text is split",
    ),
    Equivalent(
        "samennw.storage.frontmatter.x_split",
        r'end = text.find("\n---", 3)',
        r'end = text.find("\n---", None)',
        "the text starts with '---\\n': '\\n---' cannot be found before index 3",
    ),
    Equivalent(
        "samennw.storage.frontmatter.x_split",
        r'end = text.find("\n---", 3)',
        r'end = text.find("\n---", )',
        "the text starts with '---\\n': '\\n---' cannot be found before index 3",
    ),
    Equivalent(
        "samennw.storage.frontmatter.x_split",
        r'if end >= 0 and (after == len(text) or text[after] == "\n"):',
        r'if end > 0 and (after == len(text) or text[after] == "\n"):',
        "when found, end is at least 3",
    ),
    Equivalent(
        "samennw.storage.frontmatter.x_split",
        r'if end >= 0 and (after == len(text) or text[after] == "\n"):',
        r'if end >= 1 and (after == len(text) or text[after] == "\n"):',
        "when found, end is at least 3",
    ),
    Equivalent(
        "samennw.storage.frontmatter.x_split",
        r'return text[4:end] + "\n", text[after + 1 :], text.count("\n", 0, end + 1)',
        None,
        "text[0] and text[end + 1] are '-', never a line break: counting from 0, None or 1, "
        "up to end + 1 or end + 2, gives the same number",
    ),
    Equivalent(
        "samennw.storage.frontmatter.x_split",
        "if text.startswith(\"---\\n\"):  # the usual file: is the first '---' line exactly that?",
        None,
        "the fast path switched off: the general path below gives the same split for every "
        "text the fast path takes",
    ),
    Equivalent(
        "samennw.storage.frontmatter.x_split",
        r'end = text.find("\n---", 3)',
        r'end = text.find("XX\n---XX", 3)',
        "the fast path switched off: the general path below gives the same split for every "
        "text the fast path takes",
    ),
    Equivalent(
        "samennw.storage.frontmatter.x_split",
        r'if end >= 0 and (after == len(text) or text[after] == "\n"):',
        r'if end >= 0 and (after == len(text) or text[after] == "XX\nXX"):',
        "the fast path switched off (but for a fence at the very end): the general path below "
        "gives the same split",
    ),
    Equivalent(
        "samennw.render.redact.xǁRedactorǁ_replace",
        'key = _fold(re.sub(r"\'?s$", "", found, flags=re.IGNORECASE))',
        'key = _fold(re.sub(r"\'?S$", "", found, flags=re.IGNORECASE))',
        "with re.IGNORECASE 's' and 'S' match the same",
    ),
    Equivalent(
        "samennw.ops.checks.x_not_found",
        'sections.update(key.partition(":")[2].split(","))',
        'sections.update(key.rpartition(":")[2].split(","))',
        "a key holds one ':' ('niet gevonden:' and section names)",
    ),
    Equivalent(
        "samennw.ops.checks.x_not_found",
        'what = " of ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)',
        'what = " of ".join([", ".join(names[:-1]), names[-1]] if len(names) > 2 else names)',
        "two names are 'a of b' either way",
    ),
    Equivalent(
        "samennw.ops.checks.xǁCheckerǁbody_characters",
        'line = lines - body.count("\\n") + body.count("\\n", 0, at) + 1',
        'line = lines - body.count("\\n") + body.count("\\n", None, at) + 1',
        "a start of None is a start of 0",
    ),
    Equivalent(
        "samennw.ops.checks.xǁCheckerǁbody_characters",
        'column = at - body.rfind("\\n", 0, at)',
        'column = at - body.rfind("\\n", None, at)',
        "a start of None is a start of 0",
    ),
    Equivalent(
        "samennw.ops.checks.x__parent_name",
        'return head.rpartition(os.sep)[2] if sep else ""',
        None,
        "a shown data file always lies in a folder (data/...), so sep is never empty",
    ),
    Equivalent(
        "samennw.ops.validate_report.x_focus",
        "wanted[str(p.resolve().relative_to(root.resolve()))] = p",
        "wanted[str(p.resolve().relative_to(root.resolve()))] = None",
        "only the keys of 'wanted' are used",
    ),
    Equivalent(
        "samennw.ops.validate_report.x_focus",
        "wanted[str(p)] = p",
        "wanted[str(p)] = None",
        "only the keys of 'wanted' are used",
    ),
    Equivalent(
        "samennw.ops.checks.",
        "error=False,",
        "error=None,",
        "None and False are both a warning: Problem.error is only ever tested for truth",
    ),
    Equivalent(
        "samennw.ops.checks.xǁCheckerǁaction_links",
        'a, ("wanneer",), f"\'{when}\' is niet als datum of periode te lezen", error=False',
        'a, ("wanneer",), f"\'{when}\' is niet als datum of periode te lezen", error=None',
        "None and False are both a warning: Problem.error is only ever tested for truth",
    ),
    Equivalent(
        "samennw.ops.checks.xǁCheckerǁ__init__",
        "self.partial = False  # some references cannot be judged (see _Blind)",
        "self.partial = None  # some references cannot be judged (see _Blind)",
        "None and False are both 'not partial': partial is only ever tested for truth",
    ),
    Equivalent(
        "samennw.ops.checks.xǁCheckerǁ__init__",
        "self.dir = Directory(repo.partners) if directory is None else directory",
        "self.dir = Directory(repo.partners) if (directory is None) or True else directory",
        "a directory passed in is the one of repo.partners: a new one answers the same",
    ),
    Equivalent(
        "samennw.ops.checks.xǁCheckerǁ__init__",
        'self.organisations = pool(self.dir.organisations, "organisaties")',
        None,
        "only partners() asks self.organisations, and it does not run when partners.yaml has "
        "an error, which an unusable section always is",
    ),
    Equivalent(
        "samennw.ops.checks.xǁ_Anythingǁ__iter__",
        "return iter(())",
        None,
        "a pool is only iterated for a suggestion, after missing() said to report the id, "
        "which it never says for _Anything (or _Blind)",
    ),
    Equivalent(
        "samennw.ops.checks.xǁ_Anythingǁ__len__",
        "return 0",
        None,
        "nothing asks the size of a pool",
    ),
    Equivalent(
        "samennw.ops.checks.xǁ_Blindǁ__iter__",
        "return iter(self.known)",
        None,
        "a pool is only iterated for a suggestion, after missing() said to report the id, "
        "which it never says for _Blind (or _Anything)",
    ),
    Equivalent(
        "samennw.ops.checks.xǁ_Blindǁ__len__",
        "return len(self.known)",
        None,
        "nothing asks the size of a pool",
    ),
    Equivalent(
        "samennw.ops.checks.x_stand_in",
        "private.update(_path=shown, _lines=None, _origin=origin, _prefix=())",
        "private.update(_path=shown, _lines=None, _origin=origin, )",
        "model_construct gives the private attributes their defaults: _prefix is () already",
    ),
    Equivalent(
        "samennw.ops.checks.x_not_found",
        "key=lambda loc: (loc.line or 0, loc.column or 0),",
        "key=lambda loc: (loc.line or 1, loc.column or 0),",
        "the place of a section always has a line (1-based): the default is never used",
    ),
    Equivalent(
        "samennw.ops.checks.x_not_found",
        "key=lambda loc: (loc.line or 0, loc.column or 0),",
        "key=lambda loc: (loc.line or 0, loc.column or 1),",
        "the place of a section always has a column (1-based): the default is never used",
    ),
    Equivalent(
        "samennw.ops.actions.x_origin_date",
        'meeting = repo.meetings.get(action.vergadering or "")',
        'meeting = repo.meetings.get(action.vergadering or "XXXX")',
        "ids are lower case: neither '' nor 'XXXX' is a meeting",
    ),
    Equivalent(
        "samennw.ops.query.x__due",
        'reference = catalog.meeting_dates.get(facts.vergadering or "")',
        'reference = catalog.meeting_dates.get(facts.vergadering or "XXXX")',
        "ids are lower case: neither '' nor 'XXXX' is a meeting",
    ),
    Equivalent(
        "samennw.ops.query.x__domain_of",
        'domain = catalog.line_domains.get(facts.actielijn or "")',
        'domain = catalog.line_domains.get(facts.actielijn or "XXXX")',
        "ids are lower case: neither '' nor 'XXXX' is an action line",
    ),
    Equivalent(
        "samennw.ops.actions.x_next_action_id",
        'int(a.split("-", 1)[1]) for a in (*repo.actions, *taken) if a.split("-", 1)[0] == prefix',
        None,
        "an action id has exactly one dash (PREFIX-NNN; a prefix is [A-Z][A-Z0-9]*), so every "
        "split of it is the same",
    ),
    Equivalent(
        "samennw.ops.actions.x_close_action",
        'after = next(k for k in (*_KEYS_BEFORE_CLOSING, "status") if k in present)',
        None,
        "'team' is required, so a key before 'status' is always found",
    ),
    Equivalent(
        "samennw.ops.actions.x_close_action",
        '+ (f" (op {format_date(action.afgerond_op)})" if action.afgerond_op else "")',
        None,
        "a closed action without afgerond_op is invalid, and writers refuse invalid data first",
    ),
    Equivalent(
        "samennw.ops.actions.x__checked",
        "problems.append(Problem(str(exc), Location(path)))",
        None,
        "only whether there is a problem counts: the refusal names the file, not the problem",
    ),
    Equivalent(
        "samennw.ops.actions.x__checked",
        'doc = parse(new_text.removeprefix("\\ufeff"), path)',
        None,
        "the path only goes into the parse error, which the refusal does not show",
    ),
    Equivalent(
        "samennw.ops.actions.x_plan_new_action",
        'Action.model_validate({**parse(text).data, "body": ""})  # never write what we cannot '
        "read",
        None,
        "the body is plain text: any text validates as well as ''",
    ),
    Equivalent(
        "samennw.ops.actions.x_plan_new_action",
        '"vergadering": meeting.id if meeting else new.vergadering,',
        '"vergadering": meeting.id if (meeting) and False else new.vergadering,',
        "get_meeting finds a meeting by its exact id only, so meeting.id is new.vergadering",
    ),
    Equivalent(
        "samennw.ops.query.x_find_actions",
        "organisation: str | None = None",
        'organisation: str | None = ""',
        "read only when an owner is given, and then set to the person's organisation first",
    ),
    Equivalent(
        "samennw.render.redact.xǁRedactorǁ__init__",
        "self._ground.setdefault(_fold(name), None)",
        "self._ground.setdefault(_fold(name), )",
        "setdefault's default is None",
    ),
    Equivalent(
        "samennw.ops.checks.xǁCheckerǁaction_own",
        "folder = _parent_name(path) if path is not None else None",
        "folder = _parent_name(path) if (path is not None) or True else None",
        "validate only meets objects read from files, which always have a path",
    ),
)

# what an _edit mutant may put in place of the split (rsplit changes the line looked at)
_SPLIT_EQUIVALENT = {r'crlf = text.split("\n", )[0].endswith("\r")',
                     r'crlf = text.split("\n", 2)[0].endswith("\r")'}  # fmt: skip


_CODEC = Equivalent("", "", None, "codec names are not case-sensitive: 'utf-8' is 'UTF-8'")


def equivalent(name: str, diff: str) -> Equivalent | None:
    function = name.rsplit("__mutmut_", 1)[0]
    lines = [ln for ln in diff.splitlines() if not ln.startswith(("---", "+++"))]
    removed = {ln[1:].strip() for ln in lines if ln.startswith("-")}
    added = {ln[1:].strip() for ln in lines if ln.startswith("+")}
    if removed and {r.replace('"utf-8"', '"UTF-8"') for r in removed} == added != removed:
        return _CODEC
    for eq in KNOWN_EQUIVALENT:
        same = function == eq.function or (
            eq.function.endswith(".") and function.startswith(eq.function)
        )
        if not same or eq.removed not in removed:
            continue
        if eq.function.endswith("x__edit") and not added & _SPLIT_EQUIVALENT:
            continue
        if eq.added is None or eq.added in added:
            return eq
    return None


PLUGIN_NAME = "samennw_mutation_reset"
PLUGIN = '''\
"""pytest plugin of scripts/mutation.py: the same conditions for every mutant."""

import sys

try:  # no deadlines (a loaded machine is no kill), no example database, fixed examples
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "mutation",
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    settings.load_profile("mutation")
except ImportError:
    pass


def pytest_runtest_setup(item):
    # empty samennw's functools caches: a cached result must not hide the mutated code
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "samennw" or name.startswith("samennw.")):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()
'''

# The tests whose subject is each module; a run uses those of the modules it mutates.
# mutmut runs, for each mutant, only those of them that reach the mutated function.
MODULE_TESTS: dict[str, tuple[str, ...]] = {
    "validate": (
        "tests/ops/test_validate.py",
        "tests/ops/test_validate_checks.py",
        "tests/ops/test_validate_parallel.py",
        "tests/ops/test_validate_cache.py",
        "tests/ops/test_validate_root_causes.py",
        "tests/ops/test_wie_betrokkenen.py",
        "tests/ops/test_future_closing_date.py",
        "tests/cli/test_output_control_chars.py",
        "tests/ops/test_validate_cycle.py",
    ),
    "actions": (
        "tests/ops/test_actions.py",
        "tests/ops/test_lifecycle.py",
        "tests/ops/test_status.py",
        "tests/ops/test_wie_betrokkenen.py",
        "tests/ops/test_future_closing_date.py",
    ),
    "query": (
        "tests/ops/test_query.py",
        "tests/storage/test_index.py",
        "tests/ops/test_owner_query.py",
        "tests/ops/test_lifecycle.py",
    ),
    "redact": ("tests/render/test_render_redact.py",),
    "frontmatter": (
        "tests/storage/test_yaml_and_frontmatter.py",
        "tests/ops/test_actions.py",
        "tests/ops/test_lifecycle.py",
    ),
    "dates": (
        "tests/model/test_dates.py",
        "tests/ops/test_validate.py",
        "tests/storage/test_index.py",
    ),
    "approve": ("tests/ops/test_approve.py",),
    "names": ("tests/woo/test_names.py",),
}

# Tests left out of every run, with the reason: they run samennw in subprocesses, which
# import the unmutated code, so they cannot kill a mutant, and they take a minute each.
DESELECT: dict[str, str] = {
    "tests/storage/test_stress.py::test_crash_harness_short_run": "subprocesses, 40 s",
    "tests/storage/test_stress.py::test_concurrency_harness_short_run": "subprocesses, 30 s",
}

KILLED = {"killed", "caught by type check"}
TIMEOUT = {"timeout"}
SURVIVED = {"survived"}
NO_TESTS = {"no tests"}


@dataclass
class Tally:
    mutants: int = 0
    killed: int = 0
    timeout: int = 0
    survived: int = 0
    no_tests: int = 0
    other: int = 0  # suspicious, segfault, skipped, not checked
    equivalent: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def score(self) -> float:
        counted = self.mutants - self.equivalent
        return 100.0 * (self.killed + self.timeout) / counted if counted else 100.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--threshold", type=float, default=85.0, help="lowest total score in %% (default 85)"
    )
    parser.add_argument(
        "--jobs", type=int, default=2, help="mutants tested at the same time (default 2)"
    )
    parser.add_argument(
        "--module",
        action="append",
        choices=MODULES,
        help="mutate only this module (repeatable; default: all of them)",
    )
    parser.add_argument(
        "--tests",
        action="append",
        help="test files or folders to use (repeatable; default: those of the modules, see "
        "MODULE_TESTS; 'tests' for the whole suite)",
    )
    parser.add_argument(
        "--deselect",
        action="append",
        default=[],
        metavar="NODEID",
        help="leave out a test (repeatable), e.g. one that fails for reasons of its own",
    )
    parser.add_argument("--rev", help="test this commit instead of the working tree (e.g. HEAD)")
    parser.add_argument(
        "--show-survivors", action="store_true", help="print the diff of every surviving mutant"
    )
    parser.add_argument("--json", type=Path, help="also write the counts to this JSON file")
    parser.add_argument(
        "--keep", type=Path, help="keep the mutmut folder here (for mutmut show/browse)"
    )
    parser.add_argument(
        "--report", type=Path, metavar="DIR", help="only report on a folder kept with --keep"
    )
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    return args


def source_files(root: Path) -> list[str]:
    """The working tree's files that git does not ignore (tracked and untracked)."""
    try:
        listing = ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]
        out = subprocess.run(
            ["git", "-C", str(root), *listing],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", ".venv", "mutants", "__pycache__", ".samennw-cache", ".hypothesis"}
        return [
            str(p.relative_to(root))
            for p in root.rglob("*")
            if p.is_file() and not skip.intersection(p.relative_to(root).parts)
        ]
    return sorted({name for name in out.decode().split("\0") if name})


def copy_tree(root: Path, dest: Path, rev: str | None) -> None:
    if rev is not None:  # a commit, as git stores it
        dest.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(root), "archive", "--format=tar", rev],
            check=True,
            capture_output=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
        return
    for name in source_files(root):
        src = root / name
        if not src.is_file():  # deleted in the working tree, or a submodule
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def configure(work: Path, modules: list[str], tests: list[str], deselect: list[str]) -> None:
    """Append mutmut's settings to the copy's pyproject.toml."""
    also_copy = sorted(
        p.name for p in work.iterdir() if p.name not in {"src", "tests", "pyproject.toml"}
    )
    pytest_args = ["-p", "no:cacheprovider", "-p", PLUGIN_NAME]
    for nodeid in [*DESELECT, *deselect]:
        pytest_args += ["--deselect", nodeid]
    settings = {
        "source_paths": ["src"],
        "only_mutate": [f"src/samennw/{MODULE_FILES[m]}.py" for m in modules],
        "also_copy": also_copy,
        "pytest_add_cli_args": pytest_args,
        "pytest_add_cli_args_test_selection": tests,
    }
    lines = ["", "[tool.mutmut]"]
    lines += [f"{key} = {toml_list(value)}" for key, value in settings.items()]
    lines += ["use_git_change_detection = false", ""]
    pyproject = work / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    if "[tool.mutmut]" in text:
        raise SystemExit("pyproject.toml has its own [tool.mutmut]; this script sets it")
    pyproject.write_text(text + "\n".join(lines), encoding="utf-8")


_STATUS = re.compile(r"(\d+)/(\d+)\s+🎉 (\d+) 🫥 (\d+)\s+⏰ (\d+)\s+🤔 (\d+)\s+🙁 (\d+)")


def progress(log: Path) -> str | None:
    """mutmut's last status line ("done/total killed ... survived"), shortened."""
    try:
        with log.open("rb") as f:
            f.seek(max(0, log.stat().st_size - 4000))
            tail = f.read().decode("utf-8", "replace")
    except OSError:
        return None
    found = _STATUS.findall(tail)
    if not found:
        return None
    done, total, killed, no_tests, timeout, _suspicious, survived = found[-1]
    return (
        f"{done}/{total} mutants: {killed} killed, {survived} survived, "
        f"{timeout} timeout, {no_tests} without tests"
    )


def run_mutmut(work: Path, plugin_dir: Path, jobs: int, log: Path) -> int:
    env = dict(os.environ)
    # tests' subprocesses import the unmutated copy (mutmut puts mutants/src first in its
    # own sys.path and takes <copy>/src out of it); the plugin comes from plugin_dir
    env["PYTHONPATH"] = os.pathsep.join([str(work / "src"), str(plugin_dir)])
    env.pop("MUTANT_UNDER_TEST", None)
    cmd = [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            last = time.monotonic()
            while proc.poll() is None:
                time.sleep(2)
                if time.monotonic() - last >= 60:
                    last = time.monotonic()
                    if line := progress(log):
                        print(f"  {line}", flush=True)
        except KeyboardInterrupt:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait()
            raise
        finally:
            if proc.poll() is None:  # pragma: no cover - only after an exception
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    return proc.returncode


def mutant_diff(work: Path, name: str) -> str:
    """The diff of one mutant, as ``mutmut show`` prints it."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    old = Path.cwd()
    os.chdir(work)  # mutmut reads its settings and files from the working folder
    try:
        return str(get_diff_for_mutant(name))
    except Exception as exc:  # a diff we cannot make is no reason to lose the report
        return f"(no diff: {exc})"
    finally:
        os.chdir(old)


def tally(
    work: Path, modules: list[str], *, partial: bool = False
) -> tuple[dict[str, Tally], dict[str, list[str]], dict[str, str]]:
    """Counts per module, the mutants not killed per module, and the equivalent ones with
    their reason. ``partial``: leave out the mutants not tested yet."""
    from mutmut.stats import status_by_exit_code

    tallies: dict[str, Tally] = {}
    survivors: dict[str, list[str]] = {}
    equivalents: dict[str, str] = {}
    for module in modules:
        meta = work / "mutants" / "src" / "samennw" / f"{MODULE_FILES[module]}.py.meta"
        codes: dict[str, int | None] = json.loads(meta.read_text(encoding="utf-8"))[
            "exit_code_by_key"
        ]
        t = Tally()
        survivors[module] = []
        for name, code in sorted(codes.items()):
            status = status_by_exit_code[code]
            if partial and status == "not checked":
                continue
            t.mutants += 1
            if status in KILLED:
                t.killed += 1
            elif status in TIMEOUT:
                t.timeout += 1
            elif (eq := equivalent(name, mutant_diff(work, name))) is not None:
                t.equivalent += 1
                equivalents[name] = eq.reason
            elif status in SURVIVED:
                t.survived += 1
                survivors[module].append(name)
            elif status in NO_TESTS:
                t.no_tests += 1
                survivors[module].append(name)
            else:
                t.other += 1
                survivors[module].append(name)
        tallies[module] = t
    return tallies, survivors, equivalents


def report(tallies: dict[str, Tally]) -> Tally:
    head = ("module", "mutants", "killed", "timeout", "survived", "no tests", "other", "equiv.")
    print()
    print(f"{head[0]:<15}" + "".join(f"{h:>10}" for h in head[1:]) + f"{'score':>9}")
    total = Tally()
    for module, t in tallies.items():
        total.add(t)
        print(_row(module, t))
    print(_row("total", total))
    return total


def _row(name: str, t: Tally) -> str:
    counts = (t.mutants, t.killed, t.timeout, t.survived, t.no_tests, t.other, t.equivalent)
    return f"{name:<15}" + "".join(f"{n:>10}" for n in counts) + f"{t.score:>8.1f}%"


def show_survivors(work: Path, survivors: dict[str, list[str]]) -> None:
    for names in survivors.values():
        for name in names:
            print(mutant_diff(work, name).rstrip() or f"# {name}")
            print()


def summarize(args: argparse.Namespace, work: Path, modules: list[str], start: float) -> int:
    """Print the table, the equivalent and surviving mutants; the exit code."""
    tallies, survivors, equivalents = tally(work, modules)
    total = report(tallies)
    minutes = (time.monotonic() - start) / 60
    print(f"\nscore = (killed + timeout) / (mutants - equivalent); {minutes:.1f} min")
    for name, reason in equivalents.items():
        print(f"  equivalent: {name}: {reason}")
    if args.show_survivors:
        print()
        show_survivors(work, survivors)
    else:
        for names in survivors.values():
            for name in names:
                print(f"  not killed: {name}")
    if args.json:
        data = {m: {**vars(t), "score": round(t.score, 1)} for m, t in tallies.items()}
        data["total"] = {**vars(total), "score": round(total.score, 1)}
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if total.score < args.threshold:
        print(f"total score {total.score:.1f}% is below {args.threshold:g}%", file=sys.stderr)
        return 1
    print(f"total score {total.score:.1f}% (needed: {args.threshold:g}%)")
    return 0


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # so that mutmut is stopped and the temporary folder removed


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        import mutmut
    except ImportError:
        print("mutmut is not installed: pip install -e '.[mutation]'", file=sys.stderr)
        return 2
    modules = list(dict.fromkeys(args.module or MODULES))
    if args.report:  # the results of an earlier run, kept with --keep
        found = [
            m
            for m in modules
            if (args.report / f"mutants/src/samennw/{MODULE_FILES[m]}.py.meta").exists()
        ]
        return summarize(args, args.report.resolve(), found, time.monotonic())
    tests = args.tests or list(dict.fromkeys(t for m in modules for t in MODULE_TESTS[m]))
    what = args.rev or "the working tree"
    start = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="samennw-mutation-"))
    try:
        work = tmp / "repo"
        copy_tree(ROOT, work, args.rev)
        tests = [t for t in tests if (work / t).exists()]
        print(f"mutmut {mutmut.__version__} on {what}: {', '.join(modules)}")
        print(f"tests: {' '.join(tests)}", flush=True)
        plugin_dir = tmp / "plugin"
        plugin_dir.mkdir()
        (plugin_dir / f"{PLUGIN_NAME}.py").write_text(PLUGIN, encoding="utf-8")
        configure(work, modules, tests, args.deselect)
        log = tmp / "mutmut.log"
        try:
            code = run_mutmut(work, plugin_dir, args.jobs, log)
        except KeyboardInterrupt:
            print("interrupted; the mutants tested so far:", file=sys.stderr)
            report(tally(work, modules, partial=True)[0])
            raise
        if code != 0:
            text = log.read_text(encoding="utf-8", errors="replace")
            print(text[-6000:], file=sys.stderr)
            print(f"mutmut stopped with exit code {code}", file=sys.stderr)
            return 2
        result = summarize(args, work, modules, start)
        if args.keep:
            shutil.copytree(work, args.keep, symlinks=True, dirs_exist_ok=True)
            print(f"kept in {args.keep} (cd there; python -m mutmut show NAME)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return result


if __name__ == "__main__":
    sys.exit(main())
