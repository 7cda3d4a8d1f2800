"""The SQLite store: schema, one transaction per document, the single writer of a run.

Concurrency and crash safety come from SQLite itself: WAL journal, a generous busy timeout, and
`BEGIN IMMEDIATE` around each document, so a killed run leaves whole documents or nothing, and two
runs on the same database queue their writes instead of failing. The skip-by-hash check is repeated
inside the write transaction, so two runs that race on the same file load it once.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import sys
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from schemas import Document, DocumentMeta, ExtractionResult

if TYPE_CHECKING:
    from pipeline.load_rows import LoadRows

# Waiting for another writer: a large corpus document can take a few seconds to write.
BUSY_TIMEOUT_MS = 60_000
# Test hook (tests/test_crash_concurrency.py): when set to "N:SECONDS", the write of the (N+1)th
# document of this process stops for SECONDS inside its transaction, after the document row and its
# blocks are written and before its facts are, and says so on stderr. A test kills the process there
# to prove that a half-written document never becomes visible. Never set it outside tests.
TEST_HOOK_PAUSE_IN_WRITE = "AFSPRAKEN_TEST_HOOK_PAUSE_IN_WRITE"
TEST_HOOK_MARKER = "test hook: paused inside the write transaction of"
_NUMMER_IN_NAME = re.compile(r"(?<![0-9])(\d{4}D\d{5})(?![0-9])")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def safe_text(text: str) -> str:
    """Text SQLite (UTF-8) and a UTF-8 terminal accept: a file name that is not valid UTF-8 reaches
    Python with surrogate escapes, which cannot be encoded; its raw bytes are shown as \\xNN instead
    ("caf\\xe9.txt"), which keeps different names different."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        raw = (
            text.encode("utf-8", "surrogateescape")
            if _only_escapes(text)
            else text.encode("utf-8", "replace")
        )
        return raw.decode("utf-8", "backslashreplace")


def _only_escapes(text: str) -> bool:
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in text)


def slug(text: str) -> str:
    """ASCII slug; accents are folded first so "één" gives "een", not a gap."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "document"


def base_id_for(meta: DocumentMeta) -> str:
    """Identity shared by all versions: the Kamer document number, else the file name's slug."""
    if meta.nummer:
        return meta.nummer
    m = _NUMMER_IN_NAME.search(meta.source_file)
    if m:
        return m.group(1)
    return slug(Path(meta.source_file).stem)


@dataclass
class LoadOutcome:
    document_id: str | None
    skipped: bool
    reason: str = ""


