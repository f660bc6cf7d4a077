//! The parts of two-factor sign-in that need no database: RFC 4226/6238 one-time passwords
//! (HMAC-SHA-1, 30-second steps), base32 (RFC 4648) for authenticator apps, the encryption
//! of stored secrets, and recovery codes.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore as _;
use sha1::Sha1;
use sha2::Sha256;
use subtle::ConstantTimeEq as _;

/// Seconds per TOTP step (RFC 6238's default, what every authenticator app uses).
pub const STEP_SECONDS: i64 = 30;
/// Digits of a code.
pub const DIGITS: u32 = 6;
/// Bytes of a new secret: 160 bits, RFC 4226's recommendation for HMAC-SHA-1.
pub const SECRET_BYTES: usize = 20;
/// Recovery codes made at once.
pub const RECOVERY_CODES: usize = 10;
/// Base32 characters of a recovery code: 50 bits, and useless without the password.
const RECOVERY_CODE_CHARS: usize = 10;
const NONCE_BYTES: usize = 16;
const TAG_BYTES: usize = 16;
const CIPHER_VERSION: &str = "v1.";
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

type HmacSha1 = Hmac<Sha1>;
type HmacSha256 = Hmac<Sha256>;

/// RFC 4226 HOTP: the `digits`-digit code of `counter`, zero-padded.
pub fn hotp(key: &[u8], counter: u64, digits: u32) -> String {
    // HMAC takes keys of any length, so this never fails.
    let Ok(mut mac) = HmacSha1::new_from_slice(key) else { return String::new() };
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[hash.len() - 1] & 0x0f);
    let binary = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    let code = u64::from(binary) % 10u64.pow(digits);
    format!("{code:0width$}", width = digits as usize)
}

/// The TOTP step of a Unix time.
pub fn step_of(unix: i64) -> i64 {
    unix.div_euclid(STEP_SECONDS)
}

/// RFC 6238 TOTP: the code at Unix time `unix`.
pub fn totp(key: &[u8], unix: i64, digits: u32) -> String {
    hotp(key, u64::try_from(step_of(unix)).unwrap_or(0), digits)
}

/// The step whose code `code` is, within one step either side of `unix` (clocks drift, and
/// typing takes time); `None` if it is none of them. Every candidate is compared, in
/// constant time, so timing does not tell which one matched.
pub fn matching_step(key: &[u8], code: &str, unix: i64) -> Option<i64> {
    let now = step_of(unix);
    let mut found = None;
    for step in [now - 1, now, now + 1] {
        let Ok(counter) = u64::try_from(step) else { continue };
        let expected = hotp(key, counter, DIGITS);
        if bool::from(expected.as_bytes().ct_eq(code.as_bytes())) {
            found = Some(step);
        }
    }
    found
}

/// A code as typed: spaces and dashes dropped.
pub fn normalise_code(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace() && *c != '-').collect()
}

pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(BASE32[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(BASE32[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// Decodes unpadded base32, case-insensitively; `None` for any other character.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').chars() {
        let c = c.to_ascii_uppercase();
        let value = BASE32.iter().position(|&b| char::from(b) == c)?;
        buffer = (buffer << 5) | value as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; SECRET_BYTES];
    rand::rng().fill_bytes(&mut secret);
    secret
}

/// New recovery codes, as shown once: lower-case base32 in two groups of five.
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 8];
            rand::rng().fill_bytes(&mut bytes);
            let text = base32_encode(&bytes).to_ascii_lowercase();
            let text = &text[..RECOVERY_CODE_CHARS];
            format!("{}-{}", &text[..5], &text[5..])
        })
        .collect()
}

/// What the database kept of a recovery code before keyed hashes: the SHA-256 of its
/// normalised form. Still accepted when a code is used, so codes shown before the change keep
/// working; new codes are stored as [`recovery_code_mac`].
pub fn recovery_code_hash(code: &str) -> String {
    rundbrief_core::model::sha256_hex(normalise_code(code).to_ascii_lowercase().as_bytes())
}

/// What the database keeps of a recovery code: HMAC-SHA-256 of its normalised form under
/// `key` (derived from the instance secret key), in hex. A code has 50 bits; with a plain hash
/// a copy of the database could be searched for them offline, with the key it cannot.
pub fn recovery_code_mac(key: &[u8], code: &str) -> Option<String> {
    let normalised = normalise_code(code).to_ascii_lowercase();
    let mac = keyed(key, b"recovery-code\0", &[normalised.as_bytes()])?;
    let mut hex = String::with_capacity(64);
    for byte in mac {
        use std::fmt::Write as _;
        let _ = write!(hex, "{byte:02x}");
    }
    Some(hex)
}

fn keyed(key: &[u8], label: &[u8], parts: &[&[u8]]) -> Option<[u8; 32]> {
    let mut mac = HmacSha256::new_from_slice(key).ok()?;
    mac.update(label);
    for part in parts {
        mac.update(part);
    }
    Some(mac.finalize().into_bytes().into())
}

