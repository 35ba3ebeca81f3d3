//! The package's small parts, written here in schema order so that every
//! DOCX passes an OOXML validator (ECMA-376 transitional): content types,
//! relationships, the document's properties (File → Info), settings, the
//! font table and the theme. Only parts the document uses are written: no
//! numbering, comments or footnotes.

use std::fmt::Write as _;

use super::styles::{FANGSONG, HEITI, KAITI, LATIN, SONGTI, XIAOBIAOSONG};
use crate::model::Report;
use crate::render::escape;

const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORDPROCESSING: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// `[Content_Types].xml` for a document with `footers` footer parts; the
/// charts add theirs before `</Types>`.
pub(super) fn content_types(footers: usize) -> Vec<u8> {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    );
    for (part, kind) in [
        ("document", "document.main"),
        ("styles", "styles"),
        ("settings", "settings"),
        ("fontTable", "fontTable"),
    ] {
        let _ = write!(
            xml,
            r#"<Override PartName="/word/{part}.xml" ContentType="{WORDPROCESSING}.{kind}+xml"/>"#
        );
    }
    xml.push_str(r#"<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>"#);
    for number in 1..=footers {
        let _ = write!(
            xml,
            r#"<Override PartName="/word/footer{number}.xml" ContentType="{WORDPROCESSING}.footer+xml"/>"#
        );
    }
    xml.push_str("</Types>");
    xml.into_bytes()
}

/// `_rels/.rels`: the document and its two property parts.
pub(super) const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

/// The relationship id of footer `number` (from 1).
pub(super) fn footer_id(number: usize) -> String {
    format!("rIdFooter{number}")
}

/// `word/_rels/document.xml.rels` with `footers` footers; the charts add
/// theirs before `</Relationships>`.
pub(super) fn document_rels(footers: usize) -> Vec<u8> {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (id, kind, target) in [
        ("rId1", "styles", "styles.xml"),
        ("rId2", "settings", "settings.xml"),
        ("rId3", "fontTable", "fontTable.xml"),
        ("rId4", "theme", "theme/theme1.xml"),
    ] {
        let _ = write!(
            xml,
            r#"<Relationship Id="{id}" Type="{RELATIONSHIPS}/{kind}" Target="{target}"/>"#
        );
    }
    for number in 1..=footers {
        let _ = write!(
            xml,
            r#"<Relationship Id="{}" Type="{RELATIONSHIPS}/footer" Target="footer{number}.xml"/>"#,
            footer_id(number)
        );
    }
    xml.push_str("</Relationships>");
    xml.into_bytes()
}

/// `docProps/core.xml`, what File → Info shows: the title, the topic as
/// subject, the issuer as author and last editor, and the 成文日期 as the
/// created and modified dates (a fixed time, so the same data gives the
/// same bytes).
pub(super) fn core(report: &Report) -> Vec<u8> {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    );
    let mut element = |name: &str, text: &str| {
        let _ = write!(xml, "<{name}>");
        escape::html(text, &mut xml);
        let _ = write!(xml, "</{name}>");
    };
    element("dc:title", &crate::model::marks::strip(&report.title));
    element("dc:subject", &report.topic);
    let issuer = crate::model::marks::strip(&report.issuer);
    element("dc:creator", &issuer);
    element("cp:lastModifiedBy", &issuer);
    let date = &report.date.iso;
    let _ = write!(
        xml,
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:modified></cp:coreProperties>"#
    );
    xml.into_bytes()
}

/// `docProps/app.xml`: the program that wrote the file.
pub(super) const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>report</Application></Properties>"#;

// The characters that may not start or end a line are Word's lists for
// Simplified Chinese, plus 约 (it belongs to the figure after it); the
// report adds the characters that follow a figure (see [`settings`]).
use crate::render::page::{NO_BREAK_AFTER, NO_BREAK_BEFORE};

/// `word/settings.xml`: even-page footers when there are two, full-width
/// punctuation kept full width (the 28-character line), and the line
/// breaking rules (kinsoku) of `lang` with `keep_before` added, the
/// characters a figure's unit starts with: Word and `LibreOffice` then never
/// begin a line with “年” or “余处”, which keeps “2017年” and “40余处” whole
/// without a character added to the text.
pub(super) fn settings(even_footers: bool, lang: &str, keep_before: &str) -> Vec<u8> {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>"#,
    );
    if even_footers {
        xml.push_str("<w:evenAndOddHeaders/>");
    }
    let mut before = String::from(NO_BREAK_BEFORE);
    before.extend(
        keep_before
            .chars()
            .filter(|c| !NO_BREAK_BEFORE.contains(*c)),
    );
    let mut before_escaped = String::new();
    escape::html(&before, &mut before_escaped);
    let mut after_escaped = String::new();
    escape::html(NO_BREAK_AFTER, &mut after_escaped);
    let _ = write!(
        xml,
        r#"<w:characterSpacingControl w:val="doNotCompress"/><w:noLineBreaksAfter w:lang="{lang}" w:val="{after_escaped}"/><w:noLineBreaksBefore w:lang="{lang}" w:val="{before_escaped}"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="{lang}"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>"#
    );
    xml.into_bytes()
}

