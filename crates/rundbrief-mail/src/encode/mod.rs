//! Byte-level encodings used in messages: quoted-printable and base64 bodies (RFC 2045), RFC 2047
//! encoded-words and folding for header values, and the choice of a body's transfer encoding.
//!
//! Everything appends to a caller's `Vec<u8>` so that one buffer serves many messages, and works
//! on runs of bytes rather than byte by byte where it can: this is the hot path of a campaign.
//!
//! Body encoders put text into canonical form: every line break in the input (LF, CRLF or a
//! lone CR) becomes CRLF, as RFC 2045 requires for `text/*`. Their output also never contains a
//! tab, two whitespace characters in a row, whitespace at the end of a line or a line longer
//! than 76 characters, so DKIM's "relaxed" body canonicalisation leaves it unchanged and the
//! signer can hash it as it is (see `dkim.rs`).
//!
//! - `quoted_printable`: the encoder for mostly-ASCII text, with its bit-mask classifier.
//! - `base64_body`: base64 in 76-character lines, for text in other scripts.
//! - `line_breaks`: LF and lone CR to CRLF, for base64 and for parts sent as they are
//!   (quoted-printable does it as it goes).
//! - `header`: encoded-words, quoted display names and folding for header values.
//! - here: [`TransferEncoding`], which of them a body part needs.

mod base64_body;
mod header;
mod line_breaks;
mod quoted_printable;

pub use base64_body::base64_lines;
pub use header::{phrase, unstructured};
pub use line_breaks::canonical_line_breaks;
pub use quoted_printable::quoted_printable;

/// The longest encoded line, without its CRLF (RFC 2045 §6.7 and §6.8).
const MAX_LINE: usize = 76;

/// The longest line of a body sent as it is (7bit or 8bit), without its CRLF (RFC 5322 §2.1.1).
pub const MAX_UNENCODED_LINE: usize = 998;

/// How a body part is encoded for transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferEncoding {
    /// Readable for mostly-ASCII text (German, Czech, Polish, ...).
    QuotedPrintable,
    /// Compact for text in other scripts (Greek, Bulgarian), where quoted-printable would triple
    /// every byte.
    Base64,
    /// ASCII as it is, in lines of at most 998 octets.
    SevenBit,
    /// UTF-8 as it is, in lines of at most 998 octets; only for a next hop that offers
    /// 8BITMIME (RFC 6152). No encoding is the smallest form and costs no CPU, and the receiving
    /// server has fewer bytes to read.
    EightBit,
}

impl TransferEncoding {
    /// The `Content-Transfer-Encoding` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::QuotedPrintable => "quoted-printable",
            Self::Base64 => "base64",
            Self::SevenBit => "7bit",
            Self::EightBit => "8bit",
        }
    }

    /// `SevenBit` or `EightBit` when `body` (with CRLF line breaks) may go as it is: no NUL,
    /// no line longer than [`MAX_UNENCODED_LINE`], and 8-bit bytes only if `allow_8bit`.
    /// `None` means it needs [`TransferEncoding::for_body`].
    pub fn unencoded(body: &[u8], allow_8bit: bool) -> Option<Self> {
        if memchr::memchr(0, body).is_some() {
            return None;
        }
        let mut line_start = 0;
        for end in memchr::memchr_iter(b'\n', body) {
            // `end - 1` is the CR of the CRLF.
            if end.saturating_sub(line_start) > MAX_UNENCODED_LINE + 1 {
                return None;
            }
            line_start = end + 1;
        }
        if body.len() - line_start > MAX_UNENCODED_LINE {
            return None;
        }
        if !has_8bit(body) {
            Some(Self::SevenBit)
        } else if allow_8bit {
            Some(Self::EightBit)
        } else {
            None
        }
    }

    /// Picks the smaller encoding for `body`. Quoted-printable costs one character per plain
    /// ASCII byte and three per other byte, base64 four per three bytes, so quoted-printable wins
    /// while at most one byte in six needs escaping.
    pub fn for_body(body: &[u8]) -> Self {
        if count_escaped(body).saturating_mul(6) <= body.len() {
            Self::QuotedPrintable
        } else {
            Self::Base64
        }
    }
}

