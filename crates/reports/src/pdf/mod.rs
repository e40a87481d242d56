//! Reports as accessible PDF: PDF/UA-1, and PDF/A-2a as well when the report carries its
//! creation date (PDF/A requires one). Written with krilla, which embeds and subsets the
//! fonts, compresses the streams and checks the two standards' machine-checkable rules
//! while it writes (ADR 0015).
//!
//! `compose` places the content on A4 pages and builds the structure tree in reading order;
//! this module draws the recorded pages, marking each piece as the tree's content or as an
//! artifact, and hands krilla the tree, the outline (from the headings) and the metadata
//! (title shown in the window, language, date).

mod canvas;
mod compose;
mod structure;

use std::num::NonZeroU16;

use krilla::color::rgb;
use krilla::configure::{Accessibility, Archival, Configuration, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, Stroke as KStroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, BBox, ContentTag, Identifier, ListNumbering, Node as KNode, SpanTag, TableHeaderScope, Tag, TagGroup, TagKind,
    TagTree,
};
use krilla::text::{Font as KFont, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};

use self::canvas::{Mark, Op, PAGE_HEIGHT, PAGE_WIDTH};
use self::compose::{Composed, OutlineEntry};
use self::structure::{Kind, Node, Scope};
use crate::font::{self, BOLD_TTF, Font, REGULAR_TTF};
use crate::layout::{Color, Stroke};
use crate::model::Report;

/// The report as a PDF file: tagged, PDF/UA-1, and PDF/A-2a if `report.created` is set.
pub fn pdf(report: &Report) -> Vec<u8> {
    let created = report.created.as_deref().and_then(parse_rfc3339);
    let strict = ConfigurationBuilder::new().with_accessibility_validator(Accessibility::UA1);
    let strict = if created.is_some() { strict.with_archival_validator(Archival::A2_A) } else { strict };
    // Both standards are met by construction; should krilla still refuse (a bug here), the
    // reader gets the same tagged file without the claim rather than no file.
    [strict.finish().ok(), Some(Configuration::default())]
        .into_iter()
        .flatten()
        .find_map(|configuration| render(report, created, configuration).ok())
        .unwrap_or_default()
}

/// Draws and serialises the report with `configuration`'s validators.
fn render(report: &Report, created: Option<DateTime>, configuration: Configuration) -> Result<Vec<u8>, krilla::error::KrillaError> {
    let Composed { pages, mut tree, outline } = compose::compose(report);
    tree.finish();
    let fonts = (KFont::new(REGULAR_TTF.into(), 0), KFont::new(BOLD_TTF.into(), 0));
    let settings =
        SerializeSettings { configuration, enable_tagging: true, compress_content_streams: true, ..SerializeSettings::default() };
    let mut document = Document::new_with(settings);
    let mut identifiers: Vec<Option<Identifier>> = vec![None; tree.leaves()];
    for canvas in &pages {
        let Some(size) = PageSettings::from_wh(PAGE_WIDTH as f32, PAGE_HEIGHT as f32) else { continue };
        let mut page = document.start_page_with(size);
        let mut surface = page.surface();
        for op in &canvas.ops {
            match op {
                Op::Begin(mark) => {
                    let tag = match mark {
                        Mark::Text(_) => ContentTag::Span(SpanTag::empty()),
                        Mark::Figure(_) => ContentTag::Other,
                        Mark::Footer => ContentTag::Artifact(Artifact::with_kind(ArtifactType::Footer)),
                        Mark::Layout => ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)),
                    };
                    let id = surface.start_tagged(tag);
                    if let Mark::Text(leaf) | Mark::Figure(leaf) = mark
                        && let Some(slot) = identifiers.get_mut(*leaf)
                    {
                        *slot = Some(id);
                    }
                }
                Op::End => surface.end_tagged(),
                Op::Text { x, y, text, font, size, color } => {
                    let face = match font {
                        Font::Regular => fonts.0.clone(),
                        Font::Bold => fonts.1.clone(),
                    };
                    if let Some(face) = face {
                        draw_text(&mut surface, (*x, *y), text, *font, face, *size, *color);
                    }
                }
                Op::Path { points, closed, fill, stroke } => {
                    let mut pb = PathBuilder::new();
                    for (i, (x, y)) in points.iter().enumerate() {
                        if i == 0 {
                            pb.move_to(*x as f32, *y as f32);
                        } else {
                            pb.line_to(*x as f32, *y as f32);
                        }
                    }
                    if *closed {
                        pb.close();
                    }
                    paint(&mut surface, pb, *fill, stroke.as_ref());
                }
                Op::Curve { start, segments, fill, stroke } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(start.0 as f32, start.1 as f32);
                    for [c1, c2, end] in segments {
                        pb.cubic_to(c1.0 as f32, c1.1 as f32, c2.0 as f32, c2.1 as f32, end.0 as f32, end.1 as f32);
                    }
                    pb.close();
                    paint(&mut surface, pb, *fill, stroke.as_ref());
                }
            }
        }
        surface.finish();
        page.finish();
    }

    let mut tag_tree = TagTree::new().with_lang(Some(report.lang.clone()));
    for node in &tree.roots {
        if let Some(node) = to_krilla(node, &identifiers) {
            tag_tree.push(node);
        }
    }
    document.set_tag_tree(tag_tree);
    document.set_outline(outline_of(&outline));
    let mut metadata = Metadata::new().title(report.title.clone()).language(report.lang.clone()).producer(String::from("Sammen"));
    if let Some(date) = created {
        metadata = metadata.creation_date(date);
    }
    document.set_metadata(metadata);
    document.finish()
}

