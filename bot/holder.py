"""Holds the serving snapshot (fact base + engine) and swaps in a new one on a valid reload."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.engine.answer import Engine
from bot.knowledge.diff import FactBaseDiff, diff_fact_bases
from bot.knowledge.loader import KnowledgeError, load_fact_base
from bot.knowledge.models import FactBase
from bot.knowledge.yamlfile import Problem

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A fact base and the engine built on it: always read together, so never a mix of two versions."""

    base: FactBase
    engine: Engine


@dataclass(frozen=True, slots=True)
class ReloadResult:
    ok: bool
    problems: tuple[Problem, ...] = ()
    diff: FactBaseDiff | None = None
    old_version: str = ""
    new_version: str = ""

    @property
    def swapped(self) -> bool:
        return self.ok and self.old_version != self.new_version


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    # Building allocates many small objects that all live on; collecting mid-build is wasted work.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_snapshot(directory: Path, max_chars: int) -> Snapshot:
    """Load, validate and index the knowledge: raises KnowledgeError listing every problem."""
    with _gc_paused():
        base = load_fact_base(directory)
        return Snapshot(base, Engine(base, max_chars=max_chars))


class KnowledgeHolder:
    """The one place the serving snapshot lives; readers take ``holder.snapshot`` once per request."""

    def __init__(self, directory: Path, max_chars: int, snapshot: Snapshot | None = None) -> None:
        self.directory = directory
        self.max_chars = max_chars
        self._snapshot = snapshot or build_snapshot(directory, max_chars)
        self._lock = asyncio.Lock()

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    @property
    def reloading(self) -> bool:
        return self._lock.locked()

    async def reload(self, actor: str) -> ReloadResult:
        """Re-read the knowledge directory; swap only if it is valid and different. Never interleaves."""
        async with self._lock:
            old = self._snapshot
            try:
                new = await asyncio.to_thread(build_snapshot, self.directory, self.max_chars)
            except KnowledgeError as exc:
                log.warning("reload by %s refused: %d problem(s)", actor, len(exc.problems))
                return ReloadResult(False, tuple(exc.problems), old_version=old.base.version)
            except Exception as exc:  # a reload must never take the serving base down with it
                log.exception("reload by %s failed", actor)
                problem = Problem(str(self.directory), None, f"could not be loaded: {exc!r}")
                return ReloadResult(False, (problem,), old_version=old.base.version)
            diff = diff_fact_bases(old.base, new.base)
            if new.base.version != old.base.version:
                self._snapshot = new  # the swap: one assignment
            log.info(
                "reload by %s: version %s -> %s, %d facts; %s",
                actor, old.base.version, new.base.version, len(new.base.facts),
                diff.describe().replace("\n", "; "),
            )
            return ReloadResult(True, (), diff, old.base.version, new.base.version)
