"""History of one action, meeting or decision, from git."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from samennw.errors import DataFileError, NotFoundError, did_you_mean
from samennw.model.records import ActionStatus, Meeting
from samennw.ops.actions import get_action
from samennw.storage.gitops import LogEntry, history
from samennw.storage.repository import ACTION_ID, Repository, check_id

_DECISION_OF = re.compile(r"^(?P<meeting>.+-\d{4}-\d{2}-\d{2})-b\d+$")


def item_log(data: Path | None, item_id: str) -> list[LogEntry]:
    """What ``samennw log`` shows: the commits that touched one action, meeting or
    decision."""
    from samennw.storage.repository import reading

    with reading(data) as repo:
        return item_history(repo, item_id)


def item_history(repo: Repository, item_id: str) -> list[LogEntry]:
    """Every commit that touched the item; an action's file in both of its folders; of a
    decision, the commits of its meeting's file in which its entry changed."""
    if ACTION_ID.match(item_id.upper()):
        action = get_action(repo, item_id)
        # one path per folder (open; afgerond, which also holds the cancelled actions)
        paths = list(dict.fromkeys(repo.action_path(action.id, s) for s in ActionStatus))
        return history(repo.root, paths)
    check_id(item_id)
    if item_id in repo.meetings:
        meeting: Meeting = repo.meetings[item_id]
        return history(repo.root, [repo.root / str(meeting.source_path)])
    meeting = _meeting_of_decision(repo, item_id)
    return decision_history(repo.root, repo.root / str(meeting.source_path), item_id)


def _meeting_of_decision(repo: Repository, decision_id: str) -> Meeting:
    """The meeting holding decision ``decision_id``: the one its id names
    ('<vergadering>-b<n>'), else any."""
    match = _DECISION_OF.match(decision_id)
    if match and match["meeting"] in repo.meetings:
        meeting = repo.meetings[match["meeting"]]
        if any(d.id == decision_id for d in meeting.besluiten):
            return meeting
    decisions: list[str] = []
    for m in repo.meetings_of(None):
        for d in m.besluiten:
            if d.id == decision_id:
                return m
            decisions.append(d.id)
    hint = did_you_mean(decision_id, [*decisions, *repo.meetings])
    raise NotFoundError(f"onbekende actie, vergadering of besluit '{decision_id}'{hint}")


def decision_history(root: Path, meeting_file: Path, decision_id: str) -> list[LogEntry]:
    """The commits of ``meeting_file`` in which the entry of ``decision_id`` under
    'besluiten' differs from the parent's (added, changed or removed), newest first."""
    from samennw.storage.gitops import _repo

    git_repo = _repo(root)
    entries = history(root, [meeting_file])
    if git_repo is None:  # (history has refused already)
        return entries
    kept = []
    for entry in entries:
        now = _decision_at(git_repo, entry.commit, entry.path, decision_id)
        before = _decision_at(git_repo, f"{entry.commit}^", entry.path, decision_id)
        if now != before:
            kept.append(entry)
    return kept


_MISSING = object()


def _decision_at(git_repo: Any, revision: str, path: str, decision_id: str) -> Any:
    """The decision's entry (plain data) in the file at ``revision``; a marker when the
    file or entry is not there; the whole text when the file cannot be read as YAML (so
    any change of it counts)."""
    import git

    from samennw.storage.frontmatter import parse

    try:
        text = git_repo.git.show(f"{revision}:{path}")
    except git.GitCommandError:  # no parent, or the file is not there
        return _MISSING
    try:
        data = parse(text).data
    except DataFileError:
        return text
    for d in data.get("besluiten") or []:
        if isinstance(d, dict) and d.get("id") == decision_id:
            return d
    return _MISSING
