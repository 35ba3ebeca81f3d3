//! Inline SVG bar charts of one metric across the years: no script, no
//! network, black and grey so they print in black and white, every bar
//! labelled with its figure, and a text alternative. Pure: figures in, SVG
//! text out, the same bytes for the same figures.

use std::fmt::Write as _;

use crate::model::Chart;

const HEIGHT: f64 = 220.0;
const PLOT_TOP: f64 = 52.0;
const PLOT_BOTTOM: f64 = 180.0;
const BAR_WIDTH: f64 = 44.0;
const STEP: f64 = 76.0;
const LEFT: f64 = 40.0;

/// The chart as an SVG element, titled with its text alternative.
pub(crate) fn svg(chart: &Chart) -> String {
    let (label, alt, bars) = (&chart.label, &chart.alt, &chart.bars[..]);
    let width = (LEFT * 2.0 + STEP * bars.len() as f64).max(300.0);
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let mut svg = String::new();
    let (w, h) = (Tenths(width).whole(), Tenths(HEIGHT).whole());
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="'Times New Roman', 'Liberation Serif', FangSong, STFangsong, 'AR PL SungtiL GB', 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif">"#
    );
    let _ = write!(svg, "<title>{}</title>", escape(alt));
    let _ = write!(
        svg,
        r#"<text x="{}" y="20" font-size="14" text-anchor="middle">{}</text>"#,
        Tenths(width / 2.0),
        escape(label)
    );
    let bottom = Tenths(PLOT_BOTTOM);
    let _ = write!(
        svg,
        r##"<line x1="{}" y1="{bottom}" x2="{}" y2="{bottom}" stroke="#000" stroke-width="1"/>"##,
        Tenths(LEFT),
        Tenths(width - LEFT)
    );
    for (index, bar) in bars.iter().enumerate() {
        let height = if max > 0.0 {
            (bar.value / max * (PLOT_BOTTOM - PLOT_TOP)).max(0.0)
        } else {
            0.0
        };
        let x = LEFT + STEP * index as f64 + (STEP - BAR_WIDTH) / 2.0;
        let y = PLOT_BOTTOM - height;
        // The latest year in black, earlier years in grey: legible in print.
        let fill = if index + 1 == bars.len() {
            "#000"
        } else {
            "#888"
        };
        let centre = x + BAR_WIDTH / 2.0;
        let _ = write!(
            svg,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}"/>"#,
            Tenths(x),
            Tenths(y),
            Tenths(BAR_WIDTH),
            Tenths(height)
        );
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" font-size="12" text-anchor="middle">{}</text>"#,
            Tenths(centre),
            Tenths(y - 6.0),
            escape(&bar.text)
        );
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" font-size="12" text-anchor="middle">{}</text>"#,
            Tenths(centre),
            Tenths(PLOT_BOTTOM + 18.0),
            escape(&format!("{}年", bar.year))
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A coordinate to one decimal. Formatting an `f64` with `{:.1}` takes the
/// exact-decimal path, about a thousand instructions a number, and a chart
/// has dozens: three quarters of the cost of drawing one (callgrind).
struct Tenths(f64);

impl Tenths {
    fn whole(&self) -> i64 {
        self.0.round() as i64
    }
}

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        let sign = if tenths < 0 { "-" } else { "" };
        let tenths = tenths.unsigned_abs();
        write!(f, "{sign}{}.{}", tenths / 10, tenths % 10)
    }
}

/// The same chart as a PNG for Word, which cannot show inline SVG: the bars
/// and the axis only; the figures go in the caption beside it. Returns the
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Bar;

    #[test]
    fn tenths_print_like_the_float_formatter() {
        for value in [
            0.0, 0.04, 0.06, 1.0, 52.0, 127.96, 150.0, 173.333, -6.0, -0.44, 1e6,
        ] {
            assert_eq!(Tenths(value).to_string(), format!("{value:.1}"), "{value}");
        }
        assert_eq!(Tenths(300.0).whole(), 300);
    }

    fn sample() -> Vec<Bar> {
        vec![
            Bar {
                year: 2016,
                value: 6500.0,
                text: "6500㎡".into(),
            },
            Bar {
                year: 2017,
                value: 7200.0,
                text: "7200㎡".into(),
            },
        ]
    }

    #[test]
    fn chart_is_pinned() {
        let chart = Chart::new("roofs".into(), "更换屋顶彩钢瓦面".into(), sample());
        assert_eq!(chart.alt, "更换屋顶彩钢瓦面：2016年6500㎡，2017年7200㎡");
        insta::assert_snapshot!(svg(&chart));
    }

    #[test]
    fn labels_are_escaped_and_bars_scale() {
        let svg = svg(&Chart::new("x".into(), "<script>".into(), sample()));
        assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script>"));
        // The tallest bar fills the plot; the other is in proportion.
        assert!(svg.contains(r#"height="128.0""#));
        assert!(svg.contains(r#"height="115.6""#));
    }

    #[test]
    fn zero_and_single_bars() {
        let bar = Bar {
            year: 2017,
            value: 0.0,
            text: "0处".into(),
        };
        let svg = svg(&Chart::new("x".into(), "x".into(), vec![bar]));
        assert!(svg.contains(r#"height="0.0""#));
    }
}
