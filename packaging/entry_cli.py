"""PyInstaller's start script for the command-line face: the same `main` as `fieldapp`."""

import sys

from fieldapp.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
