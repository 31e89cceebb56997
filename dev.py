#!/usr/bin/env python3
"""Bootstrap for a fresh machine: only Python 3.11+ needed.

    python3 dev.py build [refugee-ld build options]   # creates .venv, installs, builds dist/ from data/
    python3 dev.py test  [pytest options]              # creates .venv, installs with test extras, runs pytest
    python3 dev.py run   <refugee-ld arguments>        # any other command inside the environment
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_environment() -> None:
    """Create .venv and install the project (editable, with test extras) when pyproject.toml changed."""
    if sys.version_info < (3, 11):
        sys.exit(f"refugee-ld needs Python 3.11 or newer (this is {sys.version.split()[0]})")
    stamp = VENV / ".installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("creating virtual environment in .venv", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["--upgrade", "pip"], check=True)
    subprocess.run(pip + ["-e", f"{ROOT}[test]"], check=True)
    stamp.write_text(digest)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("build", "test", "run"):
        print(__doc__, file=sys.stderr)
        return 2
    ensure_environment()
    command, rest = argv[0], argv[1:]
    if command == "test":
        return subprocess.run([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT).returncode
    if command == "build":
        return subprocess.run([str(PYTHON), "-m", "refugee_ld", "build", *rest], cwd=ROOT).returncode
    return subprocess.run([str(PYTHON), "-m", "refugee_ld", *rest], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
