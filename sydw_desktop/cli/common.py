"""What every command group of ``sydw`` shares: output, argument types, and how a command is declared."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography import x509

    from ..packets.identity import Identity

Handler = Callable[[argparse.Namespace], int]
"""A command's handler: the parsed arguments in, the exit code out (interfaces.md §1)."""

Add = Callable[[str, Handler, str], argparse.ArgumentParser]
"""``add(name, handler, help)``: adds a sub-command to ``sydw`` and returns its parser for the arguments."""

Declare = Callable[[Add], None]
"""Declares one command (its name, handler, help and arguments) through ``add``."""


def out(text: str = "", *, err: bool = False) -> None:
    """Write one line to stdout (or stderr with ``err``)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n")


def out_json(data: object) -> None:
    """Write ``data`` as indented JSON (Chinese kept as is) to stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def report(args: argparse.Namespace, data: object, lines: Iterable[str]) -> int:
    """A command's answer: ``data`` as JSON with ``--json``, else ``lines`` one a line; exit code 0."""
    if args.json:
        out_json(data)
    else:
        for line in lines:
            out(line)
    return 0


def signing_identity(args: argparse.Namespace) -> Identity:
    """The signing identity in ``--key``; its passphrase from ``SYDW_PASSPHRASE`` or the terminal."""
    from ..packets.identity import load_identity
    from ..packets.passphrase import read_passphrase

    key = Path(args.key)
    return load_identity(key, read_passphrase(key.name))


def extra_trust(args: argparse.Namespace) -> list[x509.Certificate]:
    """The certificates given with ``--trust`` (PEM files or workspaces); none given, none."""
    from ..packets.trust import load_trust_sources

    return load_trust_sources(Path(p) for p in args.trust) if args.trust else []


def parse_date(text: str) -> date:
    """An ``argparse`` type: a YYYY-MM-DD date."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”应写作 YYYY-MM-DD") from None


def split_formats(text: str) -> set[str]:
    """``pdf,docx`` → ``{"pdf", "docx"}`` (lower-cased, blanks dropped)."""
    return {f.strip().lower() for f in text.split(",") if f.strip()}
