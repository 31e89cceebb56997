"""The per-document stage on a Dask distributed cluster (`build --cluster ADDRESS`).

Dask distributed runs the same Python function on a laptop's local cluster, on HPC schedulers (dask-jobqueue)
and on Kubernetes (dask-kubernetes), so the pipeline needs no second code path: documents go to the workers,
`Extraction` records come back, and everything after extraction runs here as in a local build. Workers must
see the same package version and the same data folder (registry, lexicon) at the same path.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from .text.loading import InputError

T = TypeVar("T")
R = TypeVar("R")


def map_on_cluster(address: str, func: Callable[[T], R], items: list[T], batch: int = 256) -> Iterator[R]:
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
        windows = [items[i:i + batch] for i in range(0, len(items), batch)]
        in_flight = [client.map(func, window, pure=False) for window in windows[:2]]
        for index in range(len(windows)):
            futures = in_flight.pop(0)
            if index + 2 < len(windows):
                in_flight.append(client.map(func, windows[index + 2], pure=False))
            yield from client.gather(futures)
    finally:
        client.close()
