//! Which bytes quoted-printable writes as they are, decided for 64 bytes at once.
//!
//! Classifying each byte with a branch was most of the encoder's time; a bit mask per window
//! turns finding the end of a literal run into one count of trailing bits.

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
pub(super) fn is_space_before_control(input: &[u8], i: usize) -> bool {
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
pub(super) struct LiteralWindow<'a> {
    input: &'a [u8],
    base: usize,
    bits: u64,
}

impl<'a> LiteralWindow<'a> {
    pub(super) fn new(input: &'a [u8]) -> Self {
        let mut window = Self { input, base: 0, bits: 0 };
        window.load(0);
        window
    }

    // `#[inline]`: the encoder that calls it is in the parent module, which may be compiled in
    // another codegen unit, and as a call `literal_bits` cost quoted-printable 1.8 % more
    // instructions.
    #[inline]
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
    pub(super) fn run_end(&mut self, from: usize, limit: usize) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
