//! Delimited text: which delimiter, then the `csv` crate's tokeniser.
//!
//! The delimiter is Sammen's guess from the first line, because the files come from Danish
//! spreadsheets (semicolons, since the comma is the decimal mark), English ones (commas) and
//! Excel's "Unicode-tekst" (tabs), and nobody says which. Line ends are made `\n` before
//! splitting, so a line break inside a quoted field reads as `\n` and lines count the same
//! whether the file came from Windows or not.

use serde::Serialize;

use crate::{Encoding, Row, Source, Table, TableError};

/// The character between fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub fn as_char(self) -> char {
        match self {
            Delimiter::Comma => ',',
            Delimiter::Semicolon => ';',
            Delimiter::Tab => '\t',
        }
    }

    fn as_byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

/// Reads the delimiter from the first non-blank line, counting only outside quotes: tab when
/// tabs outnumber both others, else `;` when semicolons outnumber commas, else `,`.
pub fn sniff_delimiter(text: &str) -> Delimiter {
    let (mut commas, mut semicolons, mut tabs) = (0usize, 0usize, 0usize);
    let mut in_quotes = false;
    let mut seen = false;
    for c in text.chars() {
        match c {
            '"' => {
                in_quotes = !in_quotes;
                seen = true;
            }
            _ if in_quotes => {}
            '\n' | '\r' if seen => break,
            ',' => commas += 1,
            ';' => semicolons += 1,
            '\t' => tabs += 1,
            _ => {}
        }
        if !c.is_whitespace() || c == '\t' {
            seen = true;
        }
    }
    if tabs > commas && tabs > semicolons {
        Delimiter::Tab
    } else if semicolons > commas {
        Delimiter::Semicolon
    } else {
        Delimiter::Comma
    }
}

/// Excel's optional first line `sep=;` names the delimiter. Returns it and the text with that
/// line emptied, so that line numbers stay those of the file.
fn sep_line(text: &str) -> Option<(Delimiter, &str)> {
    let (first, _) = text.split_once('\n').unwrap_or((text, ""));
    if !first.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("sep=")) {
        return None;
    }
    let delimiter = match first.get(4..)? {
        ";" => Delimiter::Semicolon,
        "," => Delimiter::Comma,
        "\t" => Delimiter::Tab,
        _ => return None,
    };
    Some((delimiter, text.get(first.len()..).unwrap_or_default()))
}

/// Finds a quoted field that is never closed, by the tokeniser's own rules (a quote opens a
/// quoted field only as the field's first character; `""` inside is a quote), because the `csv`
/// crate silently ends such a field at the end of the file.
fn unclosed_quote(text: &str, delimiter: char) -> Option<TableError> {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        AfterQuote,
    }
    let (mut line, mut column) = (1usize, 1usize);
    let mut opened = (1usize, 1usize);
    let mut state = State::FieldStart;
    for c in text.chars() {
        if c == '\n' && state != State::Quoted {
            line += 1;
            column = 1;
            state = State::FieldStart;
            continue;
        }
        if c == delimiter && state != State::Quoted {
            column += 1;
            state = State::FieldStart;
            continue;
        }
        state = match (state, c) {
            (State::FieldStart, '"') => {
                opened = (line, column);
                State::Quoted
            }
            (State::Quoted, '"') => State::AfterQuote,
            (State::Quoted, '\n') => {
                line += 1;
                State::Quoted
            }
            (State::Quoted, _) => State::Quoted,
            (State::AfterQuote, '"') => State::Quoted,
            _ => State::Unquoted,
        };
    }
    (state == State::Quoted).then(|| TableError::new("err-table-unclosed-quote", opened.0).at_column(opened.1, None))
}

