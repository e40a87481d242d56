//! Sammen's report renderer: pure functions that turn an evaluation report's content into
//! the SVG charts, PDF and XLSX files a reader gets.
//!
//! Owns: the document model (`model`: [`Report`], [`Block`], [`Table`], [`Chart`] …), the
//! charts' geometry, computed once per chart kind and drawn by both the SVG and the PDF
//! renderer (`layout`), the renderers [`svg()`], [`pdf()`] and [`xlsx()`], Helvetica's
//! glyph widths for measuring and wrapping text, and [`pdf_text`] for tests that read a
//! PDF's text back.
//!
//! Must not depend on any other Sammen crate, nor do IO or read a clock: it takes finished,
//! translated and formatted content (a report's date is a label the caller passes in) and
//! returns bytes or strings. It has no dependencies beyond the standard library.

mod afm;
pub mod layout;
mod model;
mod pdf;
mod svg;
mod xlsx;
mod zip;

pub use model::{
    Align, Band, Bar, BarValue, Bars, Block, Cell, Chart, ChartKind, Column, Flow, FlowLoss, FlowStep, Forest, ForestHeaders, ForestPooled,
    ForestRow, Lines, NumberStyle, PredictionInterval, Report, Series, Table,
};
pub use pdf::{pdf, pdf_page_texts, pdf_text};
pub use svg::svg;
pub use xlsx::{SHEET_NAME, chart_data, xlsx};
