"""Progress: bars only on a terminal without CI and without -q; -v stage lines anywhere."""
import io
import sys

import pytest

from refugee_ld import progress


@pytest.fixture(autouse=True)
def reset():
    yield
    progress.configure()


def test_no_bar_when_piped_or_in_ci(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not progress.bars_enabled()  # StringIO is not a terminal
    monkeypatch.setenv("CI", "true")
    assert not progress.bars_enabled()
    progress.configure(quiet=True)
    assert not progress.bars_enabled(True)  # -q wins over everything


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_bar_draws_counts_and_status_on_a_terminal(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.delenv("CI", raising=False)
    assert progress.bars_enabled()
    seen = list(progress.bar(range(3), 3, "reconcile", status=lambda: "2 requests, 1 cached"))
    assert seen == [0, 1, 2]
    err = terminal.getvalue()
    assert "reconcile" in err and "3/3" in err and "2 requests, 1 cached" in err


def test_verbose_lines_and_quiet(capsys):
    progress.configure(verbose=1, bars=False)
    assert list(progress.bar(iter("ab"), 2, "extract")) == ["a", "b"]
    assert progress.timed("validation", lambda x: x * 2)(21) == 42
    err = capsys.readouterr().err
    assert "extract: 2 in" in err and "validation:" in err
    progress.configure(quiet=True, verbose=1)
    progress.timed("validation", lambda: None)()
    progress.detail("hidden", 1)
    assert capsys.readouterr().err == ""


def test_writer_labels():
    def to_turtle():
        return "ok"

    (wrapped,) = progress.timed_all(to_turtle)
    assert wrapped() == "ok" and wrapped.__name__ == "to_turtle"
    assert progress._label(to_turtle) == "write turtle"
