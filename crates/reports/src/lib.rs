//! Sammen's report renderer: pure functions that turn an evaluation report's content into
//! the SVG charts, PDF and XLSX files a reader gets.
//!
//! Owns: the document model (`model`: [`Report`], [`Block`], [`Table`], [`Chart`] …), the
//! charts' geometry, computed once per chart kind and drawn by both the SVG and the PDF
//! renderer (`layout`), the renderers [`svg()`], [`pdf()`] (tagged PDF/UA-1 with PDF/A-2a)
//! and [`xlsx()`] (a sheet per table, as Excel tables with number formats), the one
//! [`CsvWriter`] every CSV Sammen sends goes through (byte-order mark, the reader's dialect,
//! formula injection neutralised), and the typeface (DejaVu Sans, shipped inside the binary)
//! whose glyph widths measure and wrap text for both the PDF and the SVG.
//!
//! Must not depend on any other Sammen crate, nor do IO or read a clock: it takes finished,
//! translated and formatted content (a report's date is a label and an instant the caller
//! passes in) and returns bytes or strings. Its outside dependencies: krilla (and its shaper,
//! rustybuzz) for the PDF (ADR 0015),
//! `rust_xlsxwriter` for the XLSX and `csv` for quoting CSV fields (ADR 0016).

pub mod csv_writer;
mod font;
pub mod layout;
mod model;
mod pdf;
mod svg;
mod xlsx;

pub use csv_writer::{CsvError, CsvWriter, Field as CsvField};
pub use model::{
    Align, Band, Bar, BarValue, Bars, Block, Cell, Chart, ChartKind, Column, Flow, FlowLoss, FlowStep, Forest, ForestHeaders, ForestPooled,
    ForestRow, Lines, NumberStyle, Numbers, PredictionInterval, Report, Series, Table,
};
pub use pdf::pdf;
pub use svg::svg;
pub use xlsx::{XlsxError, chart_data, xlsx};
