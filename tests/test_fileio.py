"""Atomic writes: the file appears whole or not at all, with the umask's permissions."""
from __future__ import annotations

import os
import stat

import pytest

from refugee_ld.fileio import umask, write_atomic


def test_write_atomic_creates_folders_and_replaces(tmp_path):
    target = tmp_path / "a" / "b.tsv"
    write_atomic(target, "one\n")
    write_atomic(target, "two\r\n")
    assert target.read_bytes() == b"two\r\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask()
    assert sorted(p.name for p in target.parent.iterdir()) == ["b.tsv"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "links.tsv"
    write_atomic(target, "old\n")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "bad \ud800 surrogate")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["links.tsv"]
