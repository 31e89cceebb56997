"""The wheel works outside the checkout: build it, install it into a fresh venv, build the seeds elsewhere.

Takes about half a minute (pip resolves the dependencies from the configured index); CI runs it with the rest.
"""
import os
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.packaging


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(bin folder of a fresh venv with the wheel installed, the wheel)."""
    work = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(ROOT)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(work.glob("refugee_ld-*.whl"))
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    pip = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                          str(wheel)], capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr[-2000:]
    return bin_dir, wheel


def run(bin_dir, *args, cwd):
    env = {"PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin", "CI": "true", "HOME": str(cwd)}
    return subprocess.run([str(bin_dir / "refugee-ld"), *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


def test_wheel_holds_the_curated_files_as_package_data(installed):
    _, wheel = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {"refugee_ld/ontology/refugee-ld.ttl", "refugee_ld/shapes/refugee-ld-shapes.ttl",
                "refugee_ld/data/lexicon.json", "refugee_ld/data/wikidata/types.json"}
    expected |= {f"refugee_ld/data/registry/{p.name}" for p in (ROOT / "data" / "registry").glob("*.json")}
    expected |= {f"refugee_ld/data/documents/{p.name}" for p in (ROOT / "data" / "documents").iterdir()
                 if p.is_file()}
    assert expected <= names, sorted(expected - names)
    for name in ("refugee_ld/ontology/refugee-ld.ttl", "refugee_ld/data/lexicon.json"):  # the same bytes
        assert zipfile.ZipFile(wheel).read(name) == (ROOT / name.removeprefix("refugee_ld/")).read_bytes()


def test_installed_command_builds_the_seeds_from_another_folder(installed, tmp_path):
    bin_dir, _ = installed
    where = subprocess.run([str(bin_dir / "python"), "-c", "import refugee_ld; print(refugee_ld.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert str(ROOT) not in where.stdout and "site-packages" in where.stdout
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "data" / "documents", seeds)
    r = run(bin_dir, "build", seeds, "--out", tmp_path / "dist", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    dist = tmp_path / "dist"
    assert {p.name for p in dist.iterdir()} >= {"graph.ttl", "graph.nt", "dataset.nq", "dataset.trig",
                                                 "graph.jsonld", "context.jsonld", "validation.ttl", "void.ttl"}
    import pyoxigraph as ox

    for name, fmt in (("graph.nt", ox.RdfFormat.N_TRIPLES), ("dataset.nq", ox.RdfFormat.N_QUADS),
                      ("graph.ttl", ox.RdfFormat.TURTLE), ("void.ttl", ox.RdfFormat.TURTLE)):
        assert list(ox.parse(path=str(dist / name), format=fmt)), name
    triples = int(re.search(r'void:triples "(\d+)"', (dist / "void.ttl").read_text(encoding="utf-8")).group(1))
    assert triples > 1000  # registry, ontology and the five documents' facts
    q = run(bin_dir, "query", "SELECT (COUNT(*) AS ?n) {?s ?p ?o}", "--format", "csv", cwd=tmp_path)
    assert q.returncode == 0 and int(q.stdout.split()[-1]) == triples
    v = run(bin_dir, "validate", cwd=tmp_path)
    assert v.returncode == 0, v.stdout[-500:]


def test_installed_command_defaults_to_the_packaged_corpus(installed, tmp_path):
    bin_dir, _ = installed
    r = run(bin_dir, "-q", "build", "--out", tmp_path / "out", cwd=tmp_path)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    nt = (tmp_path / "out" / "graph.nt").read_text(encoding="utf-8")
    assert nt.count("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                    "<https://w3id.org/refugee-ld/ontology#Document>") == len(
        list((ROOT / "data" / "documents").glob("*.txt")))
    # reconcile never writes into site-packages
    rec = run(bin_dir, "reconcile", "--offline", "--data", tmp_path / "out", cwd=tmp_path)
    assert rec.returncode == 2 and "pass --data-dir" in rec.stderr
