"""Fuzz: mutated real workbooks and packets must never crash the program — always a Chinese message.

Seeds: the project's example workbook (``tests/fixtures/examples/自检旗-改革方案.xlsx``) and a real
signed packet of a small workspace. Each case mutates one seed (:func:`mutate`): flipped bytes, a
truncated file, corrupt zip header fields (version needed, method, sizes, CRC, flags, name
lengths), renamed or duplicated entries, and inside the XML of a sheet or a tag file: huge strings,
wrong cell types, formulas (external links too), merged cells, odd dimensions, cells at XFD and
row 1048576, entity bombs, broken XML. A workbook case runs ``sydw import-units WS BOOK``; a
packet case ``sydw verify PACKET --json`` — through the CLI's own ``main``, in worker processes
with an address-space limit and a per-case alarm.

Counted per kind: ``tracebacks`` (an exception got past ``main``), ``internal_errors`` (“程序内部错误”),
``no_message`` (refused without a Chinese word), ``changed_on_refusal`` (a refused import changed
the workspace file), ``over_time`` (a case over :data:`TIME_LIMIT` s), ``over_memory`` (a
MemoryError under the limit, or the worker's peak above :data:`MEMORY_LIMIT_MB`), ``crashes``
(the worker died), and the outcomes ``accepted`` / ``refused``.

Run: ``nice .venv/bin/python bench/fuzz.py --cases 10000``. The last line printed is JSON:
``{"workbook": {...counts}, "packet": {...counts}, "cases": …, "seconds": …}``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED_BOOK = ROOT / "tests" / "fixtures" / "examples" / "自检旗-改革方案.xlsx"
TIME_LIMIT = 30
"""Seconds one case may take."""
MEMORY_LIMIT_MB = 500
"""Peak memory (RSS) a worker may reach; its address space is capped at twice that plus headroom."""
KINDS = ("workbook", "packet")
_CJK = re.compile(r"[\u4e00-\u9fff]")
BAD = ("tracebacks", "internal_errors", "no_message", "changed_on_refusal", "over_time", "over_memory", "crashes")


# -- mutations ---------------------------------------------------------------------------------


def _entries(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return [(info, zf.read(info)) for info in zf.infolist()]
    except Exception:  # an already broken seed: fall back to byte mutations
        return None


def _rezip(entries: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, body in entries:
            zf.writestr(info, body)
    return out.getvalue()


def _headers(data: bytes, magic: bytes) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(magic), data)]


def _zip_field(rng: random.Random, data: bytes) -> bytes:
    """Set one field of a local or central header to an odd value."""
    out = bytearray(data)
    local, central = _headers(data, b"PK\x03\x04"), _headers(data, b"PK\x01\x02")
    choices = [(p, off, size) for p in local for off, size in ((4, 2), (6, 2), (8, 2), (14, 4), (18, 4), (22, 4),
                                                                 (26, 2), (28, 2))]
    choices += [(p, off, size) for p in central for off, size in ((6, 2), (8, 2), (10, 2), (16, 4), (20, 4), (24, 4),
                                                                   (28, 2), (30, 2), (38, 4), (42, 4))]
    end = data.rfind(b"PK\x05\x06")
    if end >= 0:
        choices += [(end, off, size) for off, size in ((8, 2), (10, 2), (12, 4), (16, 4), (20, 2))]
    if not choices:
        return _flip(rng, data)
    at, off, size = rng.choice(choices)
    value = rng.choice([0, 1, 20, 45, 63, 64, 99, 0xFFFF, 0xFFFFFFFF, 0x7FFFFFFF, rng.getrandbits(8 * size)])
    value &= (1 << (8 * size)) - 1
    if at + off + size <= len(out):
        out[at + off:at + off + size] = value.to_bytes(size, "little")
    return bytes(out)


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 4, 16])):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))] if data else data


_HUGE = "长" * 200_000


def _xml_edit(rng: random.Random, text: str) -> str:
    """One odd change inside an XML part."""
    edits: list[Callable[[str], str]] = [
        lambda t: re.sub(r"<v>[^<]*</v>", lambda m: f"<v>{_HUGE}</v>", t, count=rng.randint(1, 3)),
        lambda t: re.sub(r'<c r="([A-Z]+\d+)"', r'<c r="\1" t="s"', t, count=rng.randint(1, 20)),
        lambda t: re.sub(r'<c r="([A-Z]+\d+)"([^>]*)>', r'<c r="\1"\2><f>SUM(A1:XFD1048576)</f>', t, count=5),
        lambda t: re.sub(r'<c r="([A-Z]+\d+)"([^>]*)>', r"<c r=\"\1\"\2><f>[1]Sheet1!A1</f>", t, count=3),
        lambda t: t.replace("<sheetData>", '<sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr">'
                            "<is><t>x</t></is></c></row>", 1),
        lambda t: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', t),
        lambda t: t.replace("</sheetData>", '</sheetData><mergeCells count="2"><mergeCell ref="A1:Z200"/>'
                            '<mergeCell ref="B2:B3"/></mergeCells>', 1),
        lambda t: re.sub(r'r="(\d+)"', lambda m: f'r="{rng.choice(["0", "-1", "1.5", "x", "99999999999"])}"', t,
                         count=rng.randint(1, 3)),
        lambda t: re.sub(r"<t([^>]*)>[^<]*</t>", lambda m: f"<t{m.group(1)}>{rng.choice(['', ' ', '=1+1', '-5', '1e999', 'NaN', chr(0x200b)])}</t>", t, count=rng.randint(1, 40)),
        lambda t: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                  '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>' + re.sub(r"^<\?xml[^>]*\?>", "", t).replace("<v>", "<v>&c;", 1),
        lambda t: t[: rng.randrange(max(len(t), 1))],
        lambda t: t.replace("<", "<<", 1) if rng.random() < 0.5 else t.replace(">", "", 1),
    ]
    return rng.choice(edits)(text)


def _entry_edit(rng: random.Random, data: bytes) -> bytes:
    entries = _entries(data)
    if not entries:
        return _flip(rng, data)
    choice = rng.randrange(7)
    index = rng.randrange(len(entries))
    info, body = entries[index]
    if choice == 0:  # change the text of an XML / tag part
        xmlish = [i for i, (inf, _) in enumerate(entries) if inf.filename.endswith((".xml", ".txt", ".json", ".rels"))]
        if xmlish:
            index = rng.choice(xmlish)
            info, body = entries[index]
            text = body.decode("utf-8", "replace")
            entries[index] = (info, _xml_edit(rng, text).encode("utf-8"))
    elif choice == 1:  # flip bytes inside one entry
        entries[index] = (info, _flip(rng, body))
    elif choice == 2:  # drop an entry
        del entries[index]
    elif choice == 3:  # duplicate an entry under the same or a case-folded name
        twin = zipfile.ZipInfo(rng.choice([info.filename, info.filename.upper(), info.filename + "/"]))
        entries.append((twin, body))
    elif choice == 4:  # an odd name
        odd = rng.choice(["../../evil.txt", "/abs.txt", "C:\\x.txt", "a/../../b", "con.txt", "x" * 600,
                          "名字\x00.txt", "dir/", "a//b"])
        entries.append((zipfile.ZipInfo(odd), b"x"))
    elif choice == 5:  # a symlink or odd permissions
        link = zipfile.ZipInfo(f"{info.filename}.lnk")
        link.external_attr = (0o120777 << 16)
        entries.append((link, b"/etc/passwd"))
    else:  # a big, highly compressible entry (bounded so the fuzzer stays fast)
        entries.append((zipfile.ZipInfo("pad.bin"), b"\0" * rng.choice([1 << 20, 3 << 20])))
    try:
        return _rezip(entries)
    except Exception:
        return _flip(rng, data)


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One random mutation of a zip-based file (a workbook or a packet)."""
    kind = rng.randrange(10)
    if kind < 4:
        return _entry_edit(rng, data)
    if kind < 6:
        return _zip_field(rng, data)
    if kind < 8:
        return _flip(rng, data)
    if kind < 9:
        return _truncate(rng, data)
    return _zip_field(rng, _entry_edit(rng, data))