/// Splits decoded text (without its byte-order mark) into rows.
pub(crate) fn read(text: &str, encoding: Encoding, max_rows: usize) -> Result<Table, TableError> {
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_owned() };
    let (delimiter, body) = match sep_line(&text) {
        Some((d, rest)) => (d, rest),
        None => (sniff_delimiter(&text), text.as_str()),
    };
    if let Some(e) = unclosed_quote(body, delimiter.as_char()) {
        return Err(e);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter.as_byte())
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::None)
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    while rows.len() < max_rows {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // The input is a `&str` and every row may have its own width, so the tokeniser has
            // nothing left to refuse; should it, the place is still the user's to see.
            Err(e) => {
                let line = e.position().map_or(1, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
                return Err(TableError::new("err-table-unreadable", line));
            }
        }
        // The tokeniser skips empty lines before a record but dates the record from where it
        // began to read, so step over them.
        let (mut line, mut at) = record.position().map_or((1, 0), |p| (p.line(), p.byte()));
        while body.as_bytes().get(usize::try_from(at).unwrap_or(usize::MAX)) == Some(&b'\n') {
            line += 1;
            at += 1;
        }
        let line = usize::try_from(line).unwrap_or(usize::MAX);
        let row = Row { line, cells: record.iter().map(str::to_owned).collect() };
        if !row.is_blank() {
            rows.push(row);
        }
    }
    Ok(Table { source: Source::Delimited { encoding, delimiter }, rows })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::read_text;

    fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
        read_text(text, 100).unwrap().rows.into_iter().map(|r| (r.line, r.cells)).collect()
    }

    #[test]
    fn delimiter_is_read_from_the_first_line() {
        assert_eq!(sniff_delimiter("navn;e-mail;status\na,b;c"), Delimiter::Semicolon);
        assert_eq!(sniff_delimiter("navn,e-mail;status\n"), Delimiter::Comma);
        assert_eq!(sniff_delimiter("\n\n navn\tstatus\n"), Delimiter::Tab);
        assert_eq!(sniff_delimiter("\"a,b,c\";status\n"), Delimiter::Semicolon, "commas inside quotes do not count");
        assert_eq!(sniff_delimiter("navn\nx;y;z"), Delimiter::Comma, "only the first line counts");
        assert_eq!(sniff_delimiter(""), Delimiter::Comma);
    }

    #[test]
    fn quoted_fields_hold_delimiters_quotes_and_line_breaks() {
        let text = "navn;program;note\r\n\"Søren; Ærø\";\"Peer \"\"Nord\"\"\r\nHold 2\";x\r\n\r\n;;\r\nÅse;Syd;\"\"\r\n";
        assert_eq!(
            rows(text),
            [
                (1, vec!["navn".into(), "program".into(), "note".into()]),
                (2, vec!["Søren; Ærø".into(), "Peer \"Nord\"\nHold 2".into(), "x".into()]),
                (6, vec!["Åse".into(), "Syd".into(), String::new()]),
            ],
            "a quoted line break moves the next row's line; blank rows keep their place"
        );
        let table = read_text(text, 100).unwrap();
        assert_eq!(table.source, Source::Delimited { encoding: Encoding::Utf8, delimiter: Delimiter::Semicolon });
    }

    #[test]
    fn ragged_rows_are_read_as_they_are() {
        // Whether a row is too short or too long is for the header to say (see `header`).
        assert_eq!(rows("a,b,c\n1\n1,2,3,4\n").iter().map(|(_, c)| c.len()).collect::<Vec<_>>(), [3, 1, 4]);
    }

    #[test]
    fn an_unclosed_quote_is_named_where_it_opens() {
        let e = read_text("a,b\n1,\"open\n2,3\n", 100).unwrap_err();
        assert_eq!((e.message, e.line, e.column), ("err-table-unclosed-quote", 2, Some(2)));
        let e = read_text("a;b\n\"x\ny\";\"z\n", 100).unwrap_err();
        assert_eq!((e.line, e.column), (3, Some(2)), "the second field of the record that starts on line 2");
        assert!(read_text("a,b\n1,x\"y\n", 100).is_ok(), "a quote inside an unquoted field is text");
        assert!(read_text("a,b\n1,\"x\"\"\"\n", 100).is_ok());
    }

    #[test]
    fn excel_sep_line_names_the_delimiter_and_keeps_line_numbers() {
        let t = read_text("sep=;\r\nnavn;status\r\nMette, Bo;aktiv\r\n", 100).unwrap();
        assert_eq!(t.source, Source::Delimited { encoding: Encoding::Utf8, delimiter: Delimiter::Semicolon });
        assert_eq!(t.rows.iter().map(|r| (r.line, r.cells.len())).collect::<Vec<_>>(), [(2, 2), (3, 2)]);
        let tab = read_text("\u{feff}sep=\t\nnavn\tstatus\nMette;Bo\taktiv\n", 100).unwrap();
        assert_eq!(tab.source, Source::Delimited { encoding: Encoding::Utf8Bom, delimiter: Delimiter::Tab });
        assert_eq!(tab.rows[1].cells, ["Mette;Bo", "aktiv"]);
    }

    #[test]
    fn stops_at_the_limit_and_reads_old_mac_line_ends() {
        assert_eq!(read_text("a\n1\n2\n3\n", 2).unwrap().rows.len(), 2);
        assert_eq!(rows("a\r1\r\"x\ry\"\r2").iter().map(|(l, _)| *l).collect::<Vec<_>>(), [1, 2, 3, 5]);
        assert_eq!(rows("a,b\n1,2").len(), 2, "no line end after the last row");
        assert!(rows("").is_empty() && rows("\n\n;;\n").is_empty());
    }
}
