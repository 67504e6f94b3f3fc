"""Shipped reference data (YAML): classification codes, indicator library, scoring frameworks."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent


# libyaml's loader when PyYAML was built with it (about 7× faster on the indicator library).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text):
    """yaml.safe_load, through libyaml when it is there: the same safe subset of YAML."""
    return yaml.load(text, Loader=_LOADER)


@cache
def load_yaml(relative_path: str):
    with (DATA_DIR / relative_path).open(encoding="utf-8") as handle:
        return parse_yaml(handle)
