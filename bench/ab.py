"""A/B benchmark: two builds of `report` measured interleaved in one run, so
that whatever else the machine does falls on both alike. Prints the medians
and the ratio B/A for one report (the default formats, as a whole process)
and for `build --all` over a generated corpus (outputs on tmpfs, into a fresh
folder each round), and, with --callgrind, instructions for one report.

    git worktree add /tmp/old <commit> && (cd /tmp/old && cargo build --release)
    python3 bench/ab.py /tmp/old/target/release/report [target/release/report]

B defaults to this checkout's release binary (built first).
"""
import argparse
import os
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


def interleaved(commands, cwd, rounds, prepare):
    """Median wall time of each command, the commands taking turns."""
    times = [[] for _ in commands]
    for _ in range(rounds):
        for index, command in enumerate(commands):
            out = prepare()
            times[index].append(timed(command(out), cwd))
    return [statistics.median(t) for t in times]


def instructions(binary, cwd, out):
    """Instructions of one run under callgrind (repeatable where time is not)."""
    shutil.rmtree(out, ignore_errors=True)
    log = pathlib.Path(tempfile.mkstemp()[1])
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={log}", binary, "build", "2017", "--out", out],
        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
    )
    for line in log.read_text().splitlines():
        if line.startswith("summary:") or line.startswith("totals:"):
            log.unlink()
            return int(line.split()[1])
    raise SystemExit("no callgrind totals")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("a", help="the binary to compare against")
    parser.add_argument("b", nargs="?", default=None)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--all-rounds", type=int, default=5)
    parser.add_argument("--callgrind", action="store_true")
    args = parser.parse_args()
    if args.b is None:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        args.b = str(ROOT / "target" / "release" / "report")
    binaries = [pathlib.Path(args.a).resolve(), pathlib.Path(args.b).resolve()]

    work = pathlib.Path(tempfile.mkdtemp(prefix="report-ab-"))
    one = work / "one"
    (one / "data").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "2017.yaml", one / "data" / "2017.yaml")
    shutil.copy(ROOT / "data" / "2016.yaml", one / "data" / "2016.yaml")
    big = work / "corpus"
    corpus.generate(big, args.units, args.years, (ROOT / "data" / "2017.yaml").read_text(encoding="utf-8"))
    os.sync()
    shm = pathlib.Path("/dev/shm") if pathlib.Path("/dev/shm").is_dir() else work
    counter = [0]

    def fresh():
        counter[0] += 1
        out = shm / f"report-ab-{os.getpid()}-{counter[0]}"
        return out

    rows = []
    one_report = [lambda out, b=b: [b, "build", "2017", "--out", out] for b in binaries]
    a, b = interleaved(one_report, one, args.rounds, fresh)
    rows.append(("one report (md, html, docx), whole process", a, b))
    every = [lambda out, b=b: [b, "build", "--all", "--out", out] for b in binaries]
    a, b = interleaved(every, big, args.all_rounds, fresh)
    rows.append((f"build --all, {args.units * args.years} reports (md, html, docx)", a, b))
    for path in shm.glob(f"report-ab-{os.getpid()}-*"):
        shutil.rmtree(path, ignore_errors=True)

    print(f"\n{args.rounds} interleaved rounds for one report, {args.all_rounds} for build --all; medians.\n")
    print("| measurement | A | B | B/A |")
    print("| --- | ---: | ---: | ---: |")
    for name, a, b in rows:
        print(f"| {name} | {a * 1000:,.1f} ms | {b * 1000:,.1f} ms | {b / a:.2f} |")
    if args.callgrind and shutil.which("valgrind"):
        counts = [instructions(binary, one, work / "cg") for binary in binaries]
        print(f"| one report, instructions (callgrind) | {counts[0] / 1e6:.1f} M | {counts[1] / 1e6:.1f} M | {counts[1] / counts[0]:.2f} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
