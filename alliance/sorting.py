"""Sort keys that put Chinese names in the order Chinese readers expect (by pinyin)."""

from pypinyin import lazy_pinyin


def pinyin_sort_key(text: str) -> str:
    """``"华南理工大学"`` -> ``"hua nan li gong da xue"``; Latin letters kept, lower-cased."""
    return " ".join(lazy_pinyin(text or "")).lower()[:400]
