"""Many users at once: simulated users doing a mixed workload against a local jixiao server.

    python bench/bench_load.py                          # small: 10 users, 20 s (make bench)
    python bench/bench_load.py --users 50 --duration 300 --processes 4   # the full run
    python bench/bench_load.py --url http://127.0.0.1:8000   # an already running server with demo data

Without --url the script builds the demo (``jixiao demo``) in a fresh database — PostgreSQL
database ``jixiao_load`` on 127.0.0.1:5432 when it answers (or ``--engine sqlite``) — and starts
``jixiao serve --processes N --threads T`` on a free port, as README 运维指南 · 多用户部署 describes.

Each simulated user logs in with its own session (finance officers of the demo departments,
department heads, bureau staff, auditors) and, with a think time of 0.5–2 s, requests the pages
of its role: home and execution table, voucher lists and vouchers, 双监控, activities, reports,
the bureau overview and drill-downs, the audit trail, static files. One request in twenty of a
finance officer records a 1.00元 expense through the real form (CSRF, budget control, audit),
so the writes take locks while the others read.

It prints, per kind of request and in all: count, p50, p95 and max latency, errors; first the
same pages requested by one user alone (the unloaded latency), then under load, and the ratio of
the two p95s side by side. An error is a status ≥ 400, a refused login, an exception or a
timeout; a budget-control refusal of an expense is counted apart (it is the control working).
The run is bounded: every request has a 30 s timeout and the whole run stops at --duration.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections import defaultdict
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from _scaling import load_text  # noqa: E402

PASSWORD = "jixiao-demo"
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
TIMEOUT = 30


# --------------------------------------------------------------------------- a tiny browser


class Session:
    """One user's keep-alive connection with its cookies (sessionid, csrftoken)."""

    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str, dict]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        for attempt in (1, 2):  # a keep-alive connection the server closed is reopened once
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, content.decode("utf-8", "replace"), dict(response.getheaders())

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def _hidden_inputs(html: str, form_start: int) -> dict[str, str]:
    form = html[form_start : html.find("</form>", form_start)]
    fields = {}
    for tag in re.findall(r"<input[^>]*>", form):
        if 'type="hidden"' in tag:
            name = re.search(r'name="([^"]+)"', tag)
            value = re.search(r'value="([^"]*)"', tag)
            if name:
                fields[name.group(1)] = unescape(value.group(1)) if value else ""
    return fields


def _form_after(html: str, marker: str) -> int:
    """Start of the first <form method="post"> after ``marker`` (the page's own form, not 退出)."""
    at = html.find(marker)
    for match in re.finditer(r'<form[^>]*method="post"', html):
        if match.start() > at and 'action="/logout/"' not in match.group(0):
            return match.start()
    return -1


def log_in(session: Session, username: str) -> bool:
    status, html, _ = session.request("GET", "/login/")
    start = _form_after(html, "<body")
    fields = _hidden_inputs(html, start) if start >= 0 else {}
    fields.update({"username": username, "password": PASSWORD})
    status, _, _ = session.request("POST", "/login/", fields)
    return status == 302 and "sessionid" in session.cookies


# --------------------------------------------------------------------------- the workload


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.refused_writes = 0
        self.accepted_writes = 0

    def timed(self, session: Session, kind: str, method: str, path: str, body=None, ok=(200, 302)):
        started = time.perf_counter()
        try:
            status, html, headers = session.request(method, path, body)
        except Exception as error:
            with self.lock:
                self.errors[kind].append(f"{path}: {type(error).__name__}: {error}")
            return None
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latency[kind].append(elapsed)
            if status not in ok:
                self.errors[kind].append(f"{path}: HTTP {status}")
        return status, html, headers


def _links(html: str, pattern: str) -> list[str]:
    return sorted(set(re.findall(pattern, html)))


def officer_step(session: Session, rec: Recorder, rng: random.Random, state: dict) -> None:
    choice = rng.random()
    if choice < 0.05:
        _record_expense(session, rec, rng)
    elif choice < 0.25:
        rec.timed(session, "首页（预算执行）", "GET", "/")
    elif choice < 0.45:
        result = rec.timed(session, "凭证列表", "GET", "/budgets/vouchers/")
        if result:
            state["vouchers"] = _links(result[1], r'href="(/budgets/vouchers/\d+/)"') or state.get(
                "vouchers", []
            )
    elif choice < 0.55 and state.get("vouchers"):
        rec.timed(session, "凭证详情", "GET", rng.choice(state["vouchers"]))
    elif choice < 0.65:
        rec.timed(session, "双监控", "GET", "/goals/monitoring/")
    elif choice < 0.75:
        rec.timed(session, "履职活动", "GET", "/goals/activities/")
    elif choice < 0.85:
        rec.timed(session, "绩效目标", "GET", "/goals/")
    elif choice < 0.92:
        rec.timed(session, "自评与报告", "GET", "/reports/")
    else:
        rec.timed(session, "静态文件", "GET", "/static/css/jixiao.css")


