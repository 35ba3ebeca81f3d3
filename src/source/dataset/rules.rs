//! Rules of the genre that span fields: the years a title and headings name.

use crate::tr;

use super::Builder;
use crate::diagnostic::Diagnostic;
use crate::source::yaml::{Spanned, Tree};

impl Builder<'_> {
    /// A title or plan heading naming a year: the summary is for this year,
    /// the plan for the next.
    pub(super) fn check_years(&mut self, text: &str, node: Option<&Spanned<Tree>>) {
        let Some(node) = node else { return };
        let year = i32::from(self.year);
        for (found, kind) in named_years(text) {
            let (want, what) = match kind {
                YearKind::Plan => (year + 1, tr!("计划", "plan")),
                YearKind::Summary => (year, tr!("总结", "summary")),
            };
            if found != want {
                self.error(
                    Diagnostic::error(tr!(
                        "{what}的年份写成了 {found} 年，这份报告应是 {want} 年的{what}",
                        "the {what} names the year {found}; this report's {what} is for {want}"
                    ))
                    .code("wrong-year-in-text")
                    .at(self.at(node))
                    .hint(tr!(
                        "改正年份；标题不写时会自动生成",
                        "correct the year; leave the title out to have it generated"
                    )),
                );
            }
        }
    }
}

pub(super) enum YearKind {
    Summary,
    Plan,
}

/// Years named as `2017年…总结` or `2018年…计划` in a title or heading.
pub(super) fn named_years(text: &str) -> Vec<(i32, YearKind)> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i + 4 < chars.len() {
        let digits: String = chars[i..i + 4].iter().collect();
        let starts_here = i == 0 || !chars[i - 1].is_ascii_digit();
        if starts_here && digits.chars().all(|c| c.is_ascii_digit()) && chars[i + 4] == '年' {
            let rest: String = chars[i + 5..].iter().collect();
            let next_year = rest.find("年").unwrap_or(rest.len());
            let clause = &rest[..next_year];
            let year = digits.parse().unwrap_or(0);
            if clause.contains("计划") || clause.contains("打算") {
                out.push((year, YearKind::Plan));
            } else if clause.contains("总结") {
                out.push((year, YearKind::Summary));
            }
            i += 5;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_years_in_titles() {
        let years: Vec<i32> = named_years("2017年城乡环境综合治理工作总结及2018年工作计划")
            .into_iter()
            .map(|(y, _)| y)
            .collect();
        assert_eq!(years, [2017, 2018]);
        assert!(named_years("下一步工作打算").is_empty());
        assert!(matches!(
            named_years("2019年工作计划")[..],
            [(2019, YearKind::Plan)]
        ));
    }
}
