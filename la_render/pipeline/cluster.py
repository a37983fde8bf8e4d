"""Render jobs on a Dask cluster instead of the local process pool (`--dask ADDRESS`).

The pipeline only needs a `concurrent.futures.Executor`; Dask's `Client.get_executor()` is one.
Workers write into `<out>/.tmp/<job>/` and the parent moves finished files into place, so a
remote cluster must see the output folder at the same path (a shared filesystem) and have the
project installed. `local` starts a cluster of single-threaded worker processes on this machine.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager

from la_render.pipeline.pool import SINGLE_THREADED_ENV

LOCAL = "local"
#: Seconds to wait for a remote scheduler before giving up with one clear line.
CONNECT_TIMEOUT = 5


class ClusterError(ValueError):
    """The cluster cannot be used: `distributed` missing, or the scheduler unreachable."""


@contextmanager
def dask_executor(address: str, workers: int) -> Iterator[Executor]:
    """An Executor on the Dask scheduler at `address` (or a local cluster of `workers`)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--dask needs the 'distributed' package: pip install 'la-render[dask]'") from None
    if address == LOCAL:
        for name, value in SINGLE_THREADED_ENV.items():  # one job per core, as the local pool
            os.environ.setdefault(name, value)
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client.get_executor()
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"--dask {address}: cannot reach the scheduler ({exc})") from None
    with client:
        yield client.get_executor()
