//! The parts of text (`word/document.xml` and the footers) as
//! `WordprocessingML`, written once with every property in the order the
//! schema prescribes (ECMA-376 Part 1, §17). Building the body with docx-rs
//! and then putting its properties in order cost 4.3 M instructions a report
//! (callgrind), two thirds of the Word output; this writes the same bytes
//! in a single pass.

use std::fmt::Write as _;

use super::styles::{
    FOOTER, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, NUMERAL, PAGE_HEIGHT, PAGE_WIDTH,
    Rule,
};
use crate::render::document::Align;
use crate::render::escape;

/// The root elements, with the namespaces the body and footers use.
const DOCUMENT_ROOT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 wp14"><w:body>"#;

const FOOTER_ROOT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14 wp14">"#;

/// A table rule: thin, black, on every side and between all cells.
const TABLE_RULE: &str = r#"w:val="single" w:sz="2" w:space="0" w:color="000000" />"#;

/// How a run's text looks: a figure's digits in the numeral style, bold,
/// italic.
#[derive(Clone, Copy, Default)]
pub(super) struct Look {
    pub(crate) numeral: bool,
    pub(crate) bold: bool,
    pub(crate) italic: bool,
}

/// A paragraph's properties: its named style and what it sets beyond it.
#[derive(Clone, Copy)]
pub(super) struct Props<'a> {
    pub(crate) style: &'a str,
    pub(crate) keep_next: bool,
    pub(crate) rule: Option<Rule>,
    pub(crate) right_tab: Option<i32>,
    /// Left and right indents, in twips.
    pub(crate) indent: Option<(i32, i32)>,
    /// `None` leaves it to the style.
    pub(crate) align: Option<Align>,
}

impl<'a> Props<'a> {
    pub(super) fn style(style: &'a str) -> Self {
        Self {
            style,
            keep_next: false,
            rule: None,
            right_tab: None,
            indent: None,
            align: None,
        }
    }

    pub(super) fn keep_next(self, keep_next: bool) -> Self {
        Self { keep_next, ..self }
    }
}

/// A part being written: its XML and the next paragraph's id (`w14:paraId`,
/// unique across the parts of a document).
pub(super) struct Part {
    xml: String,
    id: u32,
}

impl Part {
    /// The document's body, its paragraphs numbered from `first_id`.
    pub(super) fn body(first_id: u32) -> Self {
        let mut xml = String::with_capacity(64 * 1024);
        xml.push_str(DOCUMENT_ROOT);
        Self { xml, id: first_id }
    }

    /// A footer whose paragraphs are numbered from `first_id`.
    pub(super) fn footer(first_id: u32) -> Self {
        Self {
            xml: FOOTER_ROOT.to_string(),
            id: first_id,
        }
    }

    /// The id the next paragraph gets.
    pub(super) fn next_id(&self) -> u32 {
        self.id
    }

