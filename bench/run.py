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


def run(command, cwd):
    """Wall time (s) and peak RSS (KB) of one run of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(map(str, command))} failed with {code}")
    return elapsed, usage.ru_maxrss


def median(command, cwd, runs, prepare=None):
    times, peak = [], 0
    for _ in range(runs):
        if prepare:
            prepare()
        elapsed, rss = run(command, cwd)
        times.append(elapsed)
        peak = max(peak, rss)
    return statistics.median(times), peak


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
    def clean(project, sync=True):
        def prepare():
            shutil.rmtree(project / "out", ignore_errors=True)
            # Let the kernel write back the last run's files first: otherwise
            # this run is slowed by them and measures the disk, not us. Not
            # for one report: its three small files need no writing back, and
            # the kernel's work after a sync would take the second core from
            # it while pandoc, measured without one, has it.
            if sync:
                os.sync()
        return prepare

    def forget(project):
        def prepare():
            for manifest in (project / "out").rglob(".report-manifest.json"):
                manifest.unlink()
        return prepare

    # One report, as a whole process.
    t_one, rss_one = median(build("2017"), one, 30, clean(one, sync=False))
    rows.append(("report: one report (md + html), whole process", t_one, None, rss_one))
    markdown_file = one / "out" / "2017.md"
    if shutil.which("pandoc"):
        t_pandoc, _ = median(["pandoc", "-f", "gfm", "-t", "html", str(markdown_file), "-o", str(work / "p.html")], one, 30)
        rows.append(("pandoc: the same Markdown → HTML, whole process", t_pandoc, None, None))
    else:
        t_pandoc = None
        print("skipped pandoc: not installed (apt-get install pandoc)", file=sys.stderr)
    python = have_python_peer()
    if python:
        t_py_one, _ = median([sys.executable, ROOT / "bench" / "peer.py", "one", one / "data" / "2017.yaml", work / "py-one"], one, 10)
        rows.append(("Python peer: one report, whole process", t_py_one, None, None))
    else:
        print("skipped the Python peer: pip install jinja2 pyyaml markdown", file=sys.stderr)

    # Every report.
    t_all, rss_all = median(build("--all"), big, args.runs, clean(big))
    rows.append((f"report: build --all, {reports} reports", t_all, reports / t_all, rss_all))
    shm = pathlib.Path("/dev/shm")
    if shm.is_dir():
        # The same build with its outputs in memory: what the tool costs
        # without the disk (creating a file is most of a write here).
        out = shm / f"report-bench-{os.getpid()}"
        t_shm, _ = median(build("--all", "--out", out), big, args.runs, lambda: shutil.rmtree(out, ignore_errors=True))
        shutil.rmtree(out, ignore_errors=True)
        rows.append((f"report: build --all, {reports} reports, outputs on tmpfs", t_shm, reports / t_shm, None))
    _, rss_tenth = median(build("--all"), small, 1, clean(small))
    t_noop, _ = median(build("--all"), big, args.runs)
    rows.append(("report: build --all again, nothing changed", t_noop, reports / t_noop, None))
    t_check, _ = median(build("--all", "--check"), big, args.runs)
    rows.append(("report: build --all --check (stale check)", t_check, reports / t_check, None))
    t_fresh, _ = median(build("--all", "--check"), big, 1, forget(big))
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
    print(f"\nPeak memory of build --all: {rss_tenth / 1024:.1f} MB at {reports // 10} reports, "
          f"{rss_all / 1024:.1f} MB at {reports}.")
    print("\nRatios (higher is better for report):")
    if t_pandoc:
        print(f"- one report, whole process: {t_pandoc / t_one:.1f}× pandoc's conversion alone")
    if python:
        print(f"- one report, whole process: {t_py_one / t_one:.1f}× the Python peer")
        print(f"- build --all: {(reports / t_all) / (sample / t_loop):.1f}× the Python loop's rate")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
