"""The log file: where tracebacks go instead of the user's screen."""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .paths import logs_dir

_logger: logging.Logger | None = None


def log_file() -> Path:
    """``SYDW_LOG`` if set, else ``<user data dir>/logs/sydw.log``."""
    override = os.environ.get("SYDW_LOG")
    return Path(override) if override else logs_dir() / "sydw.log"


def logger() -> logging.Logger:
    global _logger
    if _logger is None:
        _logger = logging.getLogger("sydw")
        _logger.setLevel(logging.INFO)
        _logger.propagate = False
        path = log_file()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = RotatingFileHandler(
                path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError:
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        _logger.addHandler(handler)
    return _logger


def log_exception(exc: BaseException) -> Path:
    """Write ``exc`` with its traceback to the log; return the log file's path."""
    logger().error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return log_file()
