"""The desktop face (PySide6 only here): thin screens over the services."""
