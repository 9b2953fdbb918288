"""Benchmark: pack and verify the demo scaled to at least 100 units.

The demo 示例旗 (65 units before, 35 after) is replicated ``--copies`` times: each extra copy is
the same set of units under a district prefix (示例旗第2片区…) with fresh well-formed USCCs, the
caps scaled, and the demo's 说明 carried over to the copied units (a warning that exists only
because of the repetition gets a note saying so); the workspace is built through the :class:`Workspace`
façade only. It is checked (it must have no ``error`` and no unexplained ``warning``), packed
(export, sign, bag, zip, write, read back, verify), and verified once more on its own.

Run: ``.venv/bin/python bench/pack_speed.py [--copies 2] [--stamp]``. The last line printed is
JSON: ``{"units": …, "pdfs": …, "pack_s": …, "verify_s": …}`` (units = before + after).
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sydw_desktop.codec import from_data
from sydw_desktop.demo import DOCUMENT_TYPES, demo_data
from sydw_desktop.model import Jurisdiction, PlanData, Round, TransferLine, Unit
from sydw_desktop.packets.identity import generate_identity
from sydw_desktop.packets.pack import pack_workspace
from sydw_desktop.packets.verify import verify_packet
from sydw_desktop.rules import run_checks
from sydw_desktop.rules.uscc import org_check_char, uscc_check_char
from sydw_desktop.vocab import Phase
from sydw_desktop.workspace import Workspace

PREFIX = "示例旗"


def _rename(name: str, copy_no: int) -> str:
    if copy_no == 1 or not name.startswith(PREFIX):
        return name
    return f"{PREFIX}第{copy_no}片区{name[len(PREFIX):]}"


def _uscc(code: str, copy_no: int) -> str:
    """A distinct, well-formed code per copy (both check characters recomputed); empty stays empty."""
    if not code or copy_no == 1:
        return code
    body = code[8:16]  # the organisation code body (GB 11714), 8 characters
    body = f"{90 + copy_no:02d}" + body[2:]  # the demo's bodies start 46 or MB: 92…, 93… are free
    first17 = code[:8] + body + org_check_char(body)
    return first17 + uscc_check_char(first17)


def scaled_data(copies: int) -> dict[str, Any]:
    """The demo data with every unit, transfer, document and 说明 repeated ``copies`` times."""
    base = demo_data()
    data = copy.deepcopy(base)
    for key in ("before", "after", "transfers", "explanations"):
        data[key] = []
    data["destinations"], data["documents"] = {}, {}
    for n in range(1, copies + 1):
        for section in ("before", "after"):
            for unit in base[section]:
                u = copy.deepcopy(unit)
                u["name"] = _rename(u["name"], n)
                u["uscc"] = _uscc(u.get("uscc", ""), n)
                u["paizi"] = [_rename(p, n) for p in u.get("paizi", [])]
                data[section].append(u)
        for before, after in base["destinations"].items():
            data["destinations"][_rename(before, n)] = _rename(after, n)
        for t in base["transfers"]:
            t = copy.deepcopy(t)
            t["source"] = _rename(t["source"], n)
            if t.get("target"):
                t["target"] = _rename(t["target"], n)
            data["transfers"].append(t)
        for name, docs in base["documents"].items():
            data["documents"][_rename(name, n)] = copy.deepcopy(docs)
        for e in base["explanations"]:
            data["explanations"].append({**e, "unit": _rename(e["unit"], n) if e.get("unit") else e.get("unit")})
    j = data["jurisdiction"]
    j["unit_cap"] = (j.get("unit_cap") or 0) * copies
    j["staff_cap"] = (j.get("staff_cap") or 0) * copies
    for setting in data["settings"]:
        value = setting["value"]
        if isinstance(value, dict) and all(isinstance(v, dict) for v in value.values()):
            setting["value"] = {_rename(k, n): {**v, "name": _rename(v.get("name", k), n)}
                                for n in range(1, copies + 1) for k, v in value.items()}
        elif isinstance(value, list):
            setting["value"] = [_rename(v, n) for n in range(1, copies + 1) for v in value]
        elif isinstance(value, int):
            setting["value"] = value * copies
    return data


def build_workspace(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` (demo format) into a new workspace through the façade."""
    with Workspace.create(path, from_data(Jurisdiction, data["jurisdiction"])) as ws:
        ws.replace_plan(PlanData(
            before=[from_data(Unit, u) for u in data["before"]],
            after=[from_data(Unit, u) for u in data["after"]],
            destinations=dict(data["destinations"]),
            transfers=[from_data(TransferLine, t) for t in data["transfers"]],
            jurisdiction=from_data(Jurisdiction, data["jurisdiction"]),
        ), operation="写入放大的示例工作区")
        for name, docs in data["documents"].items():
            unit = ws.find_unit(Phase.AFTER, name)
            assert unit is not None and unit.id is not None, name
            for kind, cls in DOCUMENT_TYPES.items():
                if kind in docs:
                    ws.set_document(unit.id, from_data(cls, docs[kind]))
        for s in data["settings"]:
            value = s["value"] if isinstance(s["value"], str) else json.dumps(s["value"], ensure_ascii=False)
            ws.set_setting(s["key"], value, s["label"])
        for r in data["rounds"]:
            ws.add_round(from_data(Round, r))
        report = run_checks(ws.snapshot())
        texts = {(e["rule"], e.get("unit") or "", e.get("field") or ""): e["text"] for e in data["explanations"]}
        for f in report.findings:
            if f.severity.value != "warning":
                continue
            # The demo's own 说明 where it has one; a warning that only exists because the demo was
            # repeated (e.g. two 公共资源交易 centres) gets a note saying so.
            text = texts.get(f.key, "基准测试数据：本警告因示例数据按片区重复而产生。")
            ws.set_explanation(f.rule, f.unit, f.field, text, f.fingerprint)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2, help="how many times the demo's units are repeated")
    parser.add_argument("--stamp", action="store_true", help="visible signature block on every PDF")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sydw-bench-") as tmp:
        ws_path = Path(tmp) / "示例旗-放大.sydw"
        build_workspace(ws_path, scaled_data(args.copies))
        with Workspace.open(ws_path, readonly=True) as ws:
            snap = ws.snapshot()
        report = run_checks(snap)
        if report.has_errors or report.unexplained_warnings:
            bad = [f"[{f.rule}] {f.message}" for f in report.findings
                   if f.severity.value == "error" or f in report.unexplained_warnings]
            print("放大的示例工作区不能打包：\n  " + "\n  ".join(bad[:20]), file=sys.stderr)
            return 1
        units = len(snap.before) + len(snap.after)
        ident = generate_identity("示例旗机构编制委员会办公室", snap.jurisdiction.code)
        out = Path(tmp) / "packet.zip"
        start = time.perf_counter()
        result = pack_workspace(ws_path, ident, out, visible_signature=args.stamp)
        pack_s = time.perf_counter() - start
        start = time.perf_counter()
        verified = verify_packet(out, trusted=[ident.certificate])
        verify_s = time.perf_counter() - start
        if not verified.ok:
            print("校验失败：\n  " + "\n  ".join(map(str, verified.problems[:20])), file=sys.stderr)
            return 1
        print(f"units before/after: {len(snap.before)}/{len(snap.after)}; files {result.payload_files}; "
              f"packet {result.size / 1e6:.1f} MB")
        print(json.dumps({"units": units, "pdfs": result.pdfs, "pack_s": round(pack_s, 2),
                          "verify_s": round(verify_s, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
