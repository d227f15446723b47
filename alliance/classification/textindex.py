"""A small TF-IDF index for Chinese and English text, without a word segmenter.

Chinese has no spaces, so Chinese runs are cut into overlapping character bigrams
(锂离子电池 → 锂离 离子 子电 电池); a one-character run is kept as it is. Latin text is cut
into lower-case words (a plural ``s`` removed) and adjacent word pairs, so that
"neural network" also counts as a phrase. Bigrams need no dictionary, never miss an unknown
technical word, and their scores are stable across library versions; the cost is some noise
from bigrams that straddle two words, which the IDF weights and the evidence threshold in
:mod:`alliance.classification.sei` absorb.

Each document is a set of distinct terms (repeating a phrase in a scope text does not make a
category more relevant); a query's terms are weighted by ``1 + log(tf)`` times the IDF
``log(1 + N / df)``; scores are cosine similarities in 0..1.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[a-z0-9]+")
_CJK_RUN = re.compile(rf"[{_CJK}]")

# Boilerplate of patent titles and abstracts that says nothing about the technology.
STOP_BIGRAMS = frozenset(
    "一种 及其 其制 制备 备方 方法 装置 系统 用于 基于 于一 所述 包括 本发 发明 明公 公开 "
    "明涉 涉及 及一 实用 用新 新型 型涉 以及 一个 其特 特征 征在 在于 提供 技术 领域 结构 "
    "使用 采用 通过 进行 得到 具有 能够 可以 其中 该方 方案 步骤 设置 连接 制造 生产 相关 "
    "其他 等其 高性 性能 专用 设备 产品 服务 其它 应用 利用 一端 另一 两端 主体 本体".split()
)
# Boilerplate phrases are blanked out before cutting bigrams, so that no bigram straddles
# them (一种锂电池 gives 锂电 电池, not 种锂).
BOILERPLATE = re.compile(
    "一种|及其|制备方法|本发明|本实用新型|所述|公开了|涉及|其特征在于|包括|用于|基于|方法|装置|系统"
    "|以及|通过|提供"
)
# Function characters: a bigram holding one straddles two words (材料及, 电池的).
STOP_CHARS = frozenset("的及与或其之等并了和")
STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or that the this to "
    "with which wherein said method methods device devices system systems apparatus thereof "
    "same first second one more least provided comprising comprises includes including "
    "invention present disclosure embodiment based use using used having can may".split()
)


@dataclass(frozen=True)
class Term:
    """One term of a text and the character span ``[start, end)`` it came from."""

    text: str
    start: int
    end: int


def normalise(text: str) -> str:
    """Return ``text`` NFKC-normalised (full-width letters become ASCII) and lower-cased."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def terms(text: str) -> list[Term]:
    """Return the terms of ``text`` (already normalised) in reading order, with their spans.

    Chinese runs give character bigrams, Latin runs give stemmed words and word pairs;
    boilerplate bigrams and English stop words are dropped (a word pair is kept only if both
    words are kept and adjacent in the text).
    """
    out: list[Term] = []
    previous: Term | None = None
    text = BOILERPLATE.sub(lambda m: " " * len(m.group()), text)
    for match in _RUN.finditer(text):
        run, start = match.group(), match.start()
        if _CJK_RUN.match(run):
            previous = None
            if len(run) == 1:
                out.append(Term(run, start, start + 1))
            for i in range(len(run) - 1):
                gram = run[i : i + 2]
                if gram in STOP_BIGRAMS or gram[0] in STOP_CHARS or gram[1] in STOP_CHARS:
                    continue
                out.append(Term(gram, start + i, start + i + 2))
            continue
        if run in STOP_WORDS or (len(run) < 2 and not run.isdigit()):
            previous = None
            continue
        word = Term(_stem(run), start, match.end())
        if previous is not None and text[previous.end : start].strip(" -") == "":
            out.append(Term(f"{previous.text} {word.text}", previous.start, word.end))
        out.append(word)
        previous = word
    return out


@dataclass(frozen=True)
class Hit:
    """A document's cosine score for a query and the query terms it shares."""

    key: str
    score: float
    matched: frozenset[str]


class TfidfIndex:
    """An inverted index over documents given as ``{key: text}``; see the module docstring."""

    def __init__(self, documents: Mapping[str, str]) -> None:
        doc_terms = {
            key: {t.text for t in terms(normalise(text))} for key, text in documents.items()
        }
        df = Counter(term for ts in doc_terms.values() for term in ts)
        count = max(1, len(doc_terms))
        self.idf = {term: math.log(1 + count / n) for term, n in df.items()}
        self.max_idf = math.log(1 + count)  # the IDF of a term found in one document
        self.postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self.norms: dict[str, float] = {}
        for key, ts in doc_terms.items():
            self.norms[key] = math.sqrt(sum(self.idf[t] ** 2 for t in ts)) or 1.0
            for term in ts:
                self.postings[term].append((key, self.idf[term]))

    def query_weights(self, query_terms: Iterable[Term]) -> dict[str, float]:
        """Return the TF-IDF weight of each query term the index knows."""
        tf = Counter(t.text for t in query_terms if t.text in self.idf)
        return {term: (1 + math.log(n)) * self.idf[term] for term, n in tf.items()}

    def search(self, weights: Mapping[str, float]) -> list[Hit]:
        """Return the documents sharing a term with the weighted query, best first."""
        norm = math.sqrt(sum(w * w for w in weights.values()))
        if not norm:
            return []
        scores: dict[str, float] = defaultdict(float)
        shared: dict[str, set[str]] = defaultdict(set)
        for term, weight in weights.items():
            for key, doc_weight in self.postings.get(term, ()):
                scores[key] += weight * doc_weight
                shared[key].add(term)
        hits = [
            Hit(key, score / (norm * self.norms[key]), frozenset(shared[key]))
            for key, score in scores.items()
        ]
        return sorted(hits, key=lambda h: (-h.score, h.key))


def matched_phrases(text: str, query_terms: Iterable[Term], matched: Iterable[str]) -> list[str]:
    """Return the passages of ``text`` covered by overlapping matched terms, longest first.

    Overlapping bigrams merge back into words (离子 + 子电 + 电池 → 离子电池) and matched
    English words separated only by spaces or hyphens into phrases, so a reason can quote the
    patent's own words instead of bigrams.
    """
    wanted = set(matched)
    spans = sorted((t.start, t.end) for t in query_terms if t.text in wanted)
    merged: list[list[int]] = []
    for start, end in spans:
        gap = text[merged[-1][1] : start] if merged else ""
        if merged and (start < merged[-1][1] or (gap and not gap.strip(" -"))):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    phrases = dict.fromkeys(text[s:e] for s, e in merged)
    return sorted(phrases, key=lambda p: -len(p))
