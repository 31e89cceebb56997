"""Generations of an output folder: every build is complete before anyone sees it, and appears in one step.

For `--out dist` the layout beside `dist` is

    dist -> .dist.generations/000007      a relative symbolic link, replaced with rename(2): the atomic switch
    .dist.generations/000006/             the previous generation, kept for readers still using it
    .dist.generations/000007/             the current one
    .dist.generations/lock                serialises writers (flock); readers never need it
    .dist.generations/.tmp-*              staging folders and links of a build in progress

A writer stages a complete generation in a `.tmp-` folder, renames it to the next number, points a new
`.tmp-` link at it and renames the link over `dist`.  A process killed at any point leaves `dist` naming
either the previous or the new generation, never a mix; whatever it left under `.tmp-` (and a numbered
generation newer than the current one) is removed by the next writer, under the lock.  Old generations
beyond `keep` are removed after the switch.  A reader that wants one consistent generation resolves the
link once (`current()`) and reads every file from that folder.

An existing plain folder `dist` (from a version before generations) is adopted as the previous generation on
the first build, swapped for the link in one step with Linux renameat2(RENAME_EXCHANGE); it must hold
nothing but files the caller recognises, so `--out .` can never move a user's folder away.  Fallbacks:
where renameat2 is missing the plain folder is moved aside and the link renamed into place (two steps; a
crash in between leaves no `dist` for a moment, the data intact in the generations folder); where symbolic
links cannot be made (some Windows setups, FAT) `dist` stays a real folder swapped the same two-step way.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from .text.loading import InputError

TMP_PREFIX = ".tmp-"
_GENERATION = re.compile(r"\d{6,}")
_RENAME_EXCHANGE = 2
_PLAIN_MARK = "plain-folder"  # in the generations folder: `out` is our own real folder (no symbolic links here)


class OutputError(InputError):
    """The output path cannot be used (a file, a folder of other things, the root); exit 2 like bad input."""


def home_of(out: Path) -> Path:
    """The folder beside `out` that holds its generations."""
    return out.parent / f".{out.name}.generations"


def current(out: Path) -> Path:
    """The generation folder `out` names right now: read every file of one consistent build from here."""
    return Path(os.path.realpath(out))


def write_generation(out: Path, files: Mapping[str, str | bytes], keep: int = 2,
                     adopt: Callable[[str], bool] | None = None) -> Path:
    """Write `files` (name -> content) as a new generation of `out` and switch to it; returns its folder."""
    with new_generation(out, keep, adopt) as stage:
        for name, content in files.items():
            target = stage / name
            if target.parent != stage:
                target.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            with open(target, "wb") as handle:
                handle.write(data)
    return current(out)


@contextlib.contextmanager
def new_generation(out: Path, keep: int = 2, adopt: Callable[[str], bool] | None = None) -> Iterator[Path]:
    """Yield an empty staging folder; when the block ends normally it becomes `out`, atomically.

    `adopt(name)` says which entries an existing plain folder `out` may hold to be taken over as the previous
    generation (default: none, so only an empty folder); on any exception the staging folder is removed and
    `out` is untouched.
    """
    out = _target(Path(os.path.abspath(out)))
    home = home_of(out)
    _check_target(out, adopt)  # before anything is created beside it
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(home, f"cannot create the generations folder ({exc.strerror})") from None
    with _locked(home):
        cleanup(out)
        _check_target(out, adopt)
        plain = out.is_dir() and not out.is_symlink() and not (home / _PLAIN_MARK).exists()
        stage = home / f"{TMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
        stage.mkdir(mode=0o777)
        try:
            yield stage
            _sync_tree(stage)
            _switch(out, home, stage, plain)
        except OSError as exc:  # a full disk, a read-only folder ...: one line, the previous generation intact
            shutil.rmtree(stage, ignore_errors=True)
            raise OutputError(out, f"cannot write the new generation ({exc.strerror or exc}); "
                                   "the previous one is unchanged") from None
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        prune(out, keep)


def cleanup(out: Path) -> None:
    """Remove what killed writers left: `.tmp-` entries and numbered generations newer than the current one."""
    home = home_of(out)
    if not home.is_dir():
        return
    now = _current_number(out)
    for entry in sorted(os.listdir(home)):
        path = home / entry
        if entry.startswith(TMP_PREFIX) or (now is not None and _GENERATION.fullmatch(entry) and int(entry) > now):
            _remove(path)


def prune(out: Path, keep: int = 2) -> None:
    """Keep the newest `keep` generations (the current one always); remove the others."""
    home = home_of(out)
    now = _current_number(out)
    numbers = sorted((int(e) for e in os.listdir(home) if _GENERATION.fullmatch(e)), reverse=True)
    kept = set(numbers[:max(1, keep)]) | ({now} if now is not None else set())
    for number in numbers:
        if number not in kept:
            doomed = home / f"{TMP_PREFIX}old-{number:06d}"
            os.rename(home / f"{number:06d}", doomed)  # a kill mid-removal leaves a .tmp- name: cleaned next time
            _remove(doomed)


def generations(out: Path) -> list[Path]:
    """The generation folders of `out`, oldest first."""
    home = home_of(Path(os.path.abspath(out)))
    if not home.is_dir():
        return []
    return [home / e for e in sorted(os.listdir(home), key=lambda e: (len(e), e)) if _GENERATION.fullmatch(e)]


# ------------------------------------------------------------------------------------------------ internals

def _target(out: Path) -> Path:
    """`out` itself, or the folder a user's own symbolic link named `out` points at."""
    if out.name in ("", ".", ".."):
        raise OutputError(out, "cannot be used as an output folder (it has no name of its own)")
    if out.is_symlink() and not _ours(out):
        real = Path(os.path.realpath(out))
        if real.name in ("", ".", "..") or real == Path(real.anchor):
            raise OutputError(out, "points at a folder that cannot be replaced")
        return real
    return out


