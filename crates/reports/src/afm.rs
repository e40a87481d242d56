//! Helvetica's glyph widths and the WinAnsi encoding: how wide a string is in the PDF's
//! fonts, which bytes it becomes, and where a line of text must wrap.
//!
//! Both renderers measure with these widths, so a label that fits in the PDF also fits in
//! the SVG (browsers draw it in Helvetica or Arial, which has the same widths).

/// One of the two fonts the reports use (the PDF's base-14 Helvetica and Helvetica-Bold).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Font {
    Regular,
    Bold,
}

// Advance widths in thousandths of the font size for WinAnsi codes 0x20..=0xFF, from
// Adobe's AFM files for Helvetica and Helvetica-Bold. Codes WinAnsi leaves undefined
// (0x81, 0x8D, 0x8F, 0x90, 0x9D) are never produced by `encode` and carry the bullet's
// width only to fill the table.
pub(crate) const HELVETICA: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // 0x20
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0x30
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // 0x40
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 0x50
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // 0x60
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 350, // 0x70
    556, 350, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350, // 0x80
    350, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 350, 500, 667, // 0x90
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, // 0xA0
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, // 0xB0
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // 0xC0
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // 0xD0
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, // 0xE0
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500, // 0xF0
];

pub(crate) const HELVETICA_BOLD: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // 0x20
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0x30
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // 0x40
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // 0x50
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // 0x60
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 350, // 0x70
    556, 350, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350, // 0x80
    350, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 350, 500, 667, // 0x90
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333, // 0xA0
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611, // 0xB0
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // 0xC0
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // 0xD0
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, // 0xE0
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556, // 0xF0
];

/// The width of `text` in points when set in `font` at `size` points.
pub(crate) fn text_width(text: &str, font: Font, size: f64) -> f64 {
    let table = match font {
        Font::Regular => &HELVETICA,
        Font::Bold => &HELVETICA_BOLD,
    };
    let units: u32 = encode(text).iter().map(|&b| u32::from(table.get(usize::from(b).saturating_sub(32)).copied().unwrap_or(278))).sum();
    f64::from(units) * size / 1000.0
}

/// Unicode for WinAnsi codes 0x80..=0x9F, the only range where WinAnsi differs from
/// Latin-1. `None` marks the codes WinAnsi leaves undefined.
const WIN_ANSI_80: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The WinAnsi byte for `c`, if WinAnsi has the character.
fn win_ansi_byte(c: char) -> Option<u8> {
    let code = u32::from(c);
    if (0x20..0x7F).contains(&code) || (0xA0..=0xFF).contains(&code) {
        return u8::try_from(code).ok();
    }
    let index = WIN_ANSI_80.iter().position(|&m| m == Some(c))?;
    u8::try_from(0x80 + index).ok()
}

/// What to write for a character WinAnsi lacks: the nearest thing a reader will still
/// understand (statistics text uses ≥, −, τ and χ; typography uses special spaces).
fn fallback(c: char) -> &'static str {
    match c {
        '\u{2212}' | '\u{2010}' | '\u{2011}' => "-",
        '\u{2012}' => "–",
        '\u{2009}' | '\u{200A}' | '\u{2002}' | '\u{2003}' | '\u{2007}' | '\u{2008}' | '\t' | '\n' | '\r' => " ",
        '\u{202F}' => "\u{A0}",
        '\u{200B}' | '\u{00AD}' | '\u{FEFF}' => "",
        '≥' => ">=",
        '≤' => "<=",
        '≠' => "!=",
        '≈' => "~",
        '→' => "->",
        '←' => "<-",
        '↑' => "^",
        '√' => "sqrt",
        '∞' => "inf",
        'α' => "alpha",
        'β' => "beta",
        'γ' => "gamma",
        'δ' => "delta",
        'Δ' => "Delta",
        'ε' => "epsilon",
        'η' => "eta",
        'κ' => "kappa",
        'λ' => "lambda",
        'μ' => "µ",
        'ρ' => "rho",
        'σ' => "sigma",
        'Σ' => "Sum",
        'τ' => "tau",
        'χ' => "chi",
        'ω' => "omega",
        '′' => "'",
        '″' => "\"",
        '✓' | '✔' => "v",
        '✗' | '✘' => "x",
        _ => "?",
    }
}