# -- one case ----------------------------------------------------------------------------------


def run_cli(args: list[str]) -> tuple[int | None, str, str | None]:
    """``sydw args`` through the CLI's own ``main`` in this process: (exit code, output, escaped exception)."""
    from sydw_desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    escaped = None
    code: int | None = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except MemoryError:
            raise
        except BaseException as exc:
            escaped = f"{type(exc).__name__}: {exc}"
    return code, out.getvalue() + err.getvalue(), escaped


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def judge(kind: str, path: Path, workspace: Path | None) -> dict[str, Any]:
    """Run one case on the file at ``path``; what it did, as counts of this case."""
    before = _digest(workspace) if workspace is not None else ""
    if kind == "workbook":
        assert workspace is not None
        code, text, escaped = run_cli(["import-units", str(workspace), str(path)])
    else:
        code, text, escaped = run_cli(["verify", str(path), "--json"])
    result: dict[str, Any] = {"code": code}
    if escaped is not None or "Traceback" in text:
        result["tracebacks"] = 1
        result["detail"] = escaped or text[-500:]
    if "程序内部错误" in text:
        result["internal_errors"] = 1
        result["detail"] = text[-500:]
    if code == 0:
        result["accepted"] = 1
    else:
        result["refused"] = 1
        message = text
        if kind == "packet" and code == 1:
            try:
                message = " ".join(p["message"] for p in json.loads(text)["problems"])
            except (ValueError, KeyError, TypeError):
                message = ""
        if not _CJK.search(message):
            result["no_message"] = 1
            result["detail"] = text[-500:]
        if workspace is not None and _digest(workspace) != before:
            result["changed_on_refusal"] = 1
    return result


# -- workers -----------------------------------------------------------------------------------


