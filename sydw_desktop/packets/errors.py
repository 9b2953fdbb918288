"""Errors of the packet layer: identities, packing, verifying, trust and receiving.

All are :class:`~sydw_desktop.errors.SydwError` subclasses with a Chinese message; ``exit_code``
follows interfaces.md §1 (1 = refused on the merits, 2 = bad input or an unreadable/unwritable file).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import SydwError

if TYPE_CHECKING:
    from .results import VerifyResult


class PacketError(SydwError):
    """Base of the packet layer's errors."""


class IdentityError(PacketError):
    """A signing identity (``.p12``) or certificate (``.pem``) cannot be made, read or used."""


class WrongPassphrase(IdentityError):
    """The passphrase does not open the ``.p12`` file."""


class PassphraseUnavailable(IdentityError):
    """No passphrase could be obtained (no ``SYDW_PASSPHRASE`` and no terminal to ask on)."""


class PackRefused(PacketError):
    """Packing was refused because of ``error`` findings or unexplained warnings."""

    exit_code = 1

    def __init__(self, message: str, reasons: Sequence[str]) -> None:
        lines = "\n".join(f"  {r}" for r in reasons)
        super().__init__(f"{message}\n{lines}" if reasons else message)
        self.reasons = list(reasons)


class PacketWriteError(PacketError):
    """The packet could not be written (full disk, pulled USB stick, read-back mismatch)."""


class PacketUnreadable(PacketError):
    """The packet file cannot be read at all (missing, a folder, no permission)."""


class PacketInvalid(PacketError):
    """A packet failed verification; ``problems`` are the verifier's findings, each naming a file.

    ``verification`` is the whole result when there is one (the GUI lists its problems by file).
    """

    exit_code = 1

    def __init__(self, message: str, problems: Sequence[str], *, verification: VerifyResult | None = None) -> None:
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{message}\n{lines}" if problems else message)
        self.problems = list(problems)
        self.verification = verification


class TrustError(PacketError):
    """The trust list cannot be changed as asked (bad certificate, unknown fingerprint …)."""


class ReceiveRefused(PacketError):
    """A valid packet that this workspace must not take (wrong jurisdiction, untrusted signer)."""

    exit_code = 1

