"""The ``sydw`` command line (interfaces.md §1). Messages are Chinese; ``--json`` keys English.

Exit codes: 0 success; 1 the job was refused on its merits (error findings, an invalid packet);
2 bad input or an unreadable/unwritable file. No traceback reaches the user: unexpected errors are
written to the log file and reported in one line.

One module per command group — :mod:`.workspace` (demo, new, import-units, export-units, template),
:mod:`.check` (rules, check, params, log), :mod:`.documents` (export, templates) and :mod:`.packets`
(keygen, pack, verify, receive, trust, subordinates), :mod:`.review` (the review cycle), :mod:`.acceptance` (检查验收) — and :mod:`.common` for what they share.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from ..errors import SydwError
from ..logs import log_exception
from . import acceptance, backups, check, documents, league, method, packets, progress, review, workspace
from .common import Declare, Handler, out

__all__ = ["build_parser", "main"]

#: Every command, in the order ``sydw --help`` lists them.
COMMANDS: tuple[Declare, ...] = (
    *workspace.COMMANDS,
    check.declare_rules, check.declare_check, check.declare_params,
    *documents.COMMANDS,
    check.declare_log,
    *packets.COMMANDS,
    *backups.COMMANDS,
    *review.COMMANDS,
    *league.COMMANDS,
    *method.COMMANDS,
    *progress.COMMANDS,
    *acceptance.COMMANDS,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sydw", description="事业单位改革材料编审系统（离线版）命令行。"
    )
    parser.add_argument("--self-test", action="store_true",
                        help="自检：在临时文件夹里走一遍 示例→检查→导出→签名→打包→校验，逐步报告结果")
    sub = parser.add_subparsers(dest="command", metavar="命令", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    for declare in COMMANDS:
        declare(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if list(sys.argv[1:] if argv is None else argv) == ["--self-test"]:
        from ..selftest import run

        return run()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage error
        return 0 if exc.code == 0 else 2
    if args.self_test:
        out("--self-test 要单独使用：sydw --self-test", err=True)
        return 2
    try:
        return int(args.handler(args))
    except SydwError as exc:
        out(exc.message, err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        out("已取消。", err=True)
        return 2
    except BrokenPipeError:  # the reader of our output went away (e.g. `sydw log … | head`)
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep interpreter exit quiet
        return 0
    except Exception as exc:  # the one place that turns crashes into a message
        path = log_exception(exc)
        out(f"程序内部错误：{type(exc).__name__}。详细信息已写入日志：{path}", err=True)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
