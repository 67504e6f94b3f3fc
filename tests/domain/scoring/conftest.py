import pytest

from jixiao.domain.scoring import load_framework

from .demo import changning_kexie_2023


@pytest.fixture
def kexie():
    return changning_kexie_2023()


@pytest.fixture
def hunan():
    return load_framework(authority="湖南省", year=2023)


@pytest.fixture
def mof_project():
    return load_framework(authority="财政部", year=2023)
