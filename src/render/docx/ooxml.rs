//! Puts the children of `WordprocessingML` property elements in the order the
//! OOXML schema (ECMA-376 Part 1, §17) prescribes. docx-rs writes some of
//! them out of order (`w:rPr` first inside `w:pPr`, `w:sz` before `w:rFonts`,
//! footer references last in `w:sectPr`); `LibreOffice` does not mind, but a
//! strict reader may call the file damaged. Only the order changes: no
//! element, attribute or text is added or dropped.

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
    reorder(xml).unwrap_or_else(|| xml.to_string())
}

/// An element open while the pass reads on: where it starts in the output,
/// and, for a property element, its order and its children read so far.
struct Open<'x> {
    name: &'x str,
    start: usize,
    /// Where its content starts in the output, just past its start tag.
    content: usize,
    order: Option<&'static [&'static str]>,
    /// `(rank, start, end)` in the output, for a property element.
    children: Vec<(usize, usize, usize)>,
}

/// One pass over the tags: each property element's children are already in
/// order (they closed first) when its own end tag comes, and are then put in
/// order in the output — nothing is searched for twice (callgrind: the
/// element-by-element rescan cost 2 M instructions a report).
fn reorder(xml: &str) -> Option<String> {
    let mut out = String::with_capacity(xml.len());
    let mut stack: Vec<Open> = Vec::new();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &xml.as_bytes()[at..]) {
        let start = at + offset;
        let text = &xml[at..start];
        let in_property = stack.last().is_some_and(|open| open.order.is_some());
        if in_property {
            // Mixed content is left alone; spaces between children go.
            if !text.trim().is_empty() {
                return None;
            }
        } else {
            out.push_str(text);
        }
        let end = tag_end(xml, start)?;
        let tag = &xml[start..end];
        let name = tag_name(tag);
        if tag.starts_with("</") {
            let open = stack.pop()?;
            if open.name != name {
                return None;
            }
            if open.order.is_some() {
                let mut children = open.children;
                children.sort_by_key(|(rank, _, _)| *rank);
                let ordered: String = children
                    .iter()
                    .map(|&(_, from, to)| &out[from..to])
                    .collect();
                out.truncate(open.content);
                out.push_str(&ordered);
            }
            out.push_str(tag);
            child_closed(&mut stack, name, open.start, out.len());
        } else if is_open(tag) {
            let element_start = out.len();
            out.push_str(tag);
            stack.push(Open {
                name,
                start: element_start,
                content: out.len(),
                order: order_of(name),
                children: Vec::new(),
            });
        } else {
            let element_start = out.len();
            out.push_str(tag);
            if !tag.starts_with("<?") && !tag.starts_with("<!") {
                child_closed(&mut stack, name, element_start, out.len());
            }
        }
        at = end;
    }
    if !stack.is_empty() {
        return None;
    }
    out.push_str(&xml[at..]);
    Some(out)
}

/// Records an element that just ended as a child of the property element
/// around it, if there is one.
fn child_closed(stack: &mut [Open], name: &str, start: usize, end: usize) {
    if let Some(parent) = stack.last_mut()
        && let Some(order) = parent.order
    {
        let rank = order.iter().position(|n| *n == name).unwrap_or(order.len());
        parent.children.push((rank, start, end));
    }
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
    let bytes = xml.as_bytes();
    let mut at = start;
    loop {
        // The next `>` or quote; a quoted value is skipped whole.
        let found = at + memchr::memchr3(b'>', b'"', b'\'', &bytes[at..])?;
        let byte = bytes[found];
        if byte == b'>' {
            return Some(found + 1);
        }
        at = found + 1 + memchr::memchr(byte, &bytes[found + 1..])? + 1;
    }
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
