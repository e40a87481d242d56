//! The reports' typeface, DejaVu Sans and DejaVu Sans Bold, shipped inside the binary: how
//! wide a string is, where a line must wrap, and the shaped glyphs the PDF draws.
//!
//! One shaper (rustybuzz, the one krilla uses) turns text into glyphs both for measuring and
//! for drawing, so a line measured to fit is drawn exactly that wide. Kerning and optional
//! ligatures are switched off: a line's width is then the sum of its words' widths, which
//! keeps wrapping fast, and Arabic still gets its joining forms. The SVG measures with the
//! same widths; a browser draws it in whatever sans-serif it has, and DejaVu is among the
//! widest, so a label that fits here fits there.
//!
//! DejaVu covers Danish, Polish, Turkish, Greek, Arabic and the mathematical signs statistics
//! needs (−, ≥, τ, χ²). A character it lacks is drawn as U+FFFD (never as `.notdef`, which
//! PDF/UA forbids) and measured as such.

use std::sync::LazyLock;

use rustybuzz::ttf_parser::{GlyphId, Tag};

/// DejaVu Sans, under the Bitstream Vera licence (`fonts/LICENSE-DejaVu.txt`).
pub(crate) static REGULAR_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold, under the same licence.
pub(crate) static BOLD_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// One of the two faces the reports use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Font {
    Regular,
    Bold,
}

/// Shown instead of a character the font lacks.
const REPLACEMENT: char = '\u{FFFD}';

/// A parsed face and a table of advances for the characters reports use most.
struct Face {
    face: rustybuzz::Face<'static>,
    units_per_em: f64,
    /// Advance widths in font units for U+0000..U+0800 (Latin, Greek, Cyrillic, Hebrew and
    /// Arabic blocks), `None` where the face has no glyph.
    common: Vec<Option<u16>>,
}

impl Face {
    fn load(data: &'static [u8]) -> Option<Face> {
        let face = rustybuzz::Face::from_slice(data, 0)?;
        let units_per_em = f64::from(face.units_per_em());
        let common =
            (0u32..0x800).map(|c| char::from_u32(c).and_then(|c| face.glyph_index(c)).and_then(|g| face.glyph_hor_advance(g))).collect();
        Some(Face { face, units_per_em, common })
    }

    fn has(&self, c: char) -> bool {
        match self.common.get(c as usize) {
            Some(advance) => advance.is_some(),
            None => self.face.glyph_index(c).is_some(),
        }
    }
}

static FACES: LazyLock<Option<(Face, Face)>> = LazyLock::new(|| Some((Face::load(REGULAR_TTF)?, Face::load(BOLD_TTF)?)));

fn face(font: Font) -> Option<&'static Face> {
    let (regular, bold) = FACES.as_ref()?;
    Some(match font {
        Font::Regular => regular,
        Font::Bold => bold,
    })
}

/// The characters that change shape with their neighbours or are drawn right to left, so
/// that their width is only known after shaping (Hebrew, Arabic, Syriac, Thaana, N'Ko and
/// the Arabic presentation forms), and combining marks, which shaping may position.
fn needs_shaping(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x200C..=0x200F)
}

/// `text` with what must not reach the PDF taken out: control characters (a `\n` is handled
/// by the callers that allow line breaks) and characters the font has no glyph for.
pub(crate) fn printable(text: &str, font: Font) -> String {
    let Some(f) = face(font) else { return text.to_string() };
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            c if f.has(c) => Some(c),
            _ => Some(REPLACEMENT),
        })
        .collect()
}

/// One shaped glyph: its id, and its advance and offsets in ems, and the bytes of the text
/// it stands for.
pub(crate) struct ShapedGlyph {
    pub(crate) id: u16,
    pub(crate) x_advance: f32,
    pub(crate) x_offset: f32,
    pub(crate) y_offset: f32,
    pub(crate) range: std::ops::Range<usize>,
}

/// Shapes `text` (already [`printable`]) left to right, or right to left if `rtl`.
pub(crate) fn shape(text: &str, font: Font, rtl: bool) -> Vec<ShapedGlyph> {
    let Some(f) = face(font) else { return Vec::new() };
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl { rustybuzz::Direction::RightToLeft } else { rustybuzz::Direction::LeftToRight });
    let off = |tag: &[u8; 4]| rustybuzz::Feature::new(Tag::from_bytes(tag), 0, ..);
    let output = rustybuzz::shape(&f.face, &[off(b"kern"), off(b"liga"), off(b"clig")], buffer);
    let infos = output.glyph_infos();
    let positions = output.glyph_positions();
    let em = f.units_per_em as f32;
    // A glyph stands for the text from its cluster to the next cluster in text order.
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let end_of = |start: usize| starts.iter().find(|s| **s > start).copied().unwrap_or(text.len());
    infos
        .iter()
        .zip(positions)
        .map(|(info, pos)| {
            let start = info.cluster as usize;
            ShapedGlyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                x_advance: pos.x_advance as f32 / em,
                x_offset: pos.x_offset as f32 / em,
                y_offset: pos.y_offset as f32 / em,
                range: start..end_of(start),
            }
        })
        .collect()
}

