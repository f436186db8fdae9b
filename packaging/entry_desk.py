"""PyInstaller's start script for the desk (windowed): the same `main` as `fieldapp-desk`."""

import sys

from fieldapp.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
