"""``dyad eval questions``: ask every gold question and count the short answers holding a wanted string.

A question is answered when the answer contains one of its ``answer_contains``
strings, case-insensitive (gold/GUIDELINES.md). The report gives the answered
share overall and by question shape, the misses with the answer given, and
the median time per question after the first (which builds the index).
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import GoldError
from dyad.store.db import Store


@dataclass
class QuestionsReport:
    total: int = 0
    answered: int = 0
    by_shape: dict[str, list[int]] = field(default_factory=dict)  # shape -> [answered, total]
    misses: list[dict[str, Any]] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.answered / self.total if self.total else 0.0

    def figures(self) -> dict[str, Any]:
        later = self.seconds[1:]
        return {
            "questions": self.total,
            "answered": self.answered,
            "answered_share": round(self.share, 4),
            "by_shape": {k: {"answered": v[0], "total": v[1]} for k, v in sorted(self.by_shape.items())},
            "median_seconds_after_first": round(statistics.median(later), 4) if later else None,
            "misses": self.misses,
        }

    def render(self) -> str:
        f = self.figures()
        lines = [f"questions: {self.answered}/{self.total} answered ({self.share:.1%})"]
        lines += [f"  {k:<9} {v['answered']}/{v['total']}" for k, v in f["by_shape"].items()]
        if f["median_seconds_after_first"] is not None:
            lines.append(f"median time per question after the first: {f['median_seconds_after_first']:.3f} s")
        for m in self.misses:
            first = m["answer"].splitlines()[0] if m["answer"] else ""
            lines.append(f"MISS [{m['shape']}] {m['q']}\n     wanted {m['wanted']!r}; got {first[:160]!r}")
        return "\n".join(lines)


def load_gold(gold_path: Path) -> list[dict[str, Any]]:
    items = []
    try:
        with gold_path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                item = json.loads(line)
                if not isinstance(item.get("q"), str) or not isinstance(item.get("answer_contains"), list):
                    raise GoldError(f"line {n}: needs 'q' (text) and 'answer_contains' (list)", path=str(gold_path))
                items.append(item)
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"cannot read questions gold: {exc}", path=str(gold_path)) from exc
    return items


def score_questions(store: Store, gold_path: Path, *, semantic: bool = False) -> QuestionsReport:
    """Ask each gold question of ``store`` and score the short answers."""
    from dyad.ask.answer import answer

    report = QuestionsReport()
    for item in load_gold(gold_path):
        t0 = time.perf_counter()
        got = answer(store, item["q"], semantic=semantic)
        report.seconds.append(time.perf_counter() - t0)
        ok = any(w.lower() in got.answer.lower() for w in item["answer_contains"])
        report.total += 1
        report.answered += ok
        tally = report.by_shape.setdefault(got.shape, [0, 0])
        tally[0] += ok
        tally[1] += 1
        if not ok:
            report.misses.append(
                {
                    "q": item["q"],
                    "doc": item.get("doc"),
                    "shape": got.shape,
                    "wanted": item["answer_contains"],
                    "answer": got.answer,
                }
            )
    return report
