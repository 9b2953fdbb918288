"""The main window's actions, created in one place (after Frescobaldi's ``actioncollection``).

Each action is an attribute named for what it does; its text is set in :meth:`translate_ui` and its
shortcut comes from :data:`SHORTCUTS` by action name.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from sydw_desktop.vocab import WorkflowStep

#: Shortcuts by action name (portable text; built into QKeySequence once a QApplication exists).
SHORTCUTS: dict[str, list[str]] = {
    "file_new": ["Ctrl+N"],
    "file_open": ["Ctrl+O"],
    "file_import": ["Ctrl+I"],
    "file_template": ["Ctrl+Shift+T"],
    "file_export_docs": ["Ctrl+E"],
    "file_save_as": ["Ctrl+Shift+S"],
    "file_quit": ["Ctrl+Q"],
    "edit_undo": ["Ctrl+Z"],
    "edit_redo": ["Ctrl+Y", "Ctrl+Shift+Z"],
    "edit_find": ["Ctrl+F"],
    "check_all": ["F5"],
    "view_plan": ["Ctrl+1"],
    "view_before": ["Ctrl+2"],
    "view_after": ["Ctrl+3"],
    "view_comparison": ["Ctrl+4"],
    "view_changelog": ["Ctrl+5"],
    "view_problems": ["Ctrl+Shift+P"],
    "view_tree": ["Ctrl+Shift+E"],
    "help_manual": ["F1"],
    "doc_preview": ["Ctrl+Shift+V"],
    "doc_print_packet": ["Ctrl+P"],
}


class MainActions(QObject):
    file_new: QAction
    file_open: QAction
    file_import: QAction
    file_template: QAction
    file_export_docs: QAction
    file_export_tables: QAction
    file_export_units: QAction
    file_save_as: QAction
    file_backup: QAction
    file_close: QAction
    file_quit: QAction
    edit_undo: QAction
    edit_redo: QAction
    edit_find: QAction
    check_all: QAction
    view_plan: QAction
    view_before: QAction
    view_after: QAction
    view_comparison: QAction
    view_changelog: QAction
    view_problems: QAction
    view_tree: QAction
    help_manual: QAction
    help_about: QAction
    doc_preview: QAction
    doc_preview_packet: QAction
    doc_print_packet: QAction
    doc_templates: QAction
    doc_params: QAction
    packet_identity: QAction
    packet_pack: QAction
    packet_verify: QAction
    packet_trust: QAction
    packet_receive: QAction
    packet_subordinates: QAction

    NAMES = (
        "file_new", "file_open", "file_import", "file_template",
        "file_export_docs", "file_export_tables", "file_export_units", "file_save_as", "file_backup",
        "file_close", "file_quit",
        "edit_undo", "edit_redo", "edit_find", "check_all",
        "view_plan", "view_before", "view_after", "view_comparison", "view_changelog",
        "view_problems", "view_tree", "help_manual", "help_about",
        "doc_preview", "doc_preview_packet", "doc_print_packet", "doc_templates", "doc_params",
        "packet_identity", "packet_pack", "packet_verify", "packet_trust", "packet_receive", "packet_subordinates",
    )

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        for name in self.NAMES:
            action = QAction(parent)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(k) for k in SHORTCUTS.get(name, [])])
            setattr(self, name, action)
        self.workflow_group = QActionGroup(parent)
        self.workflow_group.setExclusive(True)
        self.workflow: dict[WorkflowStep, QAction] = {}
        for step in WorkflowStep:
            action = QAction(parent)
            action.setCheckable(True)
            action.setData(step.value)
            self.workflow_group.addAction(action)
            self.workflow[step] = action
        self.translate_ui()

    def translate_ui(self) -> None:
        self.file_new.setText("新建工作区(&N)…")
        self.file_open.setText("打开工作区(&O)…")
        self.file_import.setText("导入 Excel(&I)…")
        self.file_template.setText("导出导入模板(&T)…")
        self.file_export_docs.setText("导出文书和表格(&E)…")
        self.file_export_tables.setText("导出 Excel 表格(&X)…")
        self.file_export_units.setText("导出单位清单（导入格式）(&U)…")
        self.file_save_as.setText("另存为(&A)…")
        self.file_backup.setText("备份到(&B)…")
        self.file_export_docs.setToolTip("把文书（PDF、Word）和表格（Excel）导出到一个文件夹，正式材料或草稿")
        self.file_export_units.setToolTip("把单位清单和改革方案导出为导入模板格式的 Excel 工作簿")
        self.file_save_as.setToolTip("把工作区复制为另一个文件并改在副本上继续工作（复制后校验）")
        self.file_backup.setToolTip("把工作区复制一份到 U 盘或其他文件夹（复制后校验），继续在原文件上工作")
        self.file_close.setText("关闭工作区(&C)")
        self.file_quit.setText("退出(&X)")
        self.set_undo_text(None)
        self.set_redo_text(None)
        self.edit_find.setText("查找(&F)")
        self.check_all.setText("全面检查(&K)")
        self.view_plan.setText("改革方案(&P)")
        self.view_before.setText("改革前单位(&B)")
        self.view_after.setText("改革后单位(&A)")
        self.view_comparison.setText("改革前后对照(&D)")
        self.view_changelog.setText("台账(&L)")
        self.view_problems.setText("问题面板")
        self.view_tree.setText("工作区树")
        self.help_manual.setText("使用说明(&H)")
        self.help_manual.setToolTip("打开使用说明；在某个页面或编辑器中按 F1 打开相应的一节")
        self.help_about.setText("关于(&A)")
        self.doc_preview.setText("预览当前文书(&C)")
        self.doc_preview_packet.setText("预览报送材料(&V)…")
        self.doc_print_packet.setText("打印报送材料(&P)…")
        self.doc_templates.setText("模板管理(&M)…")
        self.doc_params.setText("规则参数(&R)…")
        self.doc_print_packet.setToolTip("按报送材料目录的顺序打印封面、目录和全部文书")
        self.packet_identity.setText("签名身份(&I)…")
        self.packet_pack.setText("生成报送包(&P)…")
        self.packet_verify.setText("校验报送包(&V)…")
        self.packet_trust.setText("信任列表(&T)…")
        self.packet_receive.setText("接收报送包(&R)…")
        self.packet_subordinates.setText("下级报送(&S)")
        self.packet_pack.setToolTip("检查、签名并把报送包写入 U 盘（写后回读校验）")
        self.packet_trust.setToolTip("上级：下级编办的证书，只接收由这些证书签名的报送包")
        for number, (step, action) in enumerate(self.workflow.items(), 1):
            action.setText(f"{number}. {step.value}")
        self.file_new.setToolTip("新建一个工作区文件（.sydw）")
        self.file_import.setToolTip("从导入模板格式的 Excel 工作簿导入改革前后单位和人员转隶")
        self.check_all.setToolTip("按全部规则重新检查整个工作区")

    def set_undo_text(self, name: str | None) -> None:
        self.edit_undo.setText(f"撤销 {name}" if name else "撤销")
        self.edit_undo.setEnabled(name is not None)

    def set_redo_text(self, name: str | None) -> None:
        self.edit_redo.setText(f"重做 {name}" if name else "重做")
        self.edit_redo.setEnabled(name is not None)
