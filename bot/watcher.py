"""Poll knowledge/ and reload once a change has settled, so every process serves the same version."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.holder import KnowledgeHolder
from bot.knowledge.loader import knowledge_version

log = logging.getLogger(__name__)


class KnowledgeWatcher:
    """Reload when the files' version differs from the serving one and has held for one interval.

    The one-interval hold is the debounce: an editor that saves in several writes is read once, after
    the last. A version that failed to load is not retried until the files change again.
    """

    def __init__(self, holder: KnowledgeHolder, interval: float) -> None:
        self.holder = holder
        self.interval = interval
        self._task: asyncio.Task[None] | None = None
        self._seen: str | None = None
        self._refused: str | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="knowledge-watcher")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.check()
            except Exception:  # the watcher must outlive any one bad poll
                log.exception("knowledge watcher poll failed")

    async def check(self) -> bool:
        """One poll; True if it swapped in a new version."""
        current = await asyncio.to_thread(knowledge_version, self.holder.directory)
        settled = current == self._seen
        self._seen = current
        if current == self.holder.snapshot.base.version or current == self._refused or not settled:
            return False
        result = await self.holder.reload("file watcher")
        if not result.ok:
            self._refused = current
            log.warning("knowledge files changed but are not valid; still serving %s:\n%s",
                        result.old_version, "\n".join(f"- {p}" for p in result.problems))
            return False
        return result.swapped
