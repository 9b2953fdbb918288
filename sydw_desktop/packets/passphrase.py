"""Where the passphrase of a ``.p12`` file comes from: ``SYDW_PASSPHRASE`` or a terminal prompt.

Never from the command line (it would stay in the shell history and the process list) and never
written to a log or an error message.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Mapping

from .errors import PassphraseUnavailable

ENV_VAR = "SYDW_PASSPHRASE"
MIN_LENGTH = 8
"""Shortest passphrase accepted for a new identity typed at the prompt."""

Prompt = Callable[[str], str]


def read_passphrase(
    file_name: str,
    *,
    new: bool = False,
    env: Mapping[str, str] | None = None,
    prompt: Prompt | None = None,
    interactive: bool | None = None,
) -> str:
    """The passphrase for ``file_name``: from ``SYDW_PASSPHRASE``, else asked on the terminal.

    ``new`` asks twice and enforces :data:`MIN_LENGTH` (for one set in the environment too).
    ``prompt`` (default :func:`getpass.getpass`) and ``interactive`` (default: stdin is a terminal)
    exist for tests and the GUI.
    """
    env = os.environ if env is None else env
    value = env.get(ENV_VAR)
    if value is not None:
        if not value:
            raise PassphraseUnavailable(f"环境变量 {ENV_VAR} 为空。")
        if new:
            _check_new(value, f"环境变量 {ENV_VAR} 中的")
        return value
    if interactive is None:
        interactive = sys.stdin is not None and sys.stdin.isatty()
    if not interactive:
        raise PassphraseUnavailable(
            f"需要“{file_name}”的口令：请设置环境变量 {ENV_VAR}，或在终端中运行本命令以输入口令。"
        )
    ask = prompt or getpass.getpass
    if not new:
        return ask(f"请输入“{file_name}”的口令：")
    first = ask(f"请为“{file_name}”设置口令（至少 {MIN_LENGTH} 个字符）：")
    _check_new(first)
    if ask("请再输入一次口令：") != first:
        raise PassphraseUnavailable("两次输入的口令不一致，未生成签名身份。")
    return first


def _check_new(value: str, where: str = "") -> None:
    if len(value) < MIN_LENGTH:
        raise PassphraseUnavailable(f"{where}口令太短：至少 {MIN_LENGTH} 个字符，未生成签名身份。")
