//! Header values: RFC 2047 encoded-words for text that is not plain ASCII, quoted strings for
//! display names, and folding to 78-character lines (RFC 5322 §2.2.3).
//!
//! Each function continues a header line that the caller has started (`Name: ` is `col`
//! characters long) and returns the length of the last line, so the caller can go on writing
//! on it; none writes the final CRLF.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// Bytes of text per RFC 2047 `B` encoded-word on a continuation line: 45 bytes are 60 base64
/// characters, which with `=?utf-8?b?` and `?=` make the 72-character maximum plus the leading
/// space stay within 78.
const WORD_BYTES: usize = 45;
const WORD_PREFIX: &[u8] = b"=?utf-8?b?";
const WORD_SUFFIX: &[u8] = b"?=";
/// Preferred maximum length of a header line without CRLF (RFC 5322 §2.1.1).
const HEADER_LINE: usize = 78;

/// Whether an unstructured header value can be written as it is: printable ASCII only, nothing a
/// decoder could mistake for an encoded-word, no leading or trailing space (parsers strip it) and
/// no word too long to fold.
fn is_plain_header_text(value: &str) -> bool {
    let bytes = value.as_bytes();
    !bytes.is_empty()
        && bytes.iter().all(|&b| (0x20..0x7f).contains(&b))
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !value.contains("=?")
        && value.split(' ').all(|word| word.len() <= HEADER_LINE - 2)
}

/// Appends an unstructured header value (RFC 5322 `unstructured`, e.g. `Subject`) after
/// `Name: ` has been written on a line that is now `col` characters long, folding lines and
/// using RFC 2047 encoded-words when the text is not plain ASCII. Unfolding and decoding the
/// result gives back `value` exactly. Does not write the final CRLF; returns the length of the
/// last line.
pub fn unstructured(value: &str, col: usize, out: &mut Vec<u8>) -> usize {
    if value.is_empty() {
        col
    } else if is_plain_header_text(value) {
        fold_plain(value, col, out)
    } else {
        encoded_words(value, col, out)
    }
}

/// Appends an RFC 5322 `phrase` (a display name): a quoted string when it is printable ASCII,
/// encoded-words otherwise. Does not write the final CRLF; returns the length of the last line.
pub fn phrase(value: &str, col: usize, out: &mut Vec<u8>) -> usize {
    let plain = value.bytes().all(|b| (0x20..0x7f).contains(&b));
    if plain && value.len() + col + 2 <= HEADER_LINE {
        let start = out.len();
        out.push(b'"');
        for b in value.bytes() {
            if b == b'"' || b == b'\\' {
                out.push(b'\\');
            }
            out.push(b);
        }
        out.push(b'"');
        col + out.len() - start
    } else {
        encoded_words(value, col, out)
    }
}

fn fold_plain(value: &str, mut col: usize, out: &mut Vec<u8>) -> usize {
    // Fold before a space when the next word would overflow; the space stays as the first
    // character of the continuation line, so unfolding (removing CRLF) restores the value.
    let mut first = true;
    for word in value.split(' ') {
        if first {
            out.extend_from_slice(word.as_bytes());
            col += word.len();
            first = false;
            continue;
        }
        if col + 1 + word.len() > HEADER_LINE {
            out.extend_from_slice(b"\r\n");
            col = 0;
        }
        out.push(b' ');
        out.extend_from_slice(word.as_bytes());
        col += 1 + word.len();
    }
    col
}

fn encoded_words(value: &str, mut col: usize, out: &mut Vec<u8>) -> usize {
    let overhead = WORD_PREFIX.len() + WORD_SUFFIX.len();
    // Room for base64 on the first line; fold straight away if there is too little.
    let first_room = HEADER_LINE.saturating_sub(col + overhead) / 4 * 3;
    let mut limit = if first_room >= 12 {
        first_room.min(WORD_BYTES)
    } else {
        out.extend_from_slice(b"\r\n ");
        col = 1;
        WORD_BYTES
    };
    let mut rest = value;
    let mut first = true;
    while !rest.is_empty() {
        // An encoded-word must hold whole characters (RFC 2047 §5), so cut at a char boundary.
        let mut cut = rest.len().min(limit);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (word, tail) = rest.split_at(cut);
        if !first {
            // Whitespace between adjacent encoded-words is ignored when decoding.
            out.extend_from_slice(b"\r\n ");
            col = 1;
        }
        let word_start = out.len();
        out.extend_from_slice(WORD_PREFIX);
        let start = out.len();
        out.resize(start + base64::encoded_len(word.len(), true).unwrap_or(0), 0);
        let written = STANDARD.encode_slice(word.as_bytes(), &mut out[start..]).unwrap_or_default();
        out.truncate(start + written);
        out.extend_from_slice(WORD_SUFFIX);
        col += out.len() - word_start;
        rest = tail;
        first = false;
        limit = WORD_BYTES;
    }
    col
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_text_folds_and_encodes() {
        let mut out = b"Subject: ".to_vec();
        unstructured("Plain subject", 9, &mut out);
        assert_eq!(out, b"Subject: Plain subject");

        let greek = "Ενημερωτικό δελτίο: νέοι κανόνες για την εγγραφή στο δημοτολόγιο και άλλα νέα";
        let mut out = b"Subject: ".to_vec();
        unstructured(greek, 9, &mut out);
        let text = String::from_utf8(out).unwrap_or_default();
        assert!(text.split("\r\n").all(|l| l.len() <= HEADER_LINE), "{text}");
        assert!(text.split("\r\n").skip(1).all(|l| l.starts_with(" =?utf-8?b?")));

        let long_ascii = "word ".repeat(40);
        let long_ascii = long_ascii.trim_end();
        let mut out = b"Subject: ".to_vec();
        unstructured(long_ascii, 9, &mut out);
        let text = String::from_utf8(out).unwrap_or_default();
        assert!(text.split("\r\n").all(|l| l.len() <= HEADER_LINE));
        assert_eq!(text.replace("\r\n", ""), format!("Subject: {long_ascii}"));
    }

    #[test]
    fn phrase_quotes_or_encodes() {
        let mut out = Vec::new();
        phrase(r#"Say "hi" \o/"#, 6, &mut out);
        assert_eq!(out, br#""Say \"hi\" \\o/""#);
        let mut out = Vec::new();
        phrase("Österreich", 6, &mut out);
        assert!(out.starts_with(b"=?utf-8?b?"));
    }
}
