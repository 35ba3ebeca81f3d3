//! The paragraphs of an old report read into the genre's shape: title,
//! 主送机关, 导语, parts and items by the numbering ladder, 一是/二是 points,
//! tables, 署名 and 成文日期, 版记. The typist's numbering is not kept — the
//! report numbers by position — but every place it was wrong (a gap, a
//! missing part heading, a heading run into its text) is repaired and said.

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::tr;

use super::draft::{Draft, Entry, Notices, Table};
use super::markers::{self, Counters, Level, Piece, split_last_sentence};
use super::paragraph::{Para, Role};
use super::{frame, parts};

/// A heading longer than this is more likely a numbered sentence.
const HEADING_CHARS: usize = 40;

/// Part headings of the genre, for a part heading run into its text
/// (“二、创新做法积极探索……”); a heading before any shorter one it starts with.
const PART_HEADINGS: [&str; 16] = [
    "下一步工作打算",
    "下一步工作计划",
    "主要工作及成效",
    "主要工作完成情况",
    "存在的问题和不足",
    "存在的主要问题",
    "存在的问题",
    "存在问题",
    "主要做法",
    "创新做法",
    "特色亮点",
    "工作亮点",
    "主要工作",
    "工作成效",
    "工作计划",
    "工作打算",
];

/// Reads `paras` into a draft; every repair and doubt is a warning at its
/// place in `file`.
pub(super) fn read(file: &SourceFile, paras: &[Para]) -> (Draft, Vec<Diagnostic>) {
    let mut builder = Builder {
        notices: Notices::new(file),
        draft: Draft::default(),
        counters: Counters::default(),
        stack: Vec::new(),
        group: None,
        skipped_ladder: false,
        pending_caption: None,
        skip_next_table: false,
        last_text: false,
    };
    let body = frame::body(paras, &mut builder.draft, &mut builder.notices);
    for para in body {
        builder.para(para);
    }
    builder.close_all();
    parts::missing_parts(&mut builder.draft, &mut builder.notices);
    parts::kinds(&mut builder.draft);
    // The frame's repairs (a title joined again) come first, as in the file.
    builder.draft.repairs.extend(builder.notices.repairs);
    (builder.draft, builder.notices.warnings)
}

/// Where the current run of 一是/二是 points goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    /// The open node's own points.
    Own,
    /// The points of the open node's last item (an unheaded paragraph).
    LastItem,
}

struct Builder<'a> {
    notices: Notices<'a>,
    draft: Draft,
    counters: Counters,
    /// The open headings, part first.
    stack: Vec<Entry>,
    group: Option<Group>,
    skipped_ladder: bool,
    pending_caption: Option<String>,
    skip_next_table: bool,
    /// Whether text was added since the last point: a 一是 right after
    /// text belongs to it.
    last_text: bool,
}

