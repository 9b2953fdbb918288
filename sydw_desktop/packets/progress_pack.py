"""``sydw progress-pack``: a subordinate sends its progress up in a signed 进度报送包 (issue 17).

The packet is the filing packet's container (BagIt + CMS over the tag manifest, PAdES PDFs;
``X-Sydw-Kind: progress``, ``X-Sydw-To`` the office above): ``data/method.json`` (the nine steps,
三定 stage counts, evaluation coverage, decision meetings, as of the period's end, with the
period) and the office's own 通报 for the period (PDF, signed, and its Excel table). The workspace
is opened read-only: packing records nothing (the 通报 the office issues itself is ``sydw report
--out``). The file is written USB-safely, read back and verified like a filing packet.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..method.bulletin import write_bulletin
from ..method.model import Period
from ..method.progress_report import build_summary
from ..method.records import MethodRecords
from ..method.state_json import method_json, method_state
from ..model import Jurisdiction
from ..progress import Progress, report_progress
from ..review.addresses import superior_code
from ..rules import run_checks
from ..vocab import Level, is_region_code
from ..workspace import Workspace
from . import bag as B
from .assemble import PacketHeader
from .errors import PacketError
from .identity import Identity, check_usable
from .kinds import PROGRESS
from .method_json import METHOD_JSON
from .pack import _check_destination
from .receive import subordinate_problem
from .results import VerifyResult
from .return_packet import check_own_identity, write_signed_packet

BULLETIN_PDF = "进度通报.pdf"
BULLETIN_XLSX = "进度明细表.xlsx"


@dataclass(frozen=True)
class ProgressPackResult:
    path: Path
    bag: str
    sha256: str
    to_code: str
    method: dict[str, Any]
    verification: VerifyResult

    def to_json(self) -> dict[str, Any]:
        steps = self.method["steps"]
        return {"path": str(self.path), "kind": PROGRESS, "bag": self.bag, "sha256": self.sha256,
                "to": self.to_code, "as_of": self.method["as_of"], "period": self.method["period"],
                "steps_done": sum(1 for s in steps if s["state"] == "done")}


def level_of_code(code: str) -> Level:
    """The level a 行政区划代码 names (GB/T 2260): xx0000 the region, xxxx00 a league, else a banner."""
    if code.endswith("0000"):
        return Level.REGION
    return Level.LEAGUE if code.endswith("00") else Level.BANNER


def addressee(j: Jurisdiction, to_code: str | None) -> str:
    """The office the packet goes to: ``to_code`` (checked to be above ``j``) or the one above ``j``."""
    code = (to_code or "").strip() or superior_code(j)
    if not code:
        raise PacketError(f"{j.name}是{j.level.value}级，没有上级；请用 --to 写明收件机关的行政区划代码。")
    if not is_region_code(code):
        raise PacketError(f"收件机关的行政区划代码“{code}”应为 6 位数字。")
    problem = subordinate_problem(Jurisdiction(code, code, level_of_code(code)), j.code, j.level.value)
    if problem is not None:
        raise PacketError(f"{j.name}（{j.code}）不是行政区划代码 {code} 的下级，进度报送包不能发给它。")
    return code


def progress_pack(
    workspace: Path,
    identity: Identity,
    out: Path,
    *,
    period: Period,
    end: dt.date,
    to_code: str | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> ProgressPackResult:
    """Make, sign, write and verify the 进度报送包 of ``workspace`` for the ``period`` ending ``end``."""
    with Workspace.open(Path(workspace), readonly=True) as ws:
        return progress_pack_from(ws, identity, out, period=period, end=end, to_code=to_code,
                                  overwrite=overwrite, progress=progress)


def progress_pack_from(
    ws: Workspace,
    identity: Identity,
    out: Path,
    *,
    period: Period,
    end: dt.date,
    to_code: str | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> ProgressPackResult:
    """:func:`progress_pack` on an open workspace (the GUI's); nothing in it is changed."""
    out = Path(out)
    check_usable(identity.certificate)
    _check_destination(out, overwrite)
    j = ws.jurisdiction()
    info = identity.info
    check_own_identity(identity, j, workspace="工作区")
    if end > dt.date.today():  # review: progress cannot be reported as of a day still to come
        raise PacketError(f"进度截至日期 {end} 晚于今天，不能生成进度报送包。")
    to = addressee(j, to_code)
    report_progress(progress, 0.0, "检查并汇总工作进度")
    report = run_checks(ws.snapshot(), as_of=end)
    summary = build_summary(MethodRecords(ws), period, end, report)
    data = method_json(method_state(ws), report, end, (period.value, summary.start, summary.end))
    now = dt.datetime.now().astimezone()
    header = PacketHeader(
        region_code=j.code, jurisdiction=j.name, level=j.level.value, round_number=ws.current_round(),
        bagging_date=now.date().isoformat(), source_organization=info.office, rules_version=report.rules_version,
        external_identifier=f"urn:uuid:{uuid.uuid4()}",
        note=f"{j.name}{period.value}工作进度（{summary.start} 至 {summary.end}）",
        material=B.PROGRESS_MATERIAL, kind=PROGRESS, to_code=to, issued_at=now.isoformat(timespec="seconds"),
    )
    report_progress(progress, 0.2, "生成通报")
    digest, verification = write_signed_packet(
        header, identity, out,
        render=lambda data_dir: write_bulletin(summary, data_dir / BULLETIN_PDF, office=f"{j.name}机构编制委员会办公室",
                                               xlsx_path=data_dir / BULLETIN_XLSX),
        data_json={METHOD_JSON.removeprefix("data/"): data}, what="进度报送包", overwrite=overwrite,
        progress=progress, signing_at=0.5, tmp_prefix="sydw-progress-")
    report_progress(progress, 1.0, "完成")
    return ProgressPackResult(out, header.bag_name, digest, to, data, verification)