/// The width of `text` in points when set in `font` at `size` points.
pub(crate) fn text_width(text: &str, font: Font, size: f64) -> f64 {
    let Some(f) = face(font) else { return 0.0 };
    let text = printable(text, font);
    let units: f64 = if text.chars().any(needs_shaping) {
        // Shaped runs are measured as drawn; see `pdf::draw_text` for how runs are split.
        runs(&text).iter().flat_map(|(run, rtl)| shape(run, font, *rtl)).map(|g| f64::from(g.x_advance) * f.units_per_em).sum()
    } else {
        text.chars()
            .map(|c| {
                let advance = f.common.get(c as usize).copied().flatten().or_else(|| {
                    let g = f.face.glyph_index(c).unwrap_or(GlyphId(0));
                    f.face.glyph_hor_advance(g)
                });
                f64::from(advance.unwrap_or(0))
            })
            .sum()
    };
    units * size / f.units_per_em
}

/// Whether `c` is written right to left.
fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Splits a line into runs of one direction, in reading order, for a left-to-right page: a
/// name in Arabic inside Danish text is one right-to-left run. Spaces and punctuation between
/// two right-to-left letters stay in that run; elsewhere they go left to right.
pub(crate) fn runs(text: &str) -> Vec<(String, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let strong = |c: char| {
        if is_rtl(c) {
            Some(true)
        } else if c.is_alphanumeric() {
            Some(false)
        } else {
            None
        }
    };
    let mut out: Vec<(String, bool)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let rtl = strong(c).unwrap_or_else(|| {
            let before = chars[..i].iter().rev().find_map(|c| strong(*c));
            let after = chars[i + 1..].iter().find_map(|c| strong(*c));
            before == Some(true) && after == Some(true)
        });
        match out.last_mut() {
            Some((run, r)) if *r == rtl => run.push(c),
            _ => out.push((c.to_string(), rtl)),
        }
    }
    out
}

/// Breaks `text` into lines no wider than `max_width` points: at spaces where it can, and
/// inside a word only when the word alone is too wide. A `\n` always starts a new line.
/// Returns at least one line (empty for empty text).
pub(crate) fn wrap(text: &str, font: Font, size: f64, max_width: f64) -> Vec<String> {
    // A column sized to its widest text must not wrap that text over a rounding error.
    let max_width = max_width + 1e-6;
    let space = text_width(" ", font, size);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let word_width = text_width(word, font, size);
            let candidate = if line.is_empty() { word_width } else { line_width + space + word_width };
            if candidate <= max_width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_width = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= max_width {
                line = word.to_string();
                line_width = word_width;
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
                line_width = text_width(&line, font, size);
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
    fn widths_come_from_the_font() {
        // DejaVu Sans has 2048 units per em and "A" advances 1401 units; bold is wider.
        assert!((text_width("A", Font::Regular, 2048.0) - 1401.0).abs() < 1e-9);
        assert!(text_width("A", Font::Bold, 2048.0) > 1401.0, "bold is wider");
        assert!(text_width("Ærø", Font::Regular, 10.0) > text_width("Aro", Font::Regular, 10.0) - 1.0);
        assert_eq!(text_width("", Font::Regular, 10.0), 0.0);
    }

    #[test]
    fn measured_width_is_the_drawn_width() {
        for text in ["Kommune nr. 12 – Ærø Å", "τ² ≥ 0,5 og −1", "Łódź, Şahin", "AVATAR To"] {
            let drawn: f32 = shape(&printable(text, Font::Regular), Font::Regular, false).iter().map(|g| g.x_advance).sum();
            assert!((f64::from(drawn) * 10.0 - text_width(text, Font::Regular, 10.0)).abs() < 1e-3, "{text}");
        }
    }

    #[test]
    fn the_font_covers_the_names_and_signs_reports_use() {
        let text = "æøåÆØÅ − ≥ ≤ τ χ² Łódź Şahin ğüİı محمد";
        assert_eq!(printable(text, Font::Regular), text);
        assert_eq!(printable(text, Font::Bold), text);
        assert_eq!(printable("漢\u{7}", Font::Regular), "\u{FFFD}");
    }

    #[test]
    fn arabic_is_one_right_to_left_run_inside_danish_text() {
        let runs = runs("Deltager محمد علي (12)");
        assert_eq!(runs, vec![(String::from("Deltager "), false), (String::from("محمد علي"), true), (String::from(" (12)"), false)]);
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
