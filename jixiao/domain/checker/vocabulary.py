"""The short word lists the rules keep as module constants, read from
``jixiao/data/checker/vocabulary.yaml`` once, at import: the words are data, edited without touching
code, and a rule still reads a plain tuple (no look-up per report)."""

from __future__ import annotations

from functools import cache

from jixiao.data import load_yaml


@cache
def _vocabulary() -> dict[str, tuple[str, ...]]:
    return {
        key: tuple(str(word) for word in words)
        for key, words in (load_yaml("checker/vocabulary.yaml") or {}).items()
    }


def words(key: str) -> tuple[str, ...]:
    """The list named ``key`` ('rules_compare.added'); a missing key is an error at import, not a
    silently empty list."""
    try:
        return _vocabulary()[key]
    except KeyError:
        raise KeyError(f"词表 vocabulary.yaml 中没有“{key}”") from None
