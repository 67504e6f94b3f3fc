"""Local use on one machine (make demo): DEBUG on, secret key kept under var/."""

from jixiao.config.settings.base import *  # noqa: F403

DEBUG = True
