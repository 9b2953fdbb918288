"""Fonts for the PDF: which file draws each font a template names, and what it cannot draw.

A template names fonts the way Word does (``仿宋_GB2312``, ``方正小标宋简体``, ``黑体`` …). For each
name we look, in order, for

1. an installed font with exactly that family name (the user's own 仿宋_GB2312 or 方正小标宋);
2. an installed font of the same *role* (仿宋, 小标宋, 黑体, 楷体, 宋体) from a preference list;
3. the bundled OFL stand-in for the role in ``resources/fonts/`` (Noto Serif SC, Noto Sans SC and a
   renamed LXGW WenKai subset).

Only TrueType-outline fonts are used: reportlab cannot embed CFF/OpenType-PS outlines. Installed
fonts are found in the Windows font folders (``%WINDIR%\\Fonts``, the per-user font folder), the
fontconfig folders on Linux, the macOS font folders and any folder listed in ``SYDW_FONT_DIRS``.
The scan reads only the ``name`` table and is cached per process.

Coverage is checked before rendering (``fontTools`` ``getBestCmap``): characters a chosen font
lacks are drawn with the first font of :func:`fallback_chain` that has them, and reported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont, TTLibError

from ..paths import resources


class Role(StrEnum):
    """The typographic role of a font in GB/T 9704 documents."""

    FANGSONG = "仿宋"
    XIAOBIAOSONG = "小标宋"
    HEITI = "黑体"
    KAITI = "楷体"
    SONGTI = "宋体"


#: Installed family names that serve each role, best first.
ROLE_FAMILIES: dict[Role, tuple[str, ...]] = {
    Role.FANGSONG: ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "华文仿宋", "STFangsong"),
    Role.XIAOBIAOSONG: (
        "方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "方正小标宋",
        "华文中宋", "STZhongsong",
    ),
    Role.HEITI: ("黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "华文黑体", "STHeiti"),
    Role.KAITI: ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "华文楷体", "STKaiti"),
    Role.SONGTI: ("宋体", "SimSun", "新宋体", "NSimSun", "华文宋体", "STSong"),
}

#: Bundled stand-in per role (files in ``resources/fonts``).
BUNDLED_FILES: dict[Role, str] = {
    Role.FANGSONG: "NotoSerifSC-Regular-GBK.ttf",
    Role.SONGTI: "NotoSerifSC-Regular-GBK.ttf",
    Role.XIAOBIAOSONG: "NotoSerifSC-Bold-GB2312.ttf",
    Role.HEITI: "NotoSansSC-Regular-GB2312.ttf",
    Role.KAITI: "SydwKai-Regular-GB2312.ttf",
}

#: Substrings of a font name that reveal its role, checked in this order.
_ROLE_HINTS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    (Role.XIAOBIAOSONG, ("小标宋", "标宋", "xiaobiaosong", "中宋", "zhongsong")),
    (Role.FANGSONG, ("仿宋", "fangsong", "fs_gb2312")),
    (Role.KAITI, ("楷", "kai")),
    (Role.HEITI, ("黑", "hei")),
    (Role.SONGTI, ("宋", "song", "sun", "明")),
)


def role_of(font_name: str) -> Role:
    """The role a font name implies; unknown names count as 仿宋 (the body font)."""
    lowered = font_name.lower()
    for role, hints in _ROLE_HINTS:
        if any(h in lowered for h in hints):
            return role
    return Role.FANGSONG


@dataclass(frozen=True)
class FontFile:
    """One TrueType face: a file and, for collections, the face index."""

    path: Path
    index: int
    family: str
    bundled: bool = False

    @property
    def key(self) -> str:
        """A stable PDF resource name for this face."""
        stem = "".join(c for c in self.path.stem if c.isascii() and c.isalnum()) or "Font"
        return f"Sydw-{stem}-{self.index}"


@dataclass(frozen=True)
class ResolvedFont:
    """What draws a font name of the template."""

    requested: str
    role: Role
    face: FontFile
    #: True when the face is not the font the template asked for (another family or bundled).
    substituted: bool


def font_dirs() -> list[Path]:
    """Folders searched for installed fonts on this machine."""
    dirs: list[Path] = []
    extra = os.environ.get("SYDW_FONT_DIRS", "")
    dirs += [Path(p) for p in extra.split(os.pathsep) if p]
    home = Path.home()
    if os.name == "nt":
        windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [home / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    else:
        data_dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
        dirs += [Path(d) / "fonts" for d in data_dirs.split(":") if d]
        data_home = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
        dirs += [Path(data_home) / "fonts", home / ".fonts"]
    seen: set[Path] = set()
    unique = []
    for d in dirs:
        if d not in seen:
            seen.add(d)
            unique.append(d)
    return unique


def _font_files(dirs: Iterable[Path]) -> Iterator[Path]:
    for folder in dirs:
        if not folder.is_dir():
            continue
        for root, _subdirs, files in os.walk(folder):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc", ".otf")):
                    yield Path(root) / name


def _families(font: TTFont) -> set[str]:
    names = set()
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            try:
                names.add(record.toUnicode().strip())
            except UnicodeDecodeError:
                continue
    return names


def _faces(path: Path) -> Iterator[tuple[int, TTFont]]:
    if path.suffix.lower() == ".ttc":
        collection = TTCollection(str(path), lazy=True)
        yield from enumerate(collection.fonts)
    else:
        yield 0, TTFont(str(path), lazy=True)


@cache
def installed_fonts(dirs: tuple[Path, ...] | None = None) -> dict[str, FontFile]:
    """Installed TrueType-outline faces by lower-cased family name (cached per process)."""
    found: dict[str, FontFile] = {}
    for path in _font_files(dirs if dirs is not None else font_dirs()):
        try:
            for index, face in _faces(path):
                if "glyf" not in face or "cmap" not in face:
                    continue  # CFF outlines: reportlab cannot embed them
                for family in _families(face):
                    found.setdefault(family.lower(), FontFile(path, index, family))
        except (TTLibError, OSError, ValueError, KeyError, AssertionError):
            continue  # unreadable or exotic font files are simply not offered
    return found


#: What the clerk is told a bundled face is called (its family in plain words, not the file name).
BUNDLED_NAMES: dict[str, str] = {
    "NotoSerifSC-Regular-GBK.ttf": "思源宋体",
    "NotoSerifSC-Bold-GB2312.ttf": "思源宋体（粗）",
    "NotoSansSC-Regular-GB2312.ttf": "思源黑体",
    "SydwKai-Regular-GB2312.ttf": "霞鹜文楷",
}


def bundled_face(role: Role) -> FontFile:
    name = BUNDLED_FILES[role]
    return FontFile(resources() / "fonts" / name, 0, BUNDLED_NAMES[name], bundled=True)


def bundled_faces() -> list[FontFile]:
    """Every bundled face, the GBK body font first (it covers most)."""
    faces: list[FontFile] = []
    for role in (Role.FANGSONG, Role.XIAOBIAOSONG, Role.HEITI, Role.KAITI):
        face = bundled_face(role)
        if face not in faces:
            faces.append(face)
    return faces


class FontBook:
    """Resolves template font names to faces, and checks coverage; one per export run.

    ``installed`` is the table of installed fonts to use; pass ``{}`` to use bundled fonts only.
    """

    def __init__(self, installed: dict[str, FontFile] | None = None) -> None:
        self.installed = installed_fonts() if installed is None else installed
        self._resolved: dict[str, ResolvedFont] = {}

    def resolve(self, font_name: str) -> ResolvedFont:
        cached = self._resolved.get(font_name)
        if cached is not None:
            return cached
        role = role_of(font_name)
        face = self.installed.get(font_name.strip().lower())
        substituted = face is None
        if face is None:
            for family in ROLE_FAMILIES[role]:
                face = self.installed.get(family.lower())
                if face is not None:
                    break
        if face is None:
            face = bundled_face(role)
        resolved = ResolvedFont(font_name, role, face, substituted)
        self._resolved[font_name] = resolved
        return resolved

    def fallback_chain(self, face: FontFile) -> list[FontFile]:
        """Faces to try, in order, for a character ``face`` lacks."""
        chain = [f for f in self.installed_role_faces() if f != face]
        chain += [f for f in bundled_faces() if f != face and f not in chain]
        return chain

    def installed_role_faces(self) -> list[FontFile]:
        """Installed faces serving the body and 宋体 roles (wide coverage first)."""
        faces = []
        for role in (Role.FANGSONG, Role.SONGTI):
            for family in ROLE_FAMILIES[role]:
                face = self.installed.get(family.lower())
                if face is not None and face not in faces:
                    faces.append(face)
        return faces


@cache
def coverage(face: FontFile) -> frozenset[int]:
    """Code points the face maps to a glyph."""
    if face.path.suffix.lower() == ".ttc":
        font = TTCollection(str(face.path), lazy=True).fonts[face.index]
    else:
        font = TTFont(str(face.path), lazy=True)
    cmap = font.getBestCmap() or {}
    return frozenset(cmap)


def missing_chars(face: FontFile, text: str) -> list[str]:
    """Characters of ``text`` (other than whitespace and controls) that ``face`` cannot draw."""
    cov = coverage(face)
    out: list[str] = []
    for ch in dict.fromkeys(text):
        if ch.isspace() or ord(ch) < 0x20:
            continue
        if ord(ch) not in cov:
            out.append(ch)
    return out
