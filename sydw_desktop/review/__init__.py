"""Review in rounds (chain.md): round numbering, comments, return packets' content, round diffs, 修改说明.

Submodules are imported where used; this package's ``__init__`` imports nothing heavy.
"""
