"""Read a legacy Word .doc by converting it to .docx with LibreOffice (headless), when installed.

The conversion runs in a private temporary directory with its own LibreOffice profile
(-env:UserInstallation), so it neither touches the user's profile nor collides with a LibreOffice
the user has open, and it is killed (with any helper process it started) after a timeout. The
result goes through the ordinary .docx reader, safety checks included; the Document keeps
format docx and records meta.extra["converted_from"] = "doc", with the original file's name.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from extractors.readers import docx
from extractors.readers.errors import ReadError
from schemas import Document

SOFFICE_NAMES = ("soffice", "libreoffice")
# A cold LibreOffice start takes 3-10 s here and a few hundred pages convert in seconds more;
# two minutes only cuts off conversions that hang (dialogs, broken files).
CONVERT_TIMEOUT_S = 120
# Keep a failure reason to one line of LibreOffice's own output.
_MAX_DETAIL = 160


def find_soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def read(path: Path) -> Document:
    path = Path(path)
    exe = find_soffice()
    if exe is None:
        raise ReadError(path, "unsupported: .doc, convert to .docx")
    with tempfile.TemporaryDirectory(prefix="afspraken-doc-") as tmp:
        converted = _convert(exe, path, Path(tmp))
        try:
            doc = docx.read(converted)
        except ReadError as exc:  # name the user's file, not our temporary copy
            raise ReadError(path, f"{exc.reason} (after conversion from .doc)") from exc
    doc.meta.extra["converted_from"] = "doc"
    doc.meta.source_file = path.name
    doc.meta.source_path = str(path)
    return doc


def _convert(exe: str, path: Path, tmp: Path) -> Path:
    out_dir = tmp / "out"
    out_dir.mkdir()
    profile = tmp / "profile"
    cmd = [
        exe,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "docx",
        "--outdir",
        str(out_dir),
        str(path.resolve()),  # absolute, so a name starting with '-' is never read as an option
    ]
    env = {**os.environ, "HOME": str(tmp)}  # some builds still write to $HOME despite the profile
    try:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its own process group, so a timeout can end soffice.bin too
        )
    except OSError as exc:
        raise ReadError(
            path, f"could not convert .doc: cannot start LibreOffice ({exc.strerror or exc})"
        ) from exc
    try:
        _, stderr = proc.communicate(timeout=CONVERT_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        _kill_group(proc)
        raise ReadError(
            path, f"could not convert .doc: LibreOffice timed out after {CONVERT_TIMEOUT_S} s"
        ) from exc
    produced = out_dir / f"{path.stem}.docx"
    if not produced.is_file():
        candidates = sorted(out_dir.glob("*.docx"))
        if not candidates:
            lines = [ln for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
            detail = lines[-1].strip()[:_MAX_DETAIL] if lines else f"exit status {proc.returncode}"
            raise ReadError(path, f"could not convert .doc: LibreOffice produced no .docx ({detail})")
        produced = candidates[0]
    return produced


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.communicate()
