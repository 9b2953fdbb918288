"""Checks on the file as a file, before openpyxl is allowed to parse it.

An ``.xlsx`` is a zip of XML parts. Here we refuse what is not one (empty, a PDF or text renamed,
an ``.xls``/``.csv``/``.ods``, an encrypted workbook, a corrupt zip) and what is far too large (see
the limits in :mod:`.layout`), and read each sheet's merged ranges straight from its XML, because
openpyxl's read-only mode does not expose them.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

from .layout import MAX_FILE_BYTES, MAX_MEMBER_RATIO, MAX_MEMBERS, MAX_UNPACKED_BYTES, RATIO_FLOOR
from .scan import scan_data_sheets

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, or an encrypted .xlsx
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_SAVE_AS = "请在 Excel 或 WPS 中打开后“另存为” Excel 工作簿（.xlsx）再导入"
_OTHER_FORMATS = {
    ".xls": "Excel 97-2003 工作簿（.xls）",
    ".et": "WPS 表格文件（.et）",
    ".ods": "OpenDocument 表格（.ods）",
    ".csv": "CSV 文本文件",
    ".txt": "文本文件",
    ".xlsb": "Excel 二进制工作簿（.xlsb）",
}
_MB = 1024 * 1024
_MERGE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref=\"([^\"]+)\"")
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _kind_by_suffix(path: Path) -> str:
    return _OTHER_FORMATS.get(path.suffix.lower(), "")


def check_container(path: Path) -> list[str]:
    """Problems that make the file unreadable as an ``.xlsx``; empty when openpyxl may load it."""
    if not path.is_file():
        return [f"找不到文件“{path}”" if not path.exists() else f"“{path}”不是文件"]
    size = path.stat().st_size
    if size == 0:
        return ["文件是空的（0 字节），不是 Excel 工作簿"]
    if size > MAX_FILE_BYTES:
        return [f"文件过大（{size / _MB:.1f} MB），导入文件不能超过 {MAX_FILE_BYTES // _MB} MB"]
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(_CFB_MAGIC):
                fh.seek(0)
                if _ENCRYPTION_STREAM in fh.read():
                    return ["工作簿设置了打开密码（已加密），无法读取；请取消密码后另存为 .xlsx 再导入"]
                return [f"这是 Excel 97-2003 工作簿（.xls）等旧格式文件，不是 .xlsx；{_SAVE_AS}"]
    except OSError as exc:
        return [f"无法读取文件：{exc.strerror or exc}"]
    if head.startswith(b"%PDF"):
        return ["这是 PDF 文件，不是 Excel 工作簿（.xlsx）"]
    if not head.startswith(b"PK"):
        kind = _kind_by_suffix(path) or "文本或其他格式的文件"
        return [f"文件不是 Excel 工作簿（.xlsx），看起来是{kind}；{_SAVE_AS}"]
    return _check_zip(path)


def _check_zip(path: Path) -> list[str]:
    try:
        zf = zipfile.ZipFile(path)
    except NotImplementedError as exc:  # e.g. "version needed to extract" from the future
        return [f"文件的压缩格式不受支持（技术信息：{exc}），无法作为 Excel 工作簿读取；请用 Excel 重新保存"]
    except Exception:  # any other failure to read the zip directory is a damaged file
        return ["文件已损坏（不是完整的 zip 格式），无法作为 Excel 工作簿读取；请用 Excel 重新保存"]
    try:
        with zf:
            return _check_open_zip(zf)
    except MemoryError:
        raise
    except Exception as exc:  # reading outside data: every failure is a finding, never a crash
        return [f"文件已损坏，无法作为 Excel 工作簿读取（技术信息：{type(exc).__name__}: {exc}）；请用 Excel 重新保存"]


def _check_open_zip(zf: zipfile.ZipFile) -> list[str]:
    problem = _check_members(zf)
    if problem:
        return [problem]
    try:
        bad = zf.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        return [f"文件已损坏：内部数据无法解压（技术信息：{exc}）；请用 Excel 重新保存"]
    if bad is not None:
        return [f"文件已损坏：内部文件“{bad}”校验失败；请用 Excel 重新保存"]
    try:
        return scan_data_sheets(zf, _sheet_parts(zf))
    except (ElementTree.ParseError, KeyError, ValueError) as exc:
        return [f"文件已损坏：工作表内容不是有效的 XML（技术信息：{exc}）；请用 Excel 重新保存"]


def _check_members(zf: zipfile.ZipFile) -> str:
    """Encryption, size and compression-ratio bounds, and that the zip is a workbook at all."""
    infos = zf.infolist()
    names = {i.filename for i in infos}
    if len(infos) > MAX_MEMBERS:
        return f"工作簿内部文件过多（{len(infos)} 个，上限 {MAX_MEMBERS} 个），疑为异常文件"
    if any(i.flag_bits & 0x1 for i in infos):
        return "工作簿内容已加密，无法读取；请取消密码后另存为 .xlsx 再导入"
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        return f"工作簿解压后过大（{total / _MB:.0f} MB，上限 {MAX_UNPACKED_BYTES // _MB} MB）"
    for i in infos:
        ratio = i.file_size / max(i.compress_size, 1)
        if i.file_size > RATIO_FLOOR and ratio > MAX_MEMBER_RATIO:
            return (f"工作簿内部文件“{i.filename}”压缩比异常（{ratio:.0f} 倍，上限 {MAX_MEMBER_RATIO} 倍），"
                    "疑为压缩炸弹，拒绝读取")
    if "xl/workbook.xml" not in names:
        if "xl/workbook.bin" in names:
            return f"这是 Excel 二进制工作簿（.xlsb），不是 .xlsx；{_SAVE_AS}"
        if "mimetype" in names and "content.xml" in names:
            return f"这是 OpenDocument 文件（.ods 等），不是 .xlsx；{_SAVE_AS}"
        return "这是一个 zip 压缩包（如 .docx 或普通压缩文件），不是 Excel 工作簿（.xlsx）"
    return ""


def merged_ranges(path: Path) -> dict[str, list[str]]:
    """Merged cell ranges (``"A5:B6"``) of each worksheet, by sheet name, read from the XML."""
    out: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as zf:
        for name, part in _sheet_parts(zf).items():
            if part in zf.namelist():
                out[name] = [m.decode("ascii", "replace") for m in _MERGE.findall(zf.read(part))]
    return out


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the zip member holding its XML."""
    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels_name = "xl/_rels/workbook.xml.rels"
    targets: dict[str, str] = {}
    if rels_name in zf.namelist():
        for rel in ElementTree.fromstring(zf.read(rels_name)).iter(f"{_NS_PKG_REL}Relationship"):
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            targets[rel.get("Id", "")] = part
    return {
        sheet.get("name", ""): targets.get(sheet.get(f"{_NS_REL}id", ""), "")
        for sheet in book.iter(f"{_NS_MAIN}sheet")
    }
