"""az command modules, one per resource family; each declares its commands with @command."""
