"""The plan's screens: unit tables, the reform-action editor, transfers, the before/after view, import."""
