"""The reform-action editor: 改革方式, 去向单位, 人员转隶 and the live after-state preview."""

from __future__ import annotations

from ui_helpers import demo_path_fixture, findings, wait_report, window_fixture  # noqa: F401

from sydw_desktop.ledger import build_ledger
from sydw_desktop.plan_preview import ledger_text
from sydw_desktop.vocab import Disposition, Phase
from ui.plan.plan_page import PlanPage


def plan_page(window) -> PlanPage:
    window.show_node(("plan",), select=True)
    page = window.pages["plan"]
    assert isinstance(page, PlanPage)
    return page


def kept_unit_with_people(ws):
    """A before-unit kept in place (保留/更名) with people, so it has no 人员转隶 rows."""
    sources = {t.source for t in ws.transfers()}
    for unit in ws.units(Phase.BEFORE):
        kept = unit.disposition in (Disposition.KEEP, Disposition.RENAME)
        if kept and (unit.actual or 0) > 0 and unit.id not in sources:
            return unit
    raise AssertionError("the demo has no kept unit with people")


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))
    combo.activated.emit(combo.currentIndex())


def test_disposition_change_stored_checked_previewed_and_undone(qtbot, window) -> None:
    ws = window.session.ws
    unit = kept_unit_with_people(ws)
    page = plan_page(window)
    assert page.select_unit(unit.id)
    assert page.disposition.currentData() == unit.disposition.value
    assert page.destination.currentData() == unit.destination
    written_off = build_ledger(ws.snapshot()).written_off
    assert not findings(window, "x.people", unit.name)

    choose(page.disposition, Disposition.ABOLISH.value)

    stored = ws.unit(unit.id)
    assert stored.disposition is Disposition.ABOLISH and stored.destination is None
    assert not page.destination.isEnabled()
    # the live preview: the quota of the abolished unit is now written off
    ledger = build_ledger(ws.snapshot())
    assert ledger.written_off == written_off + unit.staffing
    assert page.ledger_label.text() == ledger_text(ledger)
    wait_report(qtbot, window)
    assert findings(window, "x.people", unit.name), "its people now need a 去向"

    window.undo()
    restored = ws.unit(unit.id)
    assert restored.disposition is unit.disposition and restored.destination == unit.destination
    assert page.disposition.currentData() == unit.disposition.value
    wait_report(qtbot, window)
    assert not findings(window, "x.people", unit.name)


def test_transfers_add_edit_and_undo(qtbot, window) -> None:
    ws = window.session.ws
    unit = kept_unit_with_people(ws)
    page = plan_page(window)
    page.select_unit(unit.id)
    choose(page.disposition, Disposition.ABOLISH.value)
    wait_report(qtbot, window)
    assert findings(window, "x.people", unit.name)

    page.add_transfer.click()  # all its people, to the first after-unit
    rows = [t for t in ws.transfers() if t.source == unit.id]
    assert len(rows) == 1 and rows[0].count == unit.actual
    assert page.transfers.rowCount() == 1
    assert f"已安排去向 {unit.actual} 人" in page.transfers_sum.text()
    target = ws.unit(rows[0].target)
    preview_row = next(r for r in range(page.preview_model.rowCount())
                       if page.preview_model.item(r, 0).text() == target.name)
    incoming = sum(t.count for t in ws.transfers() if t.target == target.id)
    assert page.preview_model.item(preview_row, 5).data(0) == incoming
    wait_report(qtbot, window)
    assert not findings(window, "x.people", unit.name)

    # edit the 人数 through the model (what the cell editor commits)
    assert page.transfers.setData(page.transfers.index(0, 1), str(unit.actual + 1))
    assert [t.count for t in ws.transfers() if t.source == unit.id] == [unit.actual + 1]
    assert not page.transfers.setData(page.transfers.index(0, 1), "0")
    assert window.last_error and "人数" in window.last_error
    wait_report(qtbot, window)
    assert findings(window, "x.people", unit.name)

    window.undo()  # the 人数 edit
    window.undo()  # the added transfer
    assert not [t for t in ws.transfers() if t.source == unit.id]
    window.undo()  # the disposition
    assert ws.unit(unit.id).disposition is unit.disposition


def test_destination_picked_from_after_units(qtbot, window) -> None:
    ws = window.session.ws
    after = ws.units(Phase.AFTER)
    unit = next(u for u in ws.units(Phase.BEFORE)
                if u.disposition is not None and u.disposition.needs_destination)
    page = plan_page(window)
    page.select_unit(unit.id)
    names = [page.destination.itemText(i) for i in range(1, page.destination.count())]
    assert names == [u.name for u in after]
    other = next(u for u in after if u.id != unit.destination)
    choose(page.destination, other.id)
    assert ws.unit(unit.id).destination == other.id
    row = next(r for r in range(page.preview_model.rowCount())
               if page.preview_model.item(r, 0).text() == other.name)
    assert unit.name in page.preview_model.item(row, 1).text()
    assert window.actions_.edit_undo.text() == "撤销 修改去向单位"
    window.undo()
    assert ws.unit(unit.id).destination == unit.destination
