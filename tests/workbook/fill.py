"""Fills a workbook `report sheet` wrote, as a clerk would in Excel: opens it,
types each figure in the row of its metric, saves it.

usage: fill.py BOOK.xlsx KEY=VALUE[:WORD] ...
A VALUE starting with '=' is typed as a formula; one that is not a number is
typed as text."""
import sys

import openpyxl

path, pairs = sys.argv[1], sys.argv[2:]
book = openpyxl.load_workbook(path)
sheet = book.worksheets[0]
header = [cell.value for cell in sheet[2]]
key_column = header.index("指标") + 1
value_column = next(i for i, h in enumerate(header) if h and h.endswith("年数值") and i > 3) + 1
approx_column = header.index("约数") + 1
rows = {sheet.cell(row, key_column).value: row for row in range(3, sheet.max_row + 1)}
for pair in pairs:
    key, value = pair.split("=", 1)
    word = None
    if ":" in value and not value.startswith("="):
        value, word = value.split(":", 1)
    try:
        typed = int(value)
    except ValueError:
        try:
            typed = float(value)
        except ValueError:
            typed = value
    sheet.cell(rows[key], value_column).value = typed
    if word:
        sheet.cell(rows[key], approx_column).value = word
book.save(path)