def head_step(session: Session, rec: Recorder, rng: random.Random, state: dict) -> None:
    choice = rng.random()
    if choice < 0.4:
        rec.timed(session, "首页（预算执行）", "GET", "/")
    elif choice < 0.6:
        rec.timed(session, "调剂", "GET", "/budgets/transfers/")
    elif choice < 0.8:
        rec.timed(session, "专项项目", "GET", "/projects/")
    else:
        rec.timed(session, "资产", "GET", "/assets/")


def bureau_step(session: Session, rec: Recorder, rng: random.Random, state: dict) -> None:
    choice = rng.random()
    if choice < 0.45:
        result = rec.timed(session, "全局概览", "GET", "/oversight/")
        if result:
            state["departments"] = _links(result[1], r'href="(/oversight/departments/\d+/)"') or state.get(
                "departments", []
            )
    elif choice < 0.75 and state.get("departments"):
        rec.timed(session, "单位下钻", "GET", rng.choice(state["departments"]))
    elif choice < 0.9:
        rec.timed(session, "审核发布", "GET", "/oversight/reviews/")
    else:
        rec.timed(session, "公开页", "GET", "/public/")


def auditor_step(session: Session, rec: Recorder, rng: random.Random, state: dict) -> None:
    if rng.random() < 0.5:
        rec.timed(session, "审计记录", "GET", "/core/audit/")
    else:
        bureau_step(session, rec, rng, state)


def _record_expense(session: Session, rec: Recorder, rng: random.Random) -> None:
    """A 1.00元 公用经费 expense through the real form; a budget refusal is the control working."""
    result = rec.timed(session, "支出录入（表单）", "GET", "/budgets/vouchers/new/")
    if not result:
        return
    html = result[1]
    start = _form_after(html, "<main")
    fields = _hidden_inputs(html, start)
    lines = re.findall(
        r'<option value="(\d+)" data-basic="1"[^>]*>([^<]*(?:公用经费|商品和服务)[^<]*)</option>', html
    )
    if not lines:
        return
    fields.update(
        {
            "date": re.search(r'name="date" value="([^"]+)"', html).group(1),
            "summary": f"压力测试办公用品（演示数据）{rng.randrange(10**6)}",
            "payee": "压力测试商店",
            "amount": "1.00",
            "econ_code": "30201",
            "fund_type": "basic_public",
            "line": lines[0][0],
        }
    )
    posted = rec.timed(session, "支出录入（提交）", "POST", "/budgets/vouchers/new/", fields, ok=(200, 302))
    if posted:
        with rec.lock:
            if posted[0] == 302:
                rec.accepted_writes += 1
            else:
                rec.refused_writes += 1


ROLE_STEPS = {"officer": officer_step, "head": head_step, "bureau": bureau_step, "auditor": auditor_step}


def accounts(users: int) -> list[tuple[str, str]]:
    """50 users: 40 finance officers (常宁科协 and the 24 demo departments), 3 heads, 4 bureau, 3 audit."""
    officers = ["kx_caiwu"] + [f"dept{i:02d}_cw" for i in range(1, 25)]
    plan = []
    for index in range(users):
        slot = index % 10
        if slot < 8:
            plan.append(("officer", officers[index % len(officers)]))
        elif slot == 8:
            plan.append(("bureau", "czj_jixiao") if index % 20 == 8 else ("head", "kx_fuzeren"))
        else:
            plan.append(("auditor", "sj_shenji") if index % 20 == 9 else ("bureau", "czj_jixiao"))
    return plan


def run_users(base: str, plan, duration: float, think: tuple[float, float], seed: int) -> Recorder:
    rec = Recorder()
    stop = time.monotonic() + duration
    barrier = threading.Barrier(len(plan))

    def user(index: int, role: str, username: str) -> None:
        rng = random.Random(seed + index)
        session = Session(base)
        state: dict = {}
        try:
            logged_in = log_in(session, username)
        except Exception as error:
            logged_in = False
            rec.errors["登录"].append(f"{username}: {error}")
        if not logged_in:
            rec.errors["登录"].append(f"{username}: 登录失败")
        barrier.wait()
        if not logged_in:
            return
        while time.monotonic() < stop:
            ROLE_STEPS[role](session, rec, rng, state)
            time.sleep(min(rng.uniform(*think), max(0.0, stop - time.monotonic())))
        session.close()

    threads = [threading.Thread(target=user, args=(i, r, u), daemon=True) for i, (r, u) in enumerate(plan)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 2 * TIMEOUT + 60)
    return rec


# --------------------------------------------------------------------------- server and report


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(engine: str, directory: str) -> str:
    if engine == "sqlite":
        return f"sqlite:///{directory}/load.sqlite3"
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "jixiao_load"], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "jixiao_load"], check=True)
    return "postgres://postgres@127.0.0.1:5432/jixiao_load"


