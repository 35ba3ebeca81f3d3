"""Draws a workbook's first sheet as a spreadsheet grid (column letters, row
numbers, the cells' fills and bold headers) in HTML, for the picture in the
README: LibreOffice Calc is not on every machine, a browser is.

usage: picture.py BOOK.xlsx OUT.html"""
import html
import sys

import openpyxl
from openpyxl.utils import get_column_letter

book = openpyxl.load_workbook(sys.argv[1])
sheet = book.worksheets[0]
columns = sheet.max_column
out = ["<meta charset=utf-8><style>body{margin:0;font:14px 'Noto Sans CJK SC',sans-serif}"
       "table{border-collapse:collapse}td,th{border:1px solid #c8c8c8;padding:3px 6px;white-space:nowrap}"
       "th{background:#f0f0f0;font-weight:normal;color:#555}.n{text-align:right}</style><table>"]
out.append("<tr><th></th>" + "".join(f"<th>{get_column_letter(c)}</th>" for c in range(1, columns + 1)) + "</tr>")
for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row):
    cells = []
    for cell in row:
        style = []
        fill = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
        if isinstance(fill, str) and fill not in ("00000000",):
            style.append(f"background:#{fill[-6:]}")
        if cell.font and cell.font.b:
            style.append("font-weight:bold")
        value = "" if cell.value is None else cell.value
        numeric = isinstance(value, (int, float))
        cells.append(f"<td style=\"{';'.join(style)}\"{' class=n' if numeric else ''}>{html.escape(str(value))}</td>")
    # A title alone in its row runs over the empty cells beside it, as in Excel.
    if all(c.value is None for c in row[1:]):
        cells = [cells[0].replace("<td ", f"<td colspan={columns} ", 1)]
    out.append(f"<tr><th>{row[0].row}</th>{''.join(cells)}</tr>")
out.append("</table>")
open(sys.argv[2], "w").write("".join(out))
