"""Writing the bag folder into the packet's zip: one top folder, NFC names, UTF-8 flag, no links."""

from __future__ import annotations

import os
import stat
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from .bag import nfc

_UTF8_FLAG = 0x800
_ALREADY_COMPRESSED = (".pdf", ".xlsx", ".docx", ".zip", ".png", ".jpg")


def zip_bag(bag_dir: Path, out: Path, *, on_file: Callable[[str], None] | None = None) -> int:
    """Write ``bag_dir`` (and everything in it) to the new zip file ``out``; return the entry count.

    Entry names are ``{bag name}/{relative path}``, NFC-normalised, with the UTF-8 flag set on
    every entry. Files are regular files with mode 0644; already-compressed formats are stored,
    text is deflated.
    """
    files = sorted(
        (nfc(f"{bag_dir.name}/{path.relative_to(bag_dir).as_posix()}"), path)
        for path in bag_dir.rglob("*")
        if path.is_file() and not path.is_symlink()
    )
    stamp = time.localtime()[:6]
    with zipfile.ZipFile(out, "x", allowZip64=True) as archive:
        for name, path in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.flag_bits |= _UTF8_FLAG
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.create_system = 3  # Unix, so the mode bits above are read as such
            stored = name.lower().endswith(_ALREADY_COMPRESSED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            with path.open("rb") as source, archive.open(info, "w", force_zip64=os.path.getsize(path) > 2**31) as dest:
                while chunk := source.read(1 << 20):
                    dest.write(chunk)
            if on_file is not None:
                on_file(name)
    return len(files)
