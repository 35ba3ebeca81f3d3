//! The outline: parts, their headings and numbering, items, points and tables.

use crate::tr;

use super::keys::{NODE_KEYS, POINT_KEYS, REQUIRED_PARTS, TABLE_KEYS};
use super::{Builder, Fields};
use crate::diagnostic::Diagnostic;
use crate::model::numbers::{self};
use crate::model::{self, MAX_LEVEL, Node, PartKind};
use crate::source::yaml::{Spanned, Tree};

/// How an item's 一是/二是 points print (`points_as`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum PointsAs {
    /// `sentence`, the default: one sentence, “一是……；二是……。”.
    Sentence,
    /// `sentences`: each point a sentence of the same paragraph,
    /// “一是……。二是……。”; a point may run in a heading of its own.
    Sentences,
    /// `paragraphs`: each point its own paragraph.
    Paragraphs,
}

impl Builder<'_> {
    /// The parts, numbered in order: the four standard keys in their fixed
    /// order, or `parts:`, a list in the order and under the headings the
    /// report has. A missing standard part is a warning (`missing-part`).
    pub(super) fn parts(&mut self, root: &Spanned<Tree>, top: &Fields) -> Vec<Node> {
        let listed = top.get("parts").is_some();
        let mut parts = match top.get("parts") {
            Some(list) => {
                let standard = PartKind::ALL
                    .iter()
                    .find_map(|k| Some((k.key(), top.get(k.key())?)));
                if let Some((key, node)) = standard {
                    self.error(
                        Diagnostic::error(tr!(
                            "parts 和 {key} 不能同时写",
                            "parts and {key} cannot both be written"
                        ))
                        .code("conflicting-keys")
                        .at(self.at(node))
                        .hint(tr!(
                            "把 {key} 的内容移进 parts 的一项，写 kind: {key}",
                            "move {key} into an entry of parts with kind: {key}"
                        )),
                    );
                }
                self.listed_parts(list)
            }
            None => PartKind::ALL
                .iter()
                .filter_map(|&kind| Some((kind, top.get(kind.key())?)))
                .map(|(kind, node)| (Some(kind), node))
                .collect(),
        }
        .into_iter()
        .enumerate()
        .map(|(index, (kind, node))| self.part(kind, node, index, listed))
        .collect::<Vec<_>>();
        let year = i32::from(self.year);
        for kind in REQUIRED_PARTS {
            if parts.iter().any(|p| p.kind == Some(kind)) {
                continue;
            }
            let heading = self.script.words(&kind.default_heading(year + 1));
            self.warnings.push(
                Diagnostic::warning(tr!("没有“{heading}”部分（{}）", "no part “{heading}” ({})", kind.key()))
                    .at(self.at(top.get("parts").unwrap_or(root)))
                    .code("missing-part")
                    .hint(tr!("工作总结一般有主要工作、存在的问题和下一年的计划；确实不需要时，在 report.yaml 里写 allow: [missing-part]", "a work summary usually has its work, its problems and next year's plan; where one is not wanted, write allow: [missing-part] in report.yaml")),
            );
        }
        // One part carries the figures: the first summary part.
        let mut seen_work = false;
        for part in &mut parts {
            if part.kind == Some(PartKind::Work) {
                if seen_work {
                    part.kind = None;
                }
                seen_work = true;
            }
        }
        parts
    }

    /// The entries of `parts:`, each with its kind: as written, else as its
    /// heading names it, else the first is the summary.
    pub(super) fn listed_parts<'t>(
        &mut self,
        list: &'t Spanned<Tree>,
    ) -> Vec<(Option<PartKind>, &'t Spanned<Tree>)> {
        let mut out = Vec::new();
        for (index, node) in self.list(list, "parts").iter().enumerate() {
            let fields = match &node.value {
                Tree::Map(entries) => entries.as_slice(),
                _ => &[],
            };
            let field = |key: &str| fields.iter().find(|(k, _)| k.value == key).map(|(_, v)| v);
            let written = field("kind").map(|kind| {
                let parsed = match &kind.value {
                    Tree::Text(word) => PartKind::parse(word),
                    _ => None,
                };
                if parsed.is_none() {
                    self.error(
                        Diagnostic::error(tr!(
                            "kind 只能写 work、innovations、problems 或 plan",
                            "kind can only be work, innovations, problems or plan"
                        )).code("bad-value")
                        .at(self.at(kind))
                        .hint(tr!(
                            "work：工作总结（同比表、图放在这一部分后）；innovations：创新做法；problems：存在的问题；plan：工作计划（可写 targets）",
                            "work: the summary (tables and charts follow it); innovations; problems; plan (may hold targets)"
                        )),
                    );
                }
                parsed
            });
            let kind = if let Some(kind) = written {
                kind
            } else {
                let heading = field("heading").and_then(|h| match &h.value {
                    Tree::Text(t) => Some(t.as_str()),
                    _ => None,
                });
                heading
                    .and_then(PartKind::of_heading)
                    .or((index == 0).then_some(PartKind::Work))
            };
            out.push((kind, node));
        }
        out
    }

    /// One part, numbered `index + 1`; a standard part without a heading
    /// takes its default one.
    pub(super) fn part(
        &mut self,
        kind: Option<PartKind>,
        node: &Spanned<Tree>,
        index: usize,
        listed: bool,
    ) -> Node {
        let year = i32::from(self.year);
        let number = model::heading_number(1, index + 1);
        self.in_plan = kind == Some(PartKind::Plan);
        self.listed = listed;
        let mut part = self.node(node, 1, number);
        self.in_plan = false;
        self.listed = false;
        part.kind = kind;
        let required = kind.is_some_and(|k| REQUIRED_PARTS.contains(&k));
        if required && part.paragraphs.is_empty() && part.items.is_empty() && part.table.is_none() {
            let heading = part
                .heading
                .clone()
                .or(kind.map(|k| self.script.words(&k.default_heading(year + 1))))
                .unwrap_or_default();
            self.error(
                Diagnostic::error(tr!(
                    "“{heading}”部分没有内容",
                    "the part “{heading}” is empty"
                ))
                .code("empty-part")
                .at(self.at(node))
                .hint(tr!("写上 text 或 items", "write text or items")),
            );
        }
        match (&part.heading, kind) {
            (None, Some(kind)) => {
                part.heading = Some(self.script.words(&kind.default_heading(year + 1)));
            }
            (None, None) => {
                self.error(
                    Diagnostic::error(tr!("这一部分没有 heading", "this part has no heading")).code("missing-heading")
                        .at(self.at(node))
                        .hint(tr!(
                            "parts 的每一项都要写 heading（部分标题，如“2025年工作总结”），或写 kind 用默认标题",
                            "every entry of parts needs a heading, or a kind for the default one"
                        )),
                );
            }
            (Some(heading), Some(PartKind::Plan)) => {
                let heading = heading.clone();
                self.check_years(&heading, node_heading(node));
            }
            _ => {}
        }
        part
    }

    pub(super) fn node(&mut self, raw: &Spanned<Tree>, level: u8, number: String) -> Node {
        let mut node = Node::empty(level);
        let what = if level == 1 {
            tr!("这一部分", "this part")
        } else {
            tr!("条目", "the item")
        };
        // An entry of `parts:` may also say which standard part it is.
        let part_keys: Vec<&str>;
        let keys = if self.listed && level == 1 {
            part_keys = std::iter::once("kind")
                .chain(NODE_KEYS.iter().copied())
                .collect();
            &part_keys
        } else {
            NODE_KEYS
        };
        let Some(fields) = self.fields(raw, &what, keys) else {
            return node;
        };
        if ["heading", "text", "points", "items", "table"]
            .iter()
            .all(|key| fields.get(key).is_none())
        {
            self.error(
                Diagnostic::error(tr!(
                    "空的条目：既没有 heading，也没有 text",
                    "empty item: no heading and no text"
                ))
                .code("empty-item")
                .at(self.at(raw))
                .hint(tr!(
                    "给条目写上 heading（小标题）或 text（正文），或者删去它",
                    "give the item a heading or text, or remove it"
                )),
            );
        }
        node.heading = fields
            .get("heading")
            .and_then(|h| self.typed_line(h, "heading"));
        node.run_in = self.run_in(&fields, node.heading.is_some());
        if let Some(text) = fields.get("text") {
            node.paragraphs = self.paragraphs(text, "text");
        }
        if let Some(points) = fields.get("points") {
            let form = self.points_as(&fields);
            self.points(points, form, &mut node.paragraphs);
        }
        if let Some(table) = fields.get("table") {
            node.table = self.table(table);
        }
        if let Some(targets) = fields.get("targets") {
            if self.in_plan {
                node.targets = self.targets(targets);
            } else {
                self.error(
                    Diagnostic::error(tr!(
                        "targets 只能写在 plan（下一年计划）的条目里",
                        "targets belong in the items of plan (next year's plan) only"
                    ))
                    .code("misplaced-targets")
                    .at(self.at(targets)),
                );
            }
        }
        if let Some(items) = fields.get("items") {
            node.items = self.children(items, level);
        }
        if let Some(note) = fields.get("note") {
            self.note(note);
        }
        if self.flag_or(&fields, "numbered", true) && (node.heading.is_some() || level == 1) {
            node.number = number;
        } else if level == 1 {
            self.error(
                Diagnostic::error(tr!(
                    "部分标题（一、二、……）总要编号",
                    "a part's heading (一、二、…) is always numbered"
                ))
                .code("unnumbered-part")
                .at(self.at(fields.get("numbered").unwrap_or(raw)))
                .hint(tr!("删去 numbered: false", "remove numbered: false")),
            );
        }
        if node.run_in {
            node.lead = node
                .heading
                .as_deref()
                .map(|h| model::Lead::new(&node.number, h));
        }
        node
    }

    /// The items below a node at `level`, numbered in order; an item without
    /// a heading, or with `numbered: false`, takes no number.
    pub(super) fn children(&mut self, items: &Spanned<Tree>, level: u8) -> Vec<Node> {
        let mut out = Vec::new();
        let mut headed = 0;
        for item in self.list(items, "items") {
            if level == MAX_LEVEL {
                self.error(
                    Diagnostic::error(tr!("层级太深：公文的结构层次最多 {MAX_LEVEL} 层", "nested too deep: an official document has at most {MAX_LEVEL} levels")).code("too-deep")
                        .at(self.at(item))
                        .hint(tr!("一、（一）1.（1）之下不能再分；把这些内容并入上一层的 text", "nothing goes below 一、（一）1.（1）; move this into the text of the level above")),
                );
                continue;
            }
            let has_heading = matches!(&item.value, Tree::Map(entries)
                if entries.iter().any(|(k, v)| k.value == "heading" && !matches!(v.value, Tree::Null)));
            let unnumbered = matches!(&item.value, Tree::Map(entries)
                if entries.iter().any(|(k, v)| k.value == "numbered" && matches!(v.value, Tree::Bool(false))));
            let number = if has_heading && !unnumbered {
                headed += 1;
                model::heading_number(level + 1, headed)
            } else {
                String::new()
            };
            out.push(self.node(item, level + 1, number));
        }
        out
    }

    /// Whether a node's heading runs into its text; only a heading can.
    pub(super) fn run_in(&mut self, fields: &Fields, has_heading: bool) -> bool {
        let run_in = self.flag(fields, "run_in");
        if run_in
            && !has_heading
            && let Some(flag) = fields.get("run_in")
        {
            self.warnings.push(
                Diagnostic::warning(tr!(
                    "run_in 要和 heading 一起写：没有小标题，就没有可以接排的标题",
                    "run_in goes with a heading: without one there is nothing to run in"
                ))
                .code("run-in-without-heading")
                .at(self.at(flag))
                .hint(tr!(
                    "写上 heading，或删去 run_in",
                    "add a heading, or remove run_in"
                )),
            );
        }
        run_in && has_heading
    }

    /// `points_as`: how the 一是/二是 points print (see [`PointsAs`]).
    pub(super) fn points_as(&mut self, fields: &Fields) -> PointsAs {
        let Some(node) = fields.get("points_as") else {
            return PointsAs::Sentence;
        };
        match &node.value {
            Tree::Text(word) if word.trim() == "sentence" => PointsAs::Sentence,
            Tree::Text(word) if word.trim() == "sentences" => PointsAs::Sentences,
            Tree::Text(word) if word.trim() == "paragraphs" => PointsAs::Paragraphs,
            _ => {
                self.error(
                    Diagnostic::error(tr!(
                        "points_as 只能写 sentence、sentences 或 paragraphs",
                        "points_as can only be sentence, sentences or paragraphs"
                    )).code("bad-value")
                    .at(self.at(node))
                    .hint(tr!(
                        "sentence：一是……；二是……。接成一句（默认）；sentences：一是……。二是……。在一段里各成一句；paragraphs：一是、二是各起一段",
                        "sentence: 一是……；二是…… in one sentence (the default); sentences: 一是……。二是……。 each a sentence of one paragraph; paragraphs: each point its own paragraph"
                    )),
                );
                // As paragraphs, which accept every kind of point: the
                // mistyped word is the one error, not each point after it.
                PointsAs::Paragraphs
            }
        }
    }

    /// 一是/二是 points: joined into the paragraph that introduces them, or
    /// each its own sentence or paragraph, which may run in a heading of its
    /// own (`heading: 道路清扫保洁` → “一是道路清扫保洁。清扫……”).
    pub(super) fn points(
        &mut self,
        node: &Spanned<Tree>,
        form: PointsAs,
        paragraphs: &mut Vec<String>,
    ) {
        let mut points = Vec::new();
        for point in self.list(node, "points") {
            if let Tree::Map(_) = point.value {
                if form == PointsAs::Sentence {
                    self.error(
                        Diagnostic::error(tr!(
                            "接成一句的 points 每项只写一句话",
                            "points joined into one sentence take one line each"
                        )).code("point-not-one-sentence")
                        .at(self.at(point))
                        .hint(tr!(
                            "要让“一是”带小标题，在条目里加上 points_as: sentences（在一段里各成一句）或 paragraphs（各起一段）",
                            "for 一是 points with headings of their own, add points_as: sentences (each a sentence of one paragraph) or paragraphs (each its own paragraph)"
                        )),
                    );
                    continue;
                }
                let Some(fields) =
                    self.fields(point, &tr!("一是、二是的一项", "a point"), POINT_KEYS)
                else {
                    continue;
                };
                let heading = fields
                    .get("heading")
                    .and_then(|h| self.typed_line(h, "heading"));
                let text = fields.get("text").and_then(|t| self.typed_line(t, "text"));
                let point = match (heading, text) {
                    (Some(heading), Some(text)) => {
                        let (words, stop) = model::run_in_parts(&heading);
                        let stop = &stop;
                        format!("{words}{stop}{text}")
                    }
                    (Some(only), None) | (None, Some(only)) => only,
                    (None, None) => {
                        self.missing::<()>(&fields, "text", &tr!("正文", "text"));
                        continue;
                    }
                };
                points.push(point);
            } else if let Some(line) = self.typed_line(point, "points") {
                self.check_point_number(&crate::model::marks::strip(&line), point);
                points.push(line);
            }
        }
        if points.is_empty() {
            return;
        }
        let sentence = match form {
            PointsAs::Paragraphs => {
                paragraphs.extend(model::numbered_points(&points));
                return;
            }
            PointsAs::Sentences => model::numbered_points(&points).concat(),
            PointsAs::Sentence => model::enumerate_points(&points),
        };
        // 一是/二是 continue the paragraph that introduces them.
        match paragraphs.last_mut() {
            Some(last) => last.push_str(&sentence),
            None => paragraphs.push(sentence),
        }
    }

    /// A point that starts with its own 一是 would print “一是一是……”.
    pub(super) fn check_point_number(&mut self, text: &str, node: &Spanned<Tree>) {
        // Most points have no 是 near their start; only those need the list.
        if !text.chars().take(4).any(|c| c == '是') {
            return;
        }
        let typed = (1..=30u64)
            .map(|n| format!("{}是", numbers::chinese(n)))
            .find(|ordinal| text.starts_with(ordinal.as_str()));
        if let Some(ordinal) = typed {
            self.error(
                Diagnostic::error(tr!(
                    "这一项开头手写了“{ordinal}”，报告里会印成“一是{ordinal}……”",
                    "this point starts with a typed “{ordinal}”; the report would print “一是{ordinal}…”"
                )).code("typed-ordinal")
                .at(self.at(node))
                .hint(tr!(
                    "一是、二是由程序按顺序加上：删去开头的“{ordinal}”",
                    "一是、二是 are added in order by the tool: delete the leading “{ordinal}”"
                )),
            );
        }
    }

    /// A table in the body: a caption, column heads and rows whose cells
    /// may reference metrics (`{roads}`).
    pub(super) fn table(&mut self, node: &Spanned<Tree>) -> Option<model::Table> {
        let fields = self.fields(node, &tr!("表格", "the table"), TABLE_KEYS)?;
        let caption = fields
            .get("caption")
            .and_then(|c| self.typed_line(c, "caption"));
        let columns: Vec<String> = match fields.get("columns") {
            Some(columns) => self
                .list(columns, "columns")
                .iter()
                .filter_map(|c| self.cell(c, "columns"))
                .collect(),
            None => {
                return self.missing(
                    &fields,
                    "columns",
                    &tr!("表头（各列的名称）", "column heads"),
                );
            }
        };
        let mut rows = Vec::new();
        let Some(raw_rows) = fields.get("rows") else {
            return self.missing(&fields, "rows", &tr!("表格的行", "rows"));
        };
        for row in self.list(raw_rows, "rows") {
            let cells: Vec<String> = self
                .list(row, "rows")
                .iter()
                .filter_map(|c| self.cell(c, "rows"))
                .collect();
            if cells.len() != columns.len() {
                self.error(
                    Diagnostic::error(tr!(
                        "这一行有 {} 格，表头有 {} 列",
                        "this row has {} cells; the table has {} columns",
                        cells.len(),
                        columns.len()
                    )).code("table-row-width")
                    .at(self.at(row))
                    .hint(tr!(
                        "每行写成和表头一样多的格，空格写 \"\"",
                        "give every row as many cells as there are columns; write \"\" for an empty one"
                    )),
                );
                continue;
            }
            rows.push(cells);
        }
        Some(model::Table::new(caption, columns, rows))
    }
}

