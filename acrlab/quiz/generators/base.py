"""Helpers shared by the parametric generators."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..models import LETTERS, MultipleItem, SingleItem

DOCS = "https://learn.microsoft.com/azure/container-registry/"


class GeneratorError(ValueError):
    """A generator drew a scenario it cannot turn into a well-formed item (a bug, caught by the tests)."""


@dataclass(frozen=True)
class Generator:
    name: str
    section: str
    objective: str
    summary: str
    fn: Callable[[random.Random, int], Any]

    def __call__(self, seed: int) -> Any:
        """A fresh item, reproducible from ``seed``."""
        return self.fn(random.Random(f"{self.name}:{seed}"), seed)


def single(rng: random.Random, *, gen: str, seed: int, section: str, objective: str, difficulty: str,
           stem: str, correct: str, right_why: str, wrong: list[tuple[str, str]], explanation: str,
           doc: str, source: list[str], n_options: int = 4) -> SingleItem:
    """A single-answer item with exactly ``n_options`` distinct options (the wrong ones drawn from ``wrong``)."""
    seen = {correct}
    distractors = []
    for text, why in wrong:
        if text not in seen:
            seen.add(text)
            distractors.append((text, why))
    if len(distractors) < n_options - 1:
        raise GeneratorError(f"{gen} seed {seed}: only {len(distractors)} distinct wrong options, "
                             f"{n_options - 1} needed")
    rng.shuffle(distractors)
    distractors = distractors[: n_options - 1]
    pos = rng.randrange(len(distractors) + 1)
    opts = distractors[:pos] + [(correct, right_why)] + distractors[pos:]
    return SingleItem(type="single", id=f"gen-{gen}-{seed}", generator=gen, objective=objective, section=section,
                      difficulty=difficulty, stem=stem, options=[{"text": t, "why": w} for t, w in opts],
                      answer=LETTERS[pos], explanation=explanation, source=source,
                      refs={"seed": section, "docs": [DOCS + doc]})


def multiple(*, gen: str, seed: int, section: str, objective: str, difficulty: str, stem: str,
             options: list[tuple[str, bool, str]], explanation: str, doc: str, source: list[str]) -> MultipleItem:
    return MultipleItem(type="multiple", id=f"gen-{gen}-{seed}", generator=gen, objective=objective,
                        section=section, difficulty=difficulty, stem=stem,
                        options=[{"text": t, "why": w} for t, _, w in options],
                        answer=[LETTERS[k] for k, (_, ok, _) in enumerate(options) if ok],
                        explanation=explanation, source=source, refs={"seed": section, "docs": [DOCS + doc]})


def base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def registry_name(rng: random.Random) -> str:
    return rng.choice(["contoso", "fabrikam", "tailspin", "northwind", "adatum", "litware"]) + \
        rng.choice(["acr", "reg", "images", "prod", "dev"]) + str(rng.randrange(10, 99))
