"""Generations of the output folder: SIGKILL at every step of a write, and of real builds, leaves `dist` exactly
the previous or the new generation; the next write removes whatever the killed one left."""
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from refugee_ld import generations
from refugee_ld.generations import OutputError, current, home_of, write_generation

ROOT = Path(__file__).resolve().parents[1]
A = {"graph.nt": "<a> <b> <c> .\n", "void.ttl": "# old\n", "report.ttl": "old report\n"}
B = {"graph.nt": "<x> <y> <z> .\n" * 50, "void.ttl": "# new\n", "report.ttl": "new report\n", "extra.ttl": "x\n"}
C = {"graph.nt": "<c> <c> <c> .\n", "void.ttl": "# third\n"}

# Counts every file-system call the write makes and kills itself (SIGKILL, no cleanup) at call number K.
CHILD = r"""
import builtins, json, os, signal, sys
from pathlib import Path
from refugee_ld import generations
out, k, files = Path(sys.argv[1]), int(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text())
count = 0
def hook(fn):
    def wrapped(*args, **kwargs):
        global count
        count += 1
        if count == k:
            os.kill(os.getpid(), signal.SIGKILL)
        return fn(*args, **kwargs)
    return wrapped
for name in ("rename", "replace", "symlink", "mkdir", "fsync", "open", "unlink", "rmdir", "close", "listdir",
             "scandir", "stat", "lstat", "readlink"):
    setattr(os, name, hook(getattr(os, name)))
builtins.open = hook(builtins.open)
generations.write_generation(out, files, keep=2, adopt=lambda name: True)
print(count)
"""


def snapshot(out: Path) -> dict[str, str] | None:
    """name -> sha256 of every file `out` shows, or None when there is no `out`."""
    if not out.exists():
        return None
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}


def digest(files: dict[str, str]) -> dict[str, str]:
    return {n: hashlib.sha256(t.encode()).hexdigest() for n, t in sorted(files.items())}


def leftovers(out: Path) -> list[str]:
    home = home_of(out)
    names = os.listdir(home) if home.is_dir() else []
    kept = {home.name, ".refugee-ld-cache"}  # the extraction cache is wanted state, not a leftover
    stray = [n for n in os.listdir(out.parent) if n.startswith(".") and n not in kept]
    return [n for n in names if n.startswith(generations.TMP_PREFIX)] + stray


def run_child(out: Path, k: int, files_json: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD, str(out), str(k), str(files_json)], capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize("before", ["generation", "plain-folder", "nothing"])
def test_sigkill_at_every_step_leaves_old_or_new(tmp_path, before):
    files_json = tmp_path / "b.json"
    files_json.write_text(json.dumps(B))
    probe = tmp_path / "probe" / "dist"
    probe.parent.mkdir()
    total = run_child(probe, 10**9, files_json)
    assert total.returncode == 0, total.stderr
    steps = int(total.stdout)
    assert steps > 20
    outcomes = {"old": 0, "new": 0}
    for k in range(1, steps + 1):
        parent = tmp_path / f"k{k}"
        parent.mkdir()
        out = parent / "dist"
        if before == "generation":
            write_generation(out, A)
        elif before == "plain-folder":
            out.mkdir()
            for name, text in A.items():
                (out / name).write_text(text)
        old = digest(A) if before != "nothing" else None
        result = run_child(out, k, files_json)
        assert result.returncode in (0, -signal.SIGKILL), result.stderr
        seen = snapshot(out)
        assert seen in (old, digest(B)), f"kill at step {k}/{steps}: {seen}"
        outcomes["old" if seen == old else "new"] += 1
        write_generation(out, C, adopt=lambda name: True)  # the next build cleans up after the killed one
        assert snapshot(out) == digest(C)
        assert leftovers(out) == [], f"kill at step {k}: {leftovers(out)}"
        assert len(generations.generations(out)) <= 2
    assert outcomes["old"] and outcomes["new"]  # kills landed before and after the switch


