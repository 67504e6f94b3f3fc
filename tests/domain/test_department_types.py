import pytest

from jixiao.domain.department_types import DEFAULT_TYPE, department_type, department_type_names


def test_every_type_has_a_unique_name_and_pinyin_slug():
    names = department_type_names()
    slugs = [department_type(name).slug for name in names]
    assert len(set(names)) == len(names)
    assert len(set(slugs)) == len(slugs)
    assert all(slug.isascii() and slug.islower() and slug.isalpha() for slug in slugs)
    assert DEFAULT_TYPE in names


def test_a_type_names_its_library_version():
    assert department_type("妇联").library_version == "fulian-v1"
    assert department_type("科协").library_version == "kexie-v1"


def test_an_unknown_type_is_refused_listing_the_allowed_values():
    with pytest.raises(ValueError, match=r"部门类型“科普股”不在列表中.*妇联"):
        department_type("科普股")
