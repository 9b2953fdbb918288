"""Rebuild the bundled fallback fonts in ``resources/fonts/`` (see ``resources/fonts/README.md``).

Usage::

    python scripts/subset_fonts.py --noto-serif-regular NotoSerifSC_400Regular.ttf \
        --noto-serif-bold NotoSerifSC_700Bold.ttf --noto-sans-regular NotoSansSC_400Regular.ttf \
        --wenkai-regular LXGWWenKai-Regular.ttf

The body font (Noto Serif SC Regular) is cut to GBK so that everyday name characters outside
GB2312 (喆 堃 珺 玥 镕 昇 …) are covered; the title, 黑体 and 楷体 stand-ins are cut to GB2312.
Every subset keeps ASCII and the CJK/full-width punctuation blocks. LXGW WenKai has the Reserved
Font Names "LXGW" and "霞鹜", so its subset (a Modified Version under the OFL) is renamed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts"


def _encoding_chars(encoding: str) -> set[str]:
    chars: set[str] = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode(encoding))
            except UnicodeDecodeError:
                continue
    return chars


def _extra_chars() -> set[str]:
    ranges = [(0x20, 0x7F), (0x3000, 0x3040), (0xFF01, 0xFF5F), (0x2010, 0x2040), (0x2460, 0x2474)]
    chars = {chr(c) for lo, hi in ranges for c in range(lo, hi)}
    return chars | set("·×÷№℃〔〕《》〈〉【】─━")


def _subset(source: Path, chars: set[str], target: Path) -> None:
    text_file = target.with_suffix(".chars.txt")
    text_file.write_text("".join(sorted(chars)), encoding="utf-8")
    try:
        subprocess.run(
            [
                sys.executable, "-m", "fontTools.subset", str(source),
                f"--text-file={text_file}", "--layout-features=", "--no-hinting",
                "--name-IDs=*", "--notdef-outline", f"--output-file={target}",
            ],
            check=True,
        )
    finally:
        text_file.unlink(missing_ok=True)


def _rename(path: Path, family: str, postscript: str) -> None:
    font = TTFont(path)
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (1, 4, 16, 17, 18):
            name.removeNames(nameID=record.nameID)
    name.setName(family, 1, 3, 1, 0x409)
    name.setName(family, 4, 3, 1, 0x409)
    name.setName(postscript, 6, 3, 1, 0x409)
    name.setName(f"{family}; subset of LXGW WenKai (OFL-1.1)", 3, 3, 1, 0x409)
    font.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--noto-serif-regular", type=Path, required=True)
    parser.add_argument("--noto-serif-bold", type=Path, required=True)
    parser.add_argument("--noto-sans-regular", type=Path, required=True)
    parser.add_argument("--wenkai-regular", type=Path, required=True)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    gb2312 = _encoding_chars("gb2312") | _extra_chars()
    gbk = _encoding_chars("gbk") | _extra_chars()
    _subset(args.noto_serif_regular, gbk, OUT / "NotoSerifSC-Regular-GBK.ttf")
    _subset(args.noto_serif_bold, gb2312, OUT / "NotoSerifSC-Bold-GB2312.ttf")
    _subset(args.noto_sans_regular, gb2312, OUT / "NotoSansSC-Regular-GB2312.ttf")
    kai = OUT / "SydwKai-Regular-GB2312.ttf"
    _subset(args.wenkai_regular, gb2312, kai)
    _rename(kai, "Sydw Kai GB2312", "SydwKai-Regular")
    for path in sorted(OUT.glob("*.ttf")):
        print(f"{path.name}\t{path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
