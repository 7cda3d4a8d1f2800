"""Open a .docx package safely: zip checks, bounded inflation and hardened XML parsing.

Everything the docx reader reads goes through `open_package`, so no byte of the file reaches a zip
inflater or an XML parser before these checks ran:

1. The file must be a zip archive with a main document part (word/document.xml).
2. Zip bombs are refused before anything is inflated, from the sizes the central directory declares
   (per part, in total, and by compression ratio), and every part is then inflated as a stream with
   a hard cap, so a header that lies about the size cannot get past the limits either.
3. XML is parsed with entity resolution, DTD loading and network access off, and any part that
   carries a DTD is refused: OPC (ECMA-376 part 2) forbids DTDs in package parts, Word itself
   refuses them, so a DTD only ever means an entity-expansion or external-entity attack.

Only the parts the reader asks for are inflated (never media), and only once.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote

from lxml import etree

from extractors.readers.errors import ReadError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Size limits for one package; the defaults are generous for real documents."""

    # The largest word/document.xml in Kamer material we have seen is a few MB for hundreds of pages;
    # 200 MB leaves two orders of magnitude while keeping the parsed tree (about 5-10x the XML) in RAM.
    max_part_bytes: int = 200 * MB
    # All members together, media included: a Word file with more than this is not a text document.
    max_total_bytes: int = 500 * MB
    # Deflate cannot exceed about 1032:1; real XML parts compress 5-30x and highly repetitive tables
    # stay below 150x. Anything past this on a part big enough to matter is a bomb.
    max_ratio: float = 250.0
    # The ratio test only applies to parts declaring more than this; small parts cannot hurt.
    ratio_min_bytes: int = 8 * MB
    # Packages from Word hold tens of members; tens of thousands only serve to exhaust the reader.
    max_members: int = 10_000


DEFAULT_LIMITS = Limits()
# Inflate in chunks of this size so the cap is checked long before memory is at risk.
_CHUNK = 1 * MB
# Compound File Binary (OLE2) magic: legacy .doc files and password-protected (encrypted) .docx files.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"

MAIN_PART = "word/document.xml"
_PACKAGE_RELS = "_rels/.rels"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

# Entity resolution, DTD loading and network access off; huge_tree stays off so libxml2 keeps its
# own limits on depth and text node size as a second line of defence.
XML_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


