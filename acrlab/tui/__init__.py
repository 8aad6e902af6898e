"""The Textual study app (the only package that imports textual). Entry points live in `launch` and `serve`."""
