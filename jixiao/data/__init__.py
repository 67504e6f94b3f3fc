"""Shipped reference data (YAML): classification codes, indicator library, scoring frameworks."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent


@cache
def load_yaml(relative_path: str):
    with (DATA_DIR / relative_path).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)
