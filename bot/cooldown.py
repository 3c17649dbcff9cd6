"""Per-user question cooldown, shared by messages and /ask so neither path dodges it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(slots=True)
class _Window:
    started: float
    count: int
    noticed: bool = False


@dataclass(slots=True)
class QuestionCooldown:
    """At most ``rate`` questions per ``per`` seconds for each user (a fixed window per user)."""

    rate: int
    per: float
    clock: Callable[[], float] = time.monotonic
    _windows: dict[int, _Window] = field(default_factory=dict)

    def hit(self, user_id: int) -> float | None:
        """Count a question; None if allowed, else the seconds until the user may ask again."""
        if self.per <= 0:
            return None
        now = self.clock()
        if len(self._windows) > 10_000:
            self._windows = {k: w for k, w in self._windows.items() if now - w.started < self.per}
        window = self._windows.get(user_id)
        if window is None or now - window.started >= self.per:
            self._windows[user_id] = _Window(now, 1)
            return None
        if window.count < self.rate:
            window.count += 1
            return None
        return window.started + self.per - now

    def first_notice(self, user_id: int) -> bool:
        """True once per held window, so a flood gets one notice rather than one per message."""
        window = self._windows.get(user_id)
        if window is None or window.noticed:
            return False
        window.noticed = True
        return True