/// `text` as WinAnsi bytes, with characters WinAnsi lacks replaced by [`fallback`].
pub(crate) fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match win_ansi_byte(c) {
            Some(b) => out.push(b),
            None => {
                for f in fallback(c).chars() {
                    if let Some(b) = win_ansi_byte(f) {
                        out.push(b);
                    }
                }
            }
        }
    }
    out
}

/// The character a WinAnsi byte stands for (undefined codes become U+FFFD).
pub(crate) fn decode_byte(b: u8) -> char {
    match b {
        0x80..=0x9F => WIN_ANSI_80[usize::from(b - 0x80)].unwrap_or('\u{FFFD}'),
        _ => char::from(b),
    }
}

/// Breaks `text` into lines no wider than `max_width` points: at spaces where it can, and
/// inside a word only when the word alone is too wide. A `\n` always starts a new line.
/// Returns at least one line (empty for empty text).
pub(crate) fn wrap(text: &str, font: Font, size: f64, max_width: f64) -> Vec<String> {
    // A column sized to its widest text must not wrap that text over a rounding error.
    let max_width = max_width + 1e-6;
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if text_width(&candidate, font, size) <= max_width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if text_width(word, font, size) <= max_width {
                line = word.to_string();
            } else {
                // Only a word wider than the whole line is cut, one character at a time.
                for c in word.chars() {
                    let mut next = line.clone();
                    next.push(c);
                    if !line.is_empty() && text_width(&next, font, size) > max_width {
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    } else {
                        line = next;
                    }
                }
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_afm_tables() {
        // Helvetica: "A" 667, "æ" 889, "ø" 611; bold "ø" 611, bold "a" 556.
        assert!((text_width("A", Font::Regular, 1000.0) - 667.0).abs() < 1e-9);
        assert!((text_width("æø", Font::Regular, 10.0) - 15.0).abs() < 1e-9);
        assert!((text_width("øa", Font::Bold, 10.0) - 11.67).abs() < 1e-9);
    }

    #[test]
    fn danish_letters_and_typography_are_winansi() {
        for c in ['æ', 'ø', 'å', 'Æ', 'Ø', 'Å', 'é', '–', '×', '²', '±', '€', '’'] {
            let bytes = encode(&c.to_string());
            assert_eq!(bytes.len(), 1, "{c}");
            assert_eq!(decode_byte(bytes[0]), c);
        }
    }

    #[test]
    fn characters_outside_winansi_fall_back() {
        assert_eq!(encode("≥ 5"), b">= 5".to_vec());
        assert_eq!(encode("\u{2212}1"), b"-1".to_vec());
        assert_eq!(encode("τ²"), vec![b't', b'a', b'u', 0xB2]);
        assert_eq!(encode("漢"), b"?".to_vec());
    }

    #[test]
    fn wrapping_keeps_lines_within_width() {
        let text = "Ændring, ikke effekt: uden kontrolgruppe kan forskellen mellem første og sidste måling ikke tilskrives indsatsen.";
        let lines = wrap(text, Font::Regular, 10.0, 150.0);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(text_width(l, Font::Regular, 10.0) <= 150.0, "{l}");
        }
        assert_eq!(lines.join(" "), text);
        assert_eq!(wrap("a\nb", Font::Regular, 10.0, 100.0), vec!["a", "b"]);
        let cut = wrap("Superlangtordsomikkekanbrydes", Font::Regular, 10.0, 40.0);
        assert!(cut.len() > 1 && cut.concat() == "Superlangtordsomikkekanbrydes");
    }
}
