//! The official-document frame around the body: masthead, 发文字号 and 版记.

use crate::model::marks;
use crate::tr;

use super::keys::{IMPRINT_KEYS, MASTHEAD_KEYS};
use super::{Builder, Fields};
use crate::diagnostic::Diagnostic;
use crate::model::{self};
use crate::source::yaml::{Spanned, Tree};

impl Builder<'_> {
    /// The 公文 frame around the text: 版头, 附件说明, 版记.
    pub(super) fn frame(
        &mut self,
        top: &Fields,
    ) -> (Option<model::Masthead>, Vec<String>, Option<model::Imprint>) {
        let masthead = top.get("masthead").and_then(|m| self.masthead(m));
        let attachments = top
            .get("attachments")
            .map(|list| {
                self.list(list, "attachments")
                    .iter()
                    .filter_map(|a| self.typed_line(a, "attachments"))
                    .map(|a| marks::trim_end_matches(&a, &['。', '；', '，']).0)
                    .collect()
            })
            .unwrap_or_default();
        let imprint = top.get("imprint").and_then(|i| self.imprint(i));
        (masthead, attachments, imprint)
    }

    /// `signature`, where the 署名 and 成文日期 stand, and the 署名
    /// (`issuer`), which a report that prints none may leave out.
    pub(super) fn signature(&mut self, top: &Fields) -> (model::Signature, String) {
        let form = self.signature_form(top);
        let issuer = if form == model::Signature::None && top.get("issuer").is_none() {
            String::new()
        } else {
            self.typed_text(top, "issuer", &tr!("署名", "issuing body"))
                .unwrap_or_default()
        };
        (form, issuer)
    }

    fn signature_form(&mut self, top: &Fields) -> model::Signature {
        let Some(node) = top.get("signature") else {
            return model::Signature::End;
        };
        let found = match &node.value {
            Tree::Text(word) => model::Signature::WORDS
                .iter()
                .find(|(w, _)| *w == word.trim())
                .map(|(_, form)| *form),
            _ => None,
        };
        found.unwrap_or_else(|| {
            self.error(
                Diagnostic::error(tr!(
                    "signature 只能写 end、below-title 或 none",
                    "signature can only be end, below-title or none"
                )).code("bad-value")
                .at(self.at(node))
                .hint(tr!(
                    "end：落款在文末（默认）；below-title：署名和日期写在标题下一行；none：不写落款",
                    "end: the 落款 at the end (the default); below-title: issuer and date on a line under the title; none: no 落款"
                )),
            );
            model::Signature::End
        })
    }

    /// 版头: the 发文机关标志 and the 发文字号, checked against 7.2.5.
    pub(super) fn masthead(&mut self, node: &Spanned<Tree>) -> Option<model::Masthead> {
        let fields = self.fields(node, &tr!("版头 masthead", "the masthead"), MASTHEAD_KEYS)?;
        let organ = self.typed_text(&fields, "organ", &tr!("发文机关标志", "issuing organ"))?;
        let number = fields.get("number").and_then(|n| self.line(n, "number"));
        if let (Some(number), Some(node)) = (&number, fields.get("number"))
            && let Some(problem) = doc_number_problem(number)
        {
            {
                self.warnings.push(
                    Diagnostic::warning(tr!(
                        "发文字号“{number}”不合 GB/T 9704 7.2.5 的写法：{problem}",
                        "the document number “{number}” is not as GB/T 9704 7.2.5 writes it: {problem}"
                    )).code("document-number-form")
                    .at(self.at(node))
                    .hint(tr!(
                        "写成 机关代字〔年份〕序号号，例如 通环治办〔2018〕1号",
                        "write it as CODE〔YEAR〕N号, e.g. 通环治办〔2018〕1号"
                    )),
                );
            }
        }
        let number = match (number, fields.get("number")) {
            (Some(number), Some(node)) => Some(self.mark_typed(node, vec![number]).remove(0)),
            (number, _) => number,
        };
        Some(model::Masthead { organ, number })
    }

    /// 版记: 抄送机关 (a list or one line), 印发机关 and 印发日期.
    pub(super) fn imprint(&mut self, node: &Spanned<Tree>) -> Option<model::Imprint> {
        let fields = self.fields(node, &tr!("版记 imprint", "the imprint"), IMPRINT_KEYS)?;
        let cc = fields.get("cc").and_then(|cc| match &cc.value {
            Tree::List(_) => {
                let names: Vec<String> = self
                    .list(cc, "cc")
                    .iter()
                    .filter_map(|n| self.typed_line(n, "cc"))
                    .collect();
                (!names.is_empty()).then(|| names.join("，"))
            }
            _ => self.typed_line(cc, "cc"),
        });
        // 7.4.2: names apart with “，”, a full stop after the last, which the
        // template writes.
        let cc = cc.map(|cc| marks::trim_end_matches(&cc, &['。', '.', '，', '；']).0);
        let office = self.typed_text(&fields, "office", &tr!("印发机关", "printing office"));
        let date = match fields.get("date") {
            Some(date) => self.date(date),
            None => self.missing(&fields, "date", &tr!("印发日期", "date of printing")),
        };
        Some(model::Imprint {
            cc,
            office: office?,
            date: date?.into(),
        })
    }
}

