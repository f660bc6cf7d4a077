//! Line breaks in canonical form (CRLF) for base64 bodies and bodies sent as they are, whose
//! encoders do not look at lines themselves; quoted-printable turns breaks into CRLF as it goes.

/// Returns `input` with every line break as CRLF, using `scratch` only when a change is needed.
pub fn canonical_line_breaks<'a>(input: &'a [u8], scratch: &'a mut Vec<u8>) -> &'a [u8] {
    // One pass: up to the first break that is not a CRLF the input is copied as it is, and the
    // search goes on from there. Text rendered with LF breaks stops at the first one.
    let first_change = memchr::memchr2_iter(b'\r', b'\n', input).find(|&p| match input[p] {
        b'\r' => input.get(p + 1) != Some(&b'\n'),
        _ => p == 0 || input[p - 1] != b'\r',
    });
    let Some(first) = first_change else {
        return input;
    };
    scratch.clear();
    scratch.reserve(input.len() + input.len() / 16 + 2);
    let mut copied = 0;
    for p in memchr::memchr2_iter(b'\r', b'\n', &input[first..]).map(|p| p + first) {
        if p < copied {
            continue; // the LF of a CRLF already written
        }
        scratch.extend_from_slice(&input[copied..p]);
        scratch.extend_from_slice(b"\r\n");
        copied = if input[p] == b'\r' && input.get(p + 1) == Some(&b'\n') { p + 2 } else { p + 1 };
    }
    scratch.extend_from_slice(&input[copied..]);
    scratch
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_become_crlf() {
        let mut scratch = Vec::new();
        assert_eq!(canonical_line_breaks(b"a\r\nb", &mut scratch), b"a\r\nb");
        let mut scratch = Vec::new();
        assert_eq!(canonical_line_breaks(b"a\nb\rc\r", &mut scratch), b"a\r\nb\r\nc\r\n");
    }
}
