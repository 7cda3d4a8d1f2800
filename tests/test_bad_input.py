"""Bad input through the real CLI: one line naming the file and the reason, a failures row, the good
files beside it loaded, a non-zero exit status, and never a traceback.

One corpus holds every bad file next to good ones (and one whose worker process dies) and is
extracted once with two workers; each test then checks one file. All fixtures are generated here, small, at test time.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.bench_corpus import SimplePdf, simple_pages_pdf
from pipeline.process import TEST_HOOK_CRASH_ON
from tests import docx_fixtures as dfx
from tests.robust_helpers import (
    assert_no_traceback,
    cli_command,
    cli_env,
    connect,
    consistency_problems,
    copy_samples,
    failures,
    run_cli,
    source_files,
)

GOOD_TXT = "2099D00001-voortgangsbrief-zorgakkoord.txt"
GOOD_PDF = "goede-brief.pdf"
GOOD_DOCX = "motie.docx"
ODD_NAME = "Brief met spaties en één ü (concept).txt"
SECRET = "GEHEIM-XXE-4711"

# file name -> the reason the CLI must give (None: the file must load).
EXPECTED: dict[str, str | None] = {
    "leeg.pdf": "empty file (0 bytes)",
    "leeg.txt": "empty file (0 bytes)",
    "afgebroken.pdf": "corrupt or truncated PDF",
    "versleuteld.pdf": "encrypted PDF (password required)",
    "foutpagina.pdf": "not a PDF (looks like an HTML page)",
    "geen-zip.docx": "not a valid .docx (not a zip archive)",
    "zonder-document.docx": "not a valid .docx (no word/document.xml)",
    "zipbom.docx": "refused: part word/document.xml inflates to 5.0 GB (limit 200 MB)",
    "lach.docx": "refused: word/document.xml contains a DTD (entity declarations are not allowed in .docx)",
    "xxe.docx": "refused: word/document.xml contains a DTD (entity declarations are not allowed in .docx)",
    "oud.doc": "unsupported: .doc, convert to .docx",
    "rommel.txt": "binary data, not text",
    "tekst.odt": "unsupported file type '.odt'",
    "pagina.html": "unsupported file type '.html'",
    # A document whose worker process dies (test hook: it kills itself, as the OOM killer would).
    "valkuil.txt": "worker process died (killed by SIGKILL) (out of memory?)",
    "cp1252.txt": None,
    "cp1252-kort.txt": None,
    "utf16.txt": None,
    ODD_NAME: None,
}
CP1252_LETTER = """Geachte voorzitter,

