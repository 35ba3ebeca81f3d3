"""Fills a workbook `report sheet` wrote, as a clerk would in Excel: opens it,
types each figure in the row of its metric, saves it.

usage: fill.py BOOK.xlsx ARG ...
  KEY=VALUE[:WORD]  types VALUE in the metric's figure cell (and WORD in its
                    约数 cell); a VALUE starting with '=' is a formula, one
                    that is not a number is text
  @rename=NAME      renames the sheet
  @merge=F3:F4      merges cells
  @cell=G9=TEXT     types TEXT in any cell"""
import sys

import openpyxl

path, args = sys.argv[1], sys.argv[2:]
book = openpyxl.load_workbook(path)
sheet = book.worksheets[0]
header = [cell.value for cell in sheet[2]]
key_column = header.index("指标") + 1
value_column = next(i for i, h in enumerate(header) if h and h.endswith("年数值") and i > 3) + 1
approx_column = header.index("约数") + 1
rows = {sheet.cell(row, key_column).value: row for row in range(3, sheet.max_row + 1)}


def typed(text):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


for arg in args:
    if arg.startswith("@rename="):
        sheet.title = arg.split("=", 1)[1]
    elif arg.startswith("@merge="):
        sheet.merge_cells(arg.split("=", 1)[1])
    elif arg.startswith("@cell="):
        cell, text = arg.split("=", 2)[1:]
        sheet[cell] = typed(text)
    else:
        key, value = arg.split("=", 1)
        word = None
        if ":" in value and not value.startswith("="):
            value, word = value.split(":", 1)
        sheet.cell(rows[key], value_column).value = typed(value)
        if word:
            sheet.cell(rows[key], approx_column).value = word
book.save(path)