pub(super) fn node_heading(node: &Spanned<Tree>) -> Option<&Spanned<Tree>> {
    match &node.value {
        Tree::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.value == "heading")
            .map(|(_, v)| v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{loaded, refused, year};

    #[test]
    fn parts_and_items_are_numbered_down_the_ladder() {
        let text = year("").replace(
            "work:\n  text: 完成了工作。",
            "work:\n  items:\n    - heading: 绿化\n      items:\n        - {heading: 栽树, text: 栽了。}\n        - {heading: 护林, text: 护了。}\n    - {heading: 治水, text: 治了。}",
        );
        let report = loaded(&text).report;
        let parts: Vec<&str> = report.parts.iter().map(|p| p.number.as_str()).collect();
        assert_eq!(parts, ["一、", "二、", "三、"]);
        let work = &report.parts[0];
        let items: Vec<&str> = work.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(items, ["（一）", "（二）"]);
        let inner: Vec<&str> = work.items[0]
            .items
            .iter()
            .map(|i| i.number.as_str())
            .collect();
        assert_eq!(inner, ["1.", "2."]);
    }

    #[test]
    fn nesting_deeper_than_the_ladder_is_refused() {
        let mut items = String::from("{heading: 底, text: 底。}");
        for level in 0..5 {
            items = format!("{{heading: 层{level}, items: [{items}]}}");
        }
        let text = year("").replace(
            "work:\n  text: 完成了工作。",
            &format!("work: {{items: [{items}]}}"),
        );
        let found = refused(&text);
        assert!(
            found.iter().any(|(m, _, _)| m.contains("层级太深")),
            "{found:?}"
        );
    }

    #[test]
    fn an_empty_item_is_refused() {
        let text = year("").replace("work:\n  text: 完成了工作。", "work:\n  items:\n    - {}");
        let found = refused(&text);
        assert_eq!(found[0].1, 6, "{found:?}");
    }
}
