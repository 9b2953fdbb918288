"""A. 统一社会信用代码: the GB 32100 / GB 11714 algorithms and the uscc.* rules."""

from __future__ import annotations

import pytest
from rules_helpers import CODE_XUMU, CODE_ZHAODAI, A, B, C, after, baseline, before, check, hits, where

from sydw_desktop.model import ParamOverride
from sydw_desktop.rules.findings import Severity
from sydw_desktop.rules.uscc import is_well_formed, normalize_uscc, org_check_char, uscc_check_char

XUMU = "示例旗畜牧工作站"


# --- the algorithms, with the three test vectors of rules.md -------------------------------------

def test_vector_1_the_standards_own_example() -> None:
    assert uscc_check_char("91350100M000100Y4") == "3"  # Σ = 1640, 1640 mod 31 = 28, 31 − 28 = 3
    assert not is_well_formed("91350100M000100Y4Z")  # the given 'Z' is not even in the set
    assert is_well_formed("91350100M000100Y43")
    assert org_check_char("M000100Y") == "4"  # 139 mod 11 = 7, 11 − 7 = 4 = position 17


def test_vector_2_made_up_inner_mongolia_code() -> None:
    assert org_check_char("46000000") == "1"
    assert uscc_check_char("12150000460000001") == "1"  # Σ = 433, 433 mod 31 = 30


def test_vector_3_remainder_zero_maps_to_0() -> None:
    assert uscc_check_char("12150000460000191") == "0"  # Σ = 713 = 23·31


def test_org_check_ten_is_x_and_eleven_is_0() -> None:
    assert org_check_char("00000006") == "X"  # Σ = 6·2 = 12 ≡ 1 (mod 11) → 10 → X
    assert org_check_char("00000000") == "0"  # Σ = 0 → 11 → 0
    assert org_check_char("00000001") == "9"  # Σ = 2 → 9


def test_normalization_full_width_and_case() -> None:
    assert normalize_uscc(" １２１５００００４６００００００１１ ") == "121500004600000011"
    assert normalize_uscc("12159901mb0000027d") == "12159901MB0000027D"
    with pytest.raises(ValueError):
        uscc_check_char("1215000046000000I")  # I is not in the set


# --- uscc.format ---------------------------------------------------------------------------------

def test_format_fires_for_wrong_length_and_forbidden_letters() -> None:
    snap = baseline()
    before(snap, XUMU).uscc = "12159901MB000002"
    after(snap, C).uscc = "12159901MB0000051O"
    found = hits(snap, "uscc.format")
    assert where(found) == {(XUMU, "uscc"), (C, "uscc")}
    assert all(f.severity is Severity.ERROR and f.document.key == "unit" for f in found)
    assert any("现为16位" in f.message for f in found) and any("“O”" in f.message for f in found)


def test_format_empty_code_only_for_units_waiting_for_one() -> None:
    snap = baseline()
    assert after(snap, B).uscc == ""  # formed by 整合: 待赋码 is fine
    after(snap, A).uscc = ""  # continues 示例旗农牧业技术推广中心: must keep a code
    before(snap, XUMU).uscc = ""
    assert where(hits(snap, "uscc.format")) == {(A, "uscc"), (XUMU, "uscc")}


def test_format_normalises_full_width_and_lower_case_as_info() -> None:
    snap = baseline()
    before(snap, XUMU).uscc = "１２159901mb0000027d"
    found = hits(snap, "uscc.format")
    assert [(f.severity, f.unit) for f in found] == [(Severity.INFO, XUMU)]
    assert "已按“12159901MB0000027D”校验" in found[0].message
    assert not hits(snap, "uscc.checksum")


# --- uscc.checksum -------------------------------------------------------------------------------

def test_checksum_fires_on_the_standards_misprinted_example() -> None:
    snap = baseline()
    before(snap, XUMU).uscc = "91350100M000100Y4Z"
    found = hits(snap, "uscc.checksum")
    assert where(found) == {(XUMU, "uscc")}
    assert "应为“3”，现为“Z”" in found[0].message


