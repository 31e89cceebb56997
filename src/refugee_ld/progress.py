"""Progress for every stage that can take more than a second, on stderr, never in a pipe or in CI.

One place decides what the user sees: bars (click's progress bar) only when stderr is a terminal, `CI` is
unset and `-q` was not given; `-v` adds one line per stage with its duration (also in logs and pipes),
`-vv` adds detail lines.  The library calls `bar`, `timed` and `detail`; the CLI calls `configure` once.
Only click is imported here, so `refugee-ld --help` stays fast.
"""
from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import click

T = TypeVar("T")


@dataclass
class Settings:
    quiet: bool = False
    verbose: int = 0
    bars: bool | None = None  # None: decide from the terminal and CI at each use


SETTINGS = Settings()


def configure(quiet: bool = False, verbose: int = 0, bars: bool | None = None) -> None:
    SETTINGS.quiet, SETTINGS.verbose, SETTINGS.bars = quiet, verbose, bars


def bars_enabled(override: bool | None = None) -> bool:
    """Bars on a terminal only: not when piped, not with CI set, not with -q."""
    if SETTINGS.quiet:
        return False
    if override is not None:
        return override
    if SETTINGS.bars is not None:
        return SETTINGS.bars
    return sys.stderr.isatty() and not os.environ.get("CI")


def detail(message: str, level: int = 2) -> None:
    """A line for -v (level 1) or -vv (level 2) on stderr."""
    if not SETTINGS.quiet and SETTINGS.verbose >= level:
        click.echo(message, err=True)


def bar(items: Iterable[T], total: int, label: str, enabled: bool | None = None,
        status: Callable[[], str] | None = None) -> Iterator[T]:
    """Iterate `items` with a bar labelled `label`; `status()` adds live counts (requests, cache hits)."""
    start = time.monotonic()
    count = 0
    if bars_enabled(enabled):
        show = (lambda _item: status()) if status else None
        with click.progressbar(items, length=total, label=label, file=sys.stderr, item_show_func=show,
                               show_pos=True) as progress:
            for item in progress:
                count += 1
                yield item
    else:
        for item in items:
            count += 1
            yield item
    extra = f" ({status()})" if status else ""
    detail(f"{label}: {count} in {time.monotonic() - start:.1f} s{extra}", 1)


def timed(label: str, func: Callable[..., T]) -> Callable[..., T]:
    """`func` announcing itself while it runs (on a terminal) and its duration with -v."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        show = bars_enabled()
        if show:
            click.echo(f"{label} ...", err=True, nl=False)
        start = time.monotonic()
        try:
            return func(*args, **kwargs)
        finally:
            elapsed = time.monotonic() - start
            if show:
                click.echo(f"\r{label} ... {elapsed:.1f} s", err=True)
            detail(f"{label}: {elapsed:.1f} s", 1 if not show else 99)

    return wrapper


def timed_all(*funcs: Callable[..., Any]) -> tuple[Callable[..., Any], ...]:
    """Each function wrapped by `timed`, labelled by its name ('to_turtle' -> 'write turtle')."""
    return tuple(timed(_label(f), f) for f in funcs)


def _label(func: Callable[..., Any]) -> str:
    name = getattr(func, "__name__", "stage")
    return "write " + name[3:] if name.startswith("to_") else name.replace("_", " ")
