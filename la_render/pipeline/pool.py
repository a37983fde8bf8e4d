"""The local process pool jobs run on by default, and how it is stopped on a signal."""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import Executor, ProcessPoolExecutor

#: One job per core already: thread pools inside a job only fight each other for the cores.
#: (Two vectors renders side by side: 10.7/11.9 s with one BLAS thread, 12.3/12.7 s with the default.)
SINGLE_THREADED_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def default_executor(max_workers: int) -> Executor:
    """A local process pool; forkserver so workers start clean (no threads or Rich state forked).

    The forkserver preloads manim once and forks every worker from it; it inherits this
    process's environment when it starts, so the BLAS thread limits are set here first.
    """
    for name, value in SINGLE_THREADED_ENV.items():
        os.environ.setdefault(name, value)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["la_render.pipeline.worker", "manim"])
    return ProcessPoolExecutor(max_workers=max_workers, mp_context=context)


#: Seconds a worker gets to exit after SIGTERM before it is killed.
STOP_GRACE = 5.0


def stop_workers(pool: Executor) -> None:
    """Terminate a local pool's worker processes now (a signal to this process alone, such as
    `kill PID`, does not reach them, and shutdown() would wait for every running render)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + STOP_GRACE
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join()
