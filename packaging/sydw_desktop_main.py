"""Entry script of the bundled GUI program ``sydw-desktop`` (PyInstaller)."""

import sys

from ui.app import main

sys.exit(main())
