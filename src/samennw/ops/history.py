"""History of one action or meeting, from git."""

from __future__ import annotations

from pathlib import Path

from samennw.errors import NotFoundError
from samennw.model.records import ActionStatus, Meeting
from samennw.ops.actions import get_action
from samennw.storage.gitops import LogEntry, history
from samennw.storage.repository import ACTION_ID, Repository, check_id


def item_log(data: Path | None, item_id: str) -> list[LogEntry]:
    """What ``samennw log`` shows: the commits that touched one action or meeting."""
    from samennw.storage.repository import reading

    with reading(data) as repo:
        return item_history(repo, item_id)


def item_history(repo: Repository, item_id: str) -> list[LogEntry]:
    """Every commit that touched the item; an action's file in both of its folders."""
    if ACTION_ID.match(item_id.upper()):
        action = get_action(repo, item_id)
        paths = [repo.action_path(action.id, status) for status in ActionStatus]
        return history(repo.root, paths)
    check_id(item_id)
    if item_id not in repo.meetings:
        raise NotFoundError(f"onbekende actie of vergadering '{item_id}'")
    meeting: Meeting = repo.meetings[item_id]
    return history(repo.root, [repo.root / str(meeting.source_path)])
