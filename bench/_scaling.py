"""How a batch scales from 1 to 2 worker processes, measured so the ratio means something.

Used by bench_report.py and bench_report_render.py:

- Every worker is warm before the clock starts: its initializer imports everything and renders
  one report (fonts, the 公文 template), and the pool waits on a barrier until *all* workers
  have done so — a ``map`` of warm-up tasks does not guarantee each worker gets one.
- Tasks go one at a time (``chunksize=1``): a report takes a quarter of a second, so the queue
  costs nothing and the last worker never waits long for the other's final chunk.
- A task returns the length of the .docx and the worker's own CPU seconds for it, never the
  bytes: the parent only counts.
- In the same run, the same pools run a pure-Python calibration loop with 1 and 2 workers: its
  ratio is what this machine gives two processes *at this moment*. With other programs running,
  both ratios fall together, and comparing CPU seconds per report between 1 and 2 workers tells
  a busy machine (same CPU per report, longer wall time) from contention inside the work
  (more CPU per report with two workers). On a virtual machine the host's other guests show
  in both: the calibration's 1-worker time itself varies by a quarter between rounds there.
- 1 and 2 workers alternate over the rounds, so a burst of load from elsewhere hits both; the
  best of each is kept (other load only ever slows a run down).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

TARGET_SPEEDUP = 1.7
CALIBRATION_LOOPS = 1_500_000  # about 0.1 s of pure Python on these machines


def load_text() -> str:
    """Load average (1/5/15 min) and, where the kernel reports it, CPU pressure: the share of the
    last 10 s in which some runnable task waited for a CPU (0 % on an idle machine)."""
    text = " / ".join(f"{value:.2f}" for value in os.getloadavg())
    try:
        with open("/proc/pressure/cpu", encoding="ascii") as pressure:
            some = dict(item.split("=") for item in pressure.readline().split()[1:])
        text += f"，CPU 争用 {float(some['avg10']):.0f}%（10 s）"
    except (OSError, KeyError, ValueError):
        pass
    return text


def busy_cpus_elsewhere(seconds: float = 1.0) -> float:
    """CPUs kept busy by other processes over ``seconds`` (from /proc/stat; Linux only)."""

    def sample():
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
        idle = fields[3] + fields[4]
        return sum(fields), idle

    try:
        total0, idle0 = sample()
        time.sleep(seconds)
        total1, idle1 = sample()
    except OSError:
        return float("nan")
    ticks = total1 - total0
    return (os.cpu_count() or 1) * (1 - (idle1 - idle0) / ticks) if ticks else 0.0


# --- in the worker processes ---------------------------------------------------------------------

_task: Callable[[int], int] | None = None


def _initialise(task: Callable[[int], int], warm: Callable[[], object], barrier) -> None:
    global _task
    _task = task
    warm()
    barrier.wait(timeout=300)


def _run(index: int) -> tuple[int, float]:
    started = time.process_time()
    size = _task(index)
    return size, time.process_time() - started


def _calibrate(loops: int) -> tuple[int, float]:
    started = time.process_time()
    total = 0
    for i in range(loops):
        total += i * i % 7
    return total, time.process_time() - started


def _nothing(_: int) -> None:
    return None


# --- in the parent -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    workers: int
    wall: float
    cpu: float  # CPU seconds the workers spent on the tasks
    count: int
    total_size: int

    @property
    def cpus_in_use(self) -> float:
        return self.cpu / self.wall

    @property
    def cpu_per_task_ms(self) -> float:
        return self.cpu / self.count * 1000


class WarmPool:
    """A process pool whose workers have all run ``warm`` before it is used."""

    def __init__(self, workers: int, task: Callable[[int], int], warm: Callable[[], object]) -> None:
        context = multiprocessing.get_context()
        barrier = context.Barrier(workers + 1)
        self.workers = workers
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_initialise, initargs=(task, warm, barrier)
        )
        # one submission per worker makes the pool start every process, whatever the start method
        pending = [self.pool.submit(_nothing, i) for i in range(workers)]
        barrier.wait(timeout=300)
        for future in pending:
            future.result()

    def run(self, indices: list[int]) -> Run:
        started = time.perf_counter()
        results = list(self.pool.map(_run, indices, chunksize=1))
        wall = time.perf_counter() - started
        return Run(self.workers, wall, sum(c for _s, c in results), len(results), sum(s for s, _c in results))

    def calibrate(self, tasks: int) -> Run:
        started = time.perf_counter()
        results = list(self.pool.map(_calibrate, [CALIBRATION_LOOPS] * tasks, chunksize=1))
        wall = time.perf_counter() - started
        return Run(self.workers, wall, sum(c for _s, c in results), tasks, 0)

    def close(self) -> None:
        self.pool.shutdown()


def compare(count: int, task: Callable[[int], int], warm: Callable[[], object], *, rounds: int = 2) -> float:
    """Print 1 vs 2 workers on ``count`` tasks, side by side with the machine's calibration
    ratio; returns the speed-up (best of ``rounds`` each)."""
    print(f"批量前：系统负载（1/5/15 分钟）{load_text()}；其他进程占用约 {busy_cpus_elsewhere():.2f} 个 CPU")
    pools = {workers: WarmPool(workers, task, warm) for workers in (1, 2)}
    best: dict[int, Run] = {}
    best_calibration: dict[int, Run] = {}
    sizes = set()
    try:
        for round_ in range(1, rounds + 1):
            for workers, pool in pools.items():
                calibration = pool.calibrate(16)
                run = pool.run(list(range(count)))
                sizes.add(run.total_size)
                if workers not in best or run.wall < best[workers].wall:
                    best[workers] = run
                if workers not in best_calibration or calibration.wall < best_calibration[workers].wall:
                    best_calibration[workers] = calibration
                print(
                    f"  第{round_}轮 {workers} 个进程：{run.wall:.2f} s，每份报告 CPU {run.cpu_per_task_ms:.0f} ms，"
                    f"平均同时占用 {run.cpus_in_use:.2f} 个 CPU；纯计算校准 {calibration.wall:.2f} s",
                    flush=True,
                )
    finally:
        for pool in pools.values():
            pool.close()
    assert len(sizes) == 1, "各轮生成的文件总大小不一致"
    speedup = best[1].wall / best[2].wall
    ceiling = best_calibration[1].wall / best_calibration[2].wall
    print(
        f"批量 {count} 份（各取{rounds}轮最好成绩）：1 个进程 {best[1].wall:.2f} s，2 个进程 {best[2].wall:.2f} s，"
        f"加速比 {speedup:.2f}× — 目标 ≥ {TARGET_SPEEDUP}×：{'达到' if speedup >= TARGET_SPEEDUP else '未达到'}"
    )
    print(
        f"同一时刻纯计算校准的加速比 {ceiling:.2f}×（本机此刻给两个进程的上限）；"
        f"每份报告 CPU：1 个进程 {best[1].cpu_per_task_ms:.0f} ms，2 个进程 {best[2].cpu_per_task_ms:.0f} ms"
        f"（两个 CPU 都空闲时可期的加速比 ≈ 2 × {best[1].cpu_per_task_ms:.0f} / {best[2].cpu_per_task_ms:.0f}"
        f" = {2 * best[1].cpu_per_task_ms / best[2].cpu_per_task_ms:.2f}×）"
    )
    print(f"批量后：系统负载（1/5/15 分钟）{load_text()}（负载来自其他程序时，两个加速比会一起下降）")
    return speedup
