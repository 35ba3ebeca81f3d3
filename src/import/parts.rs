//! The parts of an imported report: a part heading the source left out
//! put back where its numbering shows it (二、 then 四、), and each part's
//! kind read from its heading or its place.

use crate::model::PartKind;
use crate::tr;

use super::draft::{Draft, Entry, Notices};
use super::markers::Level;

/// A part number skipped (二、 then 四、): the missing part usually
/// starts where the numbering below restarts at （一）, as in the seed.
pub(super) fn missing_parts(draft: &mut Draft, notices: &mut Notices) {
    let mut index = 1;
    while index < draft.parts.len() {
        let (before, after) = (
            draft.parts[index - 1].source_number,
            draft.parts[index].source_number,
        );
        let gap = matches!((before, after), (Some(b), Some(a)) if a == b + 2)
            || matches!((before, after), (None, Some(3)) if index == 1);
        let previous = &draft.parts[index - 1];
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
            let moved: Vec<Entry> = draft.parts[index - 1].items.drain(at..).collect();
            let (line, column) = moved.first().map_or((1, 1), |e| (e.line, e.column));
            let mut part = Entry::new(Level::Part, line);
            part.items = moved;
            part.notes.push(crate::tr_both!(
                "原稿缺少这一部分的标题；从这里起为新的一部分，标题按位置补上，请核对",
                "the original lacks this part's heading; a part starts here with the heading its place suggests"
            ).0);
            notices.warn_at(
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
            draft.parts.insert(index, part);
        } else if let (Some(b), Some(a)) = (before, after)
            && a != b + 1
        {
            let part = &draft.parts[index];
            let (line, column) = (part.line, part.column);
            let typed = Level::Part.shown(a);
            notices.warn_at(
                line,
                column,
                typed.chars().count(),
                crate::tr_both!(
                    "原稿编号不连续：这里是“{typed}”，按顺序应是“{shown}”",
                    "the original's numbering has a gap: “{typed}” where “{shown}” belongs"
                ),
                tr!(
                    "报告按顺序重新编号；请确认原稿没有漏掉一部分",
                    "the report renumbers in order; check that no part of the original is missing"
                ),
            );
        }
        index += 1;
    }
}

/// Each part's kind: as its heading names it, else by its place between
/// the parts whose kinds are known (a part without a heading).
pub(super) fn kinds(draft: &mut Draft) {
    let parts = &mut draft.parts;
    let mut summary_seen = false;
    for (index, part) in parts.iter_mut().enumerate() {
        part.kind = part.heading.as_deref().and_then(PartKind::of_heading);
        let summary = part.heading.as_deref().is_some_and(|h| {
            ["总结", "總結", "成效", "主要工作", "完成情况", "完成情況"]
                .iter()
                .any(|w| h.contains(w))
        });
        // One summary part: the first, or the first that says so.
        if part.kind.is_none() && !summary_seen && (summary || index == 0) && part.heading.is_some()
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
