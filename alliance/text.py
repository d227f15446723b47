"""Text as people type it, made safe to compare, store and show.

Every form field (but passwords) and every service that stores a name passes through
``clean_text``: Unicode NFKC (full-width letters and digits become ASCII, U+3000 and NBSP
become spaces), invisible format characters (zero-width spaces and joiners, BOM, soft hyphen,
bidirectional controls: Unicode category Cf) and control characters removed, runs of spaces
collapsed, and the ends stripped. Two names that look the same then compare equal.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[^\S\n]+")  # whitespace but line breaks
_BLANK_LINES = re.compile(r"\n{3,}")


def _visible(char: str, keep_newlines: bool) -> bool:
    if keep_newlines and char == "\n":
        return True
    category = unicodedata.category(char)
    if category == "Cf":
        return False
    return not (category == "Cc" and not char.isspace())


def clean_text(value, multiline: bool = False):
    """``value`` normalised as described above; a single-line value (``multiline=False``)
    becomes one line. Anything not a string (None, a number) is returned unchanged."""
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(char for char in text if _visible(char, multiline))
    if not multiline:
        return " ".join(text.split())
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def compact(value):
    """``clean_text`` with every space removed: for codes people type in groups, such as a
    USCC written ``9144 0300 ...``."""
    cleaned = clean_text(value)
    return cleaned.replace(" ", "") if isinstance(cleaned, str) else cleaned


def is_lookalike_email(address: str) -> bool:
    """Whether an email address could pass for another one: a part (the local part or a
    domain label) that mixes scripts (``аdmin`` with a Cyrillic а), or a non-ASCII part all
    of whose letters look like Latin ones (``ассе`` in Cyrillic). Addresses in one script
    that does not imitate Latin (``张三@例子.中国``, ``олег@...``) pass."""
    from confusable_homoglyphs import confusables

    local, _at, domain = (address or "").rpartition("@")
    for part in [local, *domain.split(".")]:
        if part.isascii():
            continue
        if confusables.is_mixed_script(part):
            return True
        letters = [char for char in part if char.isalpha()]
        if letters and all(confusables.is_confusable(char, preferred_aliases=["latin"])
                           for char in letters):
            return True
    return False