Hierbij informeer ik uw Kamer over de voortgang van de afspraken uit het Hoofdlijnenakkoord
Ouderenzorg. Zorgverzekeraars Nederland (ZN), ActiZ en de Vereniging Nederlandse Gemeenten (VNG)
hebben in het afgelopen halfjaar belangrijke stappen gezet. De cliënt staat daarbij centraal; één
aanmeldpunt per regio is vóór 1 juli 2026 gerealiseerd. Financiële middelen (€ 40 mln) zijn
beschikbaar gesteld. Coördinatie gebeurt door het Zorginstituut.
"""
# Short Windows-1252 text: charset_normalizer alone guesses Big5 for it (cp775 for ten copies).
CP1252_SHORT = (
    "Brief over de zorg\n\nDe NZa en de VNG maken vóór 1 juli 2026 afspraken over één regionaal "
    "aanmeldpunt; de cliënt staat centraal.\n"
)
# Beside the documents, and deliberately not read (orchestrate._ignored).
IGNORED = ("README.md", "notities.json", "script.py", "instellingen.yaml", ".verborgen.txt")


@dataclass
class Run:
    corpus: Path
    db: Path
    proc: subprocess.CompletedProcess[str]

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.proc.stderr.splitlines() if line.startswith("error: ")]


def good_pdf(path: Path) -> Path:
    pdf = SimplePdf(title="Brief over de wijkzorg")
    pdf.text(72, 760, "Brief over de wijkzorg", size=14, bold=True)
    lines = [
        "Geachte voorzitter,",
        "Zorgverzekeraars Nederland (ZN) en de VNG maken uiterlijk eind 2026 afspraken over de",
        "inzet van wijkverpleegkundigen in iedere regio. Het ministerie van VWS stelt daarvoor",
        "in 2027 middelen beschikbaar. Ik informeer uw Kamer in het voorjaar van 2027 over de",
        "voortgang.",
    ]
    for i, line in enumerate(lines):
        pdf.text(72, 720 - 14 * i, line)
    pdf.save(path)
    return path


def encrypted_pdf(path: Path) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), encrypt=StandardEncryption("geheim", ownerPassword="eigenaar", strength=128))
    c.drawString(72, 720, "Vertrouwelijke tekst over de afspraken.")
    c.showPage()
    c.save()
    return path


def build_corpus(root: Path, secret_file: Path) -> None:
    copy_samples(root, [GOOD_TXT])
    good_pdf(root / GOOD_PDF)
    dfx.build_kamerstuk(root / GOOD_DOCX)

    (root / "leeg.pdf").write_bytes(b"")
    (root / "leeg.txt").write_bytes(b"")
    full = good_pdf(root / "heel.tmp").read_bytes()
    (root / "heel.tmp").unlink()
    (root / "afgebroken.pdf").write_bytes(full[: len(full) // 2])  # a cut-off download
    encrypted_pdf(root / "versleuteld.pdf")
    (root / "foutpagina.pdf").write_text(
        "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Niet gevonden</body></html>\n"
    )

    (root / "geen-zip.docx").write_bytes(b"Dit is geen Word-bestand maar platte tekst.\n" * 20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/styles.xml", "<styles/>")
    (root / "zonder-document.docx").write_bytes(buf.getvalue())
    dfx.declared_bomb(root / "zipbom.docx", declared=5 * dfx.GB)
    dfx.rewrite(root / "lach.docx", dfx.docx_bytes(), {"word/document.xml": dfx.BILLION_LAUGHS})
    dfx.rewrite(root / "xxe.docx", dfx.docx_bytes(), {"word/document.xml": dfx.xxe(secret_file.as_uri())})
    # A Word 97-2003 file starts with the OLE compound file signature.
    (root / "oud.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))

    (root / "cp1252.txt").write_bytes(CP1252_LETTER.encode("cp1252"))
    (root / "cp1252-kort.txt").write_bytes(CP1252_SHORT.encode("cp1252"))
    (root / "utf16.txt").write_bytes(
        "Brief over de zorg\n\nZorgverzekeraars Nederland zorgt uiterlijk eind 2026 voor één "
        "aanmeldpunt per regio (€ 40 mln).\n".encode("utf-16")
    )
    (root / "rommel.txt").write_bytes(bytes(range(256)) * 16)
    (root / ODD_NAME).write_text("Brief van de minister\n\nDe NZa doet dit uiterlijk eind 2026.\n")
    (root / "tekst.odt").write_bytes(b"PK\x03\x04" + bytes(64))
    (root / "pagina.html").write_text("<html><body>Kamerbrief</body></html>")
    (root / "valkuil.txt").write_text("Brief over de wijkzorg\n\nDe VNG rapporteert in 2027.\n")

    for name in IGNORED:
        (root / name).write_text("not a document\n")
    loop = root / "map"
    loop.mkdir()
    (loop / "terug").symlink_to("..", target_is_directory=True)
    os.mkfifo(root / "pijp.txt")  # hashing a FIFO would block the run forever


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("bad-input")
    secret = base / "geheim.txt"
    secret.write_text(SECRET)
    corpus = base / "corpus"
    corpus.mkdir()
    build_corpus(corpus, secret)
    db = base / "afspraken.db"
    proc = run_cli("extract", corpus, "--db", db, "--jobs", "2", **{TEST_HOOK_CRASH_ON: "valkuil.txt"})
    return Run(corpus, db, proc)


def _expected_reason(name: str) -> str | None:
    reason = EXPECTED[name]
    if name == "oud.doc":
        from extractors.readers.legacy_doc import find_soffice

        if find_soffice() is not None:
            pytest.skip("LibreOffice is installed: .doc files are converted, not refused")
    return reason


# --- the run as a whole ---------------------------------------------------------------------------


def test_exit_status_is_non_zero_and_no_traceback(run: Run) -> None:
    assert run.proc.returncode == 1, run.proc.stderr
    assert_no_traceback(run.proc)
    assert consistency_problems(run.db) == []


def test_good_files_beside_bad_ones_are_loaded(run: Run) -> None:
    loaded = source_files(run.db)
    assert {GOOD_TXT, GOOD_PDF, GOOD_DOCX} <= loaded
    assert {name for name, reason in EXPECTED.items() if reason is None} <= loaded
    # The summary's columns widen with its longest value (a run over 10 s has "10.35 s").
    assert re.search(rf"^documents loaded +{len(loaded)}$", run.proc.stdout, re.MULTILINE), run.proc.stdout


def test_every_error_is_one_line_with_file_and_reason(run: Run) -> None:
    bad = [name for name, reason in EXPECTED.items() if reason is not None]
    expected_failures = len(bad) + 2  # plus the symlink loop and the FIFO
    assert len(run.error_lines) == expected_failures, run.proc.stderr
    assert len(failures(run.db)) == expected_failures
    for line in run.error_lines:
        path, _, reason = line.removeprefix("error: ").partition(": ")
        assert Path(path).name and reason, line


def test_ignored_files_are_neither_read_nor_reported(run: Run) -> None:
    recorded = failures(run.db)
    loaded = source_files(run.db)
    for name in IGNORED:
        assert name not in recorded
        assert name not in loaded
        assert name not in run.proc.stderr


# --- each bad file -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n, r in EXPECTED.items() if r is not None])
def test_bad_file_gives_one_line_and_a_failures_row(run: Run, name: str) -> None:
    reason = _expected_reason(name)
    path = run.corpus / name
    assert f"error: {path}: {reason}" in run.error_lines
    assert failures(run.db)[name] == reason
    assert name not in source_files(run.db)


def test_symlink_loop_is_reported_once(run: Run) -> None:
    lines = [line for line in run.error_lines if "symlink loop" in line]
    assert lines == [
        f"error: {run.corpus / 'map' / 'terug'}: symlink loop (points back to {run.corpus.resolve()})"
    ]
    assert failures(run.db)["terug"] == f"symlink loop (points back to {run.corpus.resolve()})"


def test_fifo_is_refused_without_blocking(run: Run) -> None:
    assert f"error: {run.corpus / 'pijp.txt'}: not a regular file" in run.error_lines
    assert failures(run.db)["pijp.txt"] == "not a regular file"


def test_external_entity_was_not_resolved(run: Run) -> None:
    conn = connect(run.db)
    try:
        hits = conn.execute("SELECT count(*) FROM documents WHERE text LIKE ?", (f"%{SECRET}%",)).fetchone()[
            0
        ]
    finally:
        conn.close()
    assert hits == 0
    assert SECRET not in run.proc.stdout + run.proc.stderr


# --- files that must load ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("cp1252.txt", "De cliënt staat daarbij centraal; één aanmeldpunt per regio is vóór 1 juli 2026"),
        ("cp1252-kort.txt", "vóór 1 juli 2026 afspraken over één regionaal aanmeldpunt; de cliënt"),
        ("utf16.txt", "uiterlijk eind 2026 voor één aanmeldpunt per regio (€ 40 mln)"),
    ],
)
def test_legacy_and_utf16_text_is_decoded(run: Run, name: str, fragment: str) -> None:
    conn = connect(run.db)
    try:
        text = conn.execute("SELECT text FROM documents WHERE source_file = ?", (name,)).fetchone()[0]
    finally:
        conn.close()
    assert fragment in " ".join(text.split())
    assert "\ufffd" not in text


def test_name_with_spaces_and_accents_is_loaded(run: Run) -> None:
    conn = connect(run.db)
    try:
        row = conn.execute(
            "SELECT document_id, source_file FROM v_documents WHERE source_file = ?", (ODD_NAME,)
        ).fetchone()
    finally:
        conn.close()
    assert row == ("brief-met-spaties-en-een-u-concept", ODD_NAME)
    assert f"<- {ODD_NAME}" in run.proc.stdout


# --- a very long PDF -------------------------------------------------------------------------------

LONG_PAGES = 2000
# The whole run (interpreter, spaCy, the reader's per-page geometry and the document's 2,000 pages
# of text and blocks) peaks at about 450 MB here; twice that still proves the reader does not hold
# every page at once (pdfium alone would need several GB for that).
LONG_PDF_MAX_RSS_MB = 900

_PEAK = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:]).returncode
print("PEAK_RSS_KB", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, flush=True)
sys.exit(code)
"""


