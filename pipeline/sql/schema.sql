-- Tables are internal; the views in views.sql are the stable public interface.
CREATE TABLE IF NOT EXISTS documents (
    document_id TEXT PRIMARY KEY,
    base_id TEXT NOT NULL,            -- nummer, or a slug of the file name; shared by all versions
    nummer TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    title TEXT,
    kind TEXT,
    date TEXT,
    updated TEXT,
    dossier TEXT,
    volgnummer TEXT,
    zaak TEXT,
    parent_nummer TEXT,
    parent_document_id TEXT,
    source_file TEXT NOT NULL,
    source_path TEXT NOT NULL,
    format TEXT NOT NULL,
    text_kind TEXT,
    sha256 TEXT NOT NULL UNIQUE,
    pages INTEGER,
    extra TEXT,                       -- JSON: sidebar metadata and other reader extras
    text TEXT NOT NULL,               -- the normalised text all character spans index into
    loaded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_base ON documents(base_id, version);
CREATE INDEX IF NOT EXISTS documents_nummer ON documents(nummer);

CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,            -- resolved path of an input file as last seen
    sha256 TEXT NOT NULL,
    document_id TEXT REFERENCES documents(document_id) ON DELETE SET NULL,
    seen_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS blocks (
    document_id TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    block INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    level INTEGER,
    marker TEXT,
    number INTEGER,
    style TEXT,
    page INTEGER,
    source_page INTEGER,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    cells TEXT,                       -- JSON rows of a table block
    footnote_refs TEXT,               -- JSON [{number, offset}]
    PRIMARY KEY (document_id, block)
);

CREATE TABLE IF NOT EXISTS organisations (
    organisation_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    abbreviation TEXT,
    kind TEXT,
    aliases TEXT,                     -- JSON list
    members TEXT                      -- JSON list of organisation ids
);

CREATE TABLE IF NOT EXISTS sections (
    document_id TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    section_key TEXT NOT NULL,
    title TEXT NOT NULL,
    level INTEGER,
    block INTEGER,
    char_start INTEGER,
    char_end INTEGER,
    PRIMARY KEY (document_id, section_key)
);

CREATE TABLE IF NOT EXISTS agreements (
    document_id TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    agreement_key TEXT NOT NULL,
    code TEXT,
    title TEXT NOT NULL,
    section TEXT,
    what TEXT,
    shape TEXT,
    text TEXT,
    page INTEGER,
    block INTEGER,
    char_start INTEGER,
    char_end INTEGER,
    PRIMARY KEY (document_id, agreement_key)
);

CREATE TABLE IF NOT EXISTS commitments (
    document_id TEXT NOT NULL,
    agreement_key TEXT NOT NULL,
    commitment INTEGER NOT NULL,
    text TEXT NOT NULL,
    action TEXT,
    part TEXT,
    page INTEGER,
    block INTEGER,
    char_start INTEGER,
    char_end INTEGER,
    PRIMARY KEY (document_id, agreement_key, commitment),
    FOREIGN KEY (document_id, agreement_key) REFERENCES agreements(document_id, agreement_key) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS agreement_actors (
    document_id TEXT NOT NULL,
    agreement_key TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations(organisation_id),
    role TEXT NOT NULL,
    PRIMARY KEY (document_id, agreement_key, organisation_id),
    FOREIGN KEY (document_id, agreement_key) REFERENCES agreements(document_id, agreement_key) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS mentions (
    mention_id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    agreement_key TEXT,
    commitment INTEGER,
    organisation_id TEXT NOT NULL REFERENCES organisations(organisation_id),
    surface TEXT NOT NULL,
    role TEXT NOT NULL,
    page INTEGER,
    block INTEGER,
    char_start INTEGER,
    char_end INTEGER
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(document_id, agreement_key);
CREATE INDEX IF NOT EXISTS mentions_org ON mentions(organisation_id);

CREATE TABLE IF NOT EXISTS time_expressions (
    time_id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    agreement_key TEXT,
    commitment INTEGER,
    surface TEXT NOT NULL,
    value TEXT,
    modifier TEXT,
    start_date TEXT,
    end_date TEXT,
    kind TEXT NOT NULL,
    task TEXT,
    page INTEGER,
    block INTEGER,
    char_start INTEGER,
    char_end INTEGER
);
CREATE INDEX IF NOT EXISTS time_doc ON time_expressions(document_id, agreement_key);
CREATE INDEX IF NOT EXISTS time_interval ON time_expressions(start_date, end_date);

CREATE TABLE IF NOT EXISTS refs (
    ref_id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    target TEXT,
    surface TEXT NOT NULL,
    status TEXT,
    footnote INTEGER,
    page INTEGER,
    block INTEGER,
    char_start INTEGER,
    char_end INTEGER
);
CREATE INDEX IF NOT EXISTS refs_doc ON refs(document_id);
CREATE INDEX IF NOT EXISTS refs_target ON refs(target);

CREATE TABLE IF NOT EXISTS status_statements (
    status_id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    section_key TEXT NOT NULL,
    section_title TEXT NOT NULL,
    status TEXT NOT NULL,
    quote TEXT NOT NULL,
    page INTEGER,
    block INTEGER,
    char_start INTEGER,
    char_end INTEGER
);

CREATE TABLE IF NOT EXISTS unknown_organisations (
    unknown_id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    surface TEXT NOT NULL,
    context TEXT,
    block INTEGER,
    char_start INTEGER,
    char_end INTEGER
);

CREATE TABLE IF NOT EXISTS failures (
    failure_id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    file_name TEXT NOT NULL,
    reason TEXT NOT NULL,
    sha256 TEXT,
    failed_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    loaded INTEGER,
    skipped INTEGER,
    failed INTEGER,
    seconds REAL
);

CREATE TABLE IF NOT EXISTS changes (
    change_id INTEGER PRIMARY KEY,
    from_document_id TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    to_document_id TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    agreement_key_from TEXT,
    agreement_key_to TEXT,
    change_kind TEXT NOT NULL,
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    score REAL,
    detail TEXT                       -- JSON: provenance of both sides, shift in days, redline
);
CREATE INDEX IF NOT EXISTS changes_pair ON changes(from_document_id, to_document_id);
