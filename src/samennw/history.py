"""History of one action or meeting, from git."""

from __future__ import annotations

from .actions import get_action
from .errors import NotFoundError
from .gitops import LogEntry, history
from .models import Action, Meeting
from .store import ACTION_ID, Repository, check_id


def item_history(repo: Repository, item_id: str) -> list[LogEntry]:
    item: Action | Meeting
    if ACTION_ID.match(item_id):
        item = get_action(repo, item_id)
    else:
        check_id(item_id)
        if item_id not in repo.meetings:
            raise NotFoundError(f"onbekende actie of vergadering '{item_id}'")
        item = repo.meetings[item_id]
    return history(repo.root, repo.root / str(item.source_path))
