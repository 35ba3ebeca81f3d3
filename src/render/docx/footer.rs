//! The footers: “— N —” with a PAGE field, odd pages right and even pages
//! left, one character in (7.5), or centred.

use super::styles::CHAR_14;
use super::wml::{Look, Part, Props};
use crate::render::document::Align;
use crate::source::format::PageNumbers;

/// The footers for `position` with their section types (`default` for the
/// odd pages, `even`), their paragraphs numbered from 1; and the id the
/// body's first paragraph takes.
pub(super) fn footers(position: PageNumbers) -> (Vec<Footer>, u32) {
    let mut next = 1;
    let mut footer = |kind, align, indent| {
        let mut part = Part::footer(next);
        part.paragraph(&Props {
            align,
            indent: Some(indent),
            ..Props::style("PageNumber")
        });
        part.text(Look::default(), "— ");
        part.field("begin");
        part.instruction("PAGE");
        part.field("separate");
        part.text(Look::default(), "1");
        part.field("end");
        part.text(Look::default(), " —");
        part.end_paragraph();
        next = part.next_id();
        Footer {
            kind,
            xml: part.finish_footer(),
        }
    };
    let footers = match position {
        PageNumbers::Outside => vec![
            footer("default", Some(Align::Right), (0, CHAR_14)),
            footer("even", Some(Align::Left), (CHAR_14, 0)),
        ],
        PageNumbers::Center => vec![footer("default", Some(Align::Center), (0, 0))],
    };
    (footers, next)
}

pub(super) struct Footer {
    /// The section's footer type.
    pub(crate) kind: &'static str,
    pub(crate) xml: Vec<u8>,
}
