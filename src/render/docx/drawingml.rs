//! Charts in the DOCX as native `DrawingML` charts (`word/charts/chartN.xml`),
//! not pictures: Word, WPS and `LibreOffice` draw them in the document's own
//! fonts, so the title, the years and every bar's figure (`40余处`, `7200㎡`)
//! print in Chinese wherever the document is opened, and a clerk can restyle
//! the chart in Word. The data is literal (`c:strLit`/`c:numLit`), so no
//! embedded workbook is needed. The body (`wml`) holds the drawing,
//! [`Charts::finish`] adds the relationships and content types, and the
//! parts go into the zip after the others (`package`).

use std::fmt::Write as _;
use std::io::Write as _;

use crate::model::Bar;
use crate::model::Chart;
use crate::render::escape;

/// English Metric Units per millimetre.
const EMU_PER_MM: u64 = 36_000;
/// The type area's width, 156 mm: the widest a chart may be.
const MAX_WIDTH_MM: u64 = 156;
const HEIGHT_MM: u64 = 64;

/// The charts of one document, in the order they appear.
#[derive(Default)]
pub(super) struct Charts {
    parts: Vec<String>,
}

impl Charts {
    /// Adds `chart`; the run that shows it, for the body.
    pub(super) fn add(&mut self, chart: &Chart) -> String {
        self.parts.push(part(&chart.label, &chart.bars));
        drawing(self.parts.len(), chart)
    }

    /// Adds the charts' relationships and content types to the package's.
    pub(super) fn finish(&self, rels: &mut Vec<u8>, content_types: &mut Vec<u8>) {
        if self.parts.is_empty() {
            return;
        }
        let mut relationships = String::new();
        let mut overrides = String::new();
        for number in 1..=self.parts.len() {
            let _ = write!(
                relationships,
                r#"<Relationship Id="rIdChart{number}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart{number}.xml"/>"#
            );
            let _ = write!(
                overrides,
                r#"<Override PartName="/word/charts/chart{number}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>"#
            );
        }
        insert_before(rels, "</Relationships>", &relationships);
        insert_before(content_types, "</Types>", &overrides);
    }

    /// Writes the chart parts into `zip` with the package's `options`.
    pub(super) fn write_parts<W: std::io::Write + std::io::Seek>(
        &self,
        zip: &mut zip::ZipWriter<W>,
        options: zip::write::SimpleFileOptions,
    ) -> zip::result::ZipResult<()> {
        for (index, part) in self.parts.iter().enumerate() {
            zip.start_file(format!("word/charts/chart{}.xml", index + 1), options)?;
            zip.write_all(part.as_bytes())?;
        }
        Ok(())
    }
}

fn insert_before(xml: &mut Vec<u8>, closing: &str, addition: &str) {
    if let Some(at) = memchr::memmem::rfind(xml, closing.as_bytes()) {
        xml.splice(at..at, addition.bytes());
    }
}

