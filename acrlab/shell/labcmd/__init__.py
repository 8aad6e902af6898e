"""`lab` subcommands, one module per family; each module exports COMMANDS = {name: (fn, one-line help)}."""
