"""The text some ``sydw`` commands print, byte for byte: one pinned answer for each of
cli/packets.py, cli/method.py, cli/progress.py and cli/acceptance.py (they answer through
``common.report``, so a refactor of how they print shows here)."""

from __future__ import annotations

from pathlib import Path

from packet_helpers import identity, run_cli, write_identity

from sydw_desktop.demo import write_demo
from sydw_desktop.model import Allocation, Jurisdiction
from sydw_desktop.packets.identity import format_fingerprint
from sydw_desktop.vocab import Level
from sydw_desktop.workspace import Workspace


def _league(tmp_path: Path) -> Path:
    league = tmp_path / "示例盟.sydw"
    with Workspace.create(league, Jurisdiction("示例盟", "159900", Level.LEAGUE)) as ws:
        ws.set_allocation(Allocation("159901", "示例旗", 40, 1200))
    return league


def _stdout(*args: str | Path) -> str:
    r = run_cli(*args)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def test_trust_list_prints_one_line_a_certificate(tmp_path: Path) -> None:
    league = _league(tmp_path)
    assert _stdout("trust", league, "list") == "信任列表为空。\n"
    ident = identity("示例旗机构编制委员会办公室", "159901")
    _, pem = write_identity(tmp_path, "示例旗编办", ident)
    _stdout("trust", league, "add", pem)
    info = ident.info
    assert _stdout("trust", league, "list") == (
        f"示例旗机构编制委员会办公室（159901）  有效至 {info.not_after:%Y-%m-%d}  "
        f"指纹 {format_fingerprint(ident.certificate)}\n")


def test_evaluations_of_the_demo(tmp_path: Path) -> None:
    county = tmp_path / "示例旗.sydw"
    write_demo(county)
    assert _stdout("evaluations", county) == (
        "已评估 3/35 个单位（8.6%），目标 80%，尚未达到。\n"
        "1 条整改要求尚无整改结果。\n"
        "2026-11-26 示例旗融媒体中心：新媒体部与总编室职责存在交叉；整改要求：12月底前修订内部职责分工。\n"
        "2026-11-27 示例旗政务服务中心：未发现问题。\n"
        "2026-11-27 示例旗农牧业技术推广中心：超编人员消化计划未细化；整改要求：制定3年内消化超编人员计划；"
        "整改结果：已制定消化计划，经旗委编办备案（示编办函〔2026〕40号）。\n")


def test_step_dates_set_and_listed(tmp_path: Path) -> None:
    league = _league(tmp_path)
    assert _stdout("step-dates", league) == "尚未设定任何步骤的完成时限。\n"
    assert _stdout("step-dates", league, "--set", "1=2027-01-31", "--set", "6=2027-03-31",
                   "--doc-no", "示编办发〔2026〕9号") == (
        "已设定 2 项、取消 0 项完成时限（记入台账，可撤销）。\n"
        "第1步 前期准备：2027-01-31（示编办发〔2026〕9号）\n"
        "第6步 “三定”审理：2027-03-31（示编办发〔2026〕9号）\n")


def test_acceptance_add_and_list(tmp_path: Path) -> None:
    league = _league(tmp_path)
    assert _stdout("acceptance", league, "list") == "没有检查验收记录。\n"
    assert _stdout("acceptance", league, "add", "--to", "159901", "--date", "2026-12-01", "--result", "限期整改",
                   "--problem", "档案资料", "征求意见记录不全。", "补齐记录。", "2027-02-28") == (
        "已登记对示例旗的第1次检查验收（编号 1）：限期整改，存在问题 1 项。\n"
        f"  生成检查验收意见包：sydw acceptance-pack {league} --to 159901 --key 身份.p12 --out 文件.zip\n")
    assert _stdout("acceptance", league, "list") == (
        "本级对下级的检查验收：\n"
        "[1] 对示例旗（159901） 第1次检查验收 2026-12-01 限期整改（草稿，可修改或删除）\n"
        "    方案执行：符合\n"
        "    机构设置与撤并：符合\n"
        "    编制核定与使用：符合\n"
        "    人员转隶：符合\n"
        "    “三定”执行：符合\n"
        "    政事权限清单与章程：符合\n"
        "    督查评估覆盖：符合\n"
        "    [8] 档案资料：存在问题 征求意见记录不全。；整改要求：补齐记录。（整改期限 2027-02-28）\n")
