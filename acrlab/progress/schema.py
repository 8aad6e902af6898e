"""The progress database's tables and their migrations (user_version counts the applied ones)."""

from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    [  # v1
        "CREATE TABLE attempts (id TEXT PRIMARY KEY, mode TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT)",
        "CREATE TABLE answers (id TEXT PRIMARY KEY, attempt_id TEXT, item_id TEXT NOT NULL, section TEXT, "
        "objective TEXT, response TEXT, earned INTEGER NOT NULL, possible INTEGER NOT NULL, "
        "correct INTEGER NOT NULL, answered_at TEXT NOT NULL)",
        "CREATE TABLE exam_reports (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, scaled INTEGER, "
        "passed INTEGER, report TEXT NOT NULL)",
        "CREATE TABLE lab_grades (id TEXT PRIMARY KEY, scenario_id TEXT NOT NULL, score REAL NOT NULL, "
        "max_score REAL NOT NULL, checks TEXT NOT NULL, created_at TEXT NOT NULL)",
        "CREATE TABLE review_cards (item_id TEXT PRIMARY KEY, card TEXT NOT NULL, due TEXT NOT NULL, "
        "updated_at TEXT NOT NULL)",
    ],
    [  # v2: indexes for the review queue and per-item history
        "CREATE INDEX IF NOT EXISTS answers_item ON answers(item_id)",
        "CREATE INDEX IF NOT EXISTS cards_due ON review_cards(due)",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = {
    "attempts": ["id", "mode", "started_at", "finished_at"],
    "answers": ["id", "attempt_id", "item_id", "section", "objective", "response", "earned", "possible",
                "correct", "answered_at"],
    "exam_reports": ["id", "created_at", "scaled", "passed", "report"],
    "lab_grades": ["id", "scenario_id", "score", "max_score", "checks", "created_at"],
    "review_cards": ["item_id", "card", "due", "updated_at"],
}
EXPORT_FORMAT = "acrlab-progress"
