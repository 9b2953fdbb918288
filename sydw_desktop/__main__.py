"""``python -m sydw_desktop`` is the same as ``sydw``."""

import sys

from .cli import main

sys.exit(main())
