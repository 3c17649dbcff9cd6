"""What changed between two fact bases, for the reload report."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.models import FactBase


@dataclass(frozen=True, slots=True)
class FactBaseDiff:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    summaries_changed: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.summaries_changed)

    def describe(self) -> str:
        if self.empty:
            return "no changes"
        parts = []
        for label, ids in (
            ("added", self.added), ("removed", self.removed), ("changed", self.changed),
            ("summaries changed", self.summaries_changed),
        ):
            if ids:
                shown = ", ".join(ids[:15]) + (f" and {len(ids) - 15} more" if len(ids) > 15 else "")
                parts.append(f"{label} ({len(ids)}): {shown}")
        return "\n".join(parts)


def diff_fact_bases(old: FactBase, new: FactBase) -> FactBaseDiff:
    old_facts = {f.id: f for f in old.facts}
    new_facts = {f.id: f for f in new.facts}
    old_summaries = {(s.article_id, s.topic, s.length): s for s in old.summaries}
    new_summaries = {(s.article_id, s.topic, s.length): s for s in new.summaries}
    changed_summaries = [
        f"{topic or 'article'} ({length})"
        for key in sorted(set(old_summaries) | set(new_summaries), key=str)
        for _, topic, length in [key]
        if old_summaries.get(key) != new_summaries.get(key)
    ]
    return FactBaseDiff(
        added=tuple(i for i in new_facts if i not in old_facts),
        removed=tuple(i for i in old_facts if i not in new_facts),
        changed=tuple(i for i in new_facts if i in old_facts and old_facts[i] != new_facts[i]),
        summaries_changed=tuple(changed_summaries),
    )
