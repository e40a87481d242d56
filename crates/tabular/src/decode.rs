//! Bytes to text: a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE); without one, UTF-8
//! when the bytes are valid UTF-8, else Windows-1252.

use serde::Serialize;

/// The character encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    /// UTF-8 that started with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 little-endian with a byte-order mark (Excel's "Unicode-tekst").
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark.
    Utf16Be,
    /// Windows-1252, used when the bytes are not UTF-8 (Danish Excel's semicolon CSV).
    Windows1252,
}

impl Encoding {
    /// A stable code for the UI and the API.
    pub fn code(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// Decodes a file and says how; the byte-order mark is not part of the text. Windows-1252 maps
/// its five undefined bytes to the C1 control of the same value (as browsers do), so every byte
/// is one character and such a byte surfaces later as a control character, not as a loss.
/// UTF-16 that is cut short or holds a lone surrogate gets U+FFFD in its place.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        let (text, _) = encoding.decode_without_bom_handling(rest);
        let which = if encoding == encoding_rs::UTF_16LE {
            Encoding::Utf16Le
        } else if encoding == encoding_rs::UTF_16BE {
            Encoding::Utf16Be
        } else {
            Encoding::Utf8Bom
        };
        return (text.into_owned(), which);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), Encoding::Utf8),
        Err(_) => (encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(), Encoding::Windows1252),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn boms_decide() {
        assert_eq!(decode("\u{feff}Søren".as_bytes()), ("Søren".to_owned(), Encoding::Utf8Bom));
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Åse;Ærø".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&le), ("Åse;Ærø".to_owned(), Encoding::Utf16Le));
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("Åse;Ærø".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&be), ("Åse;Ærø".to_owned(), Encoding::Utf16Be));
        let cut: Vec<u8> = [0xFF, 0xFE, b'a', 0, b'b'].to_vec();
        assert_eq!(decode(&cut), ("a\u{fffd}".to_owned(), Encoding::Utf16Le));
    }

    #[test]
    fn utf8_is_preferred_and_windows_1252_is_the_fallback() {
        assert_eq!(decode("Søren".as_bytes()), ("Søren".to_owned(), Encoding::Utf8));
        assert_eq!(decode(b""), (String::new(), Encoding::Utf8));
        // "Søren Ærø;Åse" as Danish Excel saves it.
        let cp1252 = b"S\xF8ren \xC6r\xF8;\xC5se \x80 \x96";
        assert_eq!(decode(cp1252), ("Søren Ærø;Åse € –".to_owned(), Encoding::Windows1252));
        let all: Vec<u8> = (0..=255).collect();
        let (text, enc) = decode(&all);
        assert_eq!((enc, text.chars().count()), (Encoding::Windows1252, 256), "every byte is one character");
        assert!(text.contains('\u{81}') && text.contains('\u{9d}'), "undefined bytes become C1 controls");
    }
}
