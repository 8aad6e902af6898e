"""The app's screens; MODE_SCREENS maps each top-level mode to its screen class."""

from __future__ import annotations

from .exam import ExamScreen
from .home import HomeScreen
from .labs import LabsScreen
from .learn import LearnScreen
from .portal import PortalScreen
from .practice import QuizScreen, ReviewScreen
from .progress import ProgressScreen

MODE_SCREENS = {
    "home": HomeScreen, "learn": LearnScreen, "labs": LabsScreen, "portal": PortalScreen, "quiz": QuizScreen,
    "exam": ExamScreen, "review": ReviewScreen, "progress": ProgressScreen,
}