/// One line: runs of one direction each, shaped and drawn one after the other.
fn draw_text(surface: &mut Surface, (x, y): (f64, f64), text: &str, font: Font, face: KFont, size: f64, color: Color) {
    surface.set_fill(Some(fill(color)));
    surface.set_stroke(None);
    let text = font::printable(text, font);
    let mut x = x as f32;
    for (run, rtl) in font::runs(&text) {
        let glyphs: Vec<KrillaGlyph> = font::shape(&run, font, rtl)
            .into_iter()
            .map(|g| KrillaGlyph::new(GlyphId::new(u32::from(g.id)), g.x_advance, g.x_offset, g.y_offset, 0.0, g.range, None))
            .collect();
        let width: f32 = glyphs.iter().map(|g| g.x_advance).sum::<f32>() * size as f32;
        surface.draw_glyphs(Point::from_xy(x, y as f32), &glyphs, face.clone(), &run, size as f32, false);
        x += width;
    }
}

fn rgb_of(c: Color) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn fill(c: Color) -> Fill {
    Fill { paint: rgb_of(c).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

/// Fills and strokes a path; degenerate and non-finite paths are skipped.
fn paint(surface: &mut Surface, pb: PathBuilder, fill_color: Option<Color>, stroke: Option<&Stroke>) {
    if fill_color.is_none() && stroke.is_none() {
        return;
    }
    let Some(path) = pb.finish() else { return };
    surface.set_fill(fill_color.map(fill));
    surface.set_stroke(stroke.filter(|s| s.width.is_finite() && s.width > 0.0).map(|s| KStroke {
        paint: rgb_of(s.color).into(),
        width: s.width as f32,
        line_cap: LineCap::Butt,
        dash: (!s.dash.is_empty()).then(|| StrokeDash { array: s.dash.iter().map(|d| *d as f32).collect(), offset: 0.0 }),
        ..KStroke::default()
    }));
    surface.draw_path(&path);
}

/// Our tree as krilla's, with each leaf's marked content in place. Empty elements are dropped,
/// as krilla would drop them.
fn to_krilla(node: &Node, ids: &[Option<Identifier>]) -> Option<KNode> {
    match node {
        Node::Leaf(n) => ids.get(*n).copied().flatten().map(KNode::from),
        Node::Element(kind, children) => {
            let children: Vec<KNode> = children.iter().filter_map(|c| to_krilla(c, ids)).collect();
            if children.is_empty() {
                return None;
            }
            Some(TagGroup::with_children(tag_of(kind), children).into())
        }
    }
}

fn tag_of(kind: &Kind) -> TagKind {
    match kind {
        Kind::Heading(level, title) => {
            Tag::Hn(NonZeroU16::new(u16::from(*level).clamp(1, 6)).unwrap_or(NonZeroU16::MIN), Some(title.clone())).into()
        }
        Kind::P => Tag::P.into(),
        Kind::Caption => Tag::Caption.into(),
        Kind::Table => Tag::Table.into(),
        Kind::TableHead => Tag::THead.into(),
        Kind::TableBody => Tag::TBody.into(),
        Kind::TableRow => Tag::TR.into(),
        Kind::HeaderCell(scope) => Tag::TH(match scope {
            Scope::Column => TableHeaderScope::Column,
            Scope::Row => TableHeaderScope::Row,
        })
        .into(),
        Kind::DataCell => Tag::TD.into(),
        Kind::List { numbered } => Tag::L(if *numbered { ListNumbering::Decimal } else { ListNumbering::Disc }).into(),
        Kind::ListItem => Tag::LI.into(),
        Kind::Label => Tag::Lbl.into(),
        Kind::ListBody => Tag::LBody.into(),
        Kind::Figure { alt, bbox: (x, y, w, h), page } => {
            let rect = Rect::from_xywh(*x as f32, *y as f32, *w as f32, *h as f32);
            Tag::Figure(Some(alt.clone())).with_bbox(rect.map(|r| BBox::new(*page, r))).into()
        }
    }
}

/// The headings as nested bookmarks.
fn outline_of(entries: &[OutlineEntry]) -> Outline {
    // Each open level's node, children collected until a heading at its level or above.
    let mut stack: Vec<(u8, OutlineNode)> = Vec::new();
    let mut outline = Outline::new();
    let attach = |stack: &mut Vec<(u8, OutlineNode)>, outline: &mut Outline, node: OutlineNode| match stack.last_mut() {
        Some((_, parent)) => parent.push_child(node),
        None => outline.push_child(node),
    };
    for e in entries {
        while stack.last().is_some_and(|(level, _)| *level >= e.level) {
            if let Some((_, done)) = stack.pop() {
                attach(&mut stack, &mut outline, done);
            }
        }
        let text = if e.text.trim().is_empty() { String::from("–") } else { e.text.clone() };
        let node = OutlineNode::new(text, XyzDestination::new(e.page, Point::from_xy(0.0, e.y as f32))).with_open(true);
        stack.push((e.level, node));
    }
    while let Some((_, done)) = stack.pop() {
        attach(&mut stack, &mut outline, done);
    }
    outline
}

/// An RFC 3339 instant ("2026-11-22T10:27:00Z", "2026-11-22T11:27:00.5+01:00") or a date
/// ("2026-11-22") as krilla's date; `None` if it is neither.
fn parse_rfc3339(s: &str) -> Option<DateTime> {
    let s = s.trim();
    let num = |from: usize, len: usize| -> Option<u16> {
        let part = s.get(from..from + len)?;
        if part.bytes().all(|b| b.is_ascii_digit()) { part.parse().ok() } else { None }
    };
    let (year, month, day) = (num(0, 4)?, u8::try_from(num(5, 2)?).ok()?, u8::try_from(num(8, 2)?).ok()?);
    if s.get(4..5) != Some("-") || s.get(7..8) != Some("-") || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let date = DateTime::new(year).month(month).day(day);
    if s.len() == 10 {
        return Some(date);
    }
    if !matches!(s.get(10..11), Some("T" | "t" | " ")) || s.get(13..14) != Some(":") || s.get(16..17) != Some(":") {
        return None;
    }
    let (hour, minute, second) = (u8::try_from(num(11, 2)?).ok()?, u8::try_from(num(14, 2)?).ok()?, u8::try_from(num(17, 2)?).ok()?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = s.get(19..)?;
    if let Some(fraction) = rest.strip_prefix('.') {
        rest = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let date = date.hour(hour).minute(minute).second(second.min(59));
    match rest {
        "Z" | "z" => Some(date.utc_offset_hour(0).utc_offset_minute(0)),
        offset if offset.len() == 6 && offset.get(3..4) == Some(":") => {
            let sign: i8 = match offset.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let h = i8::try_from(offset.get(1..3)?.parse::<u8>().ok()?).ok()?;
            let m: u8 = offset.get(4..6)?.parse().ok()?;
            Some(date.utc_offset_hour(sign * h).utc_offset_minute(m))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_as_rfc3339_or_plain_dates() {
        assert!(parse_rfc3339("2026-11-22T10:27:00Z").is_some());
        assert!(parse_rfc3339("2026-11-22T10:27:00.123456+01:00").is_some());
        assert!(parse_rfc3339("2026-11-22").is_some());
        for bad in ["", "22. november 2026", "2026-13-01", "2026-11-22T25:00:00Z", "2026-11-22T10:27:00"] {
            assert!(parse_rfc3339(bad).is_none(), "{bad}");
        }
    }
}
