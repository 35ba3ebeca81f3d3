//! The paragraphs of an old report read into the genre's shape: title,
//! 主送机关, 导语, parts and items by the numbering ladder, 一是/二是 points,
//! tables, 署名 and 成文日期, 版记. The typist's numbering is not kept — the
//! report numbers by position — but every place it was wrong (a gap, a
//! missing part heading, a heading run into its text) is repaired and said.

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::model::PartKind;
use crate::tr;

use super::markers::{self, Counters, Level, Piece};
use super::read::{Para, Role};

/// A heading longer than this is more likely a numbered sentence.
const HEADING_CHARS: usize = 40;

/// Part headings of the genre, for a part heading run into its text
/// (“二、创新做法积极探索……”); longest first.
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

/// One heading with what is under it.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub heading: Option<String>,
    pub run_in: bool,
    pub numbered: bool,
    /// The level the source's marker had (parts are always `Part`).
    pub level: Level,
    /// The number the source gave it, if it had one.
    pub source_number: Option<u32>,
    /// Where its heading is in the source, for messages.
    pub line: usize,
    pub column: usize,
    pub text: Vec<String>,
    pub points: Vec<String>,
    pub table: Option<Table>,
    pub items: Vec<Entry>,
    /// Guesses for the clerk to confirm; they become `note: 待核对…`.
    pub notes: Vec<String>,
    pub kind: Option<PartKind>,
    /// Opened by a bold run-in heading with no number (traditional layout).
    bold_heading: bool,
}

impl Entry {
    fn new(level: Level, line: usize) -> Self {
        Self {
            heading: None,
            run_in: false,
            numbered: true,
            level,
            source_number: None,
            line,
            column: 1,
            text: Vec::new(),
            points: Vec::new(),
            table: None,
            items: Vec::new(),
            notes: Vec::new(),
            kind: None,
            bold_heading: false,
        }
    }

    fn is_bare(&self) -> bool {
        self.points.is_empty() && self.items.is_empty() && self.table.is_none()
    }
}

#[derive(Debug, Clone)]
pub(super) struct Table {
    pub caption: Option<String>,
    pub rows: Vec<Vec<String>>,
}

/// The report as read, before its figures become metrics.
#[derive(Debug, Default)]
pub(super) struct Draft {
    pub title: Option<String>,
    pub title_line: usize,
    pub organ: Option<String>,
    pub doc_number: Option<String>,
    pub addressee: Option<String>,
    pub intro: Vec<String>,
    pub parts: Vec<Entry>,
    pub attachments: Vec<String>,
    pub issuer: Option<String>,
    pub date: Option<(i32, u32, u32)>,
    pub cc: Vec<String>,
    pub office: Option<String>,
    pub imprint_date: Option<(i32, u32, u32)>,
    /// The labels charts were drawn for.
    pub charts: Vec<String>,
    /// Tables the tool itself makes from the data (同比, 计划完成情况).
    pub generated_tables: usize,
    /// What was repaired, in Chinese.
    pub repairs: Vec<String>,
}

/// Reads `paras` into a draft; every repair and doubt is a warning at its
/// place in `file`.
pub(super) fn read(file: &SourceFile, paras: &[Para]) -> (Draft, Vec<Diagnostic>) {
    let mut builder = Builder {
        file,
        draft: Draft::default(),
        warnings: Vec::new(),
        counters: Counters::default(),
        stack: Vec::new(),
        group: None,
        skipped_ladder: false,
        pending_caption: None,
        skip_next_table: false,
        last_text: false,
        repairs: Vec::new(),
    };
    let body = builder.front_and_back(paras);
    for para in body {
        builder.para(para);
    }
    builder.close_all();
    builder.missing_parts();
    builder.kinds();
    builder.draft.repairs = builder.repairs;
    (builder.draft, builder.warnings)
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
    file: &'a SourceFile,
    draft: Draft,
    warnings: Vec<Diagnostic>,
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
    /// Each repair in Chinese, for the data file's header.
    repairs: Vec<String>,
}