    pub(super) fn paragraph(&mut self, props: &Props) {
        let _ = write!(
            self.xml,
            r#"<w:p w14:paraId="{:08x}"><w:pPr><w:pStyle w:val="{}" />"#,
            self.id, props.style
        );
        self.id += 1;
        if props.keep_next {
            self.xml.push_str("<w:keepNext />");
        }
        if let Some(rule) = props.rule {
            let _ = write!(
                self.xml,
                r#"<w:pBdr><w:bottom w:val="single" w:space="{}" w:sz="{}" w:color="{}" /></w:pBdr>"#,
                rule.space, rule.eighths, rule.color
            );
        }
        if let Some(position) = props.right_tab {
            let _ = write!(
                self.xml,
                r#"<w:tabs><w:tab w:val="right" w:pos="{position}" /></w:tabs>"#
            );
        }
        if let Some((left, right)) = props.indent {
            let _ = write!(self.xml, r#"<w:ind w:left="{left}" w:right="{right}" />"#);
        }
        self.align(props.align);
        self.xml.push_str("<w:rPr /></w:pPr>");
    }

    pub(super) fn end_paragraph(&mut self) {
        self.xml.push_str("</w:p>");
    }

    /// A run of `text`.
    pub(super) fn text(&mut self, look: Look, text: &str) {
        self.open_run(look);
        self.push_text(text);
        self.xml.push_str("</w:r>");
    }

    /// A run that breaks the line, then holds `text` if there is any.
    pub(super) fn line_break(&mut self, look: Look, text: Option<&str>) {
        self.open_run(look);
        self.xml.push_str(r#"<w:br w:type="textWrapping" />"#);
        if let Some(text) = text {
            self.push_text(text);
        }
        self.xml.push_str("</w:r>");
    }

    pub(super) fn tab(&mut self) {
        self.open_run(Look::default());
        self.xml.push_str("<w:tab /></w:r>");
    }

    /// A field character run (`begin`, `separate`, `end`).
    pub(super) fn field(&mut self, kind: &str) {
        self.open_run(Look::default());
        let _ = write!(
            self.xml,
            r#"<w:fldChar w:fldCharType="{kind}" w:dirty="false" /></w:r>"#
        );
    }

    /// A field's instruction run (`PAGE`).
    pub(super) fn instruction(&mut self, text: &str) {
        self.open_run(Look::default());
        self.xml.push_str("<w:instrText>");
        escape::wml(text, &mut self.xml);
        self.xml.push_str("</w:instrText></w:r>");
    }

    /// A run made elsewhere (a chart's drawing).
    pub(super) fn raw(&mut self, xml: &str) {
        self.xml.push_str(xml);
    }

    /// Opens a table of the type area's `width` with these column widths
    /// (twips): fixed layout, thin rules everywhere.
    pub(super) fn table(&mut self, width: usize, columns: &[usize]) {
        let _ = write!(
            self.xml,
            r#"<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa" /><w:jc w:val="left" /><w:tblBorders>"#
        );
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(self.xml, "<w:{side} {TABLE_RULE}");
        }
        self.xml
            .push_str(r#"</w:tblBorders><w:tblLayout w:type="fixed" /></w:tblPr><w:tblGrid>"#);
        for column in columns {
            let _ = write!(self.xml, r#"<w:gridCol w:w="{column}" />"#);
        }
        self.xml.push_str("</w:tblGrid>");
    }

    /// Opens the 版记's table (7.4.1): as wide as the type area, standing
    /// at the foot of the page its anchor falls on, its last rule on the
    /// type area's bottom edge; a thick rule above and below it and a thin
    /// one between its lines (widths in eighths of a point), no cell margins
    /// so its text keeps the paragraphs' indents. It is placed from the
    /// page's left edge, not centred in the margins: `LibreOffice` (7.4)
    /// floats a table as wide as the type area only when it is placed
    /// relative to the page, and sets it inline otherwise (its
    /// `FloatingTableConversion`); in Word both place it alike.
    pub(super) fn record_table(&mut self, width: usize, thick: u32, thin: u32) {
        let _ = write!(
            self.xml,
            r#"<w:tbl><w:tblPr><w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="{MARGIN_LEFT}" w:tblpYSpec="bottom" /><w:tblOverlap w:val="never" /><w:tblW w:w="{width}" w:type="dxa" /><w:tblBorders>"#
        );
        for (side, eighths) in [("top", thick), ("bottom", thick), ("insideH", thin)] {
            let _ = write!(
                self.xml,
                r#"<w:{side} w:val="single" w:sz="{eighths}" w:space="0" w:color="000000" />"#
            );
        }
        let _ = write!(
            self.xml,
            r#"</w:tblBorders><w:tblLayout w:type="fixed" /><w:tblCellMar><w:left w:w="0" w:type="dxa" /><w:right w:w="0" w:type="dxa" /></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="{width}" /></w:tblGrid>"#
        );
    }

    /// A paragraph that holds nothing and takes no room: what a floating
    /// table at the end of the body is anchored to.
    pub(super) fn anchor(&mut self) {
        let _ = write!(
            self.xml,
            r#"<w:p w14:paraId="{:08x}"><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact" /><w:rPr><w:sz w:val="2" /><w:szCs w:val="2" /></w:rPr></w:pPr></w:p>"#,
            self.id
        );
        self.id += 1;
    }

    /// Opens a row that is never split across pages; a `header` row repeats
    /// on every page the table runs onto.
    pub(super) fn row(&mut self, header: bool) {
        self.xml.push_str("<w:tr><w:trPr><w:cantSplit />");
        if header {
            self.xml.push_str("<w:tblHeader />");
        }
        self.xml.push_str("</w:trPr>");
    }

    pub(super) fn cell(&mut self, width: usize) {
        let _ = write!(
            self.xml,
            r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa" /></w:tcPr>"#
        );
    }

    pub(super) fn end_cell(&mut self) {
        self.xml.push_str("</w:tc>");
    }

    pub(super) fn end_row(&mut self) {
        self.xml.push_str("</w:tr>");
    }

    pub(super) fn end_table(&mut self) {
        self.xml.push_str("</w:tbl>");
    }

    /// The body's section (A4, GB/T 9704's margins, the footers under
    /// `footers`' relationship ids) and the closing tags.
    pub(super) fn finish_body(mut self, footers: &[(&str, String)]) -> Vec<u8> {
        self.xml.push_str("<w:sectPr>");
        for (kind, id) in footers {
            let _ = write!(
                self.xml,
                r#"<w:footerReference w:type="{kind}" r:id="{id}" />"#
            );
        }
        let _ = write!(
            self.xml,
            r#"<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}" /><w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" w:header="851" w:footer="{FOOTER}" w:gutter="0" /><w:cols w:space="425" w:num="1" /></w:sectPr></w:body></w:document>"#
        );
        self.xml.into_bytes()
    }

    pub(super) fn finish_footer(mut self) -> Vec<u8> {
        self.xml.push_str("</w:ftr>");
        self.xml.into_bytes()
    }

    fn align(&mut self, align: Option<Align>) {
        let value = match align {
            Some(Align::Right) => "right",
            Some(Align::Center) => "center",
            Some(Align::Left) => "left",
            None => return,
        };
        let _ = write!(self.xml, r#"<w:jc w:val="{value}" />"#);
    }

    fn open_run(&mut self, look: Look) {
        self.xml.push_str("<w:r>");
        if !(look.numeral || look.bold || look.italic) {
            self.xml.push_str("<w:rPr />");
            return;
        }
        self.xml.push_str("<w:rPr>");
        if look.numeral {
            let _ = write!(self.xml, r#"<w:rStyle w:val="{NUMERAL}" />"#);
        }
        if look.bold {
            self.xml.push_str("<w:b /><w:bCs />");
        }
        if look.italic {
            self.xml.push_str("<w:i /><w:iCs />");
        }
        self.xml.push_str("</w:rPr>");
    }

    fn push_text(&mut self, text: &str) {
        self.xml.push_str(r#"<w:t xml:space="preserve">"#);
        escape::wml(text, &mut self.xml);
        self.xml.push_str("</w:t>");
    }
}
