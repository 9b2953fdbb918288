"""Name normalisation and the n-gram index behind x.functions."""

from __future__ import annotations

from sydw_desktop.rules.textutil import (
    NGramIndex,
    contains_any,
    coverage,
    covered_by,
    grams_of,
    norm_name,
    norm_text,
)


def test_names_compare_across_widths_brackets_and_spaces() -> None:
    assert norm_name("示例旗 融媒体中心（示例旗广播电视台）") == norm_name("示例旗融媒体中心(示例旗广播电视台)")
    assert norm_name("示例旗〔试点〕中心") == "示例旗(试点)中心"
    assert norm_name("示例旗农牧中心") != norm_name("示例旗农牧站")


def test_sentences_compare_without_punctuation_and_full_width() -> None:
    assert norm_text("负责全旗 草原监测，（含Ａ类）。") == "负责全旗草原监测含A类"
    assert grams_of(norm_text("草原监测")) == {"草原", "原监", "监测"}
    assert coverage(grams_of("草原监测"), grams_of("负责全旗草原监测工作")) == 1.0
    assert coverage(grams_of("草原防火"), grams_of("负责全旗草原监测工作")) == 1 / 3
    assert covered_by(grams_of("负责草原监测"), "负责全旗草原监测工作", 0.8)
    assert not covered_by(grams_of("负责草原监测"), "负责全旗草原监测工作", 0.81)
    assert not covered_by(frozenset(), "任何文字", 0.0)


def test_keywords_after_removing_negations() -> None:
    assert contains_any("提供非营利性服务", ["营利"], ["非营利"]) == []
    assert contains_any("开展营利性服务", ["营利", "销售"], ["非营利"]) == ["营利"]


def test_index_finds_exact_and_covering_texts() -> None:
    index = NGramIndex(["负责全旗草原监测工作", "承担动物疫病防治技术服务", "组织群众文化活动"])
    assert index.best("负责全旗草原监测工作。") == 1.0
    assert index.best("负责草原监测") == 0.8  # 4 of its 5 bigrams
    assert index.best("负责群众体育赛事") < 0.5


def test_index_when_every_gram_of_the_query_is_common() -> None:
    texts = [f"负责全旗工作第{i}项" for i in range(400)] + ["负责全旗工作统筹"]
    index = NGramIndex(texts, min_common=50)
    assert all(len(p) <= 50 for p in index.postings.values())  # the frequent grams have no posting list
    assert "负责全旗工作" not in index.exact
    assert index.best("负责全旗工作") == 1.0  # only common grams: candidates come from the rarest two
    assert index.best("工作负责全旗") == 0.8  # “作负” occurs nowhere
    assert index.best("统筹") == 1.0 and index.best("项目统筹") < 0.6