impl Builder<'_> {
    /// A repair or a doubt at `at` characters into `para`; `message` is
    /// `(zh, shown)`, the Chinese kept for the data file's header.
    fn warn(
        &mut self,
        para: &Para,
        at: usize,
        chars: usize,
        message: (String, String),
        hint: String,
    ) {
        self.warn_at(para.line, para.column + at, chars, message, hint);
    }

    fn warn_at(
        &mut self,
        line: usize,
        column: usize,
        chars: usize,
        message: (String, String),
        hint: String,
    ) {
        let location = self.file.at(line, column, chars);
        let (zh, message) = message;
        self.repairs.push(format!("{zh}（原稿第 {line} 行）"));
        self.warnings.push(
            Diagnostic::warning(message)
                .at(location)
                .hint(hint)
                .code("import"),
        );
    }

    /// Takes the title, 版头 and 主送机关 off the front and the 附件, 署名,
    /// 成文日期 and 版记 off the back; returns the body between.
    fn front_and_back<'p>(&mut self, paras: &'p [Para]) -> &'p [Para] {
        let start = self.front(paras);
        let end = self.back(paras, start);
        let end = self.attachments(paras, start, end);
        &paras[start..end]
    }

    /// The 版头, title and 主送机关; returns where the body starts.
    fn front(&mut self, paras: &[Para]) -> usize {
        let mut start = 0;
        // 版头 and title.
        while let Some(para) = paras.get(start) {
            match para.role {
                Role::Title if self.draft.title.is_none() => {
                    self.draft.title = Some(para.text.clone());
                    self.draft.title_line = para.line;
                }
                _ if self.draft.title.is_none()
                    && para.role == Role::Body
                    && is_title_like(&para.text)
                    && start == 0 =>
                {
                    self.draft.title = Some(para.text.clone());
                    self.draft.title_line = para.line;
                }
                _ if para.text.ends_with("文件") && self.draft.title.is_none() && start == 0 => {
                    self.draft.organ = Some(para.text.clone());
                }
                _ if self.draft.title.is_none() && is_doc_number(&para.text) => {
                    self.draft.doc_number = Some(para.text.clone());
                }
                _ => break,
            }
            start += 1;
        }
        if let Some(para) = paras.get(start) {
            let text = para.text.trim_end();
            let colon = text.ends_with('：') || text.ends_with(':');
            if para.role == Role::Addressee
                || (colon
                    && text.chars().count() <= 30
                    && !text.contains('。')
                    && self.draft.title.is_some())
            {
                let name = text.trim_end_matches(['：', ':']).to_string();
                if starts_with_marker(&name) {
                    // “一、主要工作：” is a heading, not whom it is sent to.
                } else {
                    self.draft.addressee = Some(name);
                    start += 1;
                }
            }
        }
        start
    }

    /// A stray last line, the 版记, 成文日期 and 署名; returns where the body
    /// (with any 附件说明) ends.
    fn back(&mut self, paras: &[Para], start: usize) -> usize {
        let mut end = paras.len();
        // A stray last line, like the seed's lone “来”.
        if end > start
            && let Some(last) = paras.get(end - 1)
            && last.role == Role::Body
            && last.text.chars().count() <= 3
            && !last
                .text
                .chars()
                .any(|c| c.is_ascii_digit() || "。；：".contains(c))
        {
            self.warn(
                last,
                0,
                last.text.chars().count(),
                crate::tr_both!(
                    "最后一行“{}”不像正文，没有导入",
                    "the last line “{}” is not part of the text and was left out",
                    last.text
                ),
                tr!(
                    "原稿在这里可能被截断了（例如“来源：”）；如有缺漏，请对照原稿补上",
                    "the original may be cut off here; check it and add what is missing"
                ),
            );
            end -= 1;
        }
        // 版记, from the end: 印发 last, 抄送 before it.
        while end > start {
            let para = &paras[end - 1];
            let text = para.text.trim();
            if let Some(rest) = text
                .strip_prefix("抄送")
                .map(|r| r.trim_start_matches(['：', ':', ' ']))
            {
                self.draft.cc = rest
                    .trim_end_matches('。')
                    .split(['，', '、', ',', '；', ';'])
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
            } else if let Some(rest) = text.strip_suffix("印发") {
                let (office, date) = split_date(rest);
                self.draft.office = Some(office.trim().to_string()).filter(|s| !s.is_empty());
                self.draft.imprint_date = date;
            } else {
                break;
            }
            end -= 1;
        }
        // 成文日期, and the 署名 above it.
        if end > start
            && let Some(date) = whole_date(&paras[end - 1].text)
        {
            self.draft.date = Some(date);
            end -= 1;
            if end > start {
                let above = &paras[end - 1];
                let text = above.text.trim();
                if above.role == Role::Signature
                    || (text.chars().count() <= 40
                        && !text.contains(['。', '，', '；', '：'])
                        && !starts_with_marker(text))
                {
                    self.draft.issuer = Some(text.to_string());
                    end -= 1;
                }
            }
        }
        end
    }

    /// 附件说明: from “附件：” to the 署名; returns where the body ends.
    fn attachments(&mut self, paras: &[Para], start: usize, mut end: usize) -> usize {
        if let Some(first) = paras[start..end].iter().rposition(|p| {
            p.role == Role::Attachments
                || p.text.trim_start().starts_with("附件：")
                || p.text.trim_start().starts_with("附件:")
        }) {
            let from = start + first;
            let mut names = Vec::new();
            for para in &paras[from..end] {
                let text = para.text.trim();
                let text = text
                    .strip_prefix("附件")
                    .map_or(text, |r| r.trim_start_matches(['：', ':']));
                for line in text.split('\n') {
                    let name = strip_number(line.trim()).trim_end_matches('。');
                    if !name.is_empty() {
                        names.push(name.to_string());
                    }
                }
            }
            self.draft.attachments = names;
            end = from;
        }
        end
    }

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
                self.open_bold(para, heading.to_string(), &rest);
                for piece in &pieces[1..] {
                    self.piece(para, piece, false, &mut State::Body);
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
        for piece in &pieces {
            self.piece(para, piece, heading_para, &mut state);
        }
    }

    fn piece(&mut self, para: &Para, piece: &Piece, heading_para: bool, state: &mut State) {
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
                    self.heading(para, text, *at, heading_para);
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
                self.warn(
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
                self.warn(
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
            self.warn(
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

    fn open_bold(&mut self, para: &Para, heading: String, rest: &str) {
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
        entry.run_in = !rest.is_empty();
        self.stack.push(entry);
        self.group = None;
        if !rest.is_empty() {
            self.body(rest);
        }
    }

    /// The text after a marker: its heading, and the text run in after it.
    fn heading(&mut self, para: &Para, text: &str, at: usize, whole: bool) {
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
            let run_in = !rest.trim().is_empty();
            (text[..stop].to_string(), rest, run_in)
        } else if let Some(known) = (level == Level::Part)
            .then(|| {
                PART_HEADINGS
                    .iter()
                    .find(|h| text.starts_with(**h) && text.len() > h.len())
            })
            .flatten()
        {
            let rest = text[known.len()..]
                .trim_start_matches(['：', ':', '，'])
                .to_string();
            self.warn(
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
            self.warn(
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
            // Points before any heading belong to the 导语.
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
            match self.group {
                Some(Group::LastItem) => {
                    if let Some(item) = top.items.last_mut() {
                        item.points.push(String::new());
                    }
                }
                _ => top.points.push(String::new()),
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
        self.warn(
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

    /// A part number skipped (二、 then 四、): the missing part usually
    /// starts where the numbering below restarts at （一）, as in the seed.
    fn missing_parts(&mut self) {
        let mut index = 1;
        while index < self.draft.parts.len() {
            let (before, after) = (
                self.draft.parts[index - 1].source_number,
                self.draft.parts[index].source_number,
            );
            let gap = matches!((before, after), (Some(b), Some(a)) if a == b + 2)
                || matches!((before, after), (None, Some(3)) if index == 1);
            let previous = &self.draft.parts[index - 1];
            let restart = previous
                .items
                .iter()
                .enumerate()
                .skip(1)
                .find_map(|(i, item)| {
                    (item.source_number == Some(1) && item.level == Level::Section).then_some(i)
                });
            let restart = restart.or_else(|| {
                let first = previous.items.first()?;
                let has_own = !previous.text.is_empty() || !previous.points.is_empty();
                (has_own && first.source_number == Some(1)).then_some(0)
            });
            let missing = before.map_or(2, |b| b + 1);
            let shown = Level::Part.shown(missing);
            if gap && let Some(at) = restart {
                let moved: Vec<Entry> = self.draft.parts[index - 1].items.drain(at..).collect();
                let (line, column) = moved.first().map_or((1, 1), |e| (e.line, e.column));
                let mut part = Entry::new(Level::Part, line);
                part.items = moved;
                part.notes.push(crate::tr_both!(
                    "原稿缺少这一部分的标题；从这里起为新的一部分，标题按位置补上，请核对",
                    "the original lacks this part's heading; a part starts here with the heading its place suggests"
                ).0);
                self.warn_at(
                    line,
                    column,
                    1,
                    crate::tr_both!(
                        "原稿缺少“{shown}”部分标题，从这里起的各节属于它",
                        "the original lacks the part heading “{shown}”; the sections from here belong to it"
                    ),
                    tr!("已补上这一部分；标题按位置补为默认标题，请在数据文件中核对", "the part was added with the heading its place suggests; check it in the data file"),
                );
                part.source_number = Some(missing);
                self.draft.parts.insert(index, part);
            } else if let (Some(b), Some(a)) = (before, after)
                && a != b + 1
            {
                let part = &self.draft.parts[index];
                let (line, column) = (part.line, part.column);
                let typed = Level::Part.shown(a);
                self.warn_at(
                    line,
                    column,
                    typed.chars().count(),
                    crate::tr_both!(
                        "原稿编号不连续：这里是“{typed}”，按顺序应是“{shown}”",
                        "the original's numbering has a gap: “{typed}” where “{shown}” belongs"
                    ),
                    tr!("报告按顺序重新编号；请确认原稿没有漏掉一部分", "the report renumbers in order; check that no part of the original is missing"),
                );
            }
            index += 1;
        }
    }

    /// Each part's kind: as its heading names it, else by its place between
    /// the parts whose kinds are known (a part without a heading).
    fn kinds(&mut self) {
        let parts = &mut self.draft.parts;
        let mut summary_seen = false;
        for (index, part) in parts.iter_mut().enumerate() {
            part.kind = part.heading.as_deref().and_then(PartKind::of_heading);
            let summary = part.heading.as_deref().is_some_and(|h| {
                ["总结", "總結", "成效", "主要工作", "完成情况", "完成情況"]
                    .iter()
                    .any(|w| h.contains(w))
            });
            // One summary part: the first, or the first that says so.
            if part.kind.is_none()
                && !summary_seen
                && (summary || index == 0)
                && part.heading.is_some()
            {
                part.kind = Some(PartKind::Work);
            }
            summary_seen |= part.kind == Some(PartKind::Work);
        }
        for index in 0..parts.len() {
            if parts[index].heading.is_some() {
                continue;
            }
            let floor = parts[..index]
                .iter()
                .rev()
                .find_map(|p| p.kind)
                .map_or(0, |k| {
                    PartKind::ALL.iter().position(|a| *a == k).unwrap_or(0) + 1
                });
            let ceiling = parts[index + 1..]
                .iter()
                .find_map(|p| p.kind)
                .map_or(PartKind::ALL.len(), |k| {
                    PartKind::ALL.iter().position(|a| *a == k).unwrap_or(4)
                });
            let kind = PartKind::ALL
                .get(floor)
                .filter(|_| floor < ceiling)
                .copied()
                .unwrap_or(PartKind::Work);
            parts[index].kind = Some(kind);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Heading,
    Point,
    Body,
}

/// Cuts the last sentence off a point that has more than one, for the
/// lead-in of the run of points after it; its full stop becomes a colon.
fn split_last_sentence(point: &mut String) -> Option<String> {
    let body = point.trim_end_matches(['。', '；', ';']);
    let cut = body.rfind('。')?;
    let lead = body[cut + '。'.len_utf8()..].trim().to_string();
    if lead.is_empty() {
        return None;
    }
    point.truncate(cut + '。'.len_utf8());
    Some(format!("{lead}："))
}

fn starts_with_marker(text: &str) -> bool {
    let mut counters = Counters::default();
    matches!(
        markers::split(text, &mut counters).first(),
        Some(Piece::Heading { .. } | Piece::Point { .. })
    )
}

/// A first line that reads as a title: short, no sentence in it.
fn is_title_like(text: &str) -> bool {
    let chars = text.chars().count();
    chars <= 60 && !text.contains(['。', '，', ',']) && !starts_with_marker(text)
}

fn is_doc_number(text: &str) -> bool {
    text.contains('〔') && text.contains('〕') && text.ends_with('号') && text.chars().count() <= 30
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

fn strip_number(text: &str) -> &str {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &text[digits..];
        if let Some(rest) = rest.strip_prefix(['.', '．', '、']) {
            return rest.trim_start();
        }
    }
    text
}

/// “2017年12月28日” as a whole line.
fn whole_date(text: &str) -> Option<(i32, u32, u32)> {
    let (rest, date) = split_date(text.trim());
    (rest.trim().is_empty()).then_some(date).flatten()
}

/// Splits a trailing “2017年12月28日” off `text`.
pub(super) fn split_date(text: &str) -> (&str, Option<(i32, u32, u32)>) {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(rest) = compact.strip_suffix('日') else {
        return (text, None);
    };
    let parse = |s: &str| -> Option<(i32, u32, u32)> {
        let (year, rest) = s.split_once('年')?;
        let (month, day) = rest.split_once('月')?;
        let year = year.get(year.len().checked_sub(4)?..)?;
        let (y, m, d) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
        chrono::NaiveDate::from_ymd_opt(y, m, d).map(|_| (y, m, d))
    };
    let Some(year_at) = rest.rfind('年') else {
        return (text, None);
    };
    let start = rest[..year_at].len().saturating_sub(4);
    let Some(date) = rest.get(start..).and_then(parse) else {
        return (text, None);
    };
    // The same cut in the original text (which may have spaces).
    let Some(cut) = text.rfind(&rest[start..start + 4]) else {
        return (text, None);
    };
    (&text[..cut], Some(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_at_the_end_of_a_line() {
        assert_eq!(whole_date("2017年12月28日"), Some((2017, 12, 28)));
        assert_eq!(whole_date("2017 年 12 月 28 日"), Some((2017, 12, 28)));
        assert_eq!(whole_date("2017年2月30日"), None);
        assert_eq!(whole_date("截至2017年12月28日"), None);
        assert_eq!(
            split_date("某区城市管理局办公室 2025年12月22日"),
            ("某区城市管理局办公室 ", Some((2025, 12, 22)))
        );
    }

    #[test]
    fn the_tools_own_tables_are_known_by_their_captions() {
        assert!(is_generated_caption("2016年与2017年主要指标对比"));
        assert!(is_generated_caption("2016年计划目标完成情况"));
        assert!(!is_generated_caption("上半年重点工作成效"));
    }

    #[test]
    fn a_lead_is_the_last_sentence() {
        let mut point = "狠抓执法。依法整治。在解决问题的同时，健全机制。".to_string();
        assert_eq!(
            split_last_sentence(&mut point).as_deref(),
            Some("在解决问题的同时，健全机制：")
        );
        assert_eq!(point, "狠抓执法。依法整治。");
        let mut single = "狠抓执法；".to_string();
        assert_eq!(split_last_sentence(&mut single), None);
    }
}
