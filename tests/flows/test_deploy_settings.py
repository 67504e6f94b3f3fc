"""Production settings: secrets from the environment, `check --deploy` clean."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest

from jixiao.config.env import secret_key_problem


def run_check(env_extra):
    unsafe_for_tests = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unsafe_for_tests}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_check(
        {
            "DJANGO_SETTINGS_MODULE": "jixiao.config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "jixiao.example.gov.cn",
        }
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check({"DJANGO_SETTINGS_MODULE": "jixiao.config.settings.production", "ALLOWED_HOSTS": "x"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("key", "says"),
    [
        ("x" * 64, "只用了1种字符"),
        ("0123456789abcdef" * 4, "重复或规律"),
        ("correct-horse-battery-staple-" * 2, "重复或规律"),
        ("abcdefgh" * 8, "只用了8种字符"),
        ("django-insecure-" + "q8Zr3-xLw0PvN2kYtG7bHcJ5mDsF9aUeR1oI4nWzK6yVjT", "django-insecure"),
        ("short-but-random-Zq8r3xLw0PvN", "只有29个字符"),
    ],
)
def test_a_guessable_production_key_is_refused_with_the_reason(key, says):
    assert says in secret_key_problem(key)
    result = run_check(
        {
            "DJANGO_SETTINGS_MODULE": "jixiao.config.settings.production",
            "SECRET_KEY": key,
            "ALLOWED_HOSTS": "x",
        }
    )
    assert result.returncode != 0 and says in result.stderr


def test_random_keys_pass():
    for _ in range(50):
        assert secret_key_problem(secrets.token_urlsafe(50)) is None
        assert secret_key_problem(secrets.token_hex(32)) is None


def test_debug_is_off_unless_local_settings_are_chosen():
    code = "import django;from django.conf import settings;django.setup();print(settings.DEBUG)"
    base = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "jixiao.config.settings.base"},
        capture_output=True,
        text=True,
    )
    local = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "jixiao.config.settings.local"},
        capture_output=True,
        text=True,
    )
    assert base.stdout.strip() == "False"
    assert local.stdout.strip() == "True"


def test_production_keeps_postgresql_connections_between_requests():
    script = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    base = {
        "DJANGO_SETTINGS_MODULE": "jixiao.config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "x",
        "DATABASE_URL": "postgres://jixiao@127.0.0.1:5432/jixiao",
    }

    def settings_of(extra):
        env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
        env.update({**base, **extra})
        command = [sys.executable, "-c", f"import django; django.setup(); {script}"]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120).stdout.split()

    assert settings_of({}) == ["60", "True"]
    assert settings_of({"DB_CONN_MAX_AGE": "300"}) == ["300", "True"]
    assert settings_of({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}) == ["0", "False"]
