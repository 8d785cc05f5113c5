"""validate's verdicts per data file, kept in ``<repository>/.samennw-cache/``.

A warm ``validate`` reads again only the files whose stat key changed; every other file
is known from what the cache keeps of it (see :mod:`samennw.storage.cachefile` for the
keying, the "racily clean" rule, the signature and the atomic writes). Only a file
without problems of its own is kept (it loads, its name is its id, its own checks pass:
see :class:`samennw.ops.checks.Checker`), so a broken file is read and reported again by
every run until it is mended. Of such a file the cache keeps:

* its *facts*: the plain values its checks across files use (references to persons,
  teams, meetings and action lines, dates, 'wie' and 'wanneer'), with which those checks
  run again without reading the file;
* whether those checks found nothing (*clean*), judged in the *context* of the run that
  wrote the cache: partners.yaml (a fingerprint of what was read of it), the meeting and
  action-line ids, and today's date;
* what the run needs of a file it does not read: a meeting's decision ids (to count them
  and to find duplicates), an action's status (to count it).

A clean verdict stays true while partners.yaml is the same, no meeting or action line
that was there has gone, and today is not earlier: a reference that was found is still
found, a closing date not after today is still not after today (the context *holds*).
Then a clean file costs one ``stat``. Otherwise, and for a file whose checks across files
did find something, those checks run again from its facts. Duplicate ids and decision
ids are decided anew by every run.

``validate.json`` holds per file its verdict (and the facts of a file that is not
clean), which every run reads; ``validate-facts-<n>.json`` the facts of every file, read
only when the context does not hold. All are keyed by the same stat keys, so each entry
is trusted on its own, whichever file was written last.
"""

from __future__ import annotations

import json
import os
import stat
import time
import zlib
from collections.abc import Callable
from hashlib import blake2b
from pathlib import Path
from typing import Any

from samennw import __version__
from samennw.ops.checks import Checker
from samennw.storage.cachefile import Entry, cache_key, code_stamp, fresh, read, write
from samennw.storage.paths import embedded_root, is_source_checkout
from samennw.storage.reader import WORKING_TREE

VERSION = f"samennw-validate-1/{__version__}/{code_stamp()}"
VERDICTS = "validate.json"
# the facts, in shards by name (a stable hash): writing one large cache file takes a few
# copies of its text in memory at once
FACTS, SHARDS = "validate-facts-{}.json", 8
# the context's entry in validate.json; no data file has this name (they are in data/)
CONTEXT = ":context"
# Writing the cache costs about as much as reading a thousand files: while its context
# holds and fewer files than one in REWRITE_EVERY changed, it is left as it is (they are
# read again next time)
REWRITE_EVERY = 1000

# What a file gives the cache: KEEP its entry; an Outcome (a new verdict); or None.
KEEP = True
# (size, mtime_ns, ctime_ns, inode: the stat key before the file was read; clean; what
# the run needs of it, see _extra; its facts as JSON text)
Outcome = tuple[int, int, int, int, bool, Any, str]
Known = tuple[bool, Any, str | None]  # clean, what the run needs, facts (None: not needed)


