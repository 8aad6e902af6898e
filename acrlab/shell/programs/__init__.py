"""Programs on the simulated PATH; each module exports PROGRAMS = {name: fn(session, argv, io) -> exit code}."""
