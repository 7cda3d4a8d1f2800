"""`make bench`: extraction speed and memory on a scaled corpus, against pdftotext.

    .venv/bin/python -m pipeline.bench [--repeat 3] [--profile]

Steps (every extract is the real CLI in a fresh process, on a fresh database unless said otherwise):
1. build or reuse the scaled corpus in output/bench/corpus (pipeline.bench_corpus: the reference
   corpus plus generated agreement-like PDFs, well over 1,000 PDF pages, every document distinct);
2. cold extract with --jobs 1 and with all cores, then once more untimed to sample memory (PSS);
3. warm re-run of the whole corpus on the all-cores database (nothing changed);
4. diff of the two large generated versions (when `afspraken diff` exists);
5. the PDFs alone, cold with all cores, against pdftotext on the same PDFs with the same parallelism;
6. the reference corpus alone, cold with all cores (the issue-2 figure);
7. with --profile, a per-stage profile (read / extract / store) of every document in one process.

Figures go to stdout and output/bench.json. Peak memory is sampled over the whole process tree (the
writer and its workers): the sum of RSS (counts pages shared between forked workers once per
process, so it overstates) and the sum of PSS (shares them out: what the run really occupies), next
to the largest single process (getrusage). The machine's load average is recorded with each figure:
on a shared machine it explains outliers, so `--repeat N` keeps the best of N runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline import bench_corpus

OUT_DIR = Path("output/bench")
REPORT = Path("output/bench.json")
REFERENCE = Path("../shared/corpus")
# Targets from issue 7 (and issue 2 for the reference corpus alone).
TARGET_COLD_PAGES_PER_S = 150.0
TARGET_WARM_S = 2.0
TARGET_PEAK_MB = 1536.0
TARGET_PDFTOTEXT_RATIO = 5.0
TARGET_REFERENCE_PAGES_PER_S = 100.0
# Memory samples per second: enough to catch the peak of a worker holding a large document (it
# holds it for a second or more), cheap enough not to slow the run (one /proc read per process).
SAMPLES_PER_S = 10

_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "wall": wall, "cpu": u.ru_utime + u.ru_stime, "maxrss_kb": u.ru_maxrss}))
"""


@dataclass
class Measure:
    wall_s: float
    cpu_s: float
    exit_status: int
    max_process_rss_mb: float
    peak_tree_rss_mb: float | None
    peak_tree_pss_mb: float | None
    load_before: float


def cli() -> list[str]:
    script = Path(sys.executable).with_name("afspraken")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from pipeline.cli import main; sys.exit(main())"]


class _TreeSampler:
    """Peak RSS (and with `pss`, PSS) summed over a process and its descendants; needs psutil.

    RSS comes from /proc/PID/statm, which costs nothing. PSS needs /proc/PID/smaps_rollup, which
    walks the page tables under the process's memory lock: sampled ten times a second it slowed the
    run by 20%, so it is only sampled in a run of its own that is not timed.
    """

    def __init__(self, pid: int, pss: bool) -> None:
        self.pid = pid
        self.pss = pss
        self.peak_rss = 0
        self.peak_pss = 0
        self.ok = importlib.util.find_spec("psutil") is not None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _TreeSampler:
        if self.ok:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self.ok:
            self._thread.join()

    def _run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            rss = pss = 0
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            for proc in procs:
                try:
                    if self.pss:
                        info = proc.memory_full_info()
                        pss += getattr(info, "pss", info.rss)
                    else:
                        info = proc.memory_info()
                except psutil.Error:
                    continue
                rss += info.rss
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self._stop.wait(1 / SAMPLES_PER_S)


def measure(cmd: list[str], pss: bool = False) -> Measure:
    load = os.getloadavg()[0]
    proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, *cmd], stdout=subprocess.PIPE, text=True)
    with _TreeSampler(proc.pid, pss) as sampler:
        out, _ = proc.communicate()
    data = json.loads(out.strip().splitlines()[-1])
    return Measure(
        wall_s=round(data["wall"], 3),
        cpu_s=round(data["cpu"], 3),
        exit_status=data["code"],
        max_process_rss_mb=round(data["maxrss_kb"] / 1024, 1),
        peak_tree_rss_mb=round(sampler.peak_rss / 2**20, 1) if sampler.ok else None,
        peak_tree_pss_mb=round(sampler.peak_pss / 2**20, 1) if sampler.ok and pss else None,
        load_before=round(load, 2),
    )


