//! Byte-level encodings used in messages: quoted-printable and base64 bodies (RFC 2045), RFC 2047
//! encoded-words and folding for header values.
//!
//! Everything appends to a caller's `Vec<u8>` so that one buffer serves many messages, and works
//! on runs of bytes rather than byte by byte where it can: this is the hot path of a campaign.
//!
//! Body encoders put text into canonical form: every line break in the input (LF, CRLF or a
//! lone CR) becomes CRLF, as RFC 2045 requires for `text/*`. Their output also never contains a
//! tab, two whitespace characters in a row, whitespace at the end of a line or a line longer
//! than 76 characters, so DKIM's "relaxed" body canonicalisation leaves it unchanged and the
//! signer can hash it as it is (see `dkim.rs`).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// The longest encoded line, without its CRLF (RFC 2045 §6.7 and §6.8).
const MAX_LINE: usize = 76;
/// Longest run of quoted-printable content on a line, so that a soft line break `=` still fits.
const QP_CONTENT: usize = MAX_LINE - 1;

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

/// Whether `b` is written as it is when `next` (a line break if `b` is the last byte) follows:
/// printable ASCII except `=`, or a space that is neither last on its line nor followed by
/// another space.
#[cfg(test)]
fn is_literal(b: u8, next: u8) -> bool {
    (b.wrapping_sub(33) <= 126 - 33 && b != b'=')
        || (b == b' ' && !matches!(next, b' ' | b'\r' | b'\n'))
}

/// [`is_literal`], except that a space before a control character other than CR and LF (a
/// tab, say) counts as not literal: testing `next > b' '` is two vector instructions where
/// the three exact comparisons take five. The encoder puts such a space back itself.
#[inline(always)]
fn is_literal_mostly(b: u8, next: u8) -> bool {
    // Bitwise `&` and `|`, not `&&` and `||`: without branches the lane loop vectorises.
    (b.wrapping_sub(33) <= 126 - 33) & (b != b'=') | (b == b' ') & (next > b' ')
}

/// Whether the space at `input[i]`, which [`is_literal_mostly`] left out, is literal after all.
#[inline]
fn is_space_before_control(input: &[u8], i: usize) -> bool {
    input[i] == b' '
        && input.get(i + 1).is_some_and(|&next| next < b' ' && next != b'\r' && next != b'\n')
}

/// Bytes classified per window; a window holds one more byte, which decides about a space in
/// the last position.
const WINDOW: usize = 64;

/// Bit `k` set when `window[k]` is literal (see [`is_literal_mostly`]), for the first 64 bytes.
///
/// Written as a lane-wise loop over fixed-size arrays, which the compiler turns into vector
/// compares, and a multiplication per eight lanes that gathers their 0/1 bytes into eight bits
/// (bit `j` of the top byte of `x * 0x0102_0408_1020_4080` is byte `j` of `x`, as no partial
/// products overlap). No `unsafe` and no SIMD intrinsics, which would need it.
#[inline]
fn literal_bits(window: &[u8; WINDOW + 1]) -> u64 {
    let (Some(current), Some(next)) =
        (window.first_chunk::<WINDOW>(), window.last_chunk::<WINDOW>())
    else {
        return 0;
    };
    let mut lanes = [0u8; WINDOW];
    for ((lane, &b), &after) in lanes.iter_mut().zip(current).zip(next) {
        *lane = u8::from(is_literal_mostly(b, after));
    }
    let mut bits = 0u64;
    for (k, group) in lanes.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(group);
        let gathered = u64::from_le_bytes(word).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        bits |= gathered << (8 * k);
    }
    bits
}

/// The literal bits of the 64 bytes from some position on, computed once and reused while the
/// encoder moves through them: each byte is classified once, not once per run it ends.
struct LiteralWindow<'a> {
    input: &'a [u8],
    base: usize,
    bits: u64,
}

impl<'a> LiteralWindow<'a> {
    fn new(input: &'a [u8]) -> Self {
        let mut window = Self { input, base: 0, bits: 0 };
        window.load(0);
        window
    }