/// The run that shows chart `number`, sized for the page.
fn drawing(number: usize, chart: &Chart) -> String {
    let width_mm = (40 + 18 * chart.bars.len() as u64).clamp(90, MAX_WIDTH_MM);
    let (cx, cy) = (width_mm * EMU_PER_MM, HEIGHT_MM * EMU_PER_MM);
    let mut descr = String::new();
    escape::html(&chart.alt, &mut descr);
    format!(
        r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{number}" name="图表 {number}" descr="{descr}"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdChart{number}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    )
}

/// Run properties for chart text: `size` in hundredths of a point, Chinese
/// in 仿宋 (with Simplified fallbacks chosen by `lang`), digits in Times.
fn font(size: u32) -> String {
    format!(
        r#"<a:defRPr sz="{size}" b="0"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="Times New Roman"/><a:ea typeface="仿宋_GB2312"/></a:defRPr>"#
    )
}

fn rich(text: &str, size: u32) -> String {
    let mut escaped = String::new();
    escape::html(text, &mut escaped);
    format!(
        r#"<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{}</a:pPr><a:r><a:rPr lang="zh-CN" altLang="en-US" sz="{size}" b="0"/><a:t>{escaped}</a:t></a:r></a:p></c:rich>"#,
        font(size)
    )
}

fn text_properties(size: u32) -> String {
    format!(
        r#"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{}</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>"#,
        font(size)
    )
}

fn fill(colour: &str) -> String {
    format!(r#"<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></c:spPr>"#)
}

/// A literal data series: its count, then one point per bar.
fn points(xml: &mut String, bars: &[Bar], value: impl Fn(&Bar) -> String) {
    let _ = write!(xml, r#"<c:ptCount val="{}"/>"#, bars.len());
    for (index, bar) in bars.iter().enumerate() {
        let _ = write!(
            xml,
            r#"<c:pt idx="{index}"><c:v>{}</c:v></c:pt>"#,
            value(bar)
        );
    }
}

/// The chart part: one column per year, earlier years grey and the latest
/// black (legible in black-and-white print, as the HTML's SVG), each column
/// labelled with its figure as the report prints it.
pub(super) fn part(label: &str, bars: &[Bar]) -> String {
    let count = bars.len();
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart>"#,
    );
    let _ = write!(
        xml,
        r#"<c:title><c:tx>{}</c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/>"#,
        rich(label, 1400)
    );
    let mut series_name = String::new();
    escape::html(label, &mut series_name);
    let _ = write!(
        xml,
        r#"<c:tx><c:v>{series_name}</c:v></c:tx>{}<c:invertIfNegative val="0"/>"#,
        fill("888888")
    );
    if count > 0 {
        let _ = write!(
            xml,
            r#"<c:dPt><c:idx val="{}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>{}</c:dPt>"#,
            count - 1,
            fill("000000")
        );
    }
    xml.push_str("<c:dLbls>");
    for (index, bar) in bars.iter().enumerate() {
        let _ = write!(
            xml,
            r#"<c:dLbl><c:idx val="{index}"/><c:tx>{}</c:tx><c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbl>"#,
            rich(&bar.text, 1050)
        );
    }
    let _ = write!(
        xml,
        r#"{}<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>"#,
        text_properties(1050)
    );
    xml.push_str("<c:cat><c:strLit>");
    points(&mut xml, bars, |bar| format!("{}年", bar.year));
    xml.push_str("</c:strLit></c:cat><c:val><c:numLit><c:formatCode>General</c:formatCode>");
    points(&mut xml, bars, |bar| bar.value.to_string());
    let _ = write!(
        xml,
        r#"</c:numLit></c:val></c:ser><c:gapWidth val="80"/><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></c:spPr>{}<c:crossAx val="2"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="1"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="1"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>{}</c:chartSpace>"#,
        text_properties(1050),
        text_properties(1050)
    );
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars() -> Vec<Bar> {
        vec![
            Bar {
                year: 2016,
                value: 30.0,
                text: "30余处".into(),
            },
            Bar {
                year: 2017,
                value: 40.0,
                text: "40余处".into(),
            },
        ]
    }

    #[test]
    fn the_part_carries_labels_and_figures() {
        let xml = part("整治<有碍>观瞻点位", &bars());
        assert!(xml.contains("<a:t>整治&lt;有碍&gt;观瞻点位</a:t>"));
        assert!(xml.contains("<a:t>30余处</a:t>") && xml.contains("<a:t>40余处</a:t>"));
        assert!(xml.contains("<c:v>2016年</c:v>") && xml.contains("<c:v>40</c:v>"));
        // The latest year is the black column.
        assert!(xml.contains(r#"<c:dPt><c:idx val="1"/>"#));
    }

    #[test]
    fn a_drawing_is_a_run_related_to_its_part() {
        let chart = Chart {
            key: "points".into(),
            label: "点位".into(),
            alt: "点位：2016年30余处，2017年40余处".into(),
            bars: bars(),
        };
        let mut charts = Charts::default();
        let run = charts.add(&chart);
        assert!(run.starts_with("<w:r><w:drawing>"), "{run}");
        assert!(run.ends_with("</w:drawing></w:r>"), "{run}");
        assert!(run.contains(r#"r:id="rIdChart1""#), "{run}");
        let mut rels = b"<Relationships></Relationships>".to_vec();
        let mut types = b"<Types></Types>".to_vec();
        charts.finish(&mut rels, &mut types);
        assert!(
            String::from_utf8(rels)
                .unwrap()
                .contains("charts/chart1.xml")
        );
        assert!(
            String::from_utf8(types)
                .unwrap()
                .contains("/word/charts/chart1.xml")
        );
    }
}
