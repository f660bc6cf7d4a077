//! Base64 bodies (RFC 2045 §6.8) in lines of 76 characters, for text in scripts where
//! quoted-printable would triple every byte.
//!
//! Full lines, nearly all of a body's bytes, are encoded here with a table of character pairs:
//! the `base64` crate took 1.6 to 1.8 times as long for the same bytes (docs/benchmarks.md,
//! 2026-12-06), and on a message whose parts both go as base64 that was half as many
//! instructions again for the whole message. The last, shorter line with its padding, the part
//! that is easy to get wrong, is left to the crate.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::MAX_LINE;

/// Input bytes per full base64 line: 57 bytes are exactly 76 characters.
const LINE_BYTES: usize = MAX_LINE / 4 * 3;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The two base64 characters of every 12-bit value as a little-endian `u16`, so that three
/// input bytes take two lookups instead of four and four pairs go together into one `u64`
/// (8 KiB, which stays in L1 while a body is encoded).
static PAIRS: [u16; 4096] = {
    let mut table = [0u16; 4096];
    let mut v = 0;
    while v < 4096 {
        table[v] = u16::from_le_bytes([ALPHABET[v >> 6], ALPHABET[v & 63]]);
        v += 1;
    }
    table
};

/// Encodes one full line: 57 bytes to 76 characters. Six bytes at a time are read as one
/// big-endian word (eight bytes, the last two unused, which the 57-byte array always has) and
/// written as one eight-character word; the last three bytes on their own.
#[inline]
fn full_line(src: &[u8; LINE_BYTES], dst: &mut [u8; MAX_LINE]) {
    let pair = |v: u64| u64::from(PAIRS[(v & 0xfff) as usize]);
    for k in 0..9 {
        let mut word = [0u8; 8];
        word.copy_from_slice(&src[6 * k..6 * k + 8]);
        let bits = u64::from_be_bytes(word);
        let chars = pair(bits >> 52)
            | pair(bits >> 40) << 16
            | pair(bits >> 28) << 32
            | pair(bits >> 16) << 48;
        dst[8 * k..8 * k + 8].copy_from_slice(&chars.to_le_bytes());
    }
    let bits = u64::from(src[54]) << 16 | u64::from(src[55]) << 8 | u64::from(src[56]);
    let chars = (pair(bits >> 12) | pair(bits) << 16) as u32;
    dst[72..76].copy_from_slice(&chars.to_le_bytes());
}

/// Appends `input` as base64 in lines of 76 characters separated by CRLF, without a CRLF after
/// the last line.
///
/// A full line is encoded with fixed-size arrays, so its loop has no bounds checks and no
/// remainder handling, into a buffer on the stack that already ends in CRLF, and appended with
/// one fixed-size copy. Growing `out` and encoding into it in place would first fill it with
/// zeros.
pub fn base64_lines(input: &[u8], out: &mut Vec<u8>) {
    if input.is_empty() {
        return;
    }
    let encoded_len = input.len().div_ceil(3) * 4;
    out.reserve(encoded_len + encoded_len.div_ceil(MAX_LINE) * 2);
    let mut lines = input.chunks_exact(LINE_BYTES);
    let rest = lines.remainder();
    let full = lines.len();
    let mut line = [0u8; MAX_LINE + 2];
    line[MAX_LINE..].copy_from_slice(b"\r\n");
    for (k, src) in (&mut lines).enumerate() {
        if let (Ok(src), Some(chars)) =
            (<&[u8; LINE_BYTES]>::try_from(src), line.first_chunk_mut::<MAX_LINE>())
        {
            full_line(src, chars);
        }
        if k + 1 < full || !rest.is_empty() {
            out.extend_from_slice(&line);
        } else {
            out.extend_from_slice(&line[..MAX_LINE]);
        }
    }
    if !rest.is_empty() {
        // At most 56 bytes always fit in 76 characters, so the error (buffer too small) cannot
        // happen; should it, the line would come out empty rather than the send fail.
        let written = STANDARD.encode_slice(rest, &mut line[..MAX_LINE]).unwrap_or_default();
        out.extend_from_slice(&line[..written]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_lines_are_76_wide_and_decode() {
        for len in [0usize, 1, 56, 57, 58, 114, 1000] {
            let input: Vec<u8> = (0..len).map(|i| (i * 7 % 256) as u8).collect();
            let mut out = b"X".to_vec();
            base64_lines(&input, &mut out);
            let text = String::from_utf8(out[1..].to_vec()).unwrap_or_default();
            assert!(text.split("\r\n").all(|l| l.len() <= MAX_LINE));
            let joined: String = text.split("\r\n").collect();
            assert_eq!(STANDARD.decode(joined).unwrap_or_default(), input);
        }
    }

    /// The table encoder agrees with the base64 crate, lines and all, for every length around
    /// the line and group boundaries and random content.
    #[test]
    fn base64_lines_match_the_base64_crate() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for len in (0..400).chain([4096, 11_527, 57 * 300, 57 * 300 + 1]) {
            let input: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    (seed >> 56) as u8
                })
                .collect();
            let mut out = b"prefix".to_vec();
            base64_lines(&input, &mut out);
            let expected: Vec<String> = STANDARD
                .encode(&input)
                .as_bytes()
                .chunks(MAX_LINE)
                .map(|line| String::from_utf8_lossy(line).into_owned())
                .collect();
            assert_eq!(
                String::from_utf8_lossy(&out),
                format!("prefix{}", expected.join("\r\n")),
                "length {len}"
            );
        }
    }
}