def _ours(out: Path) -> bool:
    """True when `out` is a link into its own generations folder."""
    try:
        target = os.readlink(out)
    except OSError:
        return False
    parts = Path(target).parts
    return len(parts) == 2 and parts[0] == home_of(out).name and bool(_GENERATION.fullmatch(parts[1]))


def _current_number(out: Path) -> int | None:
    if out.is_symlink() and _ours(out):
        return int(Path(os.readlink(out)).name)
    return None


def _check_target(out: Path, adopt: Callable[[str], bool] | None) -> None:
    if out.is_symlink():
        return
    if out.exists() and not out.is_dir():
        raise OutputError(out, "exists and is not a folder; choose another --out")
    if out.is_dir() and not (home_of(out) / _PLAIN_MARK).exists():
        _check_adoptable(out, adopt)


def _check_adoptable(out: Path, adopt: Callable[[str], bool] | None) -> None:
    foreign = sorted(e for e in os.listdir(out) if not (adopt and adopt(e)))
    if foreign:
        raise OutputError(out, f"is a folder holding other things ('{foreign[0]}'); refusing to replace it "
                               "(move it away or choose another --out)")


def _next_number(home: Path) -> int:
    numbers = [int(e) for e in os.listdir(home) if _GENERATION.fullmatch(e)]
    return max(numbers, default=0) + 1


def _switch(out: Path, home: Path, stage: Path, plain: bool) -> None:
    number = _next_number(home) + (1 if plain else 0)  # an adopted plain folder becomes number - 1
    final = home / f"{number:06d}"
    os.rename(stage, final)
    link = home / f"{TMP_PREFIX}link-{secrets.token_hex(4)}"
    try:
        os.symlink(f"{home.name}/{final.name}", link)
    except (OSError, NotImplementedError):
        _switch_without_links(out, home, final, number)
        return
    if plain:
        if _exchange(link, out):  # now `out` is the link and `link` the old folder
            os.rename(link, home / f"{number - 1:06d}")
        else:
            os.rename(out, home / f"{number - 1:06d}")
            os.rename(link, out)
    else:
        os.rename(link, out)  # rename(2) replaces the old link atomically
    _sync_dir(out.parent)


def _switch_without_links(out: Path, home: Path, final: Path, number: int) -> None:
    """Fallback where symbolic links cannot be made: `out` stays a real folder, swapped in (at most) two steps."""
    (home / _PLAIN_MARK).touch()
    if out.exists():
        if _exchange(final, out):
            os.rename(final, home / f"{TMP_PREFIX}old-{number:06d}")
            _remove(home / f"{TMP_PREFIX}old-{number:06d}")
            return
        aside = home / f"{TMP_PREFIX}old-{number:06d}"
        os.rename(out, aside)
        os.rename(final, out)
        _remove(aside)
    else:
        os.rename(final, out)
    _sync_dir(out.parent)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two names atomically with renameat2(RENAME_EXCHANGE); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name or not hasattr(os, "O_DIRECTORY"):
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


@contextlib.contextmanager
def _locked(home: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # no flock (Windows): writers are not serialised
        yield
        return
    fd = os.open(home / "lock", os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock; so does the death of the process


def _remove(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def _sync_tree(root: Path) -> None:
    """Flush every staged file and folder to disk before the switch makes them visible."""
    for folder, _, names in os.walk(root):
        for name in names:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _sync_dir(Path(folder))


def _sync_dir(path: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