# "<!DOCTYPE" as it appears in UTF-8 and UTF-16 parts, to explain a parse failure caused by a DTD.
_DOCTYPE_TOKENS = tuple("<!DOCTYPE".encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be"))


# Strict Open XML (ISO 29500 strict, "Strict Open XML Document" in Word) uses other namespace URIs
# for the same vocabulary; the attribute value formats that differ do not matter for text.
_STRICT_NAMESPACES = tuple(
    (
        f"http://purl.oclc.org/ooxml/{strict}".encode(),
        f"http://schemas.openxmlformats.org/{transitional}".encode(),
    )
    for strict, transitional in (
        ("wordprocessingml/main", "wordprocessingml/2006/main"),
        ("officeDocument/relationships", "officeDocument/2006/relationships"),
        ("officeDocument/math", "officeDocument/2006/math"),
        ("drawingml/main", "drawingml/2006/main"),
        ("drawingml/wordprocessingDrawing", "drawingml/2006/wordprocessingDrawing"),
    )
)


def human_size(n: int) -> str:
    """Sizes in reasons: '5.0 GB', '200 MB', '12 KB'."""
    if n >= 1024 * MB:
        return f"{n / (1024 * MB):.1f} GB"
    if n >= MB:
        return f"{n / MB:.0f} MB" if n % MB == 0 else f"{n / MB:.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


@dataclass(frozen=True)
class Relationship:
    rel_id: str
    type: str  # the last segment of the relationship type URI: "styles", "footnotes", "header"...
    target: str  # part name inside the zip, resolved against the source part


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_members:
        raise ReadError(path, f"refused: {len(infos)} zip members (limit {limits.max_members})")
    total = 0
    for info in infos:
        if info.file_size > limits.max_part_bytes:
            raise ReadError(
                path,
                f"refused: part {info.filename} inflates to {human_size(info.file_size)} "
                f"(limit {human_size(limits.max_part_bytes)})",
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_min_bytes and ratio > limits.max_ratio:
            raise ReadError(
                path,
                f"refused: part {info.filename} inflates {ratio:.0f}x to {human_size(info.file_size)} "
                f"(compression ratio limit {limits.max_ratio:.0f}x)",
            )
        total += info.file_size
    if total > limits.max_total_bytes:
        raise ReadError(
            path,
            f"refused: package inflates to {human_size(total)} in total (limit {human_size(limits.max_total_bytes)})",
        )


class Package:
    """An opened, size-checked .docx zip; parts are inflated with a cap and parsed hardened."""

    def __init__(self, path: Path, zf: zipfile.ZipFile, limits: Limits) -> None:
        self.path = path
        self._zf = zf
        self._limits = limits
        self._inflated = 0
        # OPC part names are case-insensitive; zip member names are not.
        self._names = {info.filename.lower(): info for info in zf.infolist() if not info.is_dir()}
        self.main_part = self._find_main_part()

    def __enter__(self) -> Package:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._zf.close()

    def has(self, name: str) -> bool:
        return name.lower() in self._names

    def read_bytes(self, name: str) -> bytes:
        """Inflate one part as a stream, stopping at the per-part and total caps whatever the header says."""
        info = self._names[name.lower()]
        cap = min(self._limits.max_part_bytes, self._limits.max_total_bytes - self._inflated)
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zf.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    size += len(chunk)
                    if size > cap:
                        raise ReadError(self.path, self._cap_reason(info, cap))
                    chunks.append(chunk)
        except ReadError:
            raise
        except RuntimeError as exc:  # zipfile raises RuntimeError for encrypted members
            raise ReadError(self.path, f"unsupported: encrypted zip member {info.filename}") from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise ReadError(self.path, f"corrupt .docx (damaged zip member {info.filename}: {exc})") from exc
        self._inflated += size
        return b"".join(chunks)

    def _cap_reason(self, info: zipfile.ZipInfo, cap: int) -> str:
        if cap < self._limits.max_part_bytes:
            return (
                f"refused: package inflates past {human_size(self._limits.max_total_bytes)} in total "
                f"(at part {info.filename})"
            )
        return (
            f"refused: part {info.filename} inflates past {human_size(cap)} "
            f"(its header declared {human_size(info.file_size)})"
        )

    def read_xml(self, name: str) -> etree._Element | None:
        """The parsed root of a part, or None when the package has no such part.

        Strict Open XML parts are read in the transitional namespaces, which are what the reader knows.
        """
        if not self.has(name):
            return None
        data = self.read_bytes(name)
        if b"purl.oclc.org/ooxml/" in data:
            for strict, transitional in _STRICT_NAMESPACES:
                data = data.replace(strict, transitional)
        return parse_xml(data, self._names[name.lower()].filename, self.path)

    def relationships(self, source_part: str) -> list[Relationship]:
        """Internal relationships of a part (from its _rels/<name>.rels), targets resolved to part names."""
        folder, base = posixpath.split(source_part)
        rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
        root = self.read_xml(rels_name)
        if root is None:
            return []
        rels: list[Relationship] = []
        for rel in root.iter(f"{{{_RELS_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            if not target:
                continue
            # Absolute targets are package-rooted; relative ones resolve against the source's folder.
            target = unquote(target)  # part names in Target are percent-encoded URIs
            name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            name = posixpath.normpath(name)
            rel_type = (rel.get("Type") or "").rstrip("/").rsplit("/", 1)[-1]
            rels.append(Relationship(rel.get("Id") or "", rel_type, name))
        return rels

    def _find_main_part(self) -> str:
        # The package relationships name the main part; word/document.xml is the universal default.
        if self.has(_PACKAGE_RELS):
            for rel in self.relationships(""):
                if rel.type == "officeDocument" and self.has(rel.target):
                    return self._names[rel.target.lower()].filename
        if self.has(MAIN_PART):
            return self._names[MAIN_PART].filename
        raise ReadError(self.path, "not a valid .docx (no word/document.xml)")


def parse_xml(data: bytes, part_name: str, path: Path) -> etree._Element:
    """Parse one part with the hardened parser; malformed XML and DTDs become ReadErrors."""
    refused = f"refused: {part_name} contains a DTD (entity declarations are not allowed in .docx)"
    try:
        root = etree.fromstring(data, XML_PARSER)
    except etree.XMLSyntaxError as exc:
        # libxml2 aborts entity bombs itself ("amplification factor exceeded"); name the real cause.
        if any(token in data for token in _DOCTYPE_TOKENS):
            raise ReadError(path, refused) from exc
        raise ReadError(path, f"corrupt .docx (malformed XML in {part_name})") from exc
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        raise ReadError(path, refused)
    return root


def open_package(path: Path, limits: Limits | None = None) -> Package:
    """Open and check a .docx before anything is inflated; raise ReadError for anything unsafe."""
    limits = limits or DEFAULT_LIMITS
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ReadError(path, f"cannot open file: {exc.strerror or exc}") from exc
    if head.startswith(_OLE_MAGIC):
        raise ReadError(
            path,
            "not a valid .docx (an OLE compound file: a password-protected document or a legacy .doc)",
        )
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        if head.startswith(_ZIP_MAGIC):
            raise ReadError(path, "corrupt .docx (truncated or damaged zip archive)") from exc
        raise ReadError(path, "not a valid .docx (not a zip archive)") from exc
    except (OSError, ValueError, EOFError) as exc:
        raise ReadError(path, "corrupt .docx (truncated or damaged zip archive)") from exc
    try:
        _check_sizes(path, zf.infolist(), limits)
        return Package(path, zf, limits)
    except BaseException:
        zf.close()
        raise
