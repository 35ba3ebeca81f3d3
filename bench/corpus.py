"""Generates a synthetic project for the benchmark: UNITS units x YEARS years,
each year file the size of the bundled example (data/2017.yaml), with the
figures varied so no two reports are alike."""
import pathlib
import random
import re
import sys


def generate(root: pathlib.Path, units: int, years: int, example: str) -> None:
    rng = random.Random(2017)
    last = 2017
    for unit in range(1, units + 1):
        unit_dir = root / "data" / f"u{unit:04d}"
        unit_dir.mkdir(parents=True, exist_ok=True)
        for year in range(last - years + 1, last + 1):
            text = example.replace("2017-12-28", f"{year}-12-28")
            text = text.replace("2017年", f"{year}年").replace("2018年", f"{year + 1}年")
            # Vary every exact figure a little.
            text = re.sub(
                r"value: (\d+)\n",
                lambda m: f"value: {int(m.group(1)) + rng.randint(0, 500)}\n",
                text,
            )
            (unit_dir / f"{year}.yaml").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    root = pathlib.Path(sys.argv[1])
    units, years = int(sys.argv[2]), int(sys.argv[3])
    example = pathlib.Path(sys.argv[4]).read_text(encoding="utf-8")
    generate(root, units, years, example)
