//! Interview transcripts and their exchange with qualitative-analysis programs: reading a
//! transcript from plain text, DOCX or ODT; cutting it into segments (the unit coders code);
//! replacing known names with placeholders; and REFI-QDA projects (`.qdpx`), written and read.
//! Bytes in, values out: no database, clock or network.

pub mod pseudonym;
pub mod qdpx;
pub mod segment;
pub mod transcript;