def test_checksum_accepts_the_corrected_code_and_the_remainder_zero_edge() -> None:
    snap = baseline()
    before(snap, XUMU).uscc = "91350100M000100Y43"
    before(snap, "示例旗草原工作站").uscc = "121500004600001910"
    before(snap, "示例旗招待所").uscc = "121500004600000011"
    assert hits(snap, "uscc.checksum") == []


def test_checksum_fires_on_one_changed_character() -> None:
    snap = baseline()
    before(snap, XUMU).uscc = CODE_XUMU[:-1] + "E"
    assert where(hits(snap, "uscc.checksum")) == {(XUMU, "uscc")}


# --- uscc.orgcode --------------------------------------------------------------------------------

def test_orgcode_fires_when_position_17_is_not_the_gb11714_check() -> None:
    snap = baseline()
    before(snap, XUMU).uscc = "12159901MB0000028G"  # valid GB 32100 check, wrong org-code check (7)
    found = hits(snap, "uscc.orgcode")
    assert where(found) == {(XUMU, "uscc")} and found[0].severity is Severity.WARNING
    assert "应为“7”，现为“8”" in found[0].message
    assert hits(snap, "uscc.checksum") == []


def test_orgcode_near_miss_on_the_standard_example() -> None:
    snap = baseline()
    before(snap, XUMU).uscc = "91350100M000100Y43"
    assert hits(snap, "uscc.orgcode") == []


# --- uscc.parts ----------------------------------------------------------------------------------

def test_parts_11_is_an_error_and_other_categories_warn() -> None:
    snap = baseline()
    before(snap, XUMU).uscc = "11159901MB0000027G"
    before(snap, "示例旗草原工作站").uscc = "13159901MB0000027A"
    found = {f.unit: f for f in hits(snap, "uscc.parts")}
    assert found[XUMU].severity is Severity.ERROR and "机关" in found[XUMU].message
    assert found["示例旗草原工作站"].severity is Severity.WARNING
    assert "机构类别码为“3”" in found["示例旗草原工作站"].message


def test_parts_region_mismatch_is_a_warning_and_the_region_is_a_parameter() -> None:
    snap = baseline()
    before(snap, XUMU).uscc = "12159902MB0000027U"  # registered by another banner (159902)
    before(snap, "示例旗草原工作站").uscc = "12140000MB0000027W"  # not Inner Mongolia
    found = {f.unit: f for f in hits(snap, "uscc.parts")}
    assert set(found) == {XUMU, "示例旗草原工作站"}
    assert all(f.severity is Severity.WARNING and f.field == "uscc" for f in found.values())
    assert "“159902”" in found[XUMU].message and "“14”" in found["示例旗草原工作站"].message
    snap.param_overrides = [ParamOverride("uscc.parts", "region_code", "159902", "2026-01-01")]
    moved = {f.unit for f in hits(snap, "uscc.parts")}
    assert XUMU not in moved and A in moved  # now the banner's own units look foreign


def test_parts_two_warnings_on_one_code_are_one_finding() -> None:
    snap = baseline()
    before(snap, XUMU).uscc = "92159902MB0000027K"  # a company's code, from another banner
    found = hits(snap, "uscc.parts")
    assert len(found) == 1 and "第1位不是“1”" in found[0].message and "159902" in found[0].message


# --- uscc.unique ---------------------------------------------------------------------------------

def test_unique_fires_for_two_after_units_with_one_code() -> None:
    snap = baseline()
    after(snap, C).uscc = after(snap, A).uscc
    found = hits(snap, "uscc.unique")
    assert where(found) == {(C, "uscc")}  # C, listed after A, is the one that takes A's code
    assert found[0].severity is Severity.ERROR and A in found[0].message


def test_unique_code_of_an_abolished_unit_on_a_retained_one() -> None:
    snap = baseline()
    after(snap, B).uscc = CODE_ZHAODAI  # 招待所 went to an enterprise
    found = hits(snap, "uscc.unique")
    assert where(found) == {(B, "uscc")} and "示例旗招待所（转企改制）" in found[0].message


def test_unique_near_miss_merged_unit_continues_a_sources_legal_person() -> None:
    snap = baseline()
    after(snap, B).uscc = CODE_XUMU  # 畜牧工作站 is integrated into B: B may carry on its code
    report = check(snap)
    assert [f for f in report.findings if f.rule.startswith("uscc.")] == []