/// A font as the font table declares it: the name the styles use, the face
/// an office suite takes when that one is missing, and the panose and
/// charset that let it choose by likeness when neither is there.
struct Font {
    name: &'static str,
    alternate: Option<&'static str>,
    panose: &'static str,
    /// 86 is GB2312, 00 ANSI.
    charset: &'static str,
    family: &'static str,
    pitch: &'static str,
}

/// Every font the styles, footers and charts name, and the faces each falls
/// back to on a stock Windows (仿宋, 楷体, 宋体, 黑体 ship with it; the
/// `_GB2312` faces and 方正小标宋简体 often do not), in that order.
const FONTS: [Font; 10] = [
    Font {
        name: LATIN,
        alternate: None,
        panose: "02020603050405020304",
        charset: "00",
        family: "roman",
        pitch: "variable",
    },
    cjk(
        FANGSONG,
        Some("仿宋"),
        "02010609030101010101",
        "modern",
        "fixed",
    ),
    cjk(
        "仿宋",
        Some("FangSong"),
        "02010609030101010101",
        "modern",
        "fixed",
    ),
    cjk(
        KAITI,
        Some("楷体"),
        "02010609030101010101",
        "modern",
        "fixed",
    ),
    cjk(
        "楷体",
        Some("KaiTi"),
        "02010609030101010101",
        "modern",
        "fixed",
    ),
    cjk(
        HEITI,
        Some("SimHei"),
        "02010609060101010101",
        "modern",
        "fixed",
    ),
    cjk(
        XIAOBIAOSONG,
        Some(SONGTI),
        "02010600030101010101",
        "auto",
        "variable",
    ),
    cjk(
        SONGTI,
        Some("SimSun"),
        "02010600030101010101",
        "auto",
        "variable",
    ),
    cjk("FangSong", None, "02010609030101010101", "modern", "fixed"),
    cjk("KaiTi", None, "02010609030101010101", "modern", "fixed"),
];

const fn cjk(
    name: &'static str,
    alternate: Option<&'static str>,
    panose: &'static str,
    family: &'static str,
    pitch: &'static str,
) -> Font {
    Font {
        name,
        alternate,
        panose,
        charset: "86",
        family,
        pitch,
    }
}

/// `word/fontTable.xml`.
pub(super) fn font_table() -> Vec<u8> {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    for font in &FONTS {
        let _ = write!(xml, r#"<w:font w:name="{}">"#, font.name);
        if let Some(alternate) = font.alternate {
            let _ = write!(xml, r#"<w:altName w:val="{alternate}"/>"#);
        }
        let _ = write!(
            xml,
            r#"<w:panose1 w:val="{}"/><w:charset w:val="{}"/><w:family w:val="{}"/><w:pitch w:val="{}"/></w:font>"#,
            font.panose, font.charset, font.family, font.pitch
        );
    }
    xml.push_str("</w:fonts>");
    xml.into_bytes()
}

/// `word/theme/theme1.xml`: Word expects a theme. Its fonts are the
/// document's own (Times New Roman, `仿宋_GB2312` and 黑体), and no style or
/// run refers to a theme font, so the named fonts always win.
pub(super) fn theme() -> Vec<u8> {
    let colors = [
        ("dk1", "000000"),
        ("lt1", "FFFFFF"),
        ("dk2", "1F1F1F"),
        ("lt2", "EEEEEE"),
        ("accent1", "C00000"),
        ("accent2", "4F4F4F"),
        ("accent3", "7F7F7F"),
        ("accent4", "A5A5A5"),
        ("accent5", "404040"),
        ("accent6", "262626"),
        ("hlink", "0000FF"),
        ("folHlink", "800080"),
    ];
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="公文"><a:themeElements><a:clrScheme name="公文">"#,
    );
    for (name, color) in colors {
        let _ = write!(xml, r#"<a:{name}><a:srgbClr val="{color}"/></a:{name}>"#);
    }
    xml.push_str(r#"</a:clrScheme><a:fontScheme name="公文">"#);
    for (kind, east_asia) in [("major", HEITI), ("minor", FANGSONG)] {
        let _ = write!(
            xml,
            r#"<a:{kind}Font><a:latin typeface="{LATIN}"/><a:ea typeface="{east_asia}"/><a:cs typeface="{LATIN}"/></a:{kind}Font>"#
        );
    }
    let solid = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let line = format!(r#"<a:ln w="9525">{solid}</a:ln>"#);
    let _ = write!(
        xml,
        r#"</a:fontScheme><a:fmtScheme name="公文"><a:fillStyleLst>{solid}{solid}{solid}</a:fillStyleLst><a:lnStyleLst>{line}{line}{line}</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>{solid}{solid}{solid}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"#
    );
    xml.into_bytes()
}
