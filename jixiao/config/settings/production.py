"""Production: every secret and host comes from the environment; HTTPS only.

``manage.py check --deploy`` is clean with these settings.
"""

from django.core.exceptions import ImproperlyConfigured

from jixiao.config.env import env_bool, env_list, env_str, secret_key_problem
from jixiao.config.settings.base import *  # noqa: F403

SECRET_KEY = env_str("SECRET_KEY")
if problem := secret_key_problem(SECRET_KEY):
    raise ImproperlyConfigured(problem)

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# PostgreSQL: each server thread keeps its database connection between requests (DB_CONN_MAX_AGE
# seconds, default 60; checked before reuse). A new connection for every request gives every page
# a fresh server process on the database side, which has to load its catalogs again: 0.05–0.2 s
# more on a bureau's overview (bench/bench_province.py, 冷启动 against 中位数). Connections held:
# processes × threads of `jixiao serve` plus the workers; PostgreSQL allows 100 by default.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = int(env_str("DB_CONN_MAX_AGE", "60"))  # noqa: F405
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
