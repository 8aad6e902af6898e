"""Hand-written question bank (YAML data files)."""
