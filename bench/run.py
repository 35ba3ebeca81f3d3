"""Benchmark: times the release binary on a generated corpus, beside two peers
measured in the same run on the same data — a Python script (PyYAML + Jinja2
+ Python-Markdown, bench/peer.py) and pandoc converting the same Markdown to
HTML. Prints a Markdown table of times, rates, ratios and peak memory.

    python3 bench/run.py [--units 1000] [--years 10]

Needs: cargo; python3 with jinja2, pyyaml and markdown (pip install jinja2
pyyaml markdown); pandoc (apt-get install pandoc). A missing peer is skipped
and said so.
"""
import argparse
import os
import pathlib
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402


TIME = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
DEVNULL = os.open(os.devnull, os.O_WRONLY)


def run(command, cwd):
    """Wall time (s) of one run of `command`, from spawning it to its exit.

    It is spawned with posix_spawn (vfork and exec: this Python process's
    memory is not copied, which a fork of a large parent costs), output
    discarded, and nothing else in between: for a process of a few
    milliseconds the harness's own cost matters (the `/bin/true` row shows
    it)."""
    argv = [str(c) for c in command]
    program = argv[0] if os.path.isabs(argv[0]) else shutil.which(argv[0])
    here = os.getcwd()
    os.chdir(cwd)
    try:
        start = time.perf_counter()
        pid = os.posix_spawn(program, argv, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, DEVNULL, 1), (os.POSIX_SPAWN_DUP2, DEVNULL, 2)])
        _, status, _ = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
    finally:
        os.chdir(here)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed with {code}")
    return elapsed


