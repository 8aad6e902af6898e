"""Quiz bank, practice and exam simulator (see README section in DEVELOPERS docs)."""
