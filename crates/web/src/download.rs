//! Files sent as downloads, named so that the name survives: every download's
//! `Content-Disposition` is made here (ADR 0016).
//!
//! `attachment; filename="ascii.ext"; filename*=UTF-8''percent-encoded.ext` (RFC 6266 with
//! RFC 8187, formerly 5987): browsers that know `filename*` (all current ones) keep "æøå";
//! the others get the plain-ASCII `filename`, in which æ, ø and å are written ae, oe and aa
//! as Danes do without those letters, other letters lose their accents where the Latin-1
//! letter has a plain one, and what is left over becomes `_`. Quotes, backslashes, control
//! characters and path separators never reach either name.

use axum::body::Body;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// `name` without what must not be in a file name: control characters, quotes, backslashes
/// and slashes (a path), with surrounding spaces and dots trimmed.
fn clean(name: &str) -> String {
    let cleaned: String =
        name.chars().filter(|c| !c.is_control() && !matches!(c, '"' | '\\')).map(|c| if c == '/' { '-' } else { c }).collect();
    cleaned.trim_matches([' ', '.']).to_owned()
}

/// The ASCII spelling of a letter, if it has one.
fn ascii_of(c: char) -> Option<&'static str> {
    Some(match c {
        'æ' => "ae",
        'Æ' => "Ae",
        'ø' => "oe",
        'Ø' => "Oe",
        'å' => "aa",
        'Å' => "Aa",
        'ä' => "ae",
        'Ä' => "Ae",
        'ö' => "oe",
        'Ö' => "Oe",
        'ü' => "ue",
        'Ü' => "Ue",
        'ß' => "ss",
        'à' | 'á' | 'â' | 'ã' => "a",
        'À' | 'Á' | 'Â' | 'Ã' => "A",
        'ç' => "c",
        'Ç' => "C",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'È' | 'É' | 'Ê' | 'Ë' => "E",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ñ' => "n",
        'Ñ' => "N",
        'ò' | 'ó' | 'ô' | 'õ' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' => "O",
        'ù' | 'ú' | 'û' => "u",
        'Ù' | 'Ú' | 'Û' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' => "Y",
        '–' | '—' => "-",
        _ => return None,
    })
}

/// The plain-ASCII fallback name: printable ASCII only, no quote or backslash.
pub fn ascii_name(name: &str) -> String {
    let mut out = String::new();
    for c in clean(name).chars() {
        match c {
            ' '..='~' => out.push(c),
            _ => match ascii_of(c) {
                Some(s) => out.push_str(s),
                None => out.push('_'),
            },
        }
    }
    if out.is_empty() { String::from("download") } else { out }
}

/// RFC 8187's `attr-char`: what may stand unencoded in `filename*`.
fn attr_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b)
}

/// The `Content-Disposition` value for a download named `name`.
pub fn content_disposition(name: &str) -> HeaderValue {
    let cleaned = clean(name);
    let mut encoded = String::new();
    for b in cleaned.bytes() {
        if attr_char(b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    let value = if encoded.is_empty() {
        format!("attachment; filename=\"{}\"", ascii_name(name))
    } else {
        format!("attachment; filename=\"{}\"; filename*=UTF-8''{encoded}", ascii_name(name))
    };
    // Every byte is printable ASCII by construction, so this cannot fail; a bare
    // `attachment` is still a download if it somehow did.
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("attachment"))
}

/// A download: the bytes with their type and name, never sniffed as something else.
pub fn file(mime: &str, name: &str, bytes: impl Into<Body>) -> Response {
    let mime = HeaderValue::from_str(mime).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    (
        [
            (header::CONTENT_TYPE, mime),
            (header::CONTENT_DISPOSITION, content_disposition(name)),
            (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        ],
        bytes.into(),
    )
        .into_response()
}

/// The media types of the files Sammen makes.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const PDF: &str = "application/pdf";
/// CSV in UTF-8 (with a byte-order mark, for Excel).
pub const CSV: &str = "text/csv; charset=utf-8";

#[cfg(test)]
mod tests {
    use super::*;

    fn value(name: &str) -> String {
        content_disposition(name).to_str().map(str::to_owned).unwrap_or_default()
    }

    #[test]
    fn danish_letters_are_kept_in_filename_star_and_spelled_out_in_the_fallback() {
        assert_eq!(
            value("evaluering-Ærø Kommune.pdf"),
            "attachment; filename=\"evaluering-Aeroe Kommune.pdf\"; filename*=UTF-8''evaluering-%C3%86r%C3%B8%20Kommune.pdf"
        );
        assert_eq!(ascii_name("Åbenrå æblegård"), "Aabenraa aeblegaard");
        assert_eq!(ascii_name("Café – 2026"), "Cafe - 2026");
        assert_eq!(ascii_name("日本"), "__");
    }

    #[test]
    fn quotes_controls_and_paths_never_reach_the_header() {
        let v = value("a\"b\\c\r\nd/../e\u{7}.csv");
        assert_eq!(v, "attachment; filename=\"abcd-..-e.csv\"; filename*=UTF-8''abcd-..-e.csv");
        assert!(v.bytes().all(|b| (b' '..=b'~').contains(&b)));
        assert_eq!(value("\"\""), "attachment; filename=\"download\"");
        assert_eq!(value(" .hidden. "), "attachment; filename=\"hidden\"; filename*=UTF-8''hidden");
    }

    #[test]
    fn filename_star_encodes_everything_but_attr_chars() {
        let v = value("a b;c,d%e'f(g).xlsx");
        assert!(v.ends_with("filename*=UTF-8''a%20b%3Bc%2Cd%25e%27f%28g%29.xlsx"), "{v}");
    }

    #[test]
    fn a_download_is_typed_named_and_not_sniffed() {
        let r = file(CSV, "medarbejderoverblik-2026-11-22.csv", Vec::from(&b"x"[..]));
        assert_eq!(r.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()), Some(CSV));
        assert_eq!(r.headers().get(header::X_CONTENT_TYPE_OPTIONS).and_then(|v| v.to_str().ok()), Some("nosniff"));
        assert!(r.headers().get(header::CONTENT_DISPOSITION).is_some());
    }
}
