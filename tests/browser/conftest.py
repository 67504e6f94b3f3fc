"""Playwright for Python driving Debian's Chromium (/usr/bin/chromium), against pytest-django's live_server.

No browser is downloaded: when Chromium is missing the browser tests are skipped with a loud
message, unless JIXIAO_REQUIRE_BROWSER=1 (as on CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# live_server runs Django in a thread while Playwright's sync API runs an event loop here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def _one_request_at_a_time() -> None:
    """On SQLite the tests' in-memory database is one connection that the live server shares with
    the test (Django's documentation warns that simultaneous queries on it may fail at random).
    A page that fetches a part of itself (the inbox's year-end checklist) made two server threads
    use it at once, and the full suite hung there. The live server answers one request at a time
    instead; Django then closes each connection after its response, so the browser never waits on
    a kept-alive one."""
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread

    class SerialWSGIServer(WSGIServer):
        # requests are handled in the live server's own thread, which already uses the test's
        # connections (LiveServerThread.run installs connections_override there)
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    LiveServerThread.server_class = SerialWSGIServer


_one_request_at_a_time()

CHROMIUM = Path(os.environ.get("JIXIAO_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
VIEWPORT = {"width": 1366, "height": 768}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_missing_reason() -> str | None:
    if not (CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK)):
        return f"没有找到 Chromium（{CHROMIUM}）。请安装：apt-get install chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "没有安装 Playwright for Python（pip install playwright）。"
    return None


_SKIPPED: list[str] = []


def _missing(reason: str):
    _SKIPPED.append(reason)
    sys.stderr.write(f"\n!! 浏览器测试未运行：{reason}\n")
    if os.environ.get("JIXIAO_REQUIRE_BROWSER") == "1":
        pytest.fail(f"JIXIAO_REQUIRE_BROWSER=1，但{reason}", pytrace=False)
    pytest.skip(f"BROWSER TESTS SKIPPED: {reason}")


@pytest.fixture(scope="session")
def browser():
    reason = _browser_missing_reason()
    if reason:
        _missing(reason)
    from playwright.sync_api import expect, sync_playwright

    # Machines running many test suites at once are slow; assertions wait as long as actions do.
    expect.set_options(timeout=20_000)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield instance
        instance.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def page(request, browser, live_server):
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(20_000)
    # Nothing may come from the internet: refuse any request that is not to the live server.
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort(),
    )
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        # Leave evidence of what the browser showed when the test failed.
        folder = ARTIFACTS / request.node.name
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / "FAILED.png"), full_page=True)
        (folder / "FAILED.url").write_text(page.url, encoding="utf-8")
    context.close()


@pytest.fixture
def shot(request):
    """Save a full-page screenshot under test-artifacts/<test name>/NN-<step>.png."""
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    counter = {"n": 0}

    def take(page, step: str) -> Path:
        counter["n"] += 1
        path = folder / f"{counter['n']:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def pytest_terminal_summary(terminalreporter):
    """Say it loudly at the end of the run, where nobody can miss it."""
    if _SKIPPED:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED 浏览器测试已跳过", red=True, bold=True)
        terminalreporter.write_line(f"原因：{_SKIPPED[0]}", red=True, bold=True)
        terminalreporter.write_line("设置 JIXIAO_REQUIRE_BROWSER=1 时，缺少浏览器将视为失败。", red=True)


@pytest.fixture
def browser_page(page):
    """The same page, under the name other journeys use."""
    return page


def login(page, live_server, username: str, password: str, year: int | None = 2023) -> None:
    """Log in through the login form, then switch the session to ``year`` (the demo books are 2023's)."""
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state("networkidle")
    if year:
        page.goto(f"{live_server.url}/?year={year}")
        page.wait_for_load_state("networkidle")


def logout(page, live_server) -> None:
    page.goto(f"{live_server.url}/")
    form = page.locator("form[action$='/logout/']")
    if form.count():
        form.locator("button").first.click()
        page.wait_for_load_state("networkidle")
