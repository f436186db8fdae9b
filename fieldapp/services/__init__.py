"""Use cases. The CLI and the desktop app are two thin faces over these functions."""