impl Builder<'_> {
    fn para(&mut self, para: &Para) {
        match &para.role {
            Role::Table(rows) => {
                let caption = self.pending_caption.take();
                if std::mem::take(&mut self.skip_next_table) {
                    return;
                }
                self.table(Table {
                    caption,
                    rows: rows.clone(),
                });
                return;
            }
            Role::Caption => {
                if is_generated_caption(&para.text) {
                    self.skip_next_table = true;
                    self.draft.generated_tables += 1;
                } else {
                    self.pending_caption = Some(para.text.clone());
                }
                return;
            }
            Role::Chart(alt) => {
                if let Some(label) = alt.split(['：', ':']).next() {
                    self.draft.charts.push(label.to_string());
                }
                return;
            }
            _ => {}
        }
        if para.text.trim().is_empty() {
            return;
        }
        let heading_para = matches!(para.role, Role::Heading(_));
        let pieces = markers::split(&para.text, &mut self.counters);
        // A bold lead with no number: a run-in heading of its own
        // (“**加强环境卫生综合整治**。全面开展……”).
        if para.bold > 0
            && !heading_para
            && let Some(Piece::Text { text, .. }) = pieces.first()
            && !self.stack.is_empty()
        {
            let bold: String = text.chars().take(para.bold).collect();
            let heading = bold.trim().trim_end_matches(['。', '：', ':']);
            if !heading.is_empty() && heading.chars().count() <= HEADING_CHARS {
                let rest: String = text.chars().skip(para.bold).collect();
                let rest = rest.trim_start_matches(['。', '：', ':', ' ']).to_string();
                self.open_bold(para, heading.to_string(), &rest, pieces.len() > 1);
                for (i, piece) in pieces.iter().enumerate().skip(1) {
                    self.piece(para, piece, false, i + 1 < pieces.len(), &mut State::Body);
                }
                return;
            }
        }
        if heading_para && !matches!(pieces.first(), Some(Piece::Heading { .. })) {
            // A heading paragraph without a number: 标题 style, numbered: false.
            let level = match para.role {
                Role::Heading(1) => Level::Part,
                Role::Heading(2) => Level::Section,
                Role::Heading(3) => Level::Item,
                _ => Level::Sub,
            };
            self.open(para, level, None, 0);
            if let Some(top) = self.stack.last_mut() {
                top.heading = Some(para.text.trim().to_string());
                top.numbered = level == Level::Part;
            }
            return;
        }
        let mut state = State::Start;
        for (i, piece) in pieces.iter().enumerate() {
            self.piece(para, piece, heading_para, i + 1 < pieces.len(), &mut state);
        }
    }

    /// One piece of a paragraph; `more` when pieces follow it in the same
    /// paragraph (a heading followed by 一是 in one paragraph is run in).
    fn piece(
        &mut self,
        para: &Para,
        piece: &Piece,
        heading_para: bool,
        more: bool,
        state: &mut State,
    ) {
        match piece {
            Piece::Heading { level, number, at } => {
                self.open(para, *level, Some(*number), *at);
                *state = State::Heading;
            }
            Piece::Point { number, at } => {
                self.point(para, *number, *at);
                *state = State::Point;
            }
            Piece::Text { text, at } => match *state {
                State::Heading => {
                    self.heading(para, text, *at, heading_para, more);
                    *state = State::Body;
                }
                State::Point => {
                    self.point_text(text);
                    *state = State::Body;
                }
                State::Start | State::Body => {
                    self.body(text);
                    *state = State::Body;
                }
            },
        }
    }

    /// Closes the open headings at `level` and below, then opens one.
    fn open(&mut self, para: &Para, level: Level, number: Option<u32>, at: usize) {
        if level == Level::Part {
            self.close_all();
        } else {
            if self.stack.is_empty() {
                let mut implicit = Entry::new(Level::Part, para.line);
                implicit.notes.push(crate::tr_both!(
                    "原稿在这之前没有“一、”部分标题；标题按位置补为默认标题，请核对",
                    "the original has no “一、” heading before this; a default heading was put in"
                ).0);
                self.notices.warn(
                    para,
                    at,
                    1,
                    crate::tr_both!("原稿在这里缺少“一、”部分标题", "the original lacks a “一、” part heading here"),
                    tr!("已补上“一、”部分；标题用默认的，请在数据文件中核对", "a part “一、” was added with the default heading; check it in the data file"),
                );
                self.stack.push(implicit);
            }
            while self.stack.len() > 1
                && self
                    .stack
                    .last()
                    .is_some_and(|top| top.level >= level || top.bold_heading)
            {
                self.close_one();
            }
        }
        if let (Some(parent), true) = (self.stack.last(), level != Level::Part) {
            let expected_level = Level::ALL.get(parent.level.index() + 1).copied();
            if expected_level != Some(level) && !self.skipped_ladder && parent.level < level {
                self.skipped_ladder = true;
                let parent_marker = parent.level.shown(1);
                let shown = level.shown(1);
                let renumbered = expected_level.map_or(String::new(), |l| l.shown(1));
                self.notices.warn(
                    para,
                    at,
                    1,
                    crate::tr_both!(
                        "原稿在“{parent_marker}”下直接用“{shown}”",
                        "the original puts “{shown}” straight under “{parent_marker}”"
                    ),
                    tr!(
                        "报告按 GB/T 9704 的层次编号，这一层印为“{renumbered}”",
                        "the report numbers by the GB/T 9704 ladder; this level prints as “{renumbered}”"
                    ),
                );
            }
        }
        // The number the source should have had here.
        let siblings = match self.stack.last() {
            Some(parent) if level != Level::Part => parent
                .items
                .iter()
                .filter(|i| i.heading.is_some() && i.numbered)
                .count(),
            _ => self.draft.parts.len(),
        };
        let expected = siblings as u32 + 1;
        // A part number skipped is said where the missing part is found.
        if let Some(number) = number
            && number != expected
            && level != Level::Part
        {
            let chars = level.shown(number).chars().count();
            let (typed, wanted) = (level.shown(number), level.shown(expected));
            self.notices.warn(
                para,
                at,
                chars,
                crate::tr_both!(
                    "原稿编号不连续：这里是“{typed}”，按顺序应是“{wanted}”",
                    "the original's numbering has a gap: “{typed}” where “{wanted}” belongs"
                ),
                tr!("报告按顺序重新编号；请确认原稿没有漏掉一节", "the report renumbers in order; check that no section of the original is missing"),
            );
        }
        let mut entry = Entry::new(level, para.line);
        entry.column = para.column + at;
        entry.source_number = number;
        self.stack.push(entry);
        self.group = None;
    }

    fn open_bold(&mut self, para: &Para, heading: String, rest: &str, more: bool) {
        let level = self.stack.last().map_or(Level::Section, |top| {
            if top.bold_heading {
                top.level
            } else {
                Level::ALL
                    .get(top.level.index() + 1)
                    .copied()
                    .unwrap_or(Level::Sub)
            }
        });
        while self.stack.len() > 1
            && self
                .stack
                .last()
                .is_some_and(|top| top.bold_heading || top.level >= level)
        {
            self.close_one();
        }
        let mut entry = Entry::new(level, para.line);
        entry.heading = Some(heading);
        entry.numbered = false;
        entry.bold_heading = true;
        entry.run_in = more || !rest.is_empty();
        self.stack.push(entry);
        self.group = None;
        if !rest.is_empty() {
            self.body(rest);
        }
    }

    /// The text after a marker: its heading, and the text run in after it.
    fn heading(&mut self, para: &Para, text: &str, at: usize, whole: bool, more: bool) {
        let level = self.stack.last().map_or(Level::Part, |top| top.level);
        let text = text.trim();
        let (heading, rest, run_in) = if whole {
            (
                text.trim_end_matches(['。', '：', ':']).to_string(),
                String::new(),
                false,
            )
        } else if let Some(stop) = text.find(['。', '！', '？'])
            && text[..stop].chars().count() <= HEADING_CHARS
        {
            let rest = text[stop..].chars().skip(1).collect::<String>();
            let run_in = more || !rest.trim().is_empty();
            (text[..stop].to_string(), rest, run_in)
        } else if let Some(known) = (level == Level::Part)
            .then(|| {
                // “主要工作完成情况” is one heading; “创新做法积极探索……：”
                // is a heading and a sentence.
                PART_HEADINGS.iter().find(|h| {
                    text.strip_prefix(**h).is_some_and(|rest| {
                        rest.chars().count() >= 8 || rest.ends_with(['：', ':'])
                    })
                })
            })
            .flatten()
        {
            let rest = text[known.len()..]
                .trim_start_matches(['：', ':', '，'])
                .to_string();
            self.notices.warn(
                para,
                at,
                known.chars().count(),
                crate::tr_both!(
                    "原稿的部分标题“{known}”与正文接在一起",
                    "the original runs the part heading “{known}” into its text"
                ),
                tr!(
                    "已把“{known}”作为标题，其后的文字作为正文",
                    "“{known}” was taken as the heading and what follows as its text"
                ),
            );
            ((*known).to_string(), rest, false)
        } else if more && text.ends_with(['：', ':']) && text.chars().count() <= HEADING_CHARS {
            // “（二）人居环境持续改善：一是……” keeps its colon, run in.
            (text.to_string(), String::new(), true)
        } else if text.chars().count() <= HEADING_CHARS {
            (
                text.trim_end_matches(['：', ':']).to_string(),
                String::new(),
                false,
            )
        } else {
            let clause: String = text
                .chars()
                .take_while(|c| !"，,：:；;".contains(*c))
                .collect();
            let cut = clause.chars().count().min(HEADING_CHARS);
            let heading: String = clause.chars().take(cut).collect();
            let rest: String = text.chars().skip(cut).collect();
            let rest = rest
                .trim_start_matches(['，', ',', '：', ':', '；', ';'])
                .to_string();
            self.notices.warn(
                para,
                at,
                cut,
                crate::tr_both!("这一节的标题与正文之间没有句号，分不清标题到哪里", "no full stop ends this heading; where it ends is a guess"),
                tr!("已取第一个逗号之前的文字为标题；请在数据文件中核对", "the words before the first comma were taken as the heading; check it in the data file"),
            );
            if let Some(top) = self.stack.last_mut() {
                top.notes.push(
                    crate::tr_both!(
                        "标题是从正文中截取的，请对照原稿核对",
                        "the heading was cut out of the text; check it against the original"
                    )
                    .0,
                );
            }
            (heading, rest, true)
        };
        if let Some(top) = self.stack.last_mut() {
            top.heading = Some(heading.trim().to_string()).filter(|h| !h.is_empty());
            top.run_in = run_in && top.heading.is_some();
        }
        if !rest.trim().is_empty() {
            self.body(&rest);
        }
    }

    /// A paragraph of text (or the text before the first point in one).
    fn body(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.group = None;
        let Some(top) = self.stack.last_mut() else {
            self.draft.intro.push(text.to_string());
            return;
        };
        if top.is_bare() {
            top.text.push(text.to_string());
        } else {
            let mut item = Entry::new(Level::Sub, top.line);
            item.text.push(text.to_string());
            top.items.push(item);
            self.group = None;
        }
        self.last_text = true;
    }

    fn point(&mut self, para: &Para, number: u32, at: usize) {
        if self.stack.is_empty() {
            // Points before any heading open the first part.
            self.open(para, Level::Part, None, at);
        }
        let last_text = std::mem::take(&mut self.last_text);
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        if number > 1 {
            if self.group.is_none() {
                self.group = Some(Group::Own);
            }
            let owner = match self.group {
                Some(Group::LastItem) => top.items.last_mut(),
                _ => Some(top),
            };
            if let Some(owner) = owner {
                owner.points.push(String::new());
                // “二是” opening a paragraph: each point is a paragraph.
                owner.points_apart |= at == 0;
            }
            return;
        }
        // 一是: a new run of points. Right after text it belongs to that text;
        // after an earlier run, its lead-in is the last sentence of that
        // run's last point (the seed's “……机制。一是……”).
        let after_item_text = last_text
            && top
                .items
                .last()
                .is_some_and(|i| i.points.is_empty() && !i.text.is_empty());
        if last_text && top.points.is_empty() && top.items.is_empty() {
            top.points.push(String::new());
            self.group = Some(Group::Own);
            return;
        }
        if after_item_text {
            if let Some(item) = top.items.last_mut() {
                item.points.push(String::new());
            }
            self.group = Some(Group::LastItem);
            return;
        }
        let previous = match self.group {
            Some(Group::LastItem) => top.items.last_mut().and_then(|i| i.points.last_mut()),
            Some(Group::Own) => top.points.last_mut(),
            None => None,
        };
        let lead = previous.and_then(split_last_sentence);
        if top.points.is_empty() && top.items.is_empty() && lead.is_none() {
            top.points.push(String::new());
            self.group = Some(Group::Own);
            return;
        }
        if top.items.is_empty() && (!top.points.is_empty() || !top.text.is_empty()) {
            // The node's own text and points become its first paragraph, so
            // that both runs read as paragraphs side by side.
            let mut first = Entry::new(Level::Sub, top.line);
            first.text = std::mem::take(&mut top.text);
            first.points = std::mem::take(&mut top.points);
            top.items.push(first);
        }
        let mut item = Entry::new(Level::Sub, top.line);
        if let Some(lead) = lead {
            item.text.push(lead);
        }
        item.points.push(String::new());
        top.items.push(item);
        self.group = Some(Group::LastItem);
        self.notices.warn(
            para,
            at,
            2,
            crate::tr_both!("“一是”在同一节里重新开始", "“一是” starts again within one section"),
            tr!(
                "已把前一句作为新一段的开头；原稿这里可能漏了一个小标题",
                "the sentence before was taken as the lead of a new paragraph; the original may have lost a heading here"
            ),
        );
    }

    fn point_text(&mut self, text: &str) {
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        let point = match self.group {
            Some(Group::LastItem) => top.items.last_mut().and_then(|i| i.points.last_mut()),
            _ => top.points.last_mut(),
        };
        if let Some(point) = point {
            point.push_str(text.trim());
        }
    }

    fn table(&mut self, table: Table) {
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        if top.table.is_none() && top.items.is_empty() {
            top.table = Some(table);
        } else {
            let mut item = Entry::new(Level::Sub, top.line);
            item.table = Some(table);
            top.items.push(item);
        }
        self.group = None;
    }

    fn close_one(&mut self) {
        let Some(entry) = self.stack.pop() else {
            return;
        };
        match self.stack.last_mut() {
            Some(parent) => parent.items.push(entry),
            None => self.draft.parts.push(entry),
        }
    }

    fn close_all(&mut self) {
        while !self.stack.is_empty() {
            self.close_one();
        }
        self.group = None;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Heading,
    Point,
    Body,
}

/// Captions of the tables `report build` makes from the data itself; the
/// imported data makes them again, so they are not copied.
fn is_generated_caption(text: &str) -> bool {
    let text = text.trim();
    let year_prefix = |rest: &str| -> Option<String> {
        let digits: String = rest.chars().take(4).collect();
        (digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()))
            .then(|| rest.chars().skip(4).collect())
    };
    let Some(rest) = year_prefix(text) else {
        return false;
    };
    if let Some(rest) = rest
        .strip_prefix("年与")
        .or_else(|| rest.strip_prefix("年與"))
        && let Some(tail) = year_prefix(rest)
    {
        return matches!(tail.as_str(), "年主要指标对比" | "年主要指標對比");
    }
    matches!(rest.as_str(), "年计划目标完成情况" | "年計劃目標完成情況")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tools_own_tables_are_known_by_their_captions() {
        assert!(is_generated_caption("2016年与2017年主要指标对比"));
        assert!(is_generated_caption("2016年计划目标完成情况"));
        assert!(!is_generated_caption("上半年重点工作成效"));
    }
}