    fn load(&mut self, base: usize) {
        self.base = base;
        self.bits = match self.input.get(base..base + WINDOW + 1) {
            Some(bytes) => match <&[u8; WINDOW + 1]>::try_from(bytes) {
                Ok(window) => literal_bits(window),
                Err(_) => 0,
            },
            None => {
                // The end of the input: padding with line breaks makes the padding and a
                // space before it (the last byte) non-literal, as the end of input must.
                let mut padded = [b'\n'; WINDOW + 1];
                let rest = self.input.get(base..).unwrap_or_default();
                padded[..rest.len()].copy_from_slice(rest);
                literal_bits(&padded)
            }
        };
    }

    /// The end of the run of literal bytes starting at `from`, at most `limit`.
    #[inline]
    fn run_end(&mut self, from: usize, limit: usize) -> usize {
        let mut k = from;
        loop {
            if k >= self.base + WINDOW {
                self.load(k);
            }
            let offset = k - self.base;
            // Bits shifted in at the top count as non-literal, so a run stops at the window's
            // end at the latest; it continues in the next window.
            let run = (!(self.bits >> offset)).trailing_zeros() as usize;
            k += run;
            if k >= limit {
                return limit;
            }
            if offset + run < WINDOW {
                return k;
            }
        }
    }
}

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

/// Input bytes per full base64 line: 57 bytes are exactly 76 characters.
const BASE64_LINE_BYTES: usize = MAX_LINE / 4 * 3;

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The two base64 characters of every 12-bit value, so that three input bytes take two
/// lookups instead of four (8 KiB, which stays in L1 while a body is encoded).
static BASE64_PAIRS: [[u8; 2]; 4096] = {
    let mut table = [[0u8; 2]; 4096];
    let mut v = 0;
    while v < 4096 {
        table[v] = [BASE64_ALPHABET[v >> 6], BASE64_ALPHABET[v & 63]];
        v += 1;
    }
    table
};

/// [`BASE64_PAIRS`] as little-endian `u16`s, for putting four pairs together in one `u64`.
static BASE64_PAIRS_LE: [u16; 4096] = {
    let mut table = [0u16; 4096];
    let mut v = 0;
    while v < 4096 {
        table[v] = u16::from_le_bytes(BASE64_PAIRS[v]);
        v += 1;
    }
    table
};

/// Encodes one full line: 57 bytes to 76 characters. Six bytes at a time are read as one
/// big-endian word (eight bytes, the last two unused, which the 57-byte array always has) and
/// written as one eight-character word; the last three bytes on their own.
#[inline]
fn base64_full_line(src: &[u8; BASE64_LINE_BYTES], dst: &mut [u8; MAX_LINE]) {
    for k in 0..9 {
        let mut word = [0u8; 8];
        word.copy_from_slice(&src[6 * k..6 * k + 8]);
        let bits = u64::from_be_bytes(word);
        let pair = |shift: u32| u64::from(BASE64_PAIRS_LE[((bits >> shift) & 0xfff) as usize]);
        let chars = pair(52) | pair(40) << 16 | pair(28) << 32 | pair(16) << 48;
        dst[8 * k..8 * k + 8].copy_from_slice(&chars.to_le_bytes());
    }
    let bits = u32::from(src[54]) << 16 | u32::from(src[55]) << 8 | u32::from(src[56]);
    dst[72..74].copy_from_slice(&BASE64_PAIRS[(bits >> 12) as usize]);
    dst[74..76].copy_from_slice(&BASE64_PAIRS[(bits & 0xfff) as usize]);
}

