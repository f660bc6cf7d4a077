//! Quoted-printable bodies (RFC 2045 §6.7), the encoding for mostly-ASCII text.
//!
//! The encoder is the hot path of a campaign's HTML part, so it is built for speed: which bytes
//! stay literal is worked out 64 at a time into a bit mask ([`literal`]), runs of them are
//! copied in 16-byte pieces into a line buffer on the stack, and each finished line is appended
//! with one fixed-size copy. The reference encoder in the tests is the specification it must
//! match byte for byte.

mod literal;
#[cfg(test)]
mod tests;

use literal::{LiteralWindow, is_space_before_control};

use super::MAX_LINE;

/// Longest run of quoted-printable content on a line, so that a soft line break `=` still fits.
const QP_CONTENT: usize = MAX_LINE - 1;

/// Byte classes for quoted-printable.
const SAFE: u8 = 0;
const SPACE: u8 = 1;
const ESCAPE: u8 = 2;
const BREAK: u8 = 3;

static QP_CLASS: [u8; 256] = {
    let mut table = [ESCAPE; 256];
    let mut b = 33;
    while b <= 126 {
        table[b] = SAFE;
        b += 1;
    }
    table[b'=' as usize] = ESCAPE;
    table[b' ' as usize] = SPACE;
    // Tabs are escaped rather than written: relaxed DKIM canonicalisation would turn a literal
    // tab into a space, and a literal one gains nothing in a mail body.
    table[b'\t' as usize] = ESCAPE;
    table[b'\r' as usize] = BREAK;
    table[b'\n' as usize] = BREAK;
    table
};

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Room for one output line (75 columns and `=\r\n`) and what the fixed-size writes below may
/// put past its end: up to 15 bytes of a 16-byte copy, one of a 4-byte escape, and the 80
/// bytes [`flush_line`] copies.
const LINE_BUF: usize = 96;
/// Bytes [`flush_line`] copies however long the line is (at most 78).
const FLUSH: usize = 80;

/// `=XY` and a spare byte for every byte value, so that escaping is one four-byte store.
static QP_ESCAPED4: [[u8; 4]; 256] = {
    let mut table = [[0u8; 4]; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = [b'=', HEX[b >> 4], HEX[b & 15], 0];
        b += 1;
    }
    table
};

/// Copies `input[from..to]` (at most 75 bytes) to `line[at..]`, sixteen bytes at a time with
/// fixed-size copies that may run past the end into bytes the line does not use (yet).
#[inline]
fn copy_run(input: &[u8], from: usize, to: usize, line: &mut [u8; LINE_BUF], at: usize) {
    let (mut k, mut at) = (from, at);
    while k < to {
        match input.get(k..).and_then(<[u8]>::first_chunk::<16>) {
            Some(chunk) => line[at..at + 16].copy_from_slice(chunk),
            None => line[at..at + (to - k)].copy_from_slice(&input[k..to]),
        }
        k += 16;
        at += 16;
    }
}

/// Ends the line of `len` bytes in `line` with `end` (CRLF, or `=` CRLF for a soft break) and
/// appends it to `out`: a fixed 80-byte copy, then the excess cut off again. That is a few
/// vector moves, where copying the exact length would be a call to `memcpy` per line.
#[inline]
fn flush_line(line: &mut [u8; LINE_BUF], len: usize, end: &[u8], out: &mut Vec<u8>) {
    line[len..len + end.len()].copy_from_slice(end);
    let used = len + end.len();
    if let Some(whole) = line.first_chunk::<FLUSH>() {
        out.extend_from_slice(whole);
        out.truncate(out.len() - (FLUSH - used));
    }
}

/// Appends `input` as quoted-printable to `out`, with CRLF line breaks and no trailing CRLF
/// beyond those the input had.
///
/// Besides what RFC 2045 demands, it escapes a `.` or the `F` of `From ` at the start of a line
/// (some transports stuff or mangle those), and a space that is followed by another space (see
/// the module docs for why).
///
/// Lines are filled greedily: each byte (one column, or three when escaped) goes on the current
/// line if it fits, else after a soft line break. Which bytes stay literal is worked out 64 at
/// a time into a bit mask, so a run of them up to the end of the line is one count of trailing
/// bits and one copy; bytes to escape go through a table. Each output line is put together in a
/// buffer on the stack and appended to `out` in one piece.
pub fn quoted_printable(input: &[u8], out: &mut Vec<u8>) {
    out.reserve(input.len() + input.len() / 8 + 16);
    let n = input.len();
    let mut literal = LiteralWindow::new(input);
    let mut line = [0u8; LINE_BUF];
    let mut col = 0usize;
    let mut i = 0usize;
    while i < n {
        let first = input[i];
        if col == QP_CONTENT && !matches!(first, b'\r' | b'\n') {
            // Nothing but a line break fits after 75 columns.
            flush_line(&mut line, col, b"=\r\n", out);
            col = 0;
        }
        if col == 0 && (first == b'.' || (first == b'F' && input[i..].starts_with(b"From "))) {
            line[..4].copy_from_slice(&QP_ESCAPED4[usize::from(first)]);
            col = 3;
            i += 1;
            continue;
        }
        let limit = n.min(i + (QP_CONTENT - col));
        let end = literal.run_end(i, limit);
        if end > i {
            copy_run(input, i, end, &mut line, col);
            col += end - i;
            i = end;
            if i == limit {
                // The line is full or the input ends: the checks above decide what follows.
                continue;
            }
        }
        // The run stopped at a byte that is not literal, so no need to look for a run again.
        if is_space_before_control(input, i) {
            // `col` < 75 here, so the space fits.
            line[col] = b' ';
            col += 1;
            i += 1;
            continue;
        }
        let mut b = input[i];
        if b == b'\r' || b == b'\n' {
            // CRLF, LF and a lone CR are each one line break.
            i += if b == b'\r' && input.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            flush_line(&mut line, col, b"\r\n", out);
            col = 0;
            continue;
        }
        // A byte to escape (or a space that may not stay literal) and the bytes to escape that
        // follow it: a word of Greek or Cyrillic is one such run.
        // `room`: escapes that still fit on the line.
        let mut room = (QP_CONTENT - col) / 3;
        loop {
            if room == 0 {
                flush_line(&mut line, col, b"=\r\n", out);
                col = 0;
                room = QP_CONTENT / 3;
            }
            line[col..col + 4].copy_from_slice(&QP_ESCAPED4[usize::from(b)]);
            col += 3;
            room -= 1;
            i += 1;
            match input.get(i) {
                Some(&next) if next >= 0x80 || QP_CLASS[usize::from(next)] == ESCAPE => b = next,
                _ => break,
            }
        }
    }
    out.extend_from_slice(&line[..col]);
}
