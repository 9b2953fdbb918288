"""Entry script of the bundled command line ``sydw`` (PyInstaller)."""

import sys

from sydw_desktop.cli import main

sys.exit(main())
