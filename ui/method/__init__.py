"""The method as work (issue 17): the nine steps' progress, the 三定 审理 table, the decision
procedure, 督查评估 and the progress 通报 — reached from the 改革工作 menu (:mod:`.method_menu`)."""
