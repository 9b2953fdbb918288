"""sydw-desktop core: model, workspace store, importers, rules, documents, exporters, packets, CLI.

This package never imports Qt; the GUI in ``ui/`` is built on top of it.
"""

__version__ = "0.1.0"
