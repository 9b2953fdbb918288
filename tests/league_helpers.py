"""Banner workspaces with different codes, packed for real, and a league that receives them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from packet_helpers import identity, write_identity

from sydw_desktop.demo import write_demo
from sydw_desktop.model import Jurisdiction
from sydw_desktop.rules import run_checks
from sydw_desktop.rules.findings import Severity
from sydw_desktop.vocab import Level
from sydw_desktop.workspace import Workspace


def explain_all(ws: Workspace) -> None:
    """Write a 说明 for every unexplained warning (what a clerk does before packing)."""
    for f in run_checks(ws.snapshot()).findings:
        if f.severity is Severity.WARNING and not f.explanation:
            ws.set_explanation(f.rule, f.unit, f.field, "系由示例数据改编，已核实。", f.fingerprint)


def banner(folder: Path, code: str, name: str, *, unit_cap: int | None = None) -> Path:
    """The demo banner as ``name`` (``code``), its warnings explained."""
    path = folder / f"{name}.sydw"
    write_demo(path)
    with Workspace.open(path) as ws:
        j = ws.jurisdiction()
        ws.set_jurisdiction(dataclasses.replace(j, code=code, name=name, unit_cap=unit_cap or j.unit_cap))
        explain_all(ws)
    return path


def packed_banner(folder: Path, code: str, name: str, *, unit_cap: int | None = None) -> tuple[Path, Path, Path]:
    """A banner workspace packed with its own identity: (workspace, packet, certificate)."""
    from sydw_desktop.packets.pack import pack_workspace

    ws = banner(folder, code, name, unit_cap=unit_cap)
    ident = identity(f"{name}机构编制委员会办公室", code)
    _, pem = write_identity(folder, f"{name}编办", ident)
    packet = folder / f"{name}报送包.zip"
    pack_workspace(ws, ident, packet, formats={"pdf"})
    return ws, packet, pem


def upper(folder: Path, name: str, code: str, level: Level, **caps: int) -> Path:
    path = folder / f"{name}.sydw"
    Workspace.create(path, Jurisdiction(name, code, level, **caps)).close()  # type: ignore[arg-type]
    return path
