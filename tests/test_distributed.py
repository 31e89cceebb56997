"""`build --cluster`: the per-document stage on a real Dask cluster of two worker processes on loopback."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from refugee_ld.pipeline import build  # noqa: E402

DUMPS = ("graph.ttl", "graph.nt", "dataset.nq", "dataset.trig", "graph.jsonld", "void.ttl", "validation.ttl")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as local:
        yield local.scheduler_address


def test_cluster_build_is_byte_identical_to_local(cluster, seed_build, tmp_path):
    result = build(out_dir=tmp_path / "dist", show_progress=False, cluster=cluster)
    assert result.documents == seed_build.documents
    for name in DUMPS:
        assert (tmp_path / "dist" / name).read_bytes() == (seed_build.out_dir / name).read_bytes(), name


def test_cli_cluster_option(cluster, seed_build, tmp_path):
    run = subprocess.run([sys.executable, "-m", "refugee_ld", "build", "--out", str(tmp_path / "dist"), "--cluster",
                          cluster, "--no-cache"], capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "dist" / "dataset.nq").read_bytes() == (seed_build.out_dir / "dataset.nq").read_bytes()


def test_unreachable_scheduler_is_one_line_exit_2(tmp_path):
    run = subprocess.run([sys.executable, "-m", "refugee_ld", "build", "--out", str(tmp_path / "dist"), "--cluster",
                          "tcp://127.0.0.1:9", "--no-cache"], capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1 and "Dask scheduler" in run.stderr
    assert not (tmp_path / "dist").exists()


def _square(x: int) -> int:
    if x < 0:
        raise ValueError(f"negative {x}")
    return x * x


@pytest.mark.parametrize("jobs", [1, 2])
def test_local_tasks_come_back_in_order_and_are_taken_lazily(jobs):
    from refugee_ld.distributed import run_tasks

    taken = []

    def tasks():
        for x in range(20):
            taken.append(x)
            yield x

    results = run_tasks(_square, tasks(), jobs, ahead=2)
    assert next(results) == 0 and len(taken) <= max(1, jobs * 2)
    assert list(results) == [x * x for x in range(1, 20)]
    with pytest.raises(ValueError, match="negative -1"):
        list(run_tasks(_square, [1, -1, 2], jobs))


def test_cluster_tasks_come_back_in_order(cluster):
    from refugee_ld.distributed import run_tasks

    assert list(run_tasks(abs, iter(range(-6, 7)), 2, cluster)) == [abs(x) for x in range(-6, 7)]
