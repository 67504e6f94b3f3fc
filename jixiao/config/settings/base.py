"""Settings shared by every environment. Production differs only by environment values.

DEBUG is off here; only ``jixiao.config.settings.local`` turns it on.
"""

from __future__ import annotations

import datetime as dt

import dj_database_url

from jixiao.config.env import BASE_DIR, VAR_DIR, default_database_url, env_list, env_str, local_secret_key

SECRET_KEY = local_secret_key()
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "jixiao.apps.core",
    "jixiao.apps.orgs",
    "jixiao.apps.budgets",
    "jixiao.apps.goals",
    "jixiao.apps.projects",
    "jixiao.apps.assets",
    "jixiao.apps.exchange",
    "jixiao.apps.reports",
    "jixiao.apps.oversight",
    "jixiao.apps.checks",
    "axes",
    "pgtrigger",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # One-time form tokens: a double submit books once (after CSRF, auth and messages).
    "jixiao.apps.core.form_tokens.FormTokenMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jixiao.apps.core.middleware.YearMiddleware",
    "jixiao.apps.core.middleware.MustChangePasswordMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jixiao.config.urls"
WSGI_APPLICATION = "jixiao.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jixiao" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.apps.core.context_processors.frame",
            ],
            # {% csrf_token %} also writes the one-time form token (core.templatetags.form_tokens).
            "builtins": ["jixiao.apps.core.templatetags.form_tokens"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(env_str("DATABASE_URL", default_database_url()), conn_max_age=0)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions make SQLite writers queue instead of failing on upgrade;
    # the timeout lets them wait for each other (select_for_update is a no-op there).
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 30})

AUTH_USER_MODEL = "orgs.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login protection (django-axes, jixiao.apps.core.login_protection): after LOGIN_FAILURE_LIMIT wrong
# passwords for one account, or from one IP address, further attempts are refused without checking
# the password for LOGIN_LOCKOUT_MINUTES; the 系统管理员 can unlock earlier (jixiao unlock).
LOGIN_FAILURE_LIMIT = int(env_str("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_MINUTES = int(env_str("LOGIN_LOCKOUT_MINUTES", "15"))
# Behind a reverse proxy every request comes from the proxy's address; name the header that carries
# the client's address (e.g. HTTP_X_REAL_IP) so that one office is not locked out for another.
LOGIN_CLIENT_IP_HEADER = env_str("LOGIN_CLIENT_IP_HEADER", "")
AUTHENTICATION_BACKENDS = [
    "jixiao.apps.core.login_protection.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = dt.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks: per account and per IP
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lock ends 15 minutes after it began
AXES_LOCKOUT_CALLABLE = "jixiao.apps.core.login_protection.lockout_response"
AXES_CLIENT_IP_CALLABLE = "jixiao.apps.core.login_protection.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # successes are in jixiao's own audit trail
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["username", "full_name", "first_name", "last_name", "email"]},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request when it is missing
STATICFILES_DIRS = [BASE_DIR / "jixiao" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Behind nginx: evidence files are sent by the proxy (X-Accel-Redirect) after jixiao's permission check.
JIXIAO_EVIDENCE_ACCEL_PREFIX = env_str("JIXIAO_EVIDENCE_ACCEL_PREFIX", "")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The size limit first, ahead of whatever reads the body (jixiao/apps/core/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "jixiao.apps.core.uploads.SizeLimitedUpload",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# Largest file a web import accepts, in MiB (jixiao/apps/core/uploads.py); larger files are
# stopped before they are stored, with a message. The command line has no such limit.
JIXIAO_MAX_UPLOAD_MB = int(env_str("JIXIAO_MAX_UPLOAD_MB", "100"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

from jixiao.config.settings.tasks import TASKS, TASKS_APPS  # noqa: E402, F401 (TASKS is a setting)

INSTALLED_APPS += TASKS_APPS

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

JIXIAO_VAR_DIR = VAR_DIR
