"""Text helpers for the rules: name normalisation and an n-gram index for fuzzy duty matching.

Matching is indexed so that checking a region (tens of thousands of units) stays linear: exact
matches go through a dict of normalised texts; fuzzy ones through an inverted index of character
bigrams that skips the very common ones (“负责”, “工作”) when collecting candidates.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import chain

from ..vocab import normalize_name

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)

norm_name = functools.lru_cache(maxsize=1 << 17)(normalize_name)
"""A name for comparison: :func:`sydw_desktop.vocab.normalize_name` (the workbook's and the
workspace's notion of “the same name” too), cached — the rules compare the same names many times."""


def norm_text(text: str) -> str:
    """A sentence for comparison: NFKC, without spaces and punctuation."""
    stripped = _PUNCT.sub("", text)
    if unicodedata.is_normalized("NFKC", stripped):
        return stripped
    return _PUNCT.sub("", unicodedata.normalize("NFKC", stripped))


def grams_of(normalized: str) -> frozenset[str]:
    """Character bigrams of an already normalised text (a single character is its own gram)."""
    if len(normalized) < 2:
        return frozenset({normalized}) if normalized else frozenset()
    return frozenset(map(str.__add__, normalized, normalized[1:]))


def coverage(query: frozenset[str], target: frozenset[str]) -> float:
    """Share of the query's bigrams found in the target (1.0 when the query is contained in it)."""
    return len(query & target) / len(query) if query else 0.0


def covered_by(grams: frozenset[str], text: str, threshold: float) -> bool:
    """``coverage(grams, grams of text) >= threshold``, by substring tests (no gram set for ``text``)."""
    if not grams:
        return False
    needed = threshold * len(grams)
    return sum(g in text for g in grams) >= needed


def contains_any(text: str, words: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """The ``words`` found in ``text`` once the ``exclude`` phrases have been removed from it."""
    for phrase in exclude:
        if phrase:
            text = text.replace(phrase, "")
    return [w for w in words if w and w in text]


class NGramIndex:
    """Texts indexed by character bigram, for “is this sentence covered by one of those?” queries.

    Only grams shared by at most ``common`` texts get a posting list: the frequent ones would make
    every text a candidate and cost most of the build time, while rarer grams already pick out the
    texts worth scoring (which are then scored on all their grams).
    """

    def __init__(self, texts: Sequence[str], common_share: float = 0.01, min_common: int = 200) -> None:
        normalized = [norm_text(t) for t in texts]
        self.exact = set(normalized)
        self.grams = [grams_of(t) for t in normalized]
        self.common = max(min_common, int(len(texts) * common_share))
        df = Counter(chain.from_iterable(self.grams))
        rare = frozenset(g for g, n in df.items() if n <= self.common)
        self.df = df
        postings: dict[str, list[int]] = defaultdict(list)
        for i, grams in enumerate(self.grams):
            for g in grams & rare:
                postings[g].append(i)
        self.postings = dict(postings)
        self._common: dict[str, list[int]] = {}

    def _common_posting(self, gram: str) -> list[int]:
        """Posting list of a frequent gram, built on first use."""
        if gram not in self._common:
            self._common[gram] = [i for i, grams in enumerate(self.grams) if gram in grams]
        return self._common[gram]

    def best(self, query: str, candidates: int = 20) -> float:
        """The highest :func:`coverage` of ``query`` by any indexed text."""
        key = norm_text(query)
        if key in self.exact:
            return 1.0
        q = grams_of(key)
        lists = [self.postings[g] for g in q if g in self.postings]
        if not lists:  # every gram is common: the texts holding its two rarest grams are the candidates
            known = sorted((g for g in q if g in self.df), key=self.df.__getitem__)[:2]
            lists = [self._common_posting(g) for g in known]
        hits: Counter[int] = Counter()
        for posting in lists:
            hits.update(posting)
        return max((coverage(q, self.grams[i]) for i, _ in hits.most_common(candidates)), default=0.0)
