"""Library exceptions that carry their exit code, the click way.

The library raises them; click's standalone mode prints `error: <message>` on stderr and exits with
`exit_code`, so the CLI never catches and re-exits.  Exit codes: 0 success / conforms, 1 the data does not
conform to the shapes, 2 bad usage or unreadable input.  Importing click here is cheap (the CLI needs it
anyway); nothing heavy is imported.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import IO, Any

import click

EXIT_OK, EXIT_NONCONFORMING, EXIT_USAGE = 0, 1, 2


def one_line(message: str, limit: int = 500) -> str:
    """`message` on one line of at most `limit` characters (a file name or parser message may hold newlines)."""
    message = " ".join(message.split())
    return message if len(message) <= limit else message[:limit - 3] + "..."


class RefugeeLdError(click.ClickException):
    """A problem the user can fix: shown as one `error: ...` line, exit code 2 unless a subclass says otherwise."""

    exit_code = EXIT_USAGE

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"error: {self.format_message()}", err=file is None, file=file)


class InputError(RefugeeLdError):
    """Unreadable or malformed input; the CLI prints `path: reason` (one line) and exits 2."""

    def __init__(self, path: Path | str, reason: str) -> None:
        shown = "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cs") else c for c in str(path))
        super().__init__(f"{shown}: {reason}")  # one line, whatever the file name holds
        self.path = str(path)
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuild from (path, reason), so the error crosses process boundaries (worker pools, Dask)."""
        return (type(self), (self.path, self.reason))

    def format_message(self) -> str:
        return one_line(self.message)


class NonConforming(RefugeeLdError):
    """The data has a sh:Violation of the shapes: exit 1; the message (the report, or nothing) is shown as is."""

    exit_code = EXIT_NONCONFORMING

    def __init__(self, report_text: str = "") -> None:
        super().__init__(report_text)

    def show(self, file: IO[Any] | None = None) -> None:
        if self.message:
            click.echo(self.message, err=file is None, file=file)
