"""Evidence behind a reverse proxy: the permission check stays in jixiao, only the bytes move to nginx."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.apps.goals import services
from tests.factories import PASSWORD

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _evidence(officer, record, settings, tmp_path, name="活动照片.png"):
    settings.MEDIA_ROOT = tmp_path
    activity = record([{"output_key": "下乡科普次数", "quantity": "1次"}])
    return services.evidence_attach(actor=officer, activity=activity, upload=SimpleUploadedFile(name, PNG))


def test_with_an_accel_prefix_the_proxy_sends_the_file_after_the_check(
    client, officer, other_officer, record, settings, tmp_path
):
    evidence = _evidence(officer, record, settings, tmp_path)
    settings.JIXIAO_EVIDENCE_ACCEL_PREFIX = "/protected-media/"
    assert client.login(username=officer.username, password=PASSWORD)
    response = client.get(f"/goals/evidence/{evidence.pk}/?download=1")
    assert response.status_code == 200
    assert response.content == b""  # nginx adds the bytes
    assert response["X-Accel-Redirect"] == "/protected-media/" + evidence.file.name
    assert response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    assert "%E6%B4%BB%E5%8A%A8%E7%85%A7%E7%89%87.png" in response["Content-Disposition"]  # 活动照片.png
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    client.logout()
    assert client.login(username=other_officer.username, password=PASSWORD)
    refused = client.get(f"/goals/evidence/{evidence.pk}/")
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused


def test_without_the_prefix_django_streams_the_file_itself(client, officer, record, settings, tmp_path):
    evidence = _evidence(officer, record, settings, tmp_path)
    settings.JIXIAO_EVIDENCE_ACCEL_PREFIX = ""
    assert client.login(username=officer.username, password=PASSWORD)
    response = client.get(f"/goals/evidence/{evidence.pk}/")
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == PNG