def seed_packet(folder: Path) -> Path:
    """A real signed packet of a small workspace (the tests' own builder)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from packet_helpers import build_small_packet, identity

    return build_small_packet(folder, identity("测试旗机构编制委员会办公室", "159999"), name="seed.zip")


def seed_workspace(folder: Path) -> Path:
    from sydw_desktop.model import Jurisdiction
    from sydw_desktop.vocab import Level
    from sydw_desktop.workspace import Workspace

    path = folder / "fuzz.sydw"
    Workspace.create(path, Jurisdiction("自检旗", "150102", Level.BANNER, 10, 200)).close()
    return path


def case_bytes(kind: str, seed_data: bytes, seed: int, index: int) -> bytes:
    rng = random.Random(f"{kind}-{seed}-{index}")
    data = seed_data
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        data = mutate(rng, data)
    return data


def _peak_mb() -> float:
    """This process's own peak RSS (``VmHWM``; ``ru_maxrss`` would count the parent it was forked from)."""
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _alarm(_signum: int, _frame: object) -> None:
    raise TimeoutError("case over time")


def worker(kind: str, seed_file: Path, seed: int, start: int, stop: int, folder: Path) -> None:
    """Run cases ``start``…``stop - 1``, printing one JSON line per case."""
    limit = (2 * MEMORY_LIMIT_MB + 1500) << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _alarm)
    seed_data = seed_file.read_bytes()
    workspace = seed_workspace(folder) if kind == "workbook" else None
    suffix = ".xlsx" if kind == "workbook" else ".zip"
    for index in range(start, stop):
        path = folder / f"case{suffix}"
        path.write_bytes(case_bytes(kind, seed_data, seed, index))
        started = time.monotonic()
        signal.alarm(TIME_LIMIT)
        try:
            result = judge(kind, path, workspace)
        except TimeoutError:
            result = {"over_time": 1}
        except MemoryError:
            result = {"over_memory": 1}
        finally:
            signal.alarm(0)
        result["index"] = index
        result["seconds"] = round(time.monotonic() - started, 3)
        if _peak_mb() > MEMORY_LIMIT_MB:
            result["over_memory"] = 1
        print(json.dumps(result, ensure_ascii=False), flush=True)


def fuzz(kind: str, cases: int, *, seed: int = 1, chunk: int = 400,
         progress: Callable[[str, int, Counter[str]], None] | None = None) -> dict[str, Any]:
    """Run ``cases`` cases of ``kind`` in worker processes; the counts."""
    counts: Counter[str] = Counter()
    details: list[str] = []
    slowest = 0.0
    with tempfile.TemporaryDirectory(prefix=f"sydw-fuzz-{kind}-") as tmp:
        folder = Path(tmp)
        seed_file = SEED_BOOK if kind == "workbook" else seed_packet(folder)
        index = 0
        while index < cases:
            stop = min(index + chunk, cases)
            work = folder / f"w{index}"
            work.mkdir()
            child = subprocess.Popen(
                [sys.executable, __file__, "--worker", kind, str(seed_file), str(seed), str(index), str(stop),
                 str(work)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                env={**os.environ, "SYDW_LOG": str(folder / "sydw.log")})
            assert child.stdout is not None
            seen = index
            for line in child.stdout:
                result = json.loads(line)
                seen = result["index"] + 1
                slowest = max(slowest, result.get("seconds", 0.0))
                counts["cases"] += 1
                for key, value in result.items():
                    if key in (*BAD, "accepted", "refused"):
                        counts[key] += value
                if "detail" in result and len(details) < 20:
                    details.append(f"{kind} #{result['index']}: {result['detail']}")
            child.wait()
            if seen < stop:  # the worker died on case `seen`
                counts["crashes"] += 1
                counts["cases"] += 1
                details.append(f"{kind} #{seen}: worker died (exit {child.returncode})")
                seen += 1
            index = seen
            if progress is not None:
                progress(kind, index, counts)
    result: dict[str, Any] = {key: counts.get(key, 0) for key in ("cases", *BAD, "accepted", "refused")}
    result["slowest_s"] = round(slowest, 2)
    result["details"] = details
    return result


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        kind, seed_file, seed, start, stop, folder = sys.argv[2:8]
        worker(kind, Path(seed_file), int(seed), int(start), int(stop), Path(folder))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=10_000, help="cases of each kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    started = time.monotonic()

    def show(kind: str, done: int, counts: Counter[str]) -> None:
        print(f"{kind}: {done} cases: {dict(counts)}", file=sys.stderr, flush=True)

    results = {kind: fuzz(kind, args.cases, seed=args.seed, progress=show) for kind in args.kinds.split(",")}
    for result in results.values():
        for line in result.pop("details"):
            print(line)
    summary = {**results, "seconds": round(time.monotonic() - started, 1)}
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if all(r[k] == 0 for r in results.values() for k in BAD) else 1


if __name__ == "__main__":
    sys.exit(main())
