"""Reusable widgets: they take data in and post messages up; none of them calls the shell or the engine."""
