//! The proof-of-work challenge of the sign-up form (issue 23), after ALTCHA: no third party,
//! no cookie, nothing stored until a solution is spent.
//!
//! The server picks a random salt that carries its expiry (`<hex>.<unix seconds>`) and a
//! secret number up to `max_number`, and publishes `challenge = SHA-256(salt || number)` in
//! hex with `signature = MAC(challenge)` (HMAC-SHA256 with the instance key, its own tag). The
//! browser tries numbers from 0 until the hash matches and sends salt, number and signature
//! back. The server recomputes the challenge from what came back, so it needs no table of
//! issued challenges: a signature that matches proves the salt and number are the pair it
//! issued, and the salt's expiry cannot be changed without breaking it. That a solution is
//! used once is the caller's part (the store's spent salts), keyed by the salt.
//!
//! `salt || number` has no separator (ALTCHA's widget hashes it so), so digits could move
//! from the front of the number to the end of the salt with the same hash and signature: a
//! later expiry and a new spent-salt key from one solve. `verify` therefore takes only the
//! exact salt shape `issue` writes (hex of `SALT_BYTES`, a dot, ten digits) and a number
//! without leading zeros, and refuses an expiry further away than the caller's lifetime.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use time::OffsetDateTime;

use crate::token::TokenSigner;

/// Mixed into the MAC, so that no link token or VERP address ever verifies as a challenge.
const TAG: &str = "signup-pow";
/// Random bytes of a salt: enough that two challenges never share one.
pub const SALT_BYTES: usize = 12;

/// What the browser is given (the JSON of `/subscribe/challenge`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Challenge {
    /// Always `SHA-256`, as ALTCHA names it.
    pub algorithm: &'static str,
    /// `SHA-256(salt || number)` in lower-case hex.
    pub challenge: String,
    /// The secret number is at most this; the browser stops there.
    pub maxnumber: u64,
    pub salt: String,
    /// The MAC of `challenge`, lower-case hex.
    pub signature: String,
}

/// What the form sends back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    pub salt: String,
    pub number: String,
    pub signature: String,
}

/// Why a solution was refused. Each is the same to the person: the check did not pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PowError {
    #[error("no proof-of-work solution was sent")]
    Missing,
    #[error("the proof-of-work solution is malformed")]
    Malformed,
    #[error("the proof-of-work solution does not match a challenge of this instance")]
    Wrong,
    #[error("the proof-of-work challenge has expired")]
    Expired,
    #[error("the proof-of-work solution was used before")]
    Replayed,
}

/// A new challenge whose secret is `number` (at most `max_number`), valid until `expires_at`.
/// `random` comes from the caller's random source; this crate does no I/O.
pub fn issue(
    signer: &TokenSigner,
    random: [u8; SALT_BYTES],
    number: u64,
    max_number: u64,
    expires_at: OffsetDateTime,
) -> Challenge {
    let salt = format!("{}.{}", hex(&random), expires_at.unix_timestamp());
    let challenge = hash(&salt, number.min(max_number));
    let signature = hex(&signer.mac(TAG, challenge.as_bytes()));
    Challenge { algorithm: "SHA-256", challenge, maxnumber: max_number, salt, signature }
}

/// Checks a solution: its signature, then its expiry. Returns when the salt expires, which is
/// as long as the caller must remember that it was spent.
pub fn verify(
    signer: &TokenSigner,
    solution: &Solution,
    now: OffsetDateTime,
    lifetime: time::Duration,
) -> Result<OffsetDateTime, PowError> {
    let Solution { salt, number, signature } = solution;
    if salt.is_empty() && number.is_empty() && signature.is_empty() {
        return Err(PowError::Missing);
    }
    if !issued_shape(salt) || signature.len() != 64 || !canonical_number(number) {
        return Err(PowError::Malformed);
    }
    let number: u64 = number.parse().map_err(|_| PowError::Malformed)?;
    let expected = hex(&signer.mac(TAG, hash(salt, number).as_bytes()));
    // Authenticate before reading the expiry, so nothing unauthenticated steers the logic.
    if !bool::from(expected.as_bytes().ct_eq(signature.to_ascii_lowercase().as_bytes())) {
        return Err(PowError::Wrong);
    }
    let expiry = salt
        .rsplit_once('.')
        .and_then(|(_, seconds)| seconds.parse::<i64>().ok())
        .and_then(|seconds| OffsetDateTime::from_unix_timestamp(seconds).ok())
        .ok_or(PowError::Malformed)?;
    if now >= expiry {
        return Err(PowError::Expired);
    }
    // No challenge is issued for longer; a later expiry was not written by `issue`. A minute
    // of grace for web processes whose clocks differ a little.
    if expiry > now + lifetime + time::Duration::minutes(1) {
        return Err(PowError::Wrong);
    }
    Ok(expiry)
}

/// `<hex of SALT_BYTES>.<ten digits>`, exactly what `issue` writes (until the year 2286).
fn issued_shape(salt: &str) -> bool {
    let Some((random, seconds)) = salt.split_once('.') else { return false };
    random.len() == SALT_BYTES * 2
        && random.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && seconds.len() == 10
        && seconds.bytes().all(|b| b.is_ascii_digit())
}

