#!/usr/bin/env python3
"""Generate docs/rules.md from the rule catalogue data (resources/rules/*.toml).

    python scripts/gen_rules_doc.py            # rewrite docs/rules.md
    python scripts/gen_rules_doc.py --check    # exit 1 if docs/rules.md is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sydw_desktop.rules import catalogue_markdown, load_catalogue  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="由规则目录数据生成 docs/rules.md")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "rules.md", help="输出文件")
    parser.add_argument("--check", action="store_true", help="只检查文件是否最新，不写入")
    args = parser.parse_args(argv)
    text = catalogue_markdown(load_catalogue())
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} 不是最新的，请运行 scripts/gen_rules_doc.py", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8", newline="\n")
    print(f"已写入 {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
