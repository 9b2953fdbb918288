"""One open workspace in the GUI: the session, background operations, re-checks and finding look-ups."""