class VerdictCache:
    """The verdicts of the last run (``old``) and whether its context holds now.

    An entry of validate.json is [*stat key, racy, [clean, what the run needs of the file
    (see _extra), its facts if it is not clean, else None]]; an entry of a facts shard is
    [*stat key, racy, its facts]. Facts are JSON text, parsed only when they are used.
    """

    def __init__(self, folder: Path, key: bytes, checker: Checker) -> None:
        self.folder, self.key = folder, key
        self.started = time.time_ns()  # before the first stat: see cachefile.write
        self.old: dict[str, Entry] = read(folder / VERDICTS, key, VERSION)
        self.context = _context(checker)
        before = self.old.pop(CONTEXT, None)
        self.holds = before is not None and _holds(before[5], self.context, checker)
        # the facts of clean files, when their checks across files must run again
        self.facts: dict[str, Entry] = {}
        if not self.holds:
            for n in range(SHARDS):
                self.facts.update(read(folder / FACTS.format(n), key, VERSION))

    def known(self, shown: str, st: os.stat_result | None) -> Known | None:
        """What the cache knows of file ``shown``, unchanged since (``st``); None: it must
        be read. The facts are given when its checks across files must run again."""
        entry = self.old.get(shown)
        if st is None or not fresh(entry, st):
            return None
        assert entry is not None
        clean, extra, facts = entry[5]
        if clean and self.holds:
            return True, extra, None
        if facts is None:
            found = self.facts.get(shown)
            if not fresh(found, st):
                return None  # facts kept before the file changed, or not kept: read it
            assert found is not None
            facts = found[5]
        return clean, extra, facts

    def save(self, shown: list[str], outcomes: list[Outcome | bool | None]) -> None:
        """Write the cache of this run, given the outcome of each file (``shown``)."""
        kept = outcomes.count(KEEP)  # (outcomes hold only KEEP, None and tuples)
        new = len(outcomes) - kept - outcomes.count(None)
        changed = new + len(self.old) - kept  # new entries, and old ones gone
        if self.holds and changed * REWRITE_EVERY <= len(shown):
            return
        verdicts: dict[str, Entry] = {}
        for name, result in zip(shown, outcomes, strict=True):
            if result is KEEP:
                verdicts[name] = self.old[name]
            elif isinstance(result, tuple):
                size, mtime, ctime, inode, clean, extra, facts = result
                verdict = [clean, extra, None if clean else facts]
                verdicts[name] = [size, mtime, ctime, inode, False, verdict]
        self.old = self.facts = {}  # (memory: what is kept is in verdicts now)
        verdicts[CONTEXT] = [0, 0, 0, 0, False, self.context]
        write(self.folder / VERDICTS, self.key, VERSION, verdicts, self.started)
        del verdicts
        if self.holds:  # the facts files stay as they are: a changed file has a new stat
            return  # key, so its old facts are not used (it is read when they are needed)
        # every file's facts are at hand (KEEP is only for a context that holds)
        shards: list[list[tuple[str, Outcome]]] = [[] for _ in range(SHARDS)]
        for name, result in zip(shown, outcomes, strict=True):
            if isinstance(result, tuple):
                shards[_shard(name)].append((name, result))
        for n, shard in enumerate(shards):
            entries = {name: [*result[:4], False, result[6]] for name, result in shard}
            write(self.folder / FACTS.format(n), self.key, VERSION, entries, self.started)


def _shard(name: str) -> int:
    return zlib.crc32(name.encode()) % SHARDS


def open_cache(checker: Checker) -> VerdictCache | None:
    """The verdict cache of the checker's repository; None when it has none: the embedded
    data set (it belongs to the installation), a repository read from a git revision, or
    no key to sign it with."""
    repo = checker.repo
    root = repo.root
    if repo.source is not WORKING_TREE:
        return None  # a git revision: there is nothing to stat
    if root.resolve() == embedded_root().resolve() or is_source_checkout(root):
        return None
    folder, key = cache_key(root, True)
    if key is None:
        return None
    return VerdictCache(folder, key, checker)


def outcome(
    st: os.stat_result | None, kind: int, clean: bool, facts: list[Any], text: str | None = None
) -> Outcome | None:
    """The verdict of a file without problems of its own whose stat before it was read is
    ``st`` (``text``: its facts as JSON, when known); None for anything but a regular file."""
    if st is None or not stat.S_ISREG(st.st_mode):
        return None
    if text is None:
        text = _encode(facts)
    extra = _extra(kind, facts)
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, clean, extra, text


def _encoder() -> Callable[[Any], str]:
    """Compact JSON of a file's facts: the C encoder made once (json.dumps makes one per
    call, which costs more than the encoding of a few ids)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - a Python without the C accelerator
        return json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    # markers, default, encode a str, indent, key separator, item separator, sort_keys,
    # skipkeys, allow_nan: as JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    encode = make(None, None, json.encoder.encode_basestring, None, ":", ",", False, False, True)
    return lambda value: "".join(encode(value, 0))


_encode = _encoder()


def _extra(kind: int, facts: list[Any]) -> Any:
    """What the run needs of a file it does not read: a meeting's decision ids, an
    action's status (see checks.meeting_facts, checks.action_facts)."""
    if kind == 0:
        return [d[0] for d in facts[7]]
    if kind == 1:
        return facts[10]
    return None


def _context(checker: Checker) -> list[Any]:
    """What clean verdicts are judged against (see the module's docstring)."""
    repo = checker.repo
    partners = json.dumps(
        [
            repo.partners.model_dump_json(),
            sorted(repo.broken_ids),
            sorted(repo.unusable_sections),
            repo.partners_usable,
        ]
    )
    return [
        blake2b(partners.encode(), digest_size=16).hexdigest(),
        checker.today.isoformat(),
        list(repo.meetings),
        list(repo.action_lines),
    ]


def _holds(before: Any, now: list[Any], checker: Checker) -> bool:
    """Whether clean verdicts judged in context ``before`` hold in context ``now``."""
    try:
        partners, today, meetings, lines = before
        return bool(
            partners == now[0]
            and today <= now[1]
            and all(m in checker.repo.meetings for m in meetings)
            and all(a in checker.repo.action_lines for a in lines)
        )
    except (TypeError, ValueError):  # signed by this code, so only after a bug: rebuilt
        return False
