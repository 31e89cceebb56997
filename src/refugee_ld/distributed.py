"""Where per-document work runs: in this process, in `jobs` local processes, or on a Dask distributed cluster.

Dask distributed runs the same Python function on a laptop's local cluster, on HPC schedulers (dask-jobqueue)
and on Kubernetes (dask-kubernetes), so the pipeline needs no second code path: documents go to the workers
(extraction, then the map stage's batches: mapwork.py), compact results come back in input order.  Workers must
see the same package version and the same data folder (registry, lexicon) at the same path.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TypeVar

from .text.loading import InputError

T = TypeVar("T")
R = TypeVar("R")


def run_tasks(func: Callable[[T], R], tasks: Iterable[T], jobs: int, cluster: str | None = None,
              ahead: int = 2) -> Iterator[R]:
    """`func` over `tasks`, results in input order; at most `ahead` tasks per worker taken from `tasks` at once,
    so a lazy `tasks` is never all in memory (the map stage hands out batches of extractions this way)."""
    if cluster:
        yield from map_on_cluster(cluster, func, tasks, batch=max(2, jobs * ahead))
        return
    if jobs <= 1:
        yield from map(func, tasks)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Future[R]] = deque()
        try:
            for task in tasks:
                pending.append(pool.submit(func, task))
                if len(pending) >= jobs * ahead:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:  # an error (or a closed consumer): start nothing more
                future.cancel()


def map_on_cluster(address: str, func: Callable[[T], R], items: Iterable[T], batch: int = 256) -> Iterator[R]:
    """Apply `func` to every item on the cluster at `address`, yielding results in input order.

    Items go out in windows of `batch`, two windows in flight, so the scheduler never holds the whole corpus.
    """
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--cluster", "Dask distributed is not installed (pip install 'refugee-ld[cluster]')") from None
    try:
        client = Client(address, timeout="30s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise InputError("--cluster", f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        source = iter(items)
        in_flight: deque[list] = deque()
        for _ in range(2):
            window = list(islice(source, batch))
            if window:
                in_flight.append(client.map(func, window, pure=False))
        while in_flight:
            futures = in_flight.popleft()
            window = list(islice(source, batch))
            if window:
                in_flight.append(client.map(func, window, pure=False))
            yield from client.gather(futures)
    finally:
        client.close()
