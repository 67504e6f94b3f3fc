from pathlib import Path

import pytest

TEXTS = Path(__file__).parent / "texts"
SEED_NAME = "2023-changning-kexie-report.txt"


def read_text(name: str) -> str:
    return (TEXTS / name).read_text(encoding="utf-8")


CORPUS_NAMES = sorted(p.name for p in TEXTS.glob("[0-9][0-9]_*.txt"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return read_text(SEED_NAME)
