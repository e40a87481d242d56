//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps).

use hmac::{Hmac, Mac};
use sha1::Sha1;
use subtle::{Choice, ConstantTimeEq};

const STEP: i64 = 30;
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding, as authenticator apps expect.
pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for b in bytes {
        buffer = (buffer << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            out.push(ALPHABET[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

pub fn base32_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for c in s.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let v = ALPHABET.iter().position(|a| *a as char == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            out.push(((buffer >> (bits - 8)) & 0xff) as u8);
            bits -= 8;
        }
    }
    Some(out)
}

/// The code for one time step.
pub fn code_at(secret: &[u8], counter: u64) -> Option<u32> {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).ok()?;
    mac.update(&counter.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = usize::from(h[19] & 0x0f);
    let bin =
        (u32::from(h[offset] & 0x7f) << 24) | (u32::from(h[offset + 1]) << 16) | (u32::from(h[offset + 2]) << 8) | u32::from(h[offset + 3]);
    Some(bin % 1_000_000)
}

/// Checks a code at `unix_seconds`, allowing one step of clock drift either way.
/// Returns the matching step so a caller can refuse a replayed code.
pub fn verify(secret: &[u8], code: &str, unix_seconds: i64) -> Option<i64> {
    let code = code.trim().replace(' ', "");
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let want: u32 = code.parse().ok()?;
    let step = unix_seconds.div_euclid(STEP);
    // Every step of the window is computed and compared in constant time, so the time taken
    // says neither whether nor where the code matched.
    let mut matched = None;
    for s in [step - 1, step, step + 1] {
        let hit = u64::try_from(s).ok().and_then(|c| code_at(secret, c)).map_or(Choice::from(0), |c| c.ct_eq(&want));
        if matched.is_none() && bool::from(hit) {
            matched = Some(s);
        }
    }
    matched
}

/// The code for `unix_seconds`, zero-padded (for tests).
pub fn current_code(secret: &[u8], unix_seconds: i64) -> String {
    let c = u64::try_from(unix_seconds.div_euclid(STEP)).ok().and_then(|s| code_at(secret, s)).unwrap_or(0);
    format!("{c:06}")
}

/// The provisioning URI that authenticator apps read.
pub fn otpauth_uri(secret_b32: &str, account: &str) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| if b.is_ascii_alphanumeric() || b"-._~@".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
            .collect::<String>()
    };
    format!("otpauth://totp/Sammen:{}?secret={}&issuer=Sammen&algorithm=SHA1&digits=6&period=30", enc(account), secret_b32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_sha1_vectors() {
        // RFC 6238 appendix B, SHA1 secret "12345678901234567890", 8 digits there; the
        // last six digits are the 6-digit codes.
        let secret = b"12345678901234567890";
        for (t, eight) in [(59, "94287082"), (1_111_111_109, "07081804"), (1_234_567_890, "89005924"), (2_000_000_000, "69279037")] {
            assert_eq!(current_code(secret, t), eight[2..]);
        }
    }

    #[test]
    fn drift_window_and_format() {
        let secret = b"12345678901234567890";
        let c = current_code(secret, 1_000_000);
        assert_eq!(verify(secret, &c, 1_000_000 + 30), Some(1_000_000 / 30), "the step the code belongs to");
        assert_eq!(verify(secret, &c, 1_000_000 - 30), Some(1_000_000 / 30));
        assert!(verify(secret, &c, 1_000_000 + 95).is_none());
        assert!(verify(secret, "12a456", 0).is_none());
    }

    #[test]
    fn base32_roundtrip() {
        for n in 0..40u8 {
            let v: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(base32_decode(&base32_encode(&v)), Some(v));
        }
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
    }
}
