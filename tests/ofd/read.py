"""Reads an OFD with easyofd (an independent OFD reader on PyPI) and prints
each page's text objects as JSON: [[{"text", "x", "y"}...] per page], x and
y the text's origin in millimetres. Usage: read.py FILE.ofd"""
import base64
import contextlib
import io
import json
import sys

with contextlib.redirect_stdout(io.StringIO()):
    from easyofd.parser_ofd import OFDParser

    data = OFDParser(base64.b64encode(open(sys.argv[1], "rb").read()).decode())()

pages = []
document = data[0]
for number in sorted(document["page_info"]):
    objects = []
    for text in document["page_info"][number]["text_list"]:
        x, y = text["pos"][0], text["pos"][1]
        objects.append({
            "text": text["text"],
            "x": x + float(text.get("X") or 0),
            "y": y + float(text.get("Y") or 0),
        })
    pages.append(objects)
print(json.dumps(pages, ensure_ascii=False))
