import pytest
from jixiao.cli import main
from tests.factories import DepartmentFactory, ProfileFactory
pytestmark = pytest.mark.django_db

def test_probe(ledger, bureau, tmp_path, capsys):
    d = DepartmentFactory(bureau=bureau, code="430482-XX", name="常宁市某局")
    ProfileFactory(department=d, year=2023, internal_units="办公室、科普股")
    code = main(["report", "--bureau", "常宁市财政局", "--year", "2023", "--all", "--format", "txt", "--out-dir", str(tmp_path), "--inline"])
    print(capsys.readouterr().out)
    assert code == 99