/// Whether any byte of `bytes` is outside ASCII. Folding blocks with OR instead of stopping at
/// the first hit lets the compiler vectorise it.
pub fn has_8bit(bytes: &[u8]) -> bool {
    bytes.chunks(64).any(|block| block.iter().fold(0u8, |acc, &b| acc | b) >= 0x80)
}

/// How many bytes of `body` are non-ASCII or `=`. Counting only those (not the few ASCII
/// controls quoted-printable also escapes) keeps the loop branch-free: 32 lanes of `u8`
/// counters over fixed-size blocks, which the compiler turns into vector compares and
/// subtractions. A lane counts at most 255 blocks before it is added up, so it cannot overflow.
fn count_escaped(body: &[u8]) -> usize {
    const LANES: usize = 32;
    let mut total = 0usize;
    for stretch in body.chunks(LANES * 255) {
        let mut counts = [0u8; LANES];
        let mut blocks = stretch.chunks_exact(LANES);
        for block in &mut blocks {
            if let Ok(block) = <&[u8; LANES]>::try_from(block) {
                for (count, &b) in counts.iter_mut().zip(block) {
                    *count += u8::from(b >= 0x80) | u8::from(b == b'=');
                }
            }
        }
        total += counts.iter().map(|&c| usize::from(c)).sum::<usize>();
        total += blocks.remainder().iter().filter(|&&b| b >= 0x80 || b == b'=').count();
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lane-wise count agrees with a plain count at every length around the block sizes.
    #[test]
    fn count_escaped_matches_a_plain_count() {
        let mut seed: u64 = 0x0bad_cafe_f00d_d00d;
        for len in (0..300).chain([32 * 255 - 1, 32 * 255, 32 * 255 + 1, 3 * 32 * 255 + 17]) {
            let body: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    [b'a', b'=', 0xce, 0x80, b' ', 0xff][(seed >> 50) as usize % 6]
                })
                .collect();
            let plain = body.iter().filter(|&&b| b >= 0x80 || b == b'=').count();
            assert_eq!(count_escaped(&body), plain, "length {len}");
        }
    }

    #[test]
    fn unencoded_needs_short_lines_no_nul_and_consent_for_8bit() {
        use TransferEncoding::{EightBit, SevenBit};
        assert_eq!(TransferEncoding::unencoded(b"plain\r\ntext", false), Some(SevenBit));
        assert_eq!(TransferEncoding::unencoded("grün".as_bytes(), false), None);
        assert_eq!(TransferEncoding::unencoded("grün".as_bytes(), true), Some(EightBit));
        assert_eq!(TransferEncoding::unencoded(b"nul\0inside", true), None);
        let line = [b'a'; MAX_UNENCODED_LINE];
        let fits = [&line[..], b"\r\n", &line[..]].concat();
        assert_eq!(TransferEncoding::unencoded(&fits, false), Some(SevenBit));
        let first_too_long = [&line[..], b"a\r\nshort"].concat();
        assert_eq!(TransferEncoding::unencoded(&first_too_long, true), None);
        let last_too_long = [b"short\r\n", &line[..], b"a"].concat();
        assert_eq!(TransferEncoding::unencoded(&last_too_long, true), None);
        // Every position of the 64-byte blocks is looked at.
        for position in [0, 63, 64, 130] {
            let mut bytes = vec![b'x'; 131];
            assert!(!has_8bit(&bytes));
            bytes[position] = 0xc3;
            assert!(has_8bit(&bytes), "{position}");
        }
    }

    #[test]
    fn for_body_prefers_qp_for_latin_and_base64_for_greek() {
        assert_eq!(
            TransferEncoding::for_body(
                "Sehr geehrte Damen und Herren, die nächste Ausgabe erscheint am Montag."
                    .as_bytes()
            ),
            TransferEncoding::QuotedPrintable
        );
        assert_eq!(
            TransferEncoding::for_body("Καλημέρα σε όλους".as_bytes()),
            TransferEncoding::Base64
        );
    }
}
