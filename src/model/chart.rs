//! A chart as the model holds it: the figures; each format draws them.

use serde::Serialize;

/// A bar chart of one metric across the years; each format draws it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Chart {
    pub(crate) key: String,
    pub(crate) label: String,
    /// The same figures in words, for screen readers and captions.
    pub(crate) alt: String,
    /// The figures drawn.
    pub(crate) bars: Vec<Bar>,
}

/// One bar: the year, the value that sets its height, the figure printed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Bar {
    pub(crate) year: u16,
    pub(crate) value: f64,
    pub(crate) text: String,
}

impl Chart {
    pub(crate) fn new(key: String, label: String, bars: Vec<Bar>) -> Self {
        // Document text, so Chinese whatever the user's locale: the same data
        // must give the same bytes on every machine.
        let figures: Vec<String> = bars
            .iter()
            .map(|b| format!("{}年{}", b.year, b.text))
            .collect();
        let alt = format!("{label}：{}", figures.join("，"));
        Self {
            key,
            label,
            alt,
            bars,
        }
    }
}