/// Decimal as `u64::to_string` writes it: no sign, no leading zero, at most 20 digits.
fn canonical_number(number: &str) -> bool {
    !number.is_empty()
        && number.len() <= 20
        && number.bytes().all(|b| b.is_ascii_digit())
        && (number == "0" || !number.starts_with('0'))
}

/// `SHA-256(salt || number in decimal)` in hex, what the browser computes too.
pub fn hash(salt: &str, number: u64) -> String {
    let mut digest = Sha256::new();
    digest.update(salt.as_bytes());
    digest.update(number.to_string().as_bytes());
    hex(&digest.finalize())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use time::Duration;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-06 12:00:00 UTC);
    const TTL: Duration = Duration::minutes(30);

    fn signer(key: &[u8]) -> TokenSigner {
        TokenSigner::new(key).unwrap()
    }

    fn solve(challenge: &Challenge) -> Solution {
        let number = (0..=challenge.maxnumber)
            .find(|n| hash(&challenge.salt, *n) == challenge.challenge)
            .unwrap();
        Solution {
            salt: challenge.salt.clone(),
            number: number.to_string(),
            signature: challenge.signature.clone(),
        }
    }

    #[test]
    fn a_solved_challenge_verifies_until_it_expires() {
        let key = signer(&[7; 32]);
        let expires = NOW + Duration::minutes(20);
        let challenge = issue(&key, [1; SALT_BYTES], 4242, 10_000, expires);
        assert_eq!(challenge.salt, format!("{}.{}", "01".repeat(12), expires.unix_timestamp()));
        assert_eq!(challenge.challenge, hash(&challenge.salt, 4242));
        let solution = solve(&challenge);
        assert_eq!(solution.number, "4242");
        assert_eq!(verify(&key, &solution, NOW, TTL), Ok(expires));
        assert_eq!(verify(&key, &solution, expires, TTL), Err(PowError::Expired));
    }

    #[test]
    fn wrong_numbers_keys_salts_and_signatures_are_refused() {
        let key = signer(&[7; 32]);
        let challenge = issue(&key, [2; SALT_BYTES], 17, 100, NOW + Duration::minutes(5));
        let good = solve(&challenge);
        let refused = |solution: Solution, with: &TokenSigner| verify(with, &solution, NOW, TTL);
        assert_eq!(
            refused(Solution { number: "18".into(), ..good.clone() }, &key),
            Err(PowError::Wrong)
        );
        assert_eq!(refused(good.clone(), &signer(&[8; 32])), Err(PowError::Wrong));
        // A later expiry written into the salt breaks the signature.
        let (random, _) = good.salt.rsplit_once('.').unwrap();
        let later = format!("{random}.{}", (NOW + Duration::days(9)).unix_timestamp());
        assert_eq!(refused(Solution { salt: later, ..good.clone() }, &key), Err(PowError::Wrong));
        let empty =
            Solution { salt: String::new(), number: String::new(), signature: String::new() };
        assert_eq!(refused(empty, &key), Err(PowError::Missing));
        for number in ["-1", "x", "99999999999999999999999"] {
            let bad = Solution { number: number.into(), ..good.clone() };
            assert_eq!(refused(bad, &key), Err(PowError::Malformed), "{number}");
        }
        let short = Solution { signature: "ab".into(), ..good.clone() };
        assert_eq!(refused(short, &key), Err(PowError::Malformed));
        assert_eq!(refused(good, &key).map(|_| ()), Ok(()));
    }

    /// Digits moved from the number's front to the salt's end keep hash and signature; the
    /// salt's shape and the lifetime refuse them (a later expiry, and a second spent-salt key).
    #[test]
    fn digits_moved_between_number_and_salt_are_refused() {
        let key = signer(&[7; 32]);
        let challenge = issue(&key, [4; SALT_BYTES], 31_337, 50_000, NOW + Duration::minutes(20));
        let good = solve(&challenge);
        for split in 1..good.number.len() {
            let (front, rest) = good.number.split_at(split);
            let moved = Solution {
                salt: format!("{}{front}", good.salt),
                number: rest.to_owned(),
                signature: good.signature.clone(),
            };
            assert_eq!(hash(&moved.salt, rest.parse().unwrap()), challenge.challenge);
            assert_eq!(verify(&key, &moved, NOW, TTL), Err(PowError::Malformed), "{split}");
        }
        // A salt of the right shape whose expiry lies beyond the lifetime was not issued now.
        let far = issue(&key, [5; SALT_BYTES], 3, 10, NOW + Duration::days(400));
        assert_eq!(verify(&key, &solve(&far), NOW, TTL), Err(PowError::Wrong));
        let padded = Solution { number: format!("0{}", good.number), ..good.clone() };
        assert_eq!(verify(&key, &padded, NOW, TTL), Err(PowError::Malformed));
        assert!(verify(&key, &good, NOW, TTL).is_ok());
    }

    #[test]
    fn the_signature_is_not_a_link_token_mac() {
        let key = signer(&[7; 32]);
        let challenge = issue(&key, [3; SALT_BYTES], 1, 10, NOW);
        assert_ne!(challenge.signature, hex(&key.mac("confirm", challenge.challenge.as_bytes())));
    }
}