def fresh_db(name: str) -> Path:
    db = OUT_DIR / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


def cold(paths: list[Path], jobs: int, name: str, repeat: int) -> Measure:
    """Best of `repeat` cold runs (each on a fresh database); the database of the last run is kept."""
    best: Measure | None = None
    for _ in range(repeat):
        db = fresh_db(name)
        m = measure([*cli(), "extract", *map(str, paths), "--db", str(db), "--jobs", str(jobs), "-q"])
        if best is None or m.wall_s < best.wall_s:
            best = m
    assert best is not None
    return best


def pdftotext(pdfs: list[Path], jobs: int) -> float | None:
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:

        def one(item: tuple[int, Path]) -> None:
            subprocess.run([exe, str(item[1]), f"{tmp}/{item[0]}.txt"], check=False, capture_output=True)

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(one, enumerate(pdfs)))
        return round(time.perf_counter() - start, 3)


def rates(m: Measure, pages: int, documents: int) -> dict:
    return {
        **asdict(m),
        "pdf_pages_per_s": round(pages / m.wall_s, 1),
        "documents_per_s": round(documents / m.wall_s, 2),
        "cpu_ms_per_pdf_page": round(1000 * m.cpu_s / pages, 1) if pages else None,
    }


def run_diff(db: Path, a: Path, b: Path) -> dict:
    if importlib.util.find_spec("pipeline.cmd_diff") is None:
        return {"available": False, "note": "diff: not available (pipeline.cmd_diff does not exist)"}
    out = OUT_DIR / "reports"
    m = measure([*cli(), "diff", str(a), str(b), "--db", str(db), "--out", str(out), "--format", "json"])
    return {"available": True, **asdict(m)}


# Documents profiled function by function (cProfile slows them 1.5-2x, so not the whole corpus): the
# reference PDFs and texts plus a few generated agreements.
PROFILE_SAMPLE = ("reference/**/*", "generated/bench-akkoord-00[1-3].pdf")


def profile(root: Path) -> dict:
    """Where one process spends its CPU: per stage over the whole corpus (read, extract, store), then
    per module and function (cProfile) over a sample."""
    import cProfile
    import pstats

    from extractors.extract import extract_facts
    from extractors.readers import read
    from pipeline.orchestrate import discover
    from pipeline.process import warm_up
    from pipeline.store import Store

    start = time.process_time()
    warm_up()
    startup = time.process_time() - start
    files, _, _ = discover([root])
    stages = {"read": 0.0, "extract": 0.0, "store": 0.0}
    by_format: dict[str, dict[str, float]] = {}
    with Store(fresh_db("profile.db")) as store:
        for path in files:
            t0 = time.process_time()
            doc = read(path)
            t1 = time.process_time()
            facts = extract_facts(doc)
            t2 = time.process_time()
            store.load(str(path.resolve()), doc, facts)
            t3 = time.process_time()
            stages["read"] += t1 - t0
            stages["extract"] += t2 - t1
            stages["store"] += t3 - t2
            f = by_format.setdefault(
                doc.meta.format.value, {"documents": 0, "pages": 0, "read_s": 0.0, "extract_s": 0.0}
            )
            f["documents"] += 1
            f["pages"] += doc.meta.pages or 0
            f["read_s"] += t1 - t0
            f["extract_s"] += t2 - t1
    for f in by_format.values():
        if f["pages"]:
            f["read_ms_per_page"] = 1000 * f["read_s"] / f["pages"]
            f["extract_ms_per_page"] = 1000 * f["extract_s"] / f["pages"]

    sample = sorted(
        {p for pattern in PROFILE_SAMPLE for p in root.glob(pattern) if p.suffix in {".pdf", ".txt", ".docx"}}
    )
    prof = cProfile.Profile()
    prof.enable()
    for path in sample:
        extract_facts(read(path))
    prof.disable()
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    by_module: dict[str, float] = {}
    for (filename, _, name), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        module = _module_of(filename, name)
        by_module[module] = by_module.get(module, 0.0) + tottime
    ours = (
        "extract.py",
        "readers",
        "temporal",
        "org_",
        "references",
        "agreements",
        "commitments",
        "progress",
    )
    cumulative = sorted(
        (
            (f"{Path(k[0]).name}:{k[1]}({k[2]})", v[3])
            for k, v in stats.stats.items()  # type: ignore[attr-defined]
            if any(part in k[0] for part in ours)
        ),
        key=lambda kv: -kv[1],
    )[:20]
    return {
        "startup_cpu_s": round(startup, 2),
        "stages_cpu_s": {k: round(v, 2) for k, v in stages.items()},
        "by_format": {k: {kk: round(vv, 2) for kk, vv in v.items()} for k, v in sorted(by_format.items())},
        "sample": [str(p.relative_to(root)) for p in sample],
        "sample_profiled_cpu_s": round(total, 2),
        # Lists, not objects: the report is written with sorted keys and these are ordered by share.
        "self_share_by_module": [
            [k, round(v / total, 3)] for k, v in sorted(by_module.items(), key=lambda kv: -kv[1])[:15]
        ],
        "cumulative_share_by_function": [[name, round(cum / total, 3)] for name, cum in cumulative],
    }


