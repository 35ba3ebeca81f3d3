"""The peer the benchmark compares with: the same report (YAML → Markdown →
HTML) done the way a Python shop would, with PyYAML, Jinja2 and
Python-Markdown. It reads the same data files, resolves {metric} references
with the same number rules, numbers the headings, and writes the same two
files per report.

    python3 bench/peer.py one DATA.yaml OUT_DIR
    python3 bench/peer.py loop PROJECT OUT_DIR [LIMIT]
"""
import pathlib
import re
import sys

import jinja2
import markdown
import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DIGITS = "零一二三四五六七八九"

TEMPLATE = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(
    """# {{ title }}
{% for p in intro %}
{{ p }}
{% endfor %}{% for node in nodes %}
{{ "#" * (node.level + 1) }} {{ node.number }}{{ node.heading }}
{% for p in node.paragraphs %}
{{ p }}
{% endfor %}{% endfor %}
{{ issuer }}

{{ date }}
"""
)

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<style>@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }} body {{ font-size: 16pt; line-height: 28pt; }}</style>
</head><body>{body}</body></html>
"""


def chinese(n):
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")


def figure(metric):
    value, unit = metric.get("value"), metric["unit"]
    if value is None:
        return None
    if metric.get("approx"):
        whole = int(value)
        if whole >= 100_000_000:
            return f"{whole // 100_000_000}亿余{unit}"
        if whole >= 10_000:
            return f"{whole // 10_000}万余{unit}"
        return f"{whole // 10 * 10}余{unit}"
    return f"{value}{unit}"


def render(path, out_dir):
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    year = int(path.stem)
    texts = {key: figure(m) for key, m in (data.get("metrics") or {}).items()}
    resolve = lambda text: re.sub(r"\{([A-Za-z_]\w*)\}", lambda m: texts[m.group(1)] or "", text)
    paragraphs = lambda text: ["".join(l.strip() for l in p.splitlines()) for p in re.split(r"\n\s*\n", resolve(text or "")) if p.strip()]
    nodes = []

    def walk(node, level, number):
        paras = paragraphs(node.get("text"))
        points = [resolve(p).rstrip("。；") for p in node.get("points") or []]
        if points:
            sentence = "；".join(f"{chinese(i + 1)}是{p}" for i, p in enumerate(points)) + "。"
            if paras:
                paras[-1] += sentence
            else:
                paras.append(sentence)
        nodes.append({"level": level, "number": number, "heading": node.get("heading", ""), "paragraphs": paras})
        headed = 0
        for item in node.get("items") or []:
            if item.get("heading"):
                headed += 1
                mark = [None, "{}、", "（{}）", "{}.", "（{}）"][level + 1]
                walk(item, level + 1, mark.format(chinese(headed) if level + 1 <= 2 else headed))
            else:
                walk(item, level + 1, "")

    defaults = {"work": "主要工作及成效", "innovations": "创新做法", "problems": "存在的问题", "plan": f"{year + 1}年工作计划"}
    index = 0
    for key, heading in defaults.items():
        if key in data:
            index += 1
            part = dict(data[key])
            part.setdefault("heading", heading)
            walk(part, 1, f"{chinese(index)}、")
    title = data.get("title") or f"{year}年{data['topic']}工作总结及{year + 1}年工作计划"
    date = data["date"]
    md = TEMPLATE.render(
        title=title,
        intro=paragraphs(data.get("intro")),
        nodes=nodes,
        issuer=data["issuer"],
        date=f"{date.year}年{date.month}月{date.day}日" if hasattr(date, "year") else str(date),
    )
    html = PAGE.format(title=title, body=markdown.markdown(md, extensions=["tables"]))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{year}.md").write_text(md, encoding="utf-8")
    (out_dir / f"{year}.html").write_text(html, encoding="utf-8")


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "one":
        render(pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]))
    else:
        project, out = pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
        limit = int(sys.argv[4]) if len(sys.argv) > 4 else None
        files = sorted(project.glob("data/*/*.yaml"))[:limit]
        for path in files:
            render(path, out / path.parent.name)
        print(len(files))