class Store:
    def __init__(self, path: Path | str, *, sync_registry: bool = True) -> None:
        """Open (and create) the database with its schema. With `sync_registry=False` the
        organisations table is brought up to date later, by `sync_registry()`: the extract run forks
        its workers first, so they warm up while the registry is read (the costly part of opening)."""
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self._documents_written = 0
        self._pause = _pause_hook()
        self._ensure_schema()
        if sync_registry:
            self.sync_registry()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema -----------------------------------------------------------------------------------

    def _ensure_schema(self) -> None:
        """Create or update the schema, but only when the scripts changed since the last run.

        Re-running the script on every open would recreate the views each time, which costs a
        write lock (waiting behind a concurrent run) and invalidates other readers' statements.
        """
        sql = resources.files("pipeline").joinpath("sql")
        # executescript commits any open transaction first, so the script carries its own.
        script = (
            _STORE_SQL
            + sql.joinpath("schema.sql").read_text()
            + _FTS_SQL
            + sql.joinpath("views.sql").read_text()
        )
        digest = hashlib.sha256(script.encode()).hexdigest()
        if self._meta("schema") != digest:
            self.conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\n"
                f"INSERT OR REPLACE INTO store_meta VALUES ('schema', '{digest}');\nCOMMIT;"
            )

    def _meta(self, key: str) -> str | None:
        try:
            row = self.conn.execute("SELECT value FROM store_meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:  # a database from before store_meta existed, or a new one
            return None
        return row[0] if row else None

    def sync_registry(self) -> None:
        """Keep the organisations table equal to the curated registry (data/organisations.yaml).

        Skipped when the registry file is unchanged since the last sync: parsing it costs about
        0.4 s, a large part of a run that has nothing else to do.
        """
        try:
            from extractors.org_registry import DEFAULT_PATH, Registry
        except ImportError:
            return
        try:
            digest = hashlib.sha256(DEFAULT_PATH.read_bytes()).hexdigest()
        except OSError:
            return
        if self._meta("registry") == digest:
            return
        rows = [
            (
                o.id,
                o.name,
                o.abbreviation,
                o.kind,
                json.dumps(o.aliases, ensure_ascii=False),
                json.dumps(o.members),
            )
            for o in Registry.load().entries
        ]
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO organisations VALUES (?,?,?,?,?,?) ON CONFLICT(organisation_id) DO UPDATE SET "
                "name=excluded.name, abbreviation=excluded.abbreviation, kind=excluded.kind, "
                "aliases=excluded.aliases, members=excluded.members",
                rows,
            )
            self.conn.execute("INSERT OR REPLACE INTO store_meta VALUES ('registry', ?)", (digest,))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # --- reading ----------------------------------------------------------------------------------

    def known_hashes(self) -> dict[str, str]:
        return {
            r["sha256"]: r["document_id"]
            for r in self.conn.execute("SELECT sha256, document_id FROM documents")
        }

    def known_files(self) -> dict[str, str]:
        return {r["path"]: r["sha256"] for r in self.conn.execute("SELECT path, sha256 FROM files")}

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        return list(self.conn.execute(sql, params))

    # --- writing ----------------------------------------------------------------------------------

    def touch_file(self, path: str, sha256: str, document_id: str | None) -> None:
        with self.transaction():
            self._touch_file(path, sha256, document_id)

    def _touch_file(self, path: str, sha256: str, document_id: str | None) -> None:
        path = safe_text(path)
        self.conn.execute(
            "INSERT INTO files VALUES (?,?,?,?) ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, "
            "document_id=excluded.document_id, seen_at=excluded.seen_at",
            (path, sha256, document_id, _now()),
        )

    def record_failure(self, path: str, reason: str, sha256: str | None = None) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO failures (path, file_name, reason, sha256, failed_at) VALUES (?,?,?,?,?)",
                (safe_text(path), safe_text(Path(path).name), safe_text(reason), sha256, _now()),
            )

    def record_run(self, started_at: str, loaded: int, skipped: int, failed: int, seconds: float) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO runs (started_at, finished_at, loaded, skipped, failed, seconds) VALUES (?,?,?,?,?,?)",
                (started_at, _now(), loaded, skipped, failed, round(seconds, 3)),
            )

    def load(self, path: str, doc: Document, result: ExtractionResult) -> LoadOutcome:
        """Write one document and its facts in one transaction; skip content already loaded."""
        from pipeline.load_rows import rows_of

        return self.load_rows(path, rows_of(doc, result))

    def load_rows(self, path: str, rows: LoadRows) -> LoadOutcome:
        """`load` for rows a worker built (pipeline.load_rows)."""
        from pipeline.load_rows import LAYOUT

        if rows.layout != LAYOUT:
            raise ValueError(
                "the worker runs another version of afspraken (its rows do not fit this database)"
            )
        path = safe_text(path)
        meta = rows.meta
        meta.source_file = safe_text(meta.source_file)
        meta.source_path = safe_text(meta.source_path)
        with self.transaction():
            row = self.conn.execute(
                "SELECT document_id FROM documents WHERE sha256 = ?", (meta.sha256,)
            ).fetchone()
            if row:
                self._touch_file(path, meta.sha256, row["document_id"])
                return LoadOutcome(row["document_id"], skipped=True, reason="unchanged")
            base, document_id = self._assign_id(meta, path)
            self._insert(base, document_id, rows)
            self._touch_file(path, meta.sha256, document_id)
        self._documents_written += 1
        return LoadOutcome(document_id, skipped=False)

    def _assign_id(self, meta: DocumentMeta, path: str) -> tuple[str, str]:
        """(base id, document id). Versions of a document share a base id: the same Kamer number, or
        for documents without one, the same file whose content changed. Other renderings of a
        document (a .pdf beside a .docx) are documents of their own."""
        base = base_id_for(meta)
        if not meta.nummer and not _NUMMER_IN_NAME.search(meta.source_file):
            previous = self.conn.execute(
                "SELECT d.base_id FROM files f JOIN documents d ON d.document_id = f.document_id WHERE f.path = ?",
                (path,),
            ).fetchone()
            if previous:
                base = previous["base_id"]
            else:
                candidate, n = base, 1
                while self.conn.execute("SELECT 1 FROM documents WHERE base_id = ?", (candidate,)).fetchone():
                    n += 1
                    candidate = (
                        f"{base}-{meta.format.value}" if n == 2 else f"{base}-{meta.format.value}-{n - 1}"
                    )
                base = candidate
        latest = self.conn.execute(
            "SELECT MAX(version) FROM documents WHERE base_id = ?", (base,)
        ).fetchone()[0]
        version = meta.version if latest is None else max(meta.version, latest + 1)
        meta.version = version
        return base, (base if version == 1 else f"{base}-v{version}")

    def _insert(self, base: str, document_id: str, rows: LoadRows) -> None:
        from pipeline.load_rows import INSERTS

        m = rows.meta
        parent_id = None
        if m.parent_nummer:
            parent = self.conn.execute(
                "SELECT document_id FROM documents WHERE nummer = ? ORDER BY version DESC LIMIT 1",
                (m.parent_nummer,),
            ).fetchone()
            parent_id = parent["document_id"] if parent else None
        self.conn.execute(
            "INSERT INTO documents VALUES (" + ",".join("?" * 22) + ")",
            (
                document_id,
                base,
                m.nummer,
                m.version,
                m.title,
                m.kind,
                m.date.isoformat() if m.date else None,
                m.updated,
                m.dossier,
                m.volgnummer,
                m.zaak,
                m.parent_nummer,
                parent_id,
                m.source_file,
                m.source_path,
                m.format.value,
                m.text_kind,
                m.sha256,
                m.pages,
                json.dumps(m.extra, ensure_ascii=False, sort_keys=True),
                rows.text,
                _now(),
            ),
        )
        if m.nummer:
            # Bijlagen loaded before their letter get linked now.
            self.conn.execute(
                "UPDATE documents SET parent_document_id = ? WHERE parent_nummer = ? AND parent_document_id IS NULL",
                (document_id, m.nummer),
            )
        for table, sql in INSERTS.items():
            self.conn.executemany(sql, ((document_id, *row) for row in rows.tables[table]))
            if table == "blocks":
                self._after_blocks(document_id)

    def _after_blocks(self, document_id: str) -> None:
        # One statement per document instead of a trigger per row: FTS5 tokenises the same text
        # either way, but the per-row trigger made loading blocks 4x slower (0.57 s vs 0.13 s for
        # the 7,300 blocks of the reference corpus).
        self.conn.execute(
            "INSERT INTO blocks_fts(rowid, text) SELECT rowid, text FROM blocks WHERE document_id = ?",
            (document_id,),
        )
        if self._pause is not None and self._documents_written == self._pause[0]:
            print(f"{TEST_HOOK_MARKER} {document_id}", file=sys.stderr, flush=True)
            time.sleep(self._pause[1])


def _pause_hook() -> tuple[int, float] | None:
    value = os.environ.get(TEST_HOOK_PAUSE_IN_WRITE)
    if not value:
        return None
    after, _, seconds = value.partition(":")
    return int(after), float(seconds or 30)


# Store-internal bookkeeping: digests of the schema script and of the registry last applied.
_STORE_SQL = """
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Rows reach blocks_fts from Store._insert in one statement per document (see there); the triggers
# keep it in step when blocks are deleted or updated.
_FTS_SQL = """
CREATE VIRTUAL TABLE IF NOT EXISTS blocks_fts USING fts5(
    text, content='blocks', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
DROP TRIGGER IF EXISTS blocks_ai;
CREATE TRIGGER IF NOT EXISTS blocks_ad AFTER DELETE ON blocks BEGIN
    INSERT INTO blocks_fts(blocks_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER IF NOT EXISTS blocks_au AFTER UPDATE ON blocks BEGIN
    INSERT INTO blocks_fts(blocks_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO blocks_fts(rowid, text) VALUES (new.rowid, new.text);
END;
"""
