//! Puts the children of `WordprocessingML` property elements in the order the
//! OOXML schema (ECMA-376 Part 1, §17) prescribes. docx-rs writes some of
//! them out of order (`w:rPr` first inside `w:pPr`, `w:sz` before `w:rFonts`,
//! footer references last in `w:sectPr`); `LibreOffice` does not mind, but a
//! strict reader may call the file damaged. Only the order changes: no
//! element, attribute or text is added or dropped.

use std::collections::HashMap;

/// The schema's child order for each element this pass reorders. Children
/// not listed keep their relative order after the listed ones.
const ORDERS: &[(&str, &[&str])] = &[
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
    ),
];

/// `xml` with the children of every property element in schema order. Input
/// it cannot read as simple well-formed markup is returned unchanged.
pub(super) fn schema_order(xml: &str) -> String {
    reorder(xml, &mut HashMap::new()).unwrap_or_else(|| xml.to_string())
}

/// `seen` holds property elements already put in order: a document repeats
/// the same few (`<w:rPr><w:rStyle w:val="Numeral" /></w:rPr>`) hundreds of
/// times, and looking one up costs less than sorting it again (callgrind).
fn reorder<'x>(xml: &'x str, seen: &mut HashMap<&'x str, String>) -> Option<String> {
    let mut out = String::with_capacity(xml.len());
    // Text and tags outside property elements are copied in one piece each.
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = xml[at..].find('<') {
        let start = at + offset;
        let name = tag_name(&xml[start..]);
        let Some(order) = order_of(name) else {
            at = start + 1 + name.len();
            continue;
        };
        let tag_end = tag_end(xml, start)?;
        let tag = &xml[start..tag_end];
        if !is_open(tag) {
            at = tag_end;
            continue;
        }
        let end = element_end(xml, start)?;
        out.push_str(&xml[copied..start]);
        let element = &xml[start..end];
        if let Some(done) = seen.get(element) {
            out.push_str(done);
        } else {
            let close = start + element.rfind("</")?;
            let ordered = ordered(tag, &xml[tag_end..close], &xml[close..end], order, seen)?;
            out.push_str(&ordered);
            seen.insert(element, ordered);
        }
        copied = end;
        at = end;
    }
    out.push_str(&xml[copied..]);
    Some(out)
}

/// A property element rebuilt with its children in `order`.
fn ordered<'x>(
    open: &str,
    content: &'x str,
    close: &str,
    order: &[&str],
    seen: &mut HashMap<&'x str, String>,
) -> Option<String> {
    let mut children = Vec::new();
    for child in children_of(content)? {
        let rank = order
            .iter()
            .position(|n| *n == tag_name(child))
            .unwrap_or(order.len());
        children.push((rank, reorder(child, seen)?));
    }
    children.sort_by_key(|(rank, _)| *rank);
    let mut out = String::with_capacity(open.len() + content.len() + close.len());
    out.push_str(open);
    for (_, child) in &children {
        out.push_str(child);
    }
    out.push_str(close);
    Some(out)
}

/// A part docx-rs wrote, as text. It writes UTF-8, which the standard check
/// confirms far faster than a lossy decode walks it (callgrind).
pub(super) fn text(part: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(part) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(part),
    }
}

fn order_of(name: &str) -> Option<&'static [&'static str]> {
    ORDERS
        .iter()
        .find(|(parent, _)| *parent == name)
        .map(|(_, order)| *order)
}

/// The index just past the `>` of the tag starting at `start`, minding quotes.
fn tag_end(xml: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &byte) in xml.as_bytes()[start..].iter().enumerate() {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(q), _) if byte == q => quote = None,
            (None, b'>') => return Some(start + i + 1),
            _ => {}
        }
    }
    None
}

fn tag_name(tag: &str) -> &str {
    let bytes = tag.as_bytes();
    let mut from = 0;
    while from < bytes.len() && matches!(bytes[from], b'<' | b'/') {
        from += 1;
    }
    let mut to = from;
    while to < bytes.len() && !matches!(bytes[to], b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/') {
        to += 1;
    }
    &tag[from..to]
}

fn is_open(tag: &str) -> bool {
    !tag.starts_with("</")
        && !tag.starts_with("<?")
        && !tag.starts_with("<!")
        && !tag.ends_with("/>")
}

/// The index just past the end of the element whose start tag is at `start`.
fn element_end(xml: &str, start: usize) -> Option<usize> {
    let first = tag_end(xml, start)?;
    if !is_open(&xml[start..first]) {
        return Some(first);
    }
    let mut depth = 1;
    let mut at = first;
    while depth > 0 {
        let open = at + xml[at..].find('<')?;
        let end = tag_end(xml, open)?;
        let tag = &xml[open..end];
        if tag.starts_with("</") {
            depth -= 1;
        } else if is_open(tag) {
            depth += 1;
        }
        at = end;
    }
    Some(at)
}

/// The direct child elements of an element's content; `None` if it holds
/// text between them (mixed content is left alone).
fn children_of(content: &str) -> Option<Vec<&str>> {
    let mut children = Vec::new();
    let mut at = 0;
    while at < content.len() {
        let offset = content[at..].find('<')?;
        if !content[at..at + offset].trim().is_empty() {
            return None;
        }
        let start = at + offset;
        let end = element_end(content, start)?;
        children.push(&content[start..end]);
        at = end;
        if content[at..].trim().is_empty() {
            break;
        }
    }
    Some(children)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_and_run_properties_follow_the_schema() {
        let xml = r#"<w:p><w:pPr><w:rPr /><w:pStyle w:val="Body" /><w:jc w:val="both" /><w:spacing w:line="560" /></w:pPr><w:r><w:rPr><w:sz w:val="32" /><w:rFonts w:eastAsia="仿宋_GB2312" /></w:rPr><w:t>甲 &lt;乙&gt;</w:t></w:r></w:p>"#;
        assert_eq!(
            schema_order(xml),
            r#"<w:p><w:pPr><w:pStyle w:val="Body" /><w:spacing w:line="560" /><w:jc w:val="both" /><w:rPr /></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312" /><w:sz w:val="32" /></w:rPr><w:t>甲 &lt;乙&gt;</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn nested_and_unknown_children_keep_their_place() {
        let xml = r#"<w:style w:styleId="x"><w:rPr><w:b /></w:rPr><w:pPr><w:rPr><w:sz w:val="1" /><w:rFonts /></w:rPr><w:ind /></w:pPr><w:qFormat /><w:name w:val="x" /></w:style>"#;
        assert_eq!(
            schema_order(xml),
            r#"<w:style w:styleId="x"><w:name w:val="x" /><w:qFormat /><w:pPr><w:ind /><w:rPr><w:rFonts /><w:sz w:val="1" /></w:rPr></w:pPr><w:rPr><w:b /></w:rPr></w:style>"#
        );
        let sect =
            r#"<w:sectPr><w:pgSz /><w:cols /><w:footerReference w:type="even" /></w:sectPr>"#;
        assert_eq!(
            schema_order(sect),
            r#"<w:sectPr><w:footerReference w:type="even" /><w:pgSz /><w:cols /></w:sectPr>"#
        );
    }

    #[test]
    fn what_it_cannot_read_is_left_alone() {
        for xml in ["<w:pPr><w:jc>", "<w:rPr>text<w:b /></w:rPr>", "plain", ""] {
            assert_eq!(schema_order(xml), xml);
        }
    }
}
