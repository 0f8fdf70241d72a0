"""Advisory locks on the store folder: one build writes at a time, and readers lease generations.

In: a store folder or a generation folder. Out: ``build_lock(root)``, held while a build writes a
generation, makes it live and prunes old ones (a second build waits for it, then ``StoreBusy``);
``Lease``, a shared lock a serving process holds on the generation it reads for as long as it may
read it; ``retire(generation)``, which deletes a generation unless a lease is held on it.
Must not: know what a generation holds (``kgraph.store`` names the files).

Why ``fcntl.flock``. A flock belongs to an open file, and the kernel drops it when the process that
holds it ends, however it ends: a crashed or killed server leaves no stale lease to expire, and no
reader has to refresh one on a timer. The locks are advisory (kgraph's own builds and readers take
them) and meant for a local filesystem, where a store lives next to the server reading it.
"""
from __future__ import annotations

import fcntl
import logging
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kgraph.errors import StoreBusy

log = logging.getLogger("kgraph.store")
BUILD_LOCK = "build.lock"  # in the store folder
LEASE = "lease"  # in each generation folder, created with it
BUILD_WAIT_SECONDS = 600.0  # how long a build waits for another one before giving up


@contextmanager
def build_lock(root: Path, wait: float = BUILD_WAIT_SECONDS) -> Iterator[None]:
    """Hold the store's build lock; wait up to ``wait`` seconds for another build, then ``StoreBusy``."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / BUILD_LOCK, "a+", encoding="utf-8") as handle:
        if not _try_lock(handle, fcntl.LOCK_EX):
            log.warning("waiting for the build already writing %s (%s)", root, _holder(handle))
            _wait_for(handle, root, wait)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _wait_for(handle: IO[str], root: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    while not _try_lock(handle, fcntl.LOCK_EX):
        if time.monotonic() >= deadline:
            raise StoreBusy(
                f"another kgraph build ({_holder(handle)}) is still writing {root} after {wait:g} s; "
                f"wait for it to finish, then run kgraph build again"
            )
        time.sleep(0.05)


def _try_lock(handle: IO[str], kind: int) -> bool:
    try:
        fcntl.flock(handle, kind | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(handle: IO[str]) -> str:
    handle.seek(0)
    return handle.read().strip() or "unknown process"


class Lease:
    """A shared lock on one generation: while any is held, no build deletes that generation."""

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle: IO[bytes] | None = handle

    @classmethod
    def take(cls, generation: Path) -> Lease:
        """Lease ``generation`` (``FileNotFoundError`` if it is gone). Blocks only while a build is
        deleting it: the caller then finds the generation incomplete and reads ``CURRENT`` again."""
        try:
            handle = open(generation / LEASE, "rb")
        except FileNotFoundError:
            if not generation.is_dir():
                raise
            handle = open(generation / LEASE, "ab")  # a generation built before leases existed
        fcntl.flock(handle, fcntl.LOCK_SH)
        return cls(handle)

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file drops its lock
            self._handle = None


def create_lease_file(generation: Path) -> None:
    """The (empty) file readers lock; made by the build so that a read-only reader can lock it."""
    (generation / LEASE).touch()


def retire(generation: Path, first: str) -> bool:
    """Delete ``generation`` unless a reader leases it; ``first`` (the completeness marker) goes
    first, so a reader that was waiting for its lease finds the generation incomplete."""
    try:
        handle = open(generation / LEASE, "rb")
    except FileNotFoundError:  # incomplete (a crashed build) or from before leases
        handle = None
    try:
        if handle is not None and not _try_lock(handle, fcntl.LOCK_EX):
            return False
        (generation / first).unlink(missing_ok=True)
        shutil.rmtree(generation, ignore_errors=True)
        return True
    finally:
        if handle is not None:
            handle.close()