/// What is wrong with a 发文字号, if anything: the year in 〔〕, no 第, no
/// leading zeros, ending in 号.
pub(super) fn doc_number_problem(number: &str) -> Option<String> {
    let Some((_, rest)) = number.split_once('〔') else {
        return Some(tr!(
            "年份要用六角括号〔〕括起来，不用 []、()、【】",
            "the year goes in 〔〕, not [], () or 【】"
        ));
    };
    let Some((year, serial)) = rest.split_once('〕') else {
        return Some(tr!("缺少右边的“〕”", "the closing 〕 is missing"));
    };
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return Some(tr!(
            "年份要写全四位",
            "the year is written in full, four digits"
        ));
    }
    let Some(serial) = serial.strip_suffix('号') else {
        return Some(tr!("序号后要加“号”", "the serial number ends with 号"));
    };
    if serial.starts_with('第') {
        return Some(tr!("序号前不加“第”", "no 第 before the serial number"));
    }
    if serial.is_empty() || !serial.chars().all(|c| c.is_ascii_digit()) {
        return Some(tr!(
            "序号只写阿拉伯数字",
            "the serial number is Arabic digits only"
        ));
    }
    if serial.starts_with('0') {
        return Some(tr!(
            "序号不编虚位（1 不写成 01）",
            "no leading zeros (1, not 01)"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::{loaded, year};
    use super::doc_number_problem;

    #[test]
    fn a_doc_number_is_written_as_the_standard_says() {
        assert_eq!(doc_number_problem("通环治办〔2018〕1号"), None);
        for wrong in [
            "通环治办[2018]1号",
            "通环治办〔2018〕01号",
            "通环治办〔18〕1号",
            "通环治办〔2018〕第1号",
            "通环治办〔2018〕1",
            "通环治办〔20181号",
        ] {
            assert!(doc_number_problem(wrong).is_some(), "{wrong}");
        }
    }

    #[test]
    fn masthead_and_imprint_are_read() {
        let report = loaded(&year(
            "masthead: {organ: 某办文件, number: 某办〔2018〕1号}\nimprint: {cc: 区人大办, office: 某办, date: 2017-12-29}\n",
        ))
        .report;
        let masthead = report.masthead.expect("a masthead");
        let number = masthead.number.as_deref().map(crate::model::marks::strip);
        assert_eq!(number.as_deref(), Some("某办〔2018〕1号"));
        let imprint = report.imprint.expect("an imprint");
        assert_eq!(imprint.date.text, "2017年12月29日");
    }
}
