//! The UI's bar charts, laid out and drawn by `sammen_reports` like the documents' charts, so
//! a page shows the same picture as its PDF. The SVG is one `role="img"` whose `<title>` names
//! the chart and whose `<desc>` reads every bar out; each page also shows the same figures as
//! text (a table or a list) beside the chart, and writes every value at its bar's end, so
//! nothing is told by length or colour alone.

use sammen_reports::{Bar, BarValue, Bars, Chart, ChartKind};

use crate::i18n::Tr;

/// Escapes text for SVG/XML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// One bar: what it is, its value, and the value as written at the bar's end.
pub fn bar(label: impl Into<String>, value: f64, text: impl Into<String>) -> Bar {
    Bar { label: label.into(), value: BarValue::Value(value), text: text.into() }
}

/// Horizontal bars from zero to at least `max` (`None` fits the axis to the values), with
/// the description reading each bar's label and written value.
pub fn bars(tr: &Tr, title: String, bars: Vec<Bar>, max: Option<f64>) -> Chart {
    Chart {
        title,
        description: bars.iter().map(|b| format!("{}: {}", b.label, b.text)).collect::<Vec<_>>().join(", "),
        x_label: String::new(),
        y_label: String::new(),
        numbers: tr.numbers(),
        kind: ChartKind::Bars(Bars { bars, max }),
    }
}

/// The chart as inline SVG for a template (every text in it is escaped).
pub fn svg(chart: &Chart) -> String {
    sammen_reports::svg(chart)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking
pub(crate) mod tests {
    use std::sync::Arc;

    use sammen_i18n::{I18n, Lang};

    use super::*;

    pub(crate) fn tr(lang: Lang) -> Tr {
        Tr { i18n: Arc::new(I18n::new().unwrap()), lang }
    }

    /// The value axis's end and where each bar ends, in the chart's own coordinates.
    pub(crate) fn axis_and_ends(chart: &Chart) -> (f64, Vec<f64>) {
        let scene = sammen_reports::layout::layout(chart);
        let scale = scene.x_scale.expect("bars have a value axis");
        let ends = scene
            .items
            .iter()
            .filter(|i| i.class == "bar")
            .map(|i| match i.shape {
                sammen_reports::layout::Shape::Rect { w, .. } => w / (scale.range.1 - scale.range.0) * (scale.domain.1 - scale.domain.0),
                _ => panic!("a bar is a rectangle"),
            })
            .collect();
        (scale.domain.1, ends)
    }

    #[test]
    fn escapes_describes_and_scales() {
        let chart = bars(&tr(Lang::Da), "A<b>".into(), vec![bar("x&y", 10.0, "10"), bar("z", 5.0, "5")], None);
        let svg = svg(&chart);
        assert!(svg.starts_with("<svg") && svg.contains("role=\"img\""), "{svg}");
        assert!(svg.contains("<title>A&lt;b&gt;</title>"), "{svg}");
        assert!(svg.contains("<desc>x&amp;y: 10, z: 5</desc>"), "{svg}");
        let (end, ends) = axis_and_ends(&chart);
        assert_eq!(end, 10.0, "the axis fits the data");
        assert!((ends[0] - 10.0).abs() < 1e-9 && (ends[1] - 5.0).abs() < 1e-9, "{ends:?}");
    }

    #[test]
    fn a_fixed_maximum_keeps_the_axis() {
        let chart = bars(&tr(Lang::En), "t".into(), vec![bar("I et forløb med støtte", 1.0, "1")], Some(100.0));
        let (end, ends) = axis_and_ends(&chart);
        assert_eq!(end, 100.0);
        assert!((ends[0] - 1.0).abs() < 1e-9);
        assert!(svg(&chart).contains("I et forløb med støtte"), "the long label is drawn in full");
    }
}
