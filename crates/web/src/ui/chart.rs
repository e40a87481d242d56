//! Small accessible SVG charts, drawn on the server (no JavaScript).

/// Escapes text for SVG/XML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A horizontal bar chart with a title and a text description for screen readers.
pub fn bars(title: &str, bars: &[(String, i64)]) -> String {
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let row = 34;
    // Room for the longest label at about 8 px a character (14 px text).
    let label_w = bars.iter().map(|b| b.0.chars().count() as i64).max().unwrap_or(0) * 8 + 16;
    let bar_w = 260;
    let h = row * bars.len() as i64 + 10;
    let w = label_w + bar_w + 70;
    let desc = bars.iter().map(|(l, n)| format!("{}: {n}", esc(l))).collect::<Vec<_>>().join(", ");
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"chart-t chart-d\" viewBox=\"0 0 {w} {h}\" class=\"bars\">\
         <title id=\"chart-t\">{}</title><desc id=\"chart-d\">{desc}</desc>",
        esc(title)
    );
    for (i, (label, n)) in bars.iter().enumerate() {
        let y = i as i64 * row + 5;
        let len = (bar_w * n / max).max(if *n > 0 { 2 } else { 0 });
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"lbl\">{}</text>\
             <rect x=\"{label_w}\" y=\"{y}\" width=\"{len}\" height=\"22\" rx=\"3\" class=\"bar bar-{i}\"></rect>\
             <text x=\"{}\" y=\"{}\" class=\"val\">{n}</text>",
            label_w - 8,
            y + 16,
            esc(label),
            label_w + len + 6,
            y + 16
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_and_scales() {
        let svg = super::bars("A<b>", &[("x&y".into(), 10), ("z".into(), 5)]);
        assert!(svg.contains("A&lt;b&gt;") && svg.contains("x&amp;y"));
        assert!(svg.contains("width=\"260\"") && svg.contains("width=\"130\""));
        let long = super::bars("t", &[("I et forløb med støtte".into(), 1)]);
        assert!(long.contains("x=\"184\""), "labels get room: {long}");
    }
}
