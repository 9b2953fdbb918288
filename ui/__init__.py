"""The PySide6 desktop GUI of 事业单位改革材料编审系统（离线版）.

It reaches the data only through :class:`sydw_desktop.workspace.Workspace`; it runs no SQL.

PySide6 is pinned to 6.11.3: the 6.12.0 bindings drop a reference to ``None`` on every void call
(harmless on Python ≥ 3.12 where ``None`` is immortal, fatal on 3.11 after enough calls);
``tests/test_ui_refcount.py`` guards against that regression.
"""
