//! Any table written by the `csv` crate's writer, in every encoding and with every delimiter a
//! Danish or English spreadsheet uses, reads back cell for cell, each row on its line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sammen_tabular::{Delimiter, Encoding, Source, read};

/// At least two columns, because the delimiter is guessed from the header line (a one-column
/// file has none to find). Header cells are words; data cells may hold
/// every character Windows-1252 has that matters here, delimiters, quotes and line breaks.
fn table() -> impl Strategy<Value = Vec<Vec<String>>> {
    (2usize..6).prop_flat_map(|width| {
        let header = proptest::collection::vec("[a-zæøåA-ZÆØÅ][a-zæøå _-]{0,9}", width);
        let row = proptest::collection::vec("[a-zA-Z0-9æøåÆØÅéü€ ;,\t\"\n'.-]{0,8}", width)
            // A row of nothing but blanks is left out by the reader, as spreadsheets write them.
            .prop_filter("not blank", |r| r.iter().any(|c| !c.trim().is_empty()));
        (header, proptest::collection::vec(row, 0..6)).prop_map(|(h, rows)| std::iter::once(h).chain(rows).collect())
    })
}

fn write(table: &[Vec<String>], delimiter: u8) -> String {
    let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
    for row in table {
        w.write_record(row).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        Encoding::Utf16Le => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
        Encoding::Utf16Be => [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
        Encoding::Windows1252 => {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
            assert!(!unmappable, "the strategy only makes Windows-1252 text");
            bytes.into_owned()
        }
    }
}

proptest! {
    #[test]
    fn written_tables_read_back_identically(
        table in table(),
        delimiter in prop_oneof![Just(Delimiter::Comma), Just(Delimiter::Semicolon), Just(Delimiter::Tab)],
        encoding in prop_oneof![
            Just(Encoding::Utf8), Just(Encoding::Utf8Bom), Just(Encoding::Utf16Le), Just(Encoding::Utf16Be), Just(Encoding::Windows1252)
        ],
        crlf in any::<bool>(),
    ) {
        let byte = u8::try_from(delimiter.as_char()).unwrap();
        let mut text = write(&table, byte);
        if crlf {
            // Only the line ends between records: a line break inside a quoted cell stays `\n`.
            text = text.replace("\"\n", "\"\u{1}").replace('\n', "\r\n").replace('\u{1}', "\n");
        }
        let bytes = encode(&text, encoding);
        let read = read(&bytes, Some("tabel.csv"), usize::MAX).unwrap();
        let cells: Vec<Vec<String>> = read.rows.iter().map(|r| r.cells.clone()).collect();
        prop_assert_eq!(&cells, &table);
        // Plain ASCII in Windows-1252 is also UTF-8, and is read as such.
        let ascii = !text.bytes().any(|b| b >= 0x80);
        let expected = if encoding == Encoding::Windows1252 && ascii { Encoding::Utf8 } else { encoding };
        prop_assert_eq!(read.source, Source::Delimited { encoding: expected, delimiter });
        let mut line = 1;
        for (row, cells) in read.rows.iter().zip(&table) {
            prop_assert_eq!(row.line, line);
            line += 1 + cells.iter().map(|c| c.matches('\n').count()).sum::<usize>();
        }
    }
}
