//! The quoted-printable encoder against a slow reference encoder, an independent decoder,
//! mail-parser and the rules of RFC 2045 and DKIM relaxed canonicalisation.

use super::*;
use crate::encode::{MAX_LINE, canonical_line_breaks};

/// The encoder as it was before the 16-byte block scan and the escape table, kept verbatim
/// as the specification the fast one must match byte for byte.
mod reference {
    use super::super::{BREAK, ESCAPE, HEX, QP_CLASS, QP_CONTENT, SAFE, SPACE};
    #[inline]
    fn push_escaped(out: &mut Vec<u8>, b: u8) {
        out.extend_from_slice(&[b'=', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
    }

    pub(super) fn reference_qp(input: &[u8], out: &mut Vec<u8>) {
        out.reserve(input.len() + input.len() / 8 + 16);
        let n = input.len();
        let mut col = 0usize;
        let mut i = 0usize;
        while i < n {
            let b = input[i];
            match QP_CLASS[usize::from(b)] {
                BREAK => {
                    // CRLF, LF and a lone CR are each one line break.
                    i += if b == b'\r' && input.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                    out.extend_from_slice(b"\r\n");
                    col = 0;
                }
                SPACE => {
                    let next_is_plain = matches!(input.get(i + 1), Some(&next) if matches!(QP_CLASS[usize::from(next)], SAFE | ESCAPE));
                    if next_is_plain {
                        if col + 1 > QP_CONTENT {
                            out.extend_from_slice(b"=\r\n");
                            col = 0;
                        }
                        out.push(b' ');
                        col += 1;
                    } else {
                        if col + 3 > QP_CONTENT {
                            out.extend_from_slice(b"=\r\n");
                            col = 0;
                        }
                        push_escaped(out, b);
                        col += 3;
                    }
                    i += 1;
                }
                ESCAPE => {
                    if col + 3 > QP_CONTENT {
                        out.extend_from_slice(b"=\r\n");
                        col = 0;
                    }
                    push_escaped(out, b);
                    col += 3;
                    i += 1;
                }
                _ => {
                    if col == QP_CONTENT {
                        out.extend_from_slice(b"=\r\n");
                        col = 0;
                    }
                    if col == 0 && (b == b'.' || (b == b'F' && input[i..].starts_with(b"From "))) {
                        push_escaped(out, b);
                        col += 3;
                        i += 1;
                        continue;
                    }
                    // Copy the longest run that fits on this line in one go: plain bytes, and single
                    // spaces followed by a plain byte (the common case in prose).
                    let end = n.min(i + (QP_CONTENT - col));
                    let mut j = i + 1;
                    while j < end {
                        match QP_CLASS[usize::from(input[j])] {
                            SAFE => j += 1,
                            SPACE if j + 1 < n && QP_CLASS[usize::from(input[j + 1])] == SAFE => {
                                j += 1;
                            }
                            _ => break,
                        }
                    }
                    out.extend_from_slice(&input[i..j]);
                    col += j - i;
                    i = j;
                }
            }
        }
    }
}

fn qp(input: &str) -> String {
    let mut out = Vec::new();
    quoted_printable(input.as_bytes(), &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// A small reference decoder, independent of the encoder's structure.
fn qp_decode(encoded: &str) -> Vec<u8> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            if bytes[i + 1..].starts_with(b"\r\n") {
                i += 3;
            } else {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                i += 3;
            }
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

fn assert_qp_lines(encoded: &str) {
    for line in encoded.split("\r\n") {
        assert!(line.len() <= MAX_LINE, "line too long: {line:?}");
        assert!(!line.ends_with(' ') && !line.ends_with('\t'), "{line:?}");
        assert!(!line.starts_with('.'), "{line:?}");
        assert!(!line.starts_with("From "), "{line:?}");
        assert!(!line.contains("  ") && !line.contains('\t'), "{line:?}");
    }
    assert!(
        !encoded.contains('\n') || encoded.matches('\n').count() == encoded.matches("\r\n").count()
    );
}

#[test]
fn qp_round_trips_tricky_text() {
    let long = "ä".repeat(700) + &"x".repeat(1200);
    let cases = [
        "plain ascii",
        "trailing space \nand tab\t\r\nend ",
        ".leading dot\n.\nFrom here\nFrom: x\n",
        "a lone = sign and =?utf-8?q?x?=",
        "Ελληνικά και български, Malti: ħ ġ ż, Gaeilge: á é, čeština, Żółć 🎉👍🏽",
        "double  spaces   and   more",
        "",
        "\n\n\n",
        "x\ry\r\nz\n",
        long.as_str(),
    ];
    for case in cases {
        let encoded = qp(case);
        assert_qp_lines(&encoded);
        let expected = case.replace("\r\n", "\n").replace('\r', "\n").replace('\n', "\r\n");
        assert_eq!(
            String::from_utf8(qp_decode(&encoded)).unwrap_or_default(),
            expected,
            "{case:?} -> {encoded:?}"
        );
    }
}

/// Random mixes of awkward pieces: every result decodes to the canonical input, keeps lines
/// within 76 characters and is already in DKIM relaxed canonical form, which the signer
/// relies on.
#[test]
fn qp_holds_its_invariants_on_random_input() {
    const PIECES: [&str; 16] = [
        " ", "  ", "\t", "\n", "\r\n", "\r", ".", "From ", "=", "é", "Λ", "🎉", "a", "xyz ",
        "\u{7f}", "\u{0}",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..2000 {
        let mut input = String::new();
        for _ in 0..(round % 120) {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            input.push_str(PIECES[(seed >> 60) as usize]);
        }
        let encoded = qp(&input);
        assert!(encoded.split("\r\n").all(|l| l.len() <= MAX_LINE), "{input:?}");
        let expected = input.replace("\r\n", "\n").replace('\r', "\n").replace('\n', "\r\n");
        assert_eq!(qp_decode(&encoded), expected.as_bytes(), "{input:?}");
        let in_message = format!("{encoded}\r\n--boundary--\r\n");
        let mut canonical = Vec::new();
        crate::dkim::relaxed_body(in_message.as_bytes(), &mut canonical);
        assert_eq!(canonical, in_message.as_bytes(), "{input:?}");
    }
}

/// The fast encoder writes exactly what the reference writes, on random mixes of prose,
/// long plain runs (to cross the 16-byte blocks and the 75-column limit at every offset),
/// escapes, spaces before line ends and line-start dots and `From `.
#[test]
fn qp_matches_the_reference_encoder_on_random_input() {
    const PIECES: [&str; 24] = [
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        ".",
        "From ",
        "F",
        "=",
        "é",
        "Λόγος ",
        "🎉",
        "a",
        "xyz ",
        "\u{7f}",
        "\u{0}",
        "Beratung ",
        "abcdefghijklmnopqrstuvwxyz0123456789",
        "<p style=\"margin:0\">",
        "\n.",
        "\nFrom ",
        " \n",
        "ü",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut fast, mut slow) = (Vec::new(), Vec::new());
    for round in 0..20_000 {
        let mut input = Vec::new();
        let pieces = next() % 200;
        for _ in 0..pieces {
            let r = next();
            if r % 16 == 0 {
                // A raw byte, including invalid UTF-8 and every control.
                input.push((r >> 8) as u8);
            } else {
                input.extend_from_slice(PIECES[(r >> 32) as usize % PIECES.len()].as_bytes());
            }
        }
        fast.clear();
        slow.clear();
        // Something already in the buffer, as in a message, must be kept.
        fast.extend_from_slice(b"head");
        slow.extend_from_slice(b"head");
        quoted_printable(&input, &mut fast);
        reference::reference_qp(&input, &mut slow);
        assert_eq!(fast, slow, "round {round}: {:?}", String::from_utf8_lossy(&input));
    }
    // Every single byte value and every pair, at every column of a line.
    for prefix in 0..80 {
        for b in 0..=255u8 {
            for after in [b' ', b'a', b'=', b'\n', 0xc3, b'.'] {
                let mut input = vec![b'x'; prefix];
                input.extend_from_slice(&[b, after, b, b' ', b'F']);
                input.extend_from_slice(b"rom x");
                fast.clear();
                slow.clear();
                quoted_printable(&input, &mut fast);
                reference::reference_qp(&input, &mut slow);
                assert_eq!(fast, slow, "{input:?}");
            }
        }
    }
}

/// Encodes with the fast encoder and the reference, checks they agree, and checks the
/// output against the rules independently of both: lines of at most 76 characters, no
/// whitespace at a line's end, no escape cut by a soft break, and a decoding that gives the
/// canonical input back.
fn check_qp(input: &[u8]) -> String {
    let (mut fast, mut slow) = (Vec::new(), Vec::new());
    quoted_printable(input, &mut fast);
    reference::reference_qp(input, &mut slow);
    assert_eq!(fast, slow, "{:?}", String::from_utf8_lossy(input));
    let encoded = String::from_utf8(fast).unwrap_or_default();
    for line in encoded.split("\r\n") {
        assert!(line.len() <= MAX_LINE, "{} > 76: {line:?}", line.len());
        assert!(!line.ends_with([' ', '\t']), "{line:?}");
        // Every `=` starts an escape of two hex digits or is the soft break at the end.
        let bytes = line.as_bytes();
        for (k, _) in line.match_indices('=') {
            let hex = bytes.get(k + 1..k + 3);
            let escape = hex.is_some_and(|h| {
                h.iter().all(|&c| c.is_ascii_digit() || (b'A'..=b'F').contains(&c))
            });
            assert!(escape || k + 1 == line.len(), "{line:?}");
        }
    }
    let canonical: Vec<u8> = {
        let mut scratch = Vec::new();
        canonical_line_breaks(input, &mut scratch).to_vec()
    };
    assert_eq!(qp_decode(&encoded), canonical, "{encoded:?}");
    encoded
}

/// Lines of 70 to 80 characters around the 76-column limit, ending in every awkward way:
/// plain, `=`, a space or tab, a two- or four-byte character, with CRLF, LF or nothing
/// after them.
#[test]
fn qp_lines_around_the_limit() {
    let endings: [&[u8]; 7] = [b"", b"=", b" ", b"\t", b" x", "é".as_bytes(), "🎉".as_bytes()];
    for len in 70..=80 {
        for ending in endings {
            for eol in [&b"\r\n"[..], b"\n", b""] {
                let mut input = vec![b'a'; len - ending.len().min(len)];
                input.extend_from_slice(ending);
                input.extend_from_slice(eol);
                input.extend_from_slice(b"next");
                check_qp(&input);
            }
        }
    }
    // 75 characters of content per line, so that the soft break's `=` is the 76th: a plain
    // line of 75 stays whole, 76 and 77 are split after 75.
    assert_eq!(check_qp(&[b'a'; 76]), "a".repeat(75) + "=\r\na");
    assert_eq!(check_qp(&[b'a'; 75]), "a".repeat(75));
    assert_eq!(check_qp(&[b'a'; 77]), "a".repeat(75) + "=\r\naa");
    // `=` at the limit moves to the next line whole.
    let mut input = vec![b'a'; 73];
    input.push(b'=');
    assert_eq!(check_qp(&input), "a".repeat(73) + "=\r\n=3D");
    // A trailing space before a line break is escaped, also at the limit.
    let mut input = vec![b'a'; 74];
    input.extend_from_slice(b" \r\nb");
    assert_eq!(check_qp(&input), "a".repeat(74) + "=\r\n=20\r\nb");
}

/// Multibyte characters starting at every column near the soft break: each byte's escape
/// stays whole on one line, and mail-parser, an independent decoder, reads the text back.
#[test]
fn qp_multibyte_characters_across_soft_breaks() {
    for prefix in 0..80 {
        for ch in ["é", "Λ", "€", "🎉", "ĳ\tĳ", "ü ü", "Ω  Ω"] {
            let text = format!(
                "{}{}{}\r\n.{}",
                "x".repeat(prefix),
                ch.repeat(9),
                "y".repeat(prefix % 7),
                ch
            );
            let encoded = check_qp(text.as_bytes());
            let raw = format!(
                "Content-Type: text/plain; charset=utf-8\r\n\
                 Content-Transfer-Encoding: quoted-printable\r\n\r\n{encoded}"
            );
            let parsed = mail_parser::MessageParser::default().parse(raw.as_bytes());
            let decoded = parsed.as_ref().and_then(|m| m.body_text(0));
            assert_eq!(decoded.as_deref(), Some(text.as_str()), "{encoded:?}");
        }
    }
}

#[test]
fn qp_escapes_what_it_must() {
    assert_eq!(qp("a=b"), "a=3Db");
    assert_eq!(qp("end "), "end=20");
    assert_eq!(qp("end \nx"), "end=20\r\nx");
    assert_eq!(qp("a  b"), "a=20 b");
    // A space before a tab or another control character stays literal (the bit mask
    // leaves it to the encoder), a space before a line break does not.
    assert_eq!(qp("a \tb"), "a =09b");
    assert_eq!(qp("a \u{1}b"), "a =01b");
    assert_eq!(qp("a \r\nb"), "a=20\r\nb");
    assert_eq!(qp("a \t"), "a =09");
    assert_eq!(qp(".x"), "=2Ex");
    assert_eq!(qp("From me"), "=46rom me");
    assert_eq!(qp("Fromage"), "Fromage");
    assert_eq!(qp("é"), "=C3=A9");
}