/// Appends `input` as base64 in lines of 76 characters separated by CRLF, without a CRLF after
/// the last line.
///
/// A full line (57 input bytes to 76 characters) is encoded with fixed-size arrays, so its loop
/// has no bounds checks and no remainder handling, into a buffer on the stack that already ends
/// in CRLF, and appended with one fixed-size copy. Growing `out` and encoding into it in place
/// would first fill it with zeros.
pub fn base64_lines(input: &[u8], out: &mut Vec<u8>) {
    if input.is_empty() {
        return;
    }
    let encoded_len = input.len().div_ceil(3) * 4;
    out.reserve(encoded_len + encoded_len.div_ceil(MAX_LINE) * 2);
    let mut lines = input.chunks_exact(BASE64_LINE_BYTES);
    let rest = lines.remainder();
    let full = lines.len();
    let mut line = [0u8; MAX_LINE + 2];
    line[MAX_LINE..].copy_from_slice(b"\r\n");
    for (k, src) in (&mut lines).enumerate() {
        if let (Ok(src), Some(chars)) =
            (<&[u8; BASE64_LINE_BYTES]>::try_from(src), line.first_chunk_mut::<MAX_LINE>())
        {
            base64_full_line(src, chars);
        }
        if k + 1 < full || !rest.is_empty() {
            out.extend_from_slice(&line);
        } else {
            out.extend_from_slice(&line[..MAX_LINE]);
        }
    }
    if rest.is_empty() {
        return;
    }
    // The last line, shorter than 76 characters: no CRLF after it.
    let mut groups = rest.chunks_exact(3);
    let mut quads = line.chunks_exact_mut(4);
    for (group, quad) in (&mut groups).zip(&mut quads) {
        let bits = u32::from(group[0]) << 16 | u32::from(group[1]) << 8 | u32::from(group[2]);
        quad[..2].copy_from_slice(&BASE64_PAIRS[(bits >> 12) as usize]);
        quad[2..].copy_from_slice(&BASE64_PAIRS[(bits & 0xfff) as usize]);
    }
    // One or two bytes left over: padded to a full quad.
    let left = groups.remainder();
    if let (Some(&first), Some(quad)) = (left.first(), quads.next()) {
        let second = left.get(1).copied();
        let bits = u32::from(first) << 16 | u32::from(second.unwrap_or(0)) << 8;
        quad[..2].copy_from_slice(&BASE64_PAIRS[(bits >> 12) as usize]);
        quad[2] = if second.is_some() { BASE64_ALPHABET[(bits >> 6 & 63) as usize] } else { b'=' };
        quad[3] = b'=';
    }
    out.extend_from_slice(&line[..rest.len().div_ceil(3) * 4]);
}

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
                        if col == 0
                            && (b == b'.' || (b == b'F' && input[i..].starts_with(b"From ")))
                        {
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
                                SPACE
                                    if j + 1 < n && QP_CLASS[usize::from(input[j + 1])] == SAFE =>
                                {
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
            !encoded.contains('\n')
                || encoded.matches('\n').count() == encoded.matches("\r\n").count()
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

    /// The bit mask of literal bytes against the per-byte definition, on windows of random
    /// bytes drawn mostly from the bytes that matter (spaces, breaks, `=`, tabs, high bytes).
    #[test]
    fn literal_bits_match_the_byte_rule() {
        const BYTES: [u8; 12] =
            [b' ', b' ', b'\r', b'\n', b'=', b'\t', b'a', b'.', 0xc3, 0x7f, 0, b'~'];
        let mut seed: u64 = 0x1234_5678_9abc_def1;
        for _ in 0..20_000 {
            let mut window = [0u8; WINDOW + 1];
            for b in &mut window {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                *b = if seed.is_multiple_of(4) {
                    (seed >> 32) as u8
                } else {
                    BYTES[(seed >> 40) as usize % 12]
                };
            }
            let expected = (0..WINDOW).fold(0u64, |bits, k| {
                let (b, next) = (window[k], window[k + 1]);
                let left_to_encoder = b == b' ' && next < b' ' && !matches!(next, b'\r' | b'\n');
                bits | u64::from(is_literal(b, next) && !left_to_encoder) << k
            });
            assert_eq!(literal_bits(&window), expected, "{window:?}");
        }
    }

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

    #[test]
    fn line_breaks_become_crlf() {
        let mut scratch = Vec::new();
        assert_eq!(canonical_line_breaks(b"a\r\nb", &mut scratch), b"a\r\nb");
        let mut scratch = Vec::new();
        assert_eq!(canonical_line_breaks(b"a\nb\rc\r", &mut scratch), b"a\r\nb\r\nc\r\n");
    }

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
