"""Filing packets (报送包): office identities, packing, verifying, trust lists and receiving.

The contract is interfaces.md §4; ``docs/packets.md`` describes the format and the limits. The
modules, by concern (import them directly; this package imports nothing, so the rest of the core
stays quick to load):

- :mod:`.identity` — keygen, ``.p12`` load/save, certificate facts, fingerprints in groups
- :mod:`.passphrase` — ``SYDW_PASSPHRASE`` or a terminal prompt
- :mod:`.workspace_json` — ``workspace.json`` to and from a snapshot, schema checks
- :mod:`.bag` — BagIt naming and tag files; :mod:`.assemble` — a signed bag from exported files
- :mod:`.cms` — detached CMS over the tag manifest; :mod:`.pdf_sign` — PAdES B-B on each PDF
- :mod:`.zipwrite`, :mod:`.zipsafe` — writing the zip; inspecting and extracting one safely
- :mod:`.safe_write` — USB-safe writing (temp name, fsync, rename, read back)
- :mod:`.pack`, :mod:`.verify` (checks in :mod:`.verify_checks`), :mod:`.receive`, :mod:`.trust` —
  the jobs, with progress/cancel
- :mod:`.results`, :mod:`.errors` — typed results and the error classes
- :mod:`.cli` — the ``sydw`` sub-commands
"""
