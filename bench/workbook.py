"""Workbook benchmark: `report check` of a year whose figures are typed in
its YAML, beside the same year with its figures in a workbook (written by
`report sheet`, filled with openpyxl), measured interleaved in one run; and
the time to refuse a hostile workbook (a zip bomb, a million rows). Prints a
Markdown table.

    python3 bench/workbook.py [--metrics 300] [--rounds 20]

Needs: cargo, python3 with openpyxl (pip install openpyxl).
"""
import argparse
import io
import pathlib
import statistics
import subprocess
import sys
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from run import run as timed  # noqa: E402  (posix_spawn to exit, output discarded)


def data_file(metrics, with_values):
    lines = ["topic: 城乡环境综合治理", "issuer: 某区办公室", "date: 2017-12-28", "metrics:"]
    for i in range(metrics):
        lines += [f"  m{i}:", f"    label: 指标{i}", "    unit: ㎡"]
        if with_values:
            lines.append(f"    value: {1000 + i}")
    text = "，".join(f"指标{i}{{m{i}}}" for i in range(metrics))
    lines += ["work:", "  items:", "    - heading: 整治", f"      text: 完成{text}。",
              "problems: {text: 问题尚多。}", "plan: {text: 继续推进。}", ""]
    return "\n".join(lines)


def replaced(book: bytes, part: str, contents: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, contents if item.filename == part else old.read(item.filename))
    return out.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--metrics", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = ROOT / "target" / "release" / "report"
    import openpyxl

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        yaml, book = tmp / "yaml", tmp / "book"
        for project, with_values in ((yaml, True), (book, False)):
            (project / "data").mkdir(parents=True)
            (project / "data" / "2017.yaml").write_text(data_file(args.metrics, with_values))
        subprocess.run([binary, "sheet", "2017"], cwd=book, check=True, capture_output=True)
        workbook = openpyxl.load_workbook(book / "data" / "2017.xlsx")
        sheet = workbook.worksheets[0]
        for row in range(3, sheet.max_row + 1):
            sheet.cell(row, 6).value = 1000 + row - 3
        workbook.save(book / "data" / "2017.xlsx")
        for project in (yaml, book):
            subprocess.run([binary, "check", "2017"], cwd=project, check=True, capture_output=True)
        blank = (book / "data" / "2017.xlsx").read_bytes()
        bomb, rows = tmp / "bomb", tmp / "rows"
        sheet_part = "xl/worksheets/sheet1.xml"
        million = "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>' for r in range(1, 1_000_001))
        for project, part in ((bomb, b" " * (512 * 1024 * 1024)),
                              (rows, f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{million}</sheetData></worksheet>'.encode())):
            (project / "data").mkdir(parents=True)
            (project / "data" / "2017.yaml").write_text(data_file(args.metrics, False))
            (project / "data" / "2017.xlsx").write_bytes(replaced(blank, sheet_part, part))
        sizes = {p: (p / "data" / "2017.xlsx").stat().st_size for p in (bomb, rows)}
        times = {p: [] for p in (yaml, book, bomb, rows)}
        for _ in range(args.rounds):
            for project in times:
                times[project].append(timed([binary, "check", "2017"], project))
        median = {p: statistics.median(t) * 1000 for p, t in times.items()}
        print(f"{args.metrics} metrics, {args.rounds} interleaved rounds, medians\n")
        print("| `report check 2017` | ms | ratio to YAML |")
        print("| --- | ---: | ---: |")
        print(f"| figures in the YAML | {median[yaml]:.1f} | 1.00 |")
        print(f"| figures in a workbook | {median[book]:.1f} | {median[book] / median[yaml]:.2f} |")
        print(f"| refused: zip bomb (512 MB of sheet, {sizes[bomb] // 1024} KB packed) | {median[bomb]:.1f} | {median[bomb] / median[yaml]:.2f} |")
        print(f"| refused: 1,000,000 rows ({sizes[rows] // 1024} KB packed) | {median[rows]:.1f} | {median[rows] / median[yaml]:.2f} |")


if __name__ == "__main__":
    main()
