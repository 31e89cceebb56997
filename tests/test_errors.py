"""Library exceptions carry their exit code and show themselves the way the CLI promises (one line, exit 2)."""
from __future__ import annotations

import pickle

import click
import pytest
from hypothesis import given
from hypothesis import strategies as st

from refugee_ld.errors import EXIT_NONCONFORMING, EXIT_USAGE, InputError, NonConforming, RefugeeLdError, one_line
from refugee_ld.text.loading import InputError as LoadingInputError


def test_input_error_is_a_click_exception_with_exit_2(capsys):
    error = InputError("data/a.txt", "not valid UTF-8 (byte 3)")
    assert isinstance(error, click.ClickException) and error.exit_code == EXIT_USAGE == 2
    assert str(error) == "data/a.txt: not valid UTF-8 (byte 3)"
    assert (error.path, error.reason) == ("data/a.txt", "not valid UTF-8 (byte 3)")
    error.show()
    assert capsys.readouterr().err == "error: data/a.txt: not valid UTF-8 (byte 3)\n"


def test_loading_still_exports_the_same_class():
    assert LoadingInputError is InputError


@given(st.text(max_size=40), st.text(max_size=700))
def test_shown_input_error_is_always_one_line(path, reason):
    shown = InputError(path, reason).format_message()
    assert "\n" not in shown and "\r" not in shown and len(shown) <= 500


def test_control_characters_in_file_names_are_escaped():
    assert str(InputError("a\nb\x1b.txt", "bad")) == "a\\u000ab\\u001b.txt: bad"


def test_input_errors_survive_pickling_for_worker_processes():
    error = InputError("x.txt", "reason")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is InputError and str(again) == str(error) and again.reason == "reason"


def test_non_conforming_exits_1_and_prints_the_report_as_is(capsys):
    error = NonConforming("Validation Report\nConforms: False\n")
    assert error.exit_code == EXIT_NONCONFORMING == 1
    error.show()
    assert capsys.readouterr().err == "Validation Report\nConforms: False\n\n"
    NonConforming().show()
    assert capsys.readouterr().err == ""


def test_base_error_is_exit_2_and_keeps_its_message(capsys):
    error = RefugeeLdError("--types: unknown class 'Planet'")
    error.show()
    assert error.exit_code == 2 and capsys.readouterr().err == "error: --types: unknown class 'Planet'\n"


@pytest.mark.parametrize("text, limit, expected", [("a\n b\tc", 500, "a b c"), ("x" * 10, 8, "xxxxx...")])
def test_one_line(text, limit, expected):
    assert one_line(text, limit) == expected
