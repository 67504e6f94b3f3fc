"""The only module that reads the process environment for settings."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("JIXIAO_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def local_secret_key() -> str:
    """A key generated once and kept under var/ (local use only; production reads SECRET_KEY)."""
    key = env_str("SECRET_KEY")
    if key:
        return key
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def default_database_url() -> str:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{VAR_DIR / 'jixiao.sqlite3'}"


KEY_ADVICE = '请用 python -c "import secrets; print(secrets.token_urlsafe(50))" 生成一个随机密钥。'


def secret_key_problem(key: str | None) -> str | None:
    """Why a production SECRET_KEY is unfit, in Chinese; None when it will do.

    Django's own deploy check only asks for 50 characters and 5 distinct ones; a key of one
    repeated character, a short pattern repeated, or a sentence written twice is guessable.
    """
    import collections
    import math
    import zlib

    if not key:
        return "生产环境必须通过环境变量 SECRET_KEY 提供密钥。" + KEY_ADVICE
    if len(key) < 50:
        return f"SECRET_KEY 只有{len(key)}个字符，生产环境至少需要50个字符。" + KEY_ADVICE
    if key.startswith("django-insecure-"):
        return "SECRET_KEY 是 Django 生成的开发用密钥（django-insecure-），不能用于生产环境。" + KEY_ADVICE
    distinct = len(set(key))
    if distinct < 10:
        return f"SECRET_KEY 只用了{distinct}种字符，太容易猜。" + KEY_ADVICE
    counts = collections.Counter(key)
    bits = -sum(n / len(key) * math.log2(n / len(key)) for n in counts.values()) * len(key)
    packed = len(zlib.compress(key.encode("utf-8"), 9))
    if bits < 200 or packed < 0.75 * len(key):
        return "SECRET_KEY 有明显的重复或规律（随机性不足），太容易猜。" + KEY_ADVICE
    return None
