"""PDF benchmark: the tool setting the page itself beside Chromium printing
the same report's HTML (`--browser auto`) and beside the same pages written
as OFD, measured interleaved in one run, and `build --all --format pdf` over
a generated corpus (PDFs per second, peak memory). Prints a Markdown table.

    python3 bench/pdf.py [--rounds 10] [--units 100]

Needs: cargo, and for the peer a Chromium-family browser (skipped, and
said so, when there is none).
"""
import argparse
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402
from run import run as timed  # noqa: E402  (posix_spawn to exit, output discarded)

BROWSERS = ["chromium", "chromium-browser", "google-chrome"]


def peak_kb(command, cwd):
    """Peak resident memory of one run, from GNU time."""
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *map(str, command)],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    return int(result.stderr.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--units", type=int, default=100)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = ROOT / "target/release/report"
    browser = next((b for b in BROWSERS if shutil.which(b)), None)
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        project = work / "one"
        shutil.copytree(ROOT / "data", project / "data")
        own = [binary, "build", "2017", "--format", "pdf", "--out", "a"]
        peer = [binary, "build", "2017", "--format", "pdf", "--out", "b", "--browser", "auto"]
        ofd = [binary, "build", "2017", "--format", "ofd", "--out", "c"]
        # One run each first: fonts and the browser in the page cache.
        timed(own, project)
        timed(ofd, project)
        if browser:
            timed(peer, project)
        times = {"own": [], "browser": [], "ofd": []}
        for _ in range(args.rounds):
            times["own"].append(timed(own, project))
            times["ofd"].append(timed(ofd, project))
            if browser:
                times["browser"].append(timed(peer, project))
        rows = [
            ("one report's PDF, whole process (the tool)", statistics.median(times["own"])),
            ("one report's OFD, whole process (the same pages)", statistics.median(times["ofd"])),
        ]
        if browser:
            rows.append(("one report's PDF, whole process (Chromium)", statistics.median(times["browser"])))
        corpus_root = work / "corpus"
        example = (ROOT / "data/2017.yaml").read_text(encoding="utf-8")
        corpus.generate(corpus_root, args.units, 1, example)
        many = [binary, "build", "--all", "--format", "pdf", "--out", "out"]
        shutil.rmtree(corpus_root / "out", ignore_errors=True)
        many_time = timed(many, corpus_root)
        shutil.rmtree(corpus_root / "out", ignore_errors=True)
        peak = peak_kb(many, corpus_root)
        peak_one = peak_kb(own, project)
    print(f"{args.rounds} interleaved rounds; medians.\n")
    print("| measurement | value |")
    print("| --- | ---: |")
    for name, seconds in rows:
        print(f"| {name} | {seconds * 1000:.0f} ms |")
    print(f"| OFD ÷ PDF | {statistics.median(times['ofd']) / statistics.median(times['own']):.2f} |")
    if browser:
        ratio = statistics.median(times["browser"]) / statistics.median(times["own"])
        print(f"| Chromium ÷ the tool | {ratio:.1f}× |")
    else:
        print("| Chromium | not installed: skipped |")
    print(f"| `build --all --format pdf`, {args.units} reports | {many_time:.2f} s, {args.units / many_time:.0f} PDFs/s |")
    print(f"| peak memory, one report / {args.units} reports | {peak_one / 1024:.0f} MB / {peak / 1024:.0f} MB |")


if __name__ == "__main__":
    main()