def _pg_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        return True
    except OSError:
        return False


def start_server(args, directory: str):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({"JIXIAO_VAR_DIR": directory, "DATABASE_URL": _database_url(args.engine, directory)})
    jixiao = [sys.executable, "-m", "jixiao"]
    started = time.perf_counter()
    subprocess.run([*jixiao, "demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"演示数据已建立（{args.engine}，{time.perf_counter() - started:.0f} s）", flush=True)
    port = _free_port()
    command = [
        *jixiao,
        "serve",
        "--port",
        str(port),
        "--processes",
        str(args.processes),
        "--threads",
        str(args.threads),
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            Session(base).request("GET", "/login/")
            return server, base
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"服务启动失败：{server.stderr.read().decode()}") from None
            time.sleep(0.5)
    server.kill()
    raise SystemExit("服务未在120秒内启动")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _pad(text: str, width: int) -> str:
    """Left-justify counting CJK characters as two columns, so the table lines up in a terminal."""
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - shown)


def report(label: str, rec: Recorder, seconds: float, baseline: Recorder | None = None) -> None:
    print(f"\n== {label}")
    header = f"{_pad('请求', 18)}{'次数':>5}{'p50 ms':>9}{'p95 ms':>9}{'最大 ms':>8}{'错误':>4}"
    if baseline:
        header += f"{'单用户 p95':>9}{'比值':>6}"
    print(header)
    kinds = sorted(set(rec.latency) | set(rec.errors), key=lambda k: -len(rec.latency.get(k, [])))
    everything = []
    for kind in kinds:
        values = rec.latency.get(kind, [])
        everything += values
        if not values:
            print(f"{_pad(kind, 18)}{0:>7}{'—':>9}{'—':>9}{'—':>9}{len(rec.errors[kind]):>6}")
            continue
        line = (
            f"{_pad(kind, 18)}{len(values):>7}{statistics.median(values) * 1000:>9.0f}"
            f"{percentile(values, 0.95) * 1000:>9.0f}{max(values) * 1000:>9.0f}{len(rec.errors.get(kind, [])):>6}"
        )
        if baseline and baseline.latency.get(kind):
            alone = percentile(baseline.latency[kind], 0.95)
            line += f"{alone * 1000:>12.0f}{percentile(values, 0.95) / alone:>7.1f}×"
        print(line)
    errors = sum(len(v) for v in rec.errors.values())
    if everything:
        print(
            f"{_pad('全部', 18)}{len(everything):>7}{statistics.median(everything) * 1000:>9.0f}"
            f"{percentile(everything, 0.95) * 1000:>9.0f}{max(everything) * 1000:>9.0f}{errors:>6}"
        )
        print(
            f"吞吐 {len(everything) / seconds:.1f} 请求/秒；支出写入 {rec.accepted_writes} 笔成功，"
            f"{rec.refused_writes} 笔被预算控制拒绝"
        )
    for kind, messages in rec.errors.items():
        for message in messages[:5]:
            print(f"  错误 [{kind}] {message}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--duration", type=float, default=20.0, help="负载阶段秒数（完整测试 300）")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--engine", choices=["postgres", "sqlite"], default=None)
    parser.add_argument("--url", help="已运行的服务（含演示数据），不自建数据库")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    args.engine = args.engine or ("postgres" if _pg_answers() else "sqlite")
    server = None
    with tempfile.TemporaryDirectory(prefix="jixiao-load-") as directory:
        if args.url:
            base = args.url.rstrip("/")
        else:
            server, base = start_server(args, directory)
        try:
            print(
                f"{base}：{args.users} 个模拟用户，{args.duration:.0f} s，服务 {args.processes} 进程 × "
                f"{args.threads} 线程，数据库 {args.engine}；负载 {load_text()}",
                flush=True,
            )
            alone_seconds = min(20.0, max(5.0, args.duration / 10))
            alone = run_users(base, [("officer", "kx_caiwu")], alone_seconds, (0.0, 0.05), args.seed)
            bureau_alone = run_users(
                base, [("bureau", "czj_jixiao")], alone_seconds / 2, (0.0, 0.05), args.seed
            )
            for kind, values in bureau_alone.latency.items():
                alone.latency[kind] += values
            started = time.monotonic()
            loaded = run_users(base, accounts(args.users), args.duration, (0.5, 2.0), args.seed)
            seconds = time.monotonic() - started
            report("单用户（无负载）", alone, alone_seconds * 1.5)
            report(f"{args.users} 个用户同时（负载 {load_text()}）", loaded, seconds, baseline=alone)
            errors = sum(len(v) for v in loaded.errors.values())
            print(f"\n结论：{'0 错误' if not errors else f'{errors} 个错误'}。")
        finally:
            if server is not None:
                server.send_signal(signal.SIGTERM)
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
        if errors:
            sys.exit(1)


if __name__ == "__main__":
    main()
