"""Verifying a packet and then signing one in the same process (the GUI does: 校验, then 生成).

asn1crypto learns the ``signing_certificate_v2`` attribute name only when ``asn1crypto.tsp`` is
imported, and freezes its name → OID map on the first lookup. A verification that ran before
anything imported tsp used to make every later PDF signature fail. Needs a fresh interpreter.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from packet_helpers import ROOT, build_small_packet

SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from sydw_desktop.packets.verify import verify_packet
assert verify_packet(Path({packet!r})).valid
from packet_helpers import build_small_packet
out = build_small_packet(Path({folder!r}))
assert verify_packet(out).valid
print("signed after verifying")
"""


def test_sign_after_verify_in_a_fresh_process(tmp_path: Path) -> None:
    packet = build_small_packet(tmp_path)
    later = tmp_path / "later"
    later.mkdir()
    code = SCRIPT.format(tests=str(ROOT / "tests"), packet=str(packet), folder=str(later))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "signed after verifying" in done.stdout
