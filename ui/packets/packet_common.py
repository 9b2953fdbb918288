"""Small things the packet dialogs share: message styles and how an error is told to the clerk."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sydw_desktop.errors import SydwError
from sydw_desktop.logs import log_exception
from sydw_desktop.vocab import Level

if TYPE_CHECKING:
    from ui.session.session import WorkspaceSession

ERROR_STYLE = "color: #c62828"
OK_STYLE = "color: #2e7d32; font-weight: bold"
BLOCK_STYLE = "color: #c62828; font-weight: bold"


def describe_error(error: BaseException) -> str:
    """The core's Chinese message, or — for a bug — a short note and where the traceback went."""
    if isinstance(error, SydwError):
        return error.message
    return f"程序内部错误：{error}\n详细信息已写入日志：{log_exception(error)}"


def is_upper_level(session: WorkspaceSession | None) -> bool:
    """A 盟市 or 自治区 workspace: one that has subordinates, a trust list and receives packets."""
    return session is not None and session.ws.jurisdiction().level is not Level.BANNER


def short_time(iso: str) -> str:
    """``2026-11-29T09:30:00+08:00`` → ``2026-11-29 09:30`` in local time (the text as is if odd)."""
    try:
        return f"{datetime.fromisoformat(iso).astimezone():%Y-%m-%d %H:%M}"
    except ValueError:
        return iso