def peak(command, cwd):
    """Peak RSS (KB) of one run of `command`, or None without GNU time.

    The peak is the measured program's own: a child of this Python process
    would report Python's resident size as its maximum (`/bin/true` reads
    219 MB), so GNU time, a small process, starts it and reports its
    maximum."""
    if not TIME:
        return None
    process = subprocess.run([TIME, "-f", "%M", "-o", "/dev/stderr", *map(str, command)], cwd=cwd,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    last = process.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
    return int(last[0]) if last[0].isdigit() else None


def median(command, cwd, runs, prepare=None, memory=False):
    """Median time over `runs` and, with `memory`, the peak of one more run;
    `command` may be a function of the run's index (a fresh output folder
    each run)."""
    times = []
    for index in range(runs):
        if prepare:
            prepare()
        times.append(run(command(index) if callable(command) else command, cwd))
    rss = None
    if memory:
        if prepare:
            prepare()
        rss = peak(command(runs) if callable(command) else command, cwd)
    return statistics.median(times), rss


def floor(project, out):
    """The file-system floor: the same files a build writes, each written to
    a temporary file and renamed into place, by the smallest loop that can
    (no parsing, no rendering; the contents are the tool's own outputs)."""
    sources = sorted(p for p in (project / "out-0").rglob("*") if p.is_file() and not p.name.startswith("."))
    blobs = [(p.relative_to(project / "out-0"), p.read_bytes()) for p in sources]
    os.sync()
    start = time.perf_counter()
    for relative, blob in blobs:
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.write(fd, blob)
        os.close(fd)
        os.rename(temporary, target)
    return time.perf_counter() - start, len(blobs)


def have_python_peer():
    try:
        import jinja2, markdown, yaml  # noqa: F401,E401
        return True
    except ImportError:
        return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python-sample", type=int, default=0, help="reports the Python loop renders (default: all)")
    args = parser.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = ROOT / "target" / "release" / "report"
    work = pathlib.Path(tempfile.mkdtemp(prefix="report-bench-"))
    big, small = work / "corpus", work / "corpus-tenth"
    example = (ROOT / "data" / "2017.yaml").read_text(encoding="utf-8")
    corpus.generate(big, args.units, args.years, example)
    corpus.generate(small, max(args.units // 10, 1), args.years, example)
    reports = args.units * args.years
    # The corpus is 11,000 new files: written back before anything is timed,
    # or the first measurements share the disk with that.
    os.sync()
    one = work / "one"
    (one / "data").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "2017.yaml", one / "data" / "2017.yaml")

    rows = []
    build = lambda *extra: [binary, "build", *extra, "--format", "md,html", "--message-format", "short"]
    def forget(project):
        def prepare():
            for manifest in (project / "out-0").rglob(".report-manifest.json"):
                manifest.unlink()
        return prepare

    # One report, as a whole process; each candidate in turn, round after
    # round, so that a slow spell of the machine falls on all of them.
    # Each run writes into a folder of its own, so that none finds its
    # outputs current and skips the work.
    subprocess.run(build("2017"), cwd=one, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    markdown_file = one / "out" / "2017.md"
    fresh = lambda formats: lambda index: [binary, "build", "2017", "--format", formats, "--out", f"{formats}-{index}", "--message-format", "short"]
    candidates = {"md,html": fresh("md,html"), "md,html,docx": fresh("md,html,docx")}
    if shutil.which("pandoc"):
        candidates["pandoc html"] = ["pandoc", "-s", "-f", "gfm", "-t", "html", "--metadata", "title=report", str(markdown_file), "-o", str(work / "p.html")]
        candidates["pandoc docx"] = ["pandoc", "-f", "gfm", "-t", "docx", str(markdown_file), "-o", str(work / "p.docx")]
    else:
        print("skipped pandoc: not installed (apt-get install pandoc)", file=sys.stderr)
    # What spawning a process costs this harness: the floor under every
    # whole-process time below.
    candidates["/bin/true"] = ["/bin/true"]
    series = {name: [] for name in candidates}
    for index in range(40):
        for name, command in candidates.items():
            series[name].append(run(command(index) if callable(command) else command, one))
    peaks = {name: peak(command(99) if callable(command) else command, one) for name, command in candidates.items()}
    one_time = {name: statistics.median(times) for name, times in series.items()}
    one_range = {name: (min(times), max(times)) for name, times in series.items()}
    t_one = one_time["md,html"]
    rows.append(("report: one report (md + html), whole process", t_one, None, peaks.get("md,html")))
    rows.append(("report: one report (md + html + docx), whole process", one_time["md,html,docx"], None, peaks.get("md,html,docx")))
    rows.append(("harness floor: /bin/true, whole process", one_time["/bin/true"], None, None))
    t_pandoc = one_time.get("pandoc html")
    if t_pandoc:
        rows.append(("pandoc: the same Markdown → standalone HTML, whole process", t_pandoc, None, peaks.get("pandoc html")))
        rows.append(("pandoc: the same Markdown → DOCX, whole process", one_time["pandoc docx"], None, peaks.get("pandoc docx")))
    python = have_python_peer()
    if python:
        t_py_one, _ = median([sys.executable, ROOT / "bench" / "peer.py", "one", one / "data" / "2017.yaml", work / "py-one"], one, 10)
        rows.append(("Python peer: one report, whole process", t_py_one, None, None))
    else:
        print("skipped the Python peer: pip install jinja2 pyyaml markdown", file=sys.stderr)

    # Every report, cold: each run writes into a folder of its own. Deleting
    # the last run's 21,000 files first would time the file system's memory
    # of the delete (on ext4 new files then skip the freed inodes: 0.95 s
    # into a fresh folder, 10.7 s after the delete, measured), not the tool.
    cold = lambda index: [*build("--all", "--out", f"out-{index}")]
    os.sync()
    t_all, rss_all = median(cold, big, args.runs, os.sync, memory=True)
    rows.append((f"report: build --all, {reports} reports, into a fresh folder", t_all, reports / t_all, rss_all))
    t_floor, files = floor(big, big / "floor")
    rows.append((f"file-system floor: the same {files} files, temp-then-rename, nothing else", t_floor, reports / t_floor, None))
    shm = pathlib.Path("/dev/shm")
    if shm.is_dir():
        # The same build with its outputs in memory: what the tool costs
        # without the disk (creating a file is most of a write here).
        out = shm / f"report-bench-{os.getpid()}"
        t_shm, _ = median(build("--all", "--out", out), big, args.runs, lambda: shutil.rmtree(out, ignore_errors=True))
        shutil.rmtree(out, ignore_errors=True)
        rows.append((f"report: build --all, {reports} reports, outputs on tmpfs", t_shm, reports / t_shm, None))
    rss_tenth = peak(build("--all"), small)
    t_noop, _ = median(build("--all", "--out", "out-0"), big, args.runs)
    rows.append(("report: build --all again, nothing changed", t_noop, reports / t_noop, None))
    t_check, _ = median(build("--all", "--check", "--out", "out-0"), big, args.runs)
    rows.append(("report: build --all --check (stale check)", t_check, reports / t_check, None))
    t_fresh, _ = median(build("--all", "--check", "--out", "out-0"), big, 1, forget(big))
    rows.append(("report: build --all --check without the build manifest (a fresh clone)", t_fresh, reports / t_fresh, None))
    if python:
        sample = min(args.python_sample or reports, reports)
        t_loop, _ = median([sys.executable, ROOT / "bench" / "peer.py", "loop", big, work / "py-loop", str(sample)], big, 1)
        rows.append((f"Python peer: one process looping over {sample} reports", t_loop, sample / t_loop, None))

    print(f"\nMachine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}; "
          f"corpus {args.units} units × {args.years} years = {reports} files of the example's size.\n")
    print("| measurement | time | reports/s | peak memory |")
    print("| --- | ---: | ---: | ---: |")
    for name, seconds, rate, rss in rows:
        rate_text = f"{rate:,.0f}" if rate else ""
        rss_text = f"{rss / 1024:.1f} MB" if rss else ""
        print(f"| {name} | {seconds * 1000:,.1f} ms | {rate_text} | {rss_text} |")
    if rss_tenth and rss_all:
        print(f"\nPeak memory of build --all: {rss_tenth / 1024:.1f} MB at {reports // 10} reports, "
              f"{rss_all / 1024:.1f} MB at {reports}.")
    print("\nSpread of one report over 40 interleaved rounds (fastest–slowest): " + "; ".join(
        f"{name} {low * 1000:.1f}–{high * 1000:.1f} ms" for name, (low, high) in one_range.items()))
    print(f"\nbuild --all is {t_all / t_floor:.1f}× the file-system floor.")
    print("\nRatios (higher is better for report):")
    if t_pandoc:
        print(f"- one report (md + html), whole process: {t_pandoc / t_one:.1f}× pandoc -s gfm → html")
        print(f"- one report (md + html + docx), whole process: {one_time['pandoc docx'] / one_time['md,html,docx']:.1f}× pandoc gfm → docx")
    if python:
        print(f"- one report, whole process: {t_py_one / t_one:.1f}× the Python peer")
        print(f"- build --all: {(reports / t_all) / (sample / t_loop):.1f}× the Python loop's rate")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
