"""The command-line face: thin commands over the services."""