/// Encrypts a TOTP secret (at most 32 bytes) for the database: a random nonce, the secret
/// XORed with HMAC-SHA-256(key, nonce) as key stream, and a truncated HMAC tag over both
/// (encrypt-then-MAC). `key` is derived from the instance secret key; the hash crates already
/// here suffice, so no cipher crate is needed for 20 bytes.
pub fn seal(key: &[u8], secret: &[u8]) -> Option<String> {
    if secret.len() > 32 {
        return None;
    }
    let mut nonce = [0u8; NONCE_BYTES];
    rand::rng().fill_bytes(&mut nonce);
    let stream = keyed(key, b"totp-stream\0", &[&nonce])?;
    let cipher: Vec<u8> = secret.iter().zip(stream).map(|(s, k)| s ^ k).collect();
    let tag = keyed(key, b"totp-tag\0", &[&nonce, &cipher])?;
    let mut sealed = nonce.to_vec();
    sealed.extend_from_slice(&cipher);
    sealed.extend_from_slice(&tag[..TAG_BYTES]);
    Some(format!("{CIPHER_VERSION}{}", URL_SAFE_NO_PAD.encode(sealed)))
}

/// The secret [`seal`] sealed, or `None` if it was sealed with another key or altered.
pub fn open(key: &[u8], sealed: &str) -> Option<Vec<u8>> {
    let bytes = URL_SAFE_NO_PAD.decode(sealed.strip_prefix(CIPHER_VERSION)?).ok()?;
    if bytes.len() < NONCE_BYTES + TAG_BYTES {
        return None;
    }
    let (nonce, rest) = bytes.split_at(NONCE_BYTES);
    let (cipher, tag) = rest.split_at(rest.len() - TAG_BYTES);
    let expected = keyed(key, b"totp-tag\0", &[nonce, cipher])?;
    if !bool::from(expected[..TAG_BYTES].ct_eq(tag)) {
        return None;
    }
    let stream = keyed(key, b"totp-stream\0", &[nonce])?;
    Some(cipher.iter().zip(stream).map(|(c, k)| c ^ k).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B, the SHA-1 rows: the 20-byte ASCII key, 8 digits, 30 s steps.
    #[test]
    fn the_rfc_6238_test_vectors_pass() {
        let key = b"12345678901234567890";
        let vectors = [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ];
        for (time, code) in vectors {
            assert_eq!(totp(key, time, 8), code, "T = {time}");
        }
    }

    /// RFC 4226 Appendix D: HOTP of counters 0..9 with the same key, 6 digits.
    #[test]
    fn the_rfc_4226_test_vectors_pass() {
        let expected = [
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
            "399871", "520489",
        ];
        for (counter, code) in expected.iter().enumerate() {
            assert_eq!(hotp(b"12345678901234567890", counter as u64, 6), *code);
        }
    }

    #[test]
    fn a_code_matches_one_step_either_side_and_no_further() {
        let key = b"12345678901234567890";
        let now = 1_111_111_111;
        let step = step_of(now);
        assert_eq!(matching_step(key, &totp(key, now, DIGITS), now), Some(step));
        assert_eq!(matching_step(key, &totp(key, now - 30, DIGITS), now), Some(step - 1));
        assert_eq!(matching_step(key, &totp(key, now + 30, DIGITS), now), Some(step + 1));
        assert_eq!(matching_step(key, &totp(key, now - 60, DIGITS), now), None);
        assert_eq!(matching_step(key, &totp(key, now + 60, DIGITS), now), None);
        assert_eq!(matching_step(key, "", now), None);
    }

    #[test]
    fn base32_round_trips_and_matches_rfc_4648() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("MZXW6YTBOI======").as_deref(), Some(&b"foobar"[..]));
        assert_eq!(base32_decode("mzxw6ytboi").as_deref(), Some(&b"foobar"[..]));
        assert_eq!(base32_decode("MZ1"), None);
        let secret = new_secret();
        assert_eq!(base32_decode(&base32_encode(&secret)), Some(secret));
    }

    #[test]
    fn sealed_secrets_open_only_with_their_key_and_unaltered() {
        let secret = new_secret();
        let sealed = seal(b"key one", &secret).expect("sealed");
        assert!(!sealed.contains(&base32_encode(&secret)));
        assert_eq!(open(b"key one", &sealed), Some(secret.clone()));
        assert_eq!(open(b"key two", &sealed), None);
        let mut altered = sealed.clone().into_bytes();
        let last = altered.len() - 5;
        altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
        assert_eq!(open(b"key one", &String::from_utf8(altered).expect("ascii")), None);
        assert_ne!(seal(b"key one", &secret), Some(sealed), "a fresh nonce each time");
    }

    #[test]
    fn recovery_codes_are_keyed_and_match_as_typed() {
        let code = "abcde-fghij";
        let mac = recovery_code_mac(b"instance key", code).expect("keyed");
        assert_eq!(mac.len(), 64);
        assert_eq!(recovery_code_mac(b"instance key", " ABCDE FGHIJ ").as_deref(), Some(&*mac));
        assert_ne!(recovery_code_mac(b"another key", code).as_deref(), Some(&*mac));
        assert_ne!(mac, recovery_code_hash(code), "not the plain hash");
    }

    #[test]
    fn recovery_codes_are_distinct_and_hash_as_typed() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), RECOVERY_CODES);
        let code = &codes[0];
        assert_eq!(code.len(), 11);
        let typed = format!(" {} ", code.replace('-', " ").to_uppercase());
        assert_eq!(recovery_code_hash(&typed), recovery_code_hash(code));
    }
}
