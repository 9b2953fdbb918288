"""The method as work (issue 17): the nine steps computed from the workspace, each 三定's six-step
审理 with its 征求意见 and 协商 records, the decision procedure, 调度 and 通报, and 督查评估.

:mod:`.model` holds the records, :mod:`.records` reads and writes them on a workspace, :mod:`.steps`
computes where the office stands, :mod:`.review_table` the 审理 table, :mod:`.evaluation` the
coverage, and :mod:`.report` the periodic 通报.
"""