def _module_of(filename: str, name: str) -> str:
    if filename == "~":  # C functions: regular expressions, pdfium (ctypes), sqlite, builtins
        if "re.Pattern" in name:
            return "(C) re"
        return "(C) " + (name.split("'")[1].split(".")[0] if "'" in name else name.strip("<>{}").split()[-1])
    path = Path(filename)
    for anchor in ("extractors", "pipeline", "schemas"):
        if anchor in path.parts:
            i = path.parts.index(anchor)
            return "/".join(path.parts[i:])
    if "site-packages" in path.parts:
        return path.parts[path.parts.index("site-packages") + 1]
    return "(python/builtins)" if filename.startswith("<") or "python3" in filename else path.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--reference", type=Path, default=REFERENCE, help="reference corpus (default: %(default)s)"
    )
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="all cores (default: %(default)s)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="best of N for each cold run (default: 1)")
    parser.add_argument(
        "--profile", action="store_true", help="also profile read/extract/store in one process"
    )
    parser.add_argument("--out", type=Path, default=REPORT, help="JSON report (default: %(default)s)")
    args = parser.parse_args(argv)

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    reference = args.reference if args.reference.is_dir() else None
    started = time.perf_counter()
    corpus = bench_corpus.build(OUT_DIR / "corpus", reference)
    built = time.perf_counter() - started
    root = corpus.root
    pdfs = sorted(root.rglob("*.pdf"))
    print(
        f"corpus: {corpus.documents} documents, {corpus.pdf_pages} PDF pages in {len(pdfs)} PDFs "
        f"({corpus.reference_pdf_pages} from the reference corpus) in {root} ({built:.1f} s)"
    )

    report: dict = {
        "machine": {
            "cores": os.cpu_count(),
            "python": sys.version.split()[0],
            "load_at_start": os.getloadavg()[0],
        },
        "corpus": {
            "documents": corpus.documents,
            "pdf_files": len(pdfs),
            "pdf_pages": corpus.pdf_pages,
            "reference_pdf_pages": corpus.reference_pdf_pages,
            "generator": bench_corpus.GENERATOR_VERSION,
        },
    }
    pages, docs = corpus.pdf_pages, corpus.documents
    single = cold([root], 1, "bench-j1.db", args.repeat)
    report["cold_jobs_1"] = rates(single, pages, docs)
    _show("cold, --jobs 1", report["cold_jobs_1"])
    parallel = cold([root], args.jobs, "bench.db", args.repeat)
    report[f"cold_jobs_{args.jobs}"] = rates(parallel, pages, docs)
    _show(f"cold, --jobs {args.jobs}", report[f"cold_jobs_{args.jobs}"])

    memory = measure(
        [
            *cli(),
            "extract",
            str(root),
            "--db",
            str(fresh_db("bench-memory.db")),
            "--jobs",
            str(args.jobs),
            "-q",
        ],
        pss=True,
    )
    report["memory_run"] = asdict(memory)
    print(
        f"memory (untimed run, --jobs {args.jobs}): peak RSS sum {memory.peak_tree_rss_mb} MB, "
        f"peak PSS sum {memory.peak_tree_pss_mb} MB, largest process {memory.max_process_rss_mb} MB"
    )

    warm = measure([*cli(), "extract", str(root), "--db", str(OUT_DIR / "bench.db"), "-q"])
    report["warm"] = asdict(warm)
    print(f"warm re-run: {warm.wall_s:.2f} s (exit {warm.exit_status})")

    report["diff"] = run_diff(OUT_DIR / "bench.db", *corpus.large_versions)
    print(f"diff of the large versions: {report['diff'].get('wall_s', report['diff'].get('note'))}")

    pdf_only = cold(pdfs, args.jobs, "bench-pdf.db", args.repeat)
    report["pdfs_only"] = rates(pdf_only, pages, len(pdfs))
    _show(f"PDFs only, --jobs {args.jobs}", report["pdfs_only"])
    tool = [pdftotext(pdfs, args.jobs) for _ in range(args.repeat)]
    tool_s = min((t for t in tool if t is not None), default=None)
    tool_1 = pdftotext(pdfs, 1)
    report["pdftotext"] = (
        {
            "wall_s": tool_s,
            "wall_s_one_process": tool_1,
            "ratio_ours_to_pdftotext": round(pdf_only.wall_s / tool_s, 2),
        }
        if tool_s
        else {"note": "pdftotext not installed (make sysdeps installs poppler-utils)"}
    )
    print(f"pdftotext: {report['pdftotext']}")

    if reference is not None:
        ref_pages = corpus.reference_pdf_pages
        ref_docs = sum(1 for p in (root / "reference").rglob("*") if p.is_file())
        ref = cold([root / "reference"], args.jobs, "bench-reference.db", args.repeat)
        report["reference_corpus"] = rates(ref, ref_pages, ref_docs)
        _show("reference corpus alone", report["reference_corpus"])

    if args.profile:
        report["profile"] = profile(root)
        print("profile:", json.dumps(report["profile"], indent=2))

    cold_all = report[f"cold_jobs_{args.jobs}"]
    peaks = [
        m.get("peak_tree_rss_mb") or m["max_process_rss_mb"]
        for k, m in report.items()
        if k.startswith(("cold", "memory", "pdfs", "reference"))
    ]
    report["targets"] = {
        "cold_pages_per_s": {"target": TARGET_COLD_PAGES_PER_S, "measured": cold_all["pdf_pages_per_s"]},
        "warm_s": {"target": TARGET_WARM_S, "measured": warm.wall_s},
        "peak_mb": {"target": TARGET_PEAK_MB, "measured": max(peaks)},
        "pdftotext_ratio": {
            "target": TARGET_PDFTOTEXT_RATIO,
            "measured": report["pdftotext"].get("ratio_ours_to_pdftotext"),
        },
        "reference_pages_per_s": {
            "target": TARGET_REFERENCE_PAGES_PER_S,
            "measured": report.get("reference_corpus", {}).get("pdf_pages_per_s"),
        },
    }
    for name, t in report["targets"].items():
        m = t["measured"]
        if m is None:
            t["met"] = None
        elif name in ("warm_s", "peak_mb", "pdftotext_ratio"):
            t["met"] = m <= t["target"]
        else:
            t["met"] = m >= t["target"]
        print(
            f"target {name}: {m} (target {t['target']}): {'met' if t['met'] else 'NOT met' if t['met'] is False else '-'}"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
    print(f"wrote {args.out}")
    return 0


def _show(what: str, r: dict) -> None:
    peak = r.get("peak_tree_rss_mb") or r["max_process_rss_mb"]
    print(
        f"{what}: {r['wall_s']:.2f} s, {r['pdf_pages_per_s']:.0f} PDF pages/s, {r['documents_per_s']:.1f} documents/s, "
        f"CPU {r['cpu_s']:.1f} s, peak RSS (sum over processes) {peak:.0f} MB, load {r['load_before']}"
    )


if __name__ == "__main__":
    sys.exit(main())
