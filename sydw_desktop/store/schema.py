"""The `.sydw` file format: SQLite with an application id and a versioned schema.

``PRAGMA application_id`` marks the file as ours; ``PRAGMA user_version`` is the schema version.
:data:`MIGRATIONS` is the chain: entry *n* upgrades a file from version *n* to *n + 1*. A new
schema change is a new entry at the end, never an edit of an old one.
"""

from __future__ import annotations

APPLICATION_ID = 0x53594457  # "SYDW"

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE jurisdiction (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    name      TEXT NOT NULL,
    code      TEXT NOT NULL CHECK (length(code) = 6),
    level     TEXT NOT NULL,
    unit_cap  INTEGER,
    staff_cap INTEGER
);
CREATE TABLE unit (
    id                  INTEGER PRIMARY KEY,
    phase               TEXT NOT NULL CHECK (phase IN ('改革前', '改革后')),
    name                TEXT NOT NULL,
    dept                TEXT NOT NULL,
    spec                TEXT NOT NULL,
    category            TEXT NOT NULL,
    funding             TEXT NOT NULL,
    staffing            INTEGER NOT NULL CHECK (staffing >= 0),
    actual              INTEGER CHECK (actual >= 0),
    uscc                TEXT NOT NULL DEFAULT '',
    service             TEXT,
    leaders_principal   INTEGER,
    leaders_deputy      INTEGER,
    depts               INTEGER,
    paizi               TEXT NOT NULL DEFAULT '[]',
    party_org           TEXT,
    party_members       INTEGER,
    remark              TEXT NOT NULL DEFAULT '',
    staffing_by_funding TEXT NOT NULL DEFAULT '{}',
    disposition         TEXT,
    destination         INTEGER REFERENCES unit (id),
    duties              TEXT NOT NULL DEFAULT '[]',
    duties_elsewhere    TEXT NOT NULL DEFAULT '[]',
    is_new              INTEGER NOT NULL DEFAULT 0,
    exemption           TEXT NOT NULL DEFAULT '',
    domain_note         TEXT NOT NULL DEFAULT '',
    party_committee     INTEGER NOT NULL DEFAULT 0,
    joint_branch_units  INTEGER,
    overstaff_deadline  TEXT NOT NULL DEFAULT '',
    sort_key            INTEGER NOT NULL DEFAULT 0,
    UNIQUE (phase, name)
);
CREATE INDEX unit_destination ON unit (destination);
CREATE TABLE transfer (
    id        INTEGER PRIMARY KEY,
    source    INTEGER NOT NULL REFERENCES unit (id),
    target    INTEGER REFERENCES unit (id),
    placement TEXT,
    count     INTEGER NOT NULL CHECK (count >= 1),
    remark    TEXT NOT NULL DEFAULT '',
    CHECK ((target IS NULL) <> (placement IS NULL))
);
CREATE INDEX transfer_source ON transfer (source);
CREATE INDEX transfer_target ON transfer (target);
CREATE TABLE document (
    unit INTEGER NOT NULL REFERENCES unit (id),
    kind TEXT NOT NULL CHECK (kind IN ('sanding', 'quanxian', 'charter')),
    body TEXT NOT NULL,
    PRIMARY KEY (unit, kind)
) WITHOUT ROWID;
CREATE TABLE round (
    id        INTEGER PRIMARY KEY,
    number    INTEGER NOT NULL,
    direction TEXT NOT NULL,
    date      TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT '',
    locked    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE review_comment (
    id           INTEGER PRIMARY KEY,
    round_number INTEGER NOT NULL,
    text         TEXT NOT NULL,
    document     TEXT NOT NULL DEFAULT 'plan',
    unit         TEXT,
    field        TEXT,
    author       TEXT NOT NULL DEFAULT ''
);
CREATE TABLE changelog (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user        TEXT NOT NULL,
    operation   TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_name TEXT NOT NULL,
    field       TEXT NOT NULL,
    old         TEXT NOT NULL,
    new         TEXT NOT NULL,
    doc_no      TEXT NOT NULL DEFAULT ''
);
"""

# Version 2: what the rules need to remember per workspace — clerks' explanations of warnings
# and parameter overrides (with who, when and the 文号 that allows them).
_V2 = """
CREATE TABLE explanation (
    rule        TEXT NOT NULL,
    unit        TEXT NOT NULL DEFAULT '',
    field       TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    fingerprint TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (rule, unit, field)
) WITHOUT ROWID;
CREATE TABLE param_override (
    id             INTEGER PRIMARY KEY,
    rule           TEXT NOT NULL,
    param          TEXT NOT NULL,
    value          TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    doc_no         TEXT NOT NULL DEFAULT '',
    reason         TEXT NOT NULL DEFAULT '',
    author         TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);
"""

# Version 3: the upper level's side of filing packets — the trust list of subordinate offices'
# certificates, and the packets received from them (one per region code and round; the packet's
# workspace.json and check report are kept whole, with summary figures for the overview).
_V3 = """
CREATE TABLE trusted_cert (
    fingerprint TEXT PRIMARY KEY CHECK (length(fingerprint) = 64),
    office      TEXT NOT NULL,
    region_code TEXT NOT NULL DEFAULT '',
    not_after   TEXT NOT NULL,
    pem         TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    added_by    TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE subordinate (
    region_code        TEXT NOT NULL CHECK (length(region_code) = 6),
    round              INTEGER NOT NULL CHECK (round >= 1),
    name               TEXT NOT NULL,
    level              TEXT NOT NULL,
    packet_id          TEXT NOT NULL,
    bag                TEXT NOT NULL,
    packet_sha256      TEXT NOT NULL,
    signer_fingerprint TEXT NOT NULL,
    signer_office      TEXT NOT NULL,
    bagging_date       TEXT NOT NULL,
    signed_at          TEXT NOT NULL DEFAULT '',
    note               TEXT NOT NULL DEFAULT '',
    rules_version      TEXT NOT NULL DEFAULT '',
    summary            TEXT NOT NULL,
    workspace_json     TEXT NOT NULL,
    check_report       TEXT NOT NULL,
    received_at        TEXT NOT NULL,
    received_by        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (region_code, round)
);
"""

# Version 4: review in rounds (chain.md). Comments gain their side (``in``: from the level above,
# ``out``: written here on a subordinate's filing), a target, a status and the clerk's reply; the
# county records each packet it submits (with the workspace as packed, for round diffs); both
# sides keep the review decisions sent or received, the 作废 records of what was deleted after a
# submission, and every packet taken in (for replay refusal).
_V4_REVIEW = """
ALTER TABLE review_comment ADD COLUMN direction   TEXT NOT NULL DEFAULT 'in';
ALTER TABLE review_comment ADD COLUMN region_code TEXT NOT NULL DEFAULT '';
ALTER TABLE review_comment ADD COLUMN uid         TEXT NOT NULL DEFAULT '';
ALTER TABLE review_comment ADD COLUMN status      TEXT NOT NULL DEFAULT '';
ALTER TABLE review_comment ADD COLUMN reply       TEXT NOT NULL DEFAULT '';
ALTER TABLE review_comment ADD COLUMN record      INTEGER;
ALTER TABLE review_comment ADD COLUMN created_at  TEXT NOT NULL DEFAULT '';
ALTER TABLE subordinate ADD COLUMN replies TEXT NOT NULL DEFAULT '';
CREATE TABLE submission (
    packet_id      TEXT PRIMARY KEY,
    round          INTEGER NOT NULL CHECK (round >= 1),
    bag            TEXT NOT NULL,
    packet_sha256  TEXT NOT NULL,
    to_code        TEXT NOT NULL DEFAULT '',
    submitted_at   TEXT NOT NULL,
    submitted_by   TEXT NOT NULL DEFAULT '',
    workspace_json TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE review_record (
    id            INTEGER PRIMARY KEY,
    direction     TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    region_code   TEXT NOT NULL,
    round         INTEGER NOT NULL CHECK (round >= 1),
    decision      TEXT NOT NULL,
    opinion       TEXT NOT NULL DEFAULT '',
    office        TEXT NOT NULL DEFAULT '',
    doc_no        TEXT NOT NULL DEFAULT '',
    packet_id     TEXT NOT NULL,
    answers       TEXT NOT NULL,
    issued_at     TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL DEFAULT ''
);
CREATE TABLE voided (
    id        INTEGER PRIMARY KEY,
    round     INTEGER NOT NULL,
    entity    TEXT NOT NULL,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL DEFAULT '',
    reason    TEXT NOT NULL,
    body      TEXT NOT NULL DEFAULT '{}',
    voided_at TEXT NOT NULL,
    voided_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE received_packet (
    packet_id   TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    issuer      TEXT NOT NULL,
    round       INTEGER NOT NULL,
    signed_at   TEXT NOT NULL DEFAULT '',
    sha256      TEXT NOT NULL,
    received_at TEXT NOT NULL
) WITHOUT ROWID;
"""

# Version 5: the league (issue 13): the upper office's allocations of 机构限额/编制总量 to
# its subordinates (the list of subordinates), the hand-down pack installed on the lower side, and
# the bytes of each received packet (a league's roll-up carries its banners' packets unchanged).
_V5_LEAGUE = """
CREATE TABLE allocation (
    region_code TEXT PRIMARY KEY CHECK (length(region_code) = 6),
    name        TEXT NOT NULL,
    unit_cap    INTEGER CHECK (unit_cap >= 0),
    staff_cap   INTEGER CHECK (staff_cap >= 0),
    doc_no      TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE handdown (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    issuer_code        TEXT NOT NULL,
    issuer_name        TEXT NOT NULL,
    number             INTEGER NOT NULL CHECK (number >= 1),
    signed_at          TEXT NOT NULL DEFAULT '',
    packet_sha256      TEXT NOT NULL,
    signer_fingerprint TEXT NOT NULL,
    signer_office      TEXT NOT NULL,
    payload            TEXT NOT NULL,
    installed_at       TEXT NOT NULL,
    installed_by       TEXT NOT NULL DEFAULT ''
);
CREATE TABLE subordinate_packet (
    region_code TEXT NOT NULL,
    round       INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (region_code, round)
);
"""

# The method as work (issue 17): marks of the nine steps a clerk records by hand, each 三定's
# six-step 审理 with dates, 征求意见 and 协商 records, the decision procedure's meetings, per-unit
# progress (转隶 confirmed, 运行 since), 督查评估 checklists, and the 通报 issued. Unit ids are not
# declared as foreign keys: a unit's records go with it (see ``method/records.py``).
_V6_METHOD = """
CREATE TABLE step_mark (
    step    TEXT PRIMARY KEY,
    done_on TEXT NOT NULL,
    doc_no  TEXT NOT NULL DEFAULT '',
    note    TEXT NOT NULL DEFAULT '',
    author  TEXT NOT NULL DEFAULT '',
    at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sanding_stage (
    unit    INTEGER NOT NULL,
    stage   TEXT NOT NULL,
    done_on TEXT NOT NULL,
    note    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (unit, stage)
) WITHOUT ROWID;
CREATE TABLE consultation (
    id          INTEGER PRIMARY KEY,
    unit        INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('征求意见', '协商会议')),
    party       TEXT NOT NULL,
    sent_on     TEXT NOT NULL,
    answered_on TEXT NOT NULL DEFAULT '',
    opinion     TEXT NOT NULL DEFAULT '',
    adopted     INTEGER,
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consultation_unit ON consultation (unit);
CREATE TABLE decision (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    held_on TEXT NOT NULL,
    doc_no  TEXT NOT NULL DEFAULT '',
    result  TEXT NOT NULL DEFAULT ''
);
CREATE TABLE unit_progress (
    unit                   INTEGER PRIMARY KEY,
    transfers_confirmed_on TEXT NOT NULL DEFAULT '',
    running_since          TEXT NOT NULL DEFAULT ''
);
CREATE TABLE evaluation (
    id           INTEGER PRIMARY KEY,
    unit         INTEGER NOT NULL,
    evaluated_on TEXT NOT NULL,
    duties       TEXT NOT NULL DEFAULT '',
    staffing     TEXT NOT NULL DEFAULT '',
    internal     TEXT NOT NULL DEFAULT '',
    problems     TEXT NOT NULL DEFAULT '',
    demands      TEXT NOT NULL DEFAULT '',
    results      TEXT NOT NULL DEFAULT '',
    evaluator    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX evaluation_unit ON evaluation (unit);
CREATE TABLE progress_report (
    id        INTEGER PRIMARY KEY,
    period    TEXT NOT NULL,
    start     TEXT NOT NULL,
    end       TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    doc_no    TEXT NOT NULL DEFAULT '',
    findings  TEXT NOT NULL DEFAULT '[]'
);
"""

# Version 7 (issue 17): blocks of several features, each delimited by its comment.
_V7 = """
-- (no semicolons in comments: the migration is split at them)
-- progress (issue 17 item 4): the upper office's record of each subordinate's method state (the
-- newest data/method.json received, from a 进度报送包 or a filing) and the step dates it set.
CREATE TABLE subordinate_progress (
    region_code   TEXT PRIMARY KEY CHECK (length(region_code) = 6),
    name          TEXT NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('filing', 'progress')),
    packet_id     TEXT NOT NULL,
    bag           TEXT NOT NULL,
    as_of         TEXT NOT NULL,
    signed_at     TEXT NOT NULL DEFAULT '',
    signer_office TEXT NOT NULL DEFAULT '',
    packet_sha256 TEXT NOT NULL,
    method        TEXT NOT NULL,
    bulletin      BLOB,
    received_at   TEXT NOT NULL,
    received_by   TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE step_due (
    step    INTEGER PRIMARY KEY CHECK (step BETWEEN 1 AND 9),
    due_on  TEXT NOT NULL,
    doc_no  TEXT NOT NULL DEFAULT '',
    set_at  TEXT NOT NULL,
    set_by  TEXT NOT NULL DEFAULT ''
);
-- end progress (issue 17 item 4)
-- acceptance (issue 17 item 5): the 检查验收 of a subordinate by the upper office (``out``: recorded
-- here, sent down as a signed 检查验收意见包), or received from the office above (``in``), with its
-- checklist items. An item found 存在问题 is answered 已整改 / 已说明 by the county, and the answer
-- travels up in its next filing. Items point at their acceptance by id (no declared foreign key:
-- undo restores rows in any order).
CREATE TABLE acceptance (
    id          INTEGER PRIMARY KEY,
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    region_code TEXT NOT NULL CHECK (length(region_code) = 6),
    name        TEXT NOT NULL,
    uid         TEXT NOT NULL UNIQUE,
    number      INTEGER NOT NULL CHECK (number >= 1),
    held_on     TEXT NOT NULL,
    team        TEXT NOT NULL DEFAULT '',
    office      TEXT NOT NULL DEFAULT '',
    doc_no      TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL,
    opinion     TEXT NOT NULL DEFAULT '',
    packet_id   TEXT NOT NULL DEFAULT '',
    issued_at   TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE acceptance_item (
    id          INTEGER PRIMARY KEY,
    acceptance  INTEGER NOT NULL,
    uid         TEXT NOT NULL,
    item        TEXT NOT NULL,
    conclusion  TEXT NOT NULL CHECK (conclusion IN ('符合', '存在问题')),
    problem     TEXT NOT NULL DEFAULT '',
    demand      TEXT NOT NULL DEFAULT '',
    deadline    TEXT NOT NULL DEFAULT '',
    document    TEXT NOT NULL DEFAULT 'plan',
    unit        TEXT,
    field       TEXT,
    status      TEXT NOT NULL DEFAULT '',
    reply       TEXT NOT NULL DEFAULT '',
    answered_on TEXT NOT NULL DEFAULT ''
);
CREATE INDEX acceptance_item_acceptance ON acceptance_item (acceptance);
-- end acceptance
"""

#: ``MIGRATIONS[n]`` takes a file from version ``n`` to ``n + 1`` (version 0 = empty file).
MIGRATIONS: list[str] = [_V1, _V2, _V3, _V4_REVIEW, _V5_LEAGUE, _V6_METHOD, _V7]
SCHEMA_VERSION = len(MIGRATIONS)

#: Primary-key columns of each table the undo machinery may touch.
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "meta": ("key",),
    "jurisdiction": ("id",),
    "unit": ("id",),
    "transfer": ("id",),
    "document": ("unit", "kind"),
    "round": ("id",),
    "review_comment": ("id",),
    "explanation": ("rule", "unit", "field"),
    "param_override": ("id",),
    "trusted_cert": ("fingerprint",),
    "subordinate": ("region_code", "round"),
    "submission": ("packet_id",),
    "review_record": ("id",),
    "voided": ("id",),
    "received_packet": ("packet_id",),
    "allocation": ("region_code",),
    "handdown": ("id",),
    "subordinate_packet": ("region_code", "round"),
    # _V6_METHOD
    "step_mark": ("step",),
    "sanding_stage": ("unit", "stage"),
    "consultation": ("id",),
    "decision": ("id",),
    "unit_progress": ("unit",),
    "evaluation": ("id",),
    "progress_report": ("id",),
    # _V7: progress (issue 17 item 4)
    "subordinate_progress": ("region_code",),
    "step_due": ("step",),
    # _V7: acceptance
    "acceptance": ("id",),
    "acceptance_item": ("id",),
}