@pytest.mark.slow  # 30-60 s: reading and extracting 2,000 dense pages is the point
def test_2000_page_pdf_in_bounded_memory(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    simple_pages_pdf(corpus / "lange-bijlage.pdf", LONG_PAGES)
    db = tmp_path / "afspraken.db"
    proc = subprocess.run(
        [sys.executable, "-c", _PEAK, *cli_command(), "extract", str(corpus), "--db", str(db), "--jobs", "1"],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    peak_mb = int(proc.stdout.split("PEAK_RSS_KB")[1].split()[0]) / 1024
    print(f"peak RSS for {LONG_PAGES} pages: {peak_mb:.0f} MB")
    conn = connect(db)
    try:
        pages, blocks = conn.execute(
            "SELECT d.pages, count(b.block) FROM documents d JOIN blocks b USING (document_id)"
        ).fetchone()
    finally:
        conn.close()
    assert pages == LONG_PAGES
    assert blocks >= LONG_PAGES  # at least a heading per page
    assert peak_mb < LONG_PDF_MAX_RSS_MB


# --- limits checked before reading (in process: no CLI needed) ---------------------------------------


def test_oversized_text_file_is_refused_before_reading(tmp_path: Path) -> None:
    from pipeline.process import MAX_TEXT_BYTES, process_file

    huge = tmp_path / "enorm.txt"
    with huge.open("wb") as fh:
        fh.truncate(MAX_TEXT_BYTES + 2**20)  # sparse: nothing is written, nothing may be read
    result = process_file(str(huge), "0" * 64)
    assert result.error == "refused: text file of 65 MB (limit 64 MB)"
    assert result.rows is None


def test_file_changed_while_being_read_is_not_stored_under_the_old_hash(tmp_path: Path) -> None:
    from pipeline.process import process_file

    path = copy_samples(tmp_path, [GOOD_TXT]) / GOOD_TXT
    result = process_file(str(path), "0" * 64)  # the hash the writer computed before the file changed
    assert result.error == "file changed while it was being read (run extract again)"
    assert result.rows is None
