"""The app's screens. MODE_SCREENS names each top-level mode's screen as "module:Class", imported on first use
so that starting on Home does not import the engine, the quiz or the portal."""

from __future__ import annotations

import importlib

MODE_SCREENS = {
    "home": "home:HomeScreen", "learn": "learn:LearnScreen", "labs": "labs:LabsScreen",
    "portal": "portal:PortalScreen", "quiz": "practice:QuizScreen", "exam": "exam:ExamScreen",
    "review": "practice:ReviewScreen", "progress": "progress:ProgressScreen",
}


def screen_class(mode: str) -> type:
    module, cls = MODE_SCREENS[mode].split(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), cls)