def test_sigkill_of_real_builds(tmp_path, data_dir):
    """Kill `refugee-ld build` at several moments (extraction, validation, writing, switching)."""
    docs = data_dir / "documents"
    out = tmp_path / "dist"
    env = {"CI": "true", "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "refugee_ld", "build", "--out", str(out)]
    first = subprocess.run(cmd + [str(docs / "002_adb1bb14aa2d7c78.txt")], capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    old = snapshot(out)
    reference = tmp_path / "elsewhere" / "ref"
    done = subprocess.run([sys.executable, "-m", "refugee_ld", "build", "--out", str(reference),
                           str(docs / "003_d476d3b4c04e2724.txt")], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    new = snapshot(reference)
    assert old != new
    start = time.monotonic()
    full = subprocess.run(cmd + [str(docs / "003_d476d3b4c04e2724.txt")], capture_output=True, env=env)
    duration = time.monotonic() - start
    assert full.returncode == 0 and snapshot(out) == new
    for fraction in (0.4, 0.8, 0.95, 0.99):
        subprocess.run(cmd + [str(docs / "002_adb1bb14aa2d7c78.txt")], capture_output=True, env=env, check=True)
        process = subprocess.Popen(cmd + [str(docs / "003_d476d3b4c04e2724.txt")], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, env=env)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert snapshot(out) in (old, new), fraction
    again = subprocess.run(cmd + [str(docs / "003_d476d3b4c04e2724.txt")], capture_output=True, env=env)
    assert again.returncode == 0 and snapshot(out) == new and leftovers(out) == []


def test_readers_keep_a_consistent_generation(tmp_path):
    out = tmp_path / "dist"
    write_generation(out, A)
    folder = current(out)
    handle = open(folder / "graph.nt", encoding="utf-8")  # noqa: SIM115
    write_generation(out, B)
    assert (folder / "void.ttl").read_text() == A["void.ttl"]  # the previous generation is kept (keep=2)
    write_generation(out, C)
    assert handle.read() == A["graph.nt"]  # an open file survives its generation's removal
    handle.close()
    assert not folder.exists() and len(generations.generations(out)) == 2
    write_generation(out, A, keep=1)
    assert len(generations.generations(out)) == 1 and snapshot(out) == digest(A)


def test_a_failed_write_leaves_the_previous_generation(tmp_path):
    out = tmp_path / "dist"
    write_generation(out, A)
    with pytest.raises(RuntimeError):
        with generations.new_generation(out) as stage:
            (stage / "graph.nt").write_text("half")
            raise RuntimeError("serialiser failed")
    assert snapshot(out) == digest(A) and leftovers(out) == []


def test_plain_folders_are_adopted_only_when_they_hold_outputs(tmp_path, monkeypatch):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "graph.nt").write_text("old")
    (out / ".graph.nt.abc123").write_text("leftover of an older version")
    write_generation(out, B, adopt=lambda n: n == "graph.nt" or n.startswith(".graph.nt."))
    assert out.is_symlink() and snapshot(out) == digest(B)
    assert (generations.generations(out)[0] / "graph.nt").read_text() == "old"  # the adopted previous generation
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("precious")
    with pytest.raises(OutputError, match="thesis.tex"):
        write_generation(mine, A, adopt=lambda n: n == "graph.nt")
    assert (mine / "thesis.tex").read_text() == "precious" and not mine.is_symlink()
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(OutputError, match="exists and is not a folder"):
        write_generation(afile, A)
    with pytest.raises(OutputError, match="no name of its own"):
        write_generation(Path("/"), A)
    assert not (tmp_path / ".afile.generations").exists()
    plain = tmp_path / "p" / "plain"
    plain.mkdir(parents=True)
    monkeypatch.setattr(generations, "_exchange", lambda a, b: False)  # the two-step fallback
    write_generation(plain, A)
    assert snapshot(plain) == digest(A) and leftovers(plain) == []


def test_a_users_own_link_is_followed(tmp_path):
    real = tmp_path / "storage" / "dist"
    real.parent.mkdir()
    link = tmp_path / "dist"
    link.symlink_to(real)
    write_generation(link, A)
    assert snapshot(link) == digest(A) and real.is_symlink() and home_of(real).is_dir()


def test_without_symbolic_links_the_folder_is_swapped(tmp_path, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError("symbolic links not supported here")

    monkeypatch.setattr(os, "symlink", no_links)
    out = tmp_path / "dist"
    write_generation(out, A)
    write_generation(out, B)
    assert out.is_dir() and not out.is_symlink() and snapshot(out) == digest(B) and leftovers(out) == []


def test_build_writes_generations_and_refuses_an_empty_corpus(tmp_path, data_dir):
    from refugee_ld.text.loading import InputError
    from refugee_ld.pipeline import build

    out = tmp_path / "dist"
    build([data_dir / "documents" / "002_adb1bb14aa2d7c78.txt"], out_dir=out, validate=False, show_progress=False)
    before = snapshot(out)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no input documents"):
        build([empty], out_dir=out, validate=False, show_progress=False)
    assert snapshot(out) == before and out.is_symlink() and leftovers(out) == []


def test_a_full_disk_is_one_line_and_keeps_the_previous_generation(tmp_path, monkeypatch):
    out = tmp_path / "dist"
    write_generation(out, A)

    def full(root):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(generations, "_sync_tree", full)
    with pytest.raises(OutputError, match=r"dist: cannot write the new generation \(No space left on device\)"):
        write_generation(out, B)
    assert snapshot(out) == digest(A) and leftovers(out) == []
