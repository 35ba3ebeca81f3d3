//! What a build can make and how it is laid out: the output formats and the
//! layout choices a project sets. Config, templates and renderers all read
//! these; none of them owns them, so they import each other in one direction.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Format {
    Markdown,
    Html,
    Docx,
    Pdf,
    /// GB/T 33190, the national format of electronic documents.
    Ofd,
}

impl Format {
    /// Every format, in the order outputs are written and listed.
    pub(crate) const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Html,
        Format::Docx,
        Format::Pdf,
        Format::Ofd,
    ];
    /// What a build writes unless told otherwise: PDF and OFD depend on the
    /// faces of the machine, so they are asked for by name.
    pub(crate) const DEFAULT: [Format; 3] = [Format::Markdown, Format::Html, Format::Docx];
    /// The formats that have a Tera template: the Markdown document itself
    /// and the HTML page shell around it.
    pub(crate) const TEMPLATED: [Format; 2] = [Format::Markdown, Format::Html];

    /// The name used on the command line and in the project config.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Docx => "docx",
            Self::Pdf => "pdf",
            Self::Ofd => "ofd",
        }
    }

    pub(crate) fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    pub(crate) fn extension(self) -> &'static str {
        self.name()
    }

    /// The template file of a templated format.
    pub(crate) fn template(self) -> Option<&'static str> {
        match self {
            Self::Markdown => Some("report.md"),
            Self::Html => Some("report.html"),
            Self::Docx | Self::Pdf | Self::Ofd => None,
        }
    }

    /// Which engine a template file belongs to, by its extension.
    pub(crate) fn for_template(file_name: &str) -> Option<Self> {
        let extension = file_name.rsplit_once('.')?.1;
        Self::TEMPLATED
            .into_iter()
            .find(|f| f.extension() == extension)
    }

    /// Whether the output is a function of the inputs the build manifest
    /// hashes. A PDF or OFD also depends on the faces installed (or the
    /// browser that prints the PDF), which no hash covers.
    pub(crate) fn hashable(self) -> bool {
        !self.is_set()
    }

    /// Whether the tool sets the page of this format itself, in the faces
    /// of the machine: the fixed-layout formats.
    pub(crate) fn is_set(self) -> bool {
        matches!(self, Self::Pdf | Self::Ofd)
    }
}

/// Layout choices the standard leaves to local practice; templates see them
/// as `style`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct Style {
    /// Bold for the （一） and 1. headings (common practice, not in the standard).
    pub(crate) bold_headings: bool,
    /// Where page numbers go.
    pub(crate) page_numbers: PageNumbers,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            bold_headings: true,
            page_numbers: PageNumbers::Outside,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum PageNumbers {
    /// GB/T 9704 7.5: odd pages right, even pages left, one character in.
    Outside,
    /// Centred, as many reports that are not formal 公文 do.
    Center,
}
