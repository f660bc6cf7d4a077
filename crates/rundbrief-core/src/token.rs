//! Signed, purpose-bound tokens for links in mails (confirm, unsubscribe, preferences) and for
//! the one-time admin setup link.
//!
//! The tokens are stateless: the server needs no table of issued links, only its key. That is
//! what lets an unsubscribe link from a three-year-old issue still work, and why the MAC must
//! bind the purpose: otherwise an unsubscribe link (which every recipient has) could be replayed
//! as a confirmation link.
//!
//! Format: `<payload>.<mac>`, both base64url without padding, so the token can sit in a URL path
//! or query without escaping. The payload is 17 bytes: a version byte, the subject as big-endian
//! `i64`, and the expiry as big-endian unix seconds (`0` = never). The MAC is the full 32-byte
//! HMAC-SHA256 over `purpose tag || 0x00 || payload`.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::OffsetDateTime;

type HmacSha256 = Hmac<Sha256>;

/// Shorter keys are rejected: HMAC-SHA256 keys below the hash size weaken the MAC, and a short
/// key is usually a placeholder someone forgot to replace.
pub const MIN_KEY_LEN: usize = 32;

const VERSION: u8 = 1;
const PAYLOAD_LEN: usize = 1 + 8 + 8;
const MAC_LEN: usize = 32;
/// base64url without padding of `PAYLOAD_LEN` and `MAC_LEN` bytes, plus the dot. Anything longer
/// is rejected before decoding, so huge inputs cost nothing.
const TOKEN_LEN: usize = unpadded_base64_len(PAYLOAD_LEN) + 1 + unpadded_base64_len(MAC_LEN);

const fn unpadded_base64_len(bytes: usize) -> usize {
    (bytes * 4).div_ceil(3)
}

/// What a token may be used for. A token signed for one purpose never verifies for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenPurpose {
    Confirm,
    Unsubscribe,
    Preferences,
    AdminSetup,
    /// An invitation by mail to create an editor account; the subject is the invitation's row.
    AccountInvitation,
    /// A password reset by mail; the subject is the reset's row, not the account.
    PasswordReset,
}

impl TokenPurpose {
    pub const ALL: [TokenPurpose; 6] = [
        TokenPurpose::Confirm,
        TokenPurpose::Unsubscribe,
        TokenPurpose::Preferences,
        TokenPurpose::AdminSetup,
        TokenPurpose::AccountInvitation,
        TokenPurpose::PasswordReset,
    ];

    /// The tag mixed into the MAC input. Changing a tag invalidates every link already sent
    /// for that purpose, so these strings are frozen.
    pub fn tag(self) -> &'static str {
        match self {
            TokenPurpose::Confirm => "confirm",
            TokenPurpose::Unsubscribe => "unsubscribe",
            TokenPurpose::Preferences => "preferences",
            TokenPurpose::AdminSetup => "admin-setup",
            TokenPurpose::AccountInvitation => "account-invitation",
            TokenPurpose::PasswordReset => "password-reset",
        }
    }
}

/// Why a token was not accepted.
///
/// A token for another purpose yields [`TokenError::BadSignature`]: the purpose is not written
/// in the token, only mixed into the MAC, so the two cases cannot be told apart. That is fine;
/// the caller has nothing different to do in either case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the link token is malformed")]
    Malformed,
    #[error("the link token's signature is not valid")]
    BadSignature,
    #[error("the link token has expired")]
    Expired,
    #[error("the token signing key must be at least {MIN_KEY_LEN} bytes long, got {len}")]
    KeyTooShort { len: usize },
}

/// Signs and verifies tokens with one secret key.
#[derive(Clone)]
pub struct TokenSigner {
    // Keyed once: cloning the keyed state is cheaper than re-deriving the HMAC pads per token.
    mac: HmacSha256,
}

impl fmt::Debug for TokenSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSigner").field("key", &"<redacted>").finish()
    }
}

impl TokenSigner {
    pub fn new(key: &[u8]) -> Result<Self, TokenError> {
        if key.len() < MIN_KEY_LEN {
            return Err(TokenError::KeyTooShort { len: key.len() });
        }
        // HMAC accepts keys of any length, so this cannot fail; map it anyway rather than panic.
        let mac = HmacSha256::new_from_slice(key)
            .map_err(|_| TokenError::KeyTooShort { len: key.len() })?;
        Ok(Self { mac })
    }

    /// Creates a token for `subject` (a subscriber or user id). `None` means it never expires,
    /// which suits unsubscribe links: they must keep working for as long as the mail exists.
    /// Expiry is stored with one-second resolution, rounded down.
    pub fn sign(
        &self,
        purpose: TokenPurpose,
        subject: i64,
        expires_at: Option<OffsetDateTime>,
    ) -> String {
        let expiry = match expires_at.map(OffsetDateTime::unix_timestamp) {
            None => 0,
            // 0 is reserved for "never"; the epoch itself is long past, and -1 is just as past.
            Some(0) => -1,
            Some(seconds) => seconds,
        };
        let mut payload = [0u8; PAYLOAD_LEN];
        payload[0] = VERSION;
        payload[1..9].copy_from_slice(&subject.to_be_bytes());
        payload[9..17].copy_from_slice(&expiry.to_be_bytes());

        let tag = self.keyed(purpose, &payload).finalize().into_bytes();
        let mut token = URL_SAFE_NO_PAD.encode(payload);
        token.push('.');
        URL_SAFE_NO_PAD.encode_string(tag, &mut token);
        token
    }

    /// Checks the token and returns its subject. The token is valid up to, but excluding, its
    /// expiry second.
    pub fn verify(
        &self,
        token: &str,
        purpose: TokenPurpose,
        now: OffsetDateTime,
    ) -> Result<i64, TokenError> {
        if token.len() != TOKEN_LEN {
            return Err(TokenError::Malformed);
        }
        let (payload_b64, mac_b64) = token.split_once('.').ok_or(TokenError::Malformed)?;
        // The strict engine also rejects non-zero trailing bits, so each payload has exactly one
        // spelling and a token cannot be varied while keeping its signature.
        let payload: [u8; PAYLOAD_LEN] = URL_SAFE_NO_PAD
            .decode(payload_b64)
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or(TokenError::Malformed)?;
        let tag: [u8; MAC_LEN] = URL_SAFE_NO_PAD
            .decode(mac_b64)
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or(TokenError::Malformed)?;

        // Authenticate before looking at any field, so nothing unauthenticated steers the logic.
        // `verify_slice` compares in constant time.
        self.keyed(purpose, &payload).verify_slice(&tag).map_err(|_| TokenError::BadSignature)?;

        if payload[0] != VERSION {
            return Err(TokenError::Malformed);
        }
        let subject = i64::from_be_bytes(read8(&payload, 1));
        let expiry = i64::from_be_bytes(read8(&payload, 9));
        if expiry != 0 && now.unix_timestamp() >= expiry {
            return Err(TokenError::Expired);
        }
        Ok(subject)
    }

    /// HMAC-SHA256 over `tag || 0x00 || data` with this signer's key, for the other signed
    /// forms of this crate (the VERP addresses in [`crate::verp`]). One key serves them all;
    /// `tag` must differ from every [`TokenPurpose::tag`], so that no such MAC is ever a link
    /// token's and no link token's MAC ever verifies as one of these.
    pub(crate) fn mac(&self, tag: &str, data: &[u8]) -> [u8; MAC_LEN] {
        let mut mac = self.mac.clone();
        mac.update(tag.as_bytes());
        mac.update(&[0]);
        mac.update(data);
        let mut out = [0u8; MAC_LEN];
        out.copy_from_slice(&mac.finalize().into_bytes());
        out
    }

    fn keyed(&self, purpose: TokenPurpose, payload: &[u8; PAYLOAD_LEN]) -> HmacSha256 {
        let mut mac = self.mac.clone();
        // The separator keeps tag and payload apart even if a future tag is a prefix of another.
        mac.update(purpose.tag().as_bytes());
        mac.update(&[0]);
        mac.update(payload);
        mac
    }
}

fn read8(payload: &[u8; PAYLOAD_LEN], start: usize) -> [u8; 8] {
    let mut out = [0u8; 8];
    out.copy_from_slice(&payload[start..start + 8]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;
    use time::macros::datetime;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
    const OTHER_KEY: &[u8] = b"fedcba9876543210fedcba9876543210";
    const NOW: OffsetDateTime = datetime!(2025-06-01 12:00:00 UTC);

    fn signer() -> TokenSigner {
        TokenSigner::new(KEY).expect("32-byte key")
    }

    fn decode_parts(token: &str) -> (Vec<u8>, Vec<u8>) {
        let (payload, mac) = token.split_once('.').expect("dot");
        (
            URL_SAFE_NO_PAD.decode(payload).expect("payload"),
            URL_SAFE_NO_PAD.decode(mac).expect("mac"),
        )
    }

    fn encode_parts(payload: &[u8], mac: &[u8]) -> String {
        format!("{}.{}", URL_SAFE_NO_PAD.encode(payload), URL_SAFE_NO_PAD.encode(mac))
    }

    /// Verifies the token made of `payload` and `mac` at `NOW`.
    fn verify_parts(
        signer: &TokenSigner,
        payload: &[u8],
        mac: &[u8],
        purpose: TokenPurpose,
    ) -> Result<i64, TokenError> {
        signer.verify(&encode_parts(payload, mac), purpose, NOW)
    }

    /// Every copy of `bytes` with exactly one bit flipped, with the byte and bit flipped.
    fn flipped_bits(bytes: &[u8]) -> impl Iterator<Item = (usize, u8, Vec<u8>)> + '_ {
        (0..bytes.len()).flat_map(move |byte| {
            (0..8).map(move |bit| {
                let mut flipped = bytes.to_vec();
                flipped[byte] ^= 1 << bit;
                (byte, bit, flipped)
            })
        })
    }

    #[test]
    fn round_trip_for_every_purpose() {
        let signer = signer();
        for purpose in TokenPurpose::ALL {
            for subject in [0, 1, 42, -1, i64::MAX, i64::MIN] {
                let token = signer.sign(purpose, subject, None);
                assert_eq!(signer.verify(&token, purpose, NOW), Ok(subject));
                let expiring = signer.sign(purpose, subject, Some(NOW + Duration::days(7)));
                assert_eq!(signer.verify(&expiring, purpose, NOW), Ok(subject));
            }
        }
    }

    #[test]
    fn tokens_are_url_safe_compact_and_deterministic() {
        let signer = signer();
        let token = signer.sign(TokenPurpose::Unsubscribe, 123_456, Some(NOW));
        assert_eq!(token.len(), TOKEN_LEN);
        assert_eq!(TOKEN_LEN, 23 + 1 + 43);
        assert!(
            token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'),
            "{token}"
        );
        assert_eq!(token.matches('.').count(), 1);
        assert_eq!(token, signer.sign(TokenPurpose::Unsubscribe, 123_456, Some(NOW)));
    }

    #[test]
    fn payload_layout_is_stable() {
        let token = signer().sign(TokenPurpose::Confirm, 0x0102, Some(NOW));
        let (payload, mac) = decode_parts(&token);
        assert_eq!(payload[0], VERSION);
        assert_eq!(&payload[1..9], &0x0102_i64.to_be_bytes());
        assert_eq!(&payload[9..17], &NOW.unix_timestamp().to_be_bytes());
        assert_eq!(mac.len(), 32);

        let never = signer().sign(TokenPurpose::Confirm, 7, None);
        let (payload, _) = decode_parts(&never);
        assert_eq!(&payload[9..17], &[0; 8]);
    }

    #[test]
    fn mac_is_hmac_sha256_over_tag_separator_payload() {
        let token = signer().sign(TokenPurpose::Preferences, 99, None);
        let (payload, mac) = decode_parts(&token);
        let mut reference = HmacSha256::new_from_slice(KEY).expect("key");
        reference.update(b"preferences\0");
        reference.update(&payload);
        assert_eq!(reference.finalize().into_bytes().as_slice(), mac.as_slice());
    }

    #[test]
    fn known_answer_keeps_issued_links_working() {
        // Pinned so that an accidental format change (which would break every link in every
        // mail already delivered) fails this test.
        // Cross-checked with Python's hmac module.
        let token = signer().sign(TokenPurpose::Unsubscribe, 1, None);
        assert_eq!(token, "AQAAAAAAAAABAAAAAAAAAAA.PcIw9TJkk85OScHICLHbMSOLJ0ih2A3MZwqwWO0YxhM");
        assert_eq!(signer().verify(&token, TokenPurpose::Unsubscribe, NOW), Ok(1));
    }

    #[test]
    fn expiry_boundary() {
        let signer = signer();
        let expires = NOW + Duration::hours(48);
        let token = signer.sign(TokenPurpose::Confirm, 5, Some(expires));
        let verify = |now| signer.verify(&token, TokenPurpose::Confirm, now);
        assert_eq!(verify(expires - Duration::seconds(1)), Ok(5));
        assert_eq!(verify(expires - Duration::milliseconds(1)), Ok(5));
        assert_eq!(verify(expires), Err(TokenError::Expired));
        assert_eq!(verify(expires + Duration::milliseconds(1)), Err(TokenError::Expired));
        assert_eq!(verify(expires + Duration::days(365)), Err(TokenError::Expired));
    }

    #[test]
    fn sub_second_expiry_rounds_down() {
        let signer = signer();
        let expires = NOW + Duration::milliseconds(900);
        let token = signer.sign(TokenPurpose::Confirm, 5, Some(expires));
        assert_eq!(
            signer.verify(&token, TokenPurpose::Confirm, NOW - Duration::milliseconds(1)),
            Ok(5)
        );
        assert_eq!(signer.verify(&token, TokenPurpose::Confirm, NOW), Err(TokenError::Expired));
    }

    #[test]
    fn tokens_without_expiry_never_expire() {
        let signer = signer();
        let token = signer.sign(TokenPurpose::Unsubscribe, 5, None);
        let far_future = datetime!(9999-12-31 23:59:59 UTC);
        assert_eq!(signer.verify(&token, TokenPurpose::Unsubscribe, far_future), Ok(5));
    }

    #[test]
    fn expiry_at_the_epoch_is_not_mistaken_for_never() {
        let signer = signer();
        let token = signer.sign(TokenPurpose::AdminSetup, 5, Some(OffsetDateTime::UNIX_EPOCH));
        assert_eq!(signer.verify(&token, TokenPurpose::AdminSetup, NOW), Err(TokenError::Expired));
        let past = signer.sign(TokenPurpose::AdminSetup, 5, Some(datetime!(1960-01-01 0:00 UTC)));
        assert_eq!(signer.verify(&past, TokenPurpose::AdminSetup, NOW), Err(TokenError::Expired));
    }

    #[test]
    fn other_purpose_is_rejected() {
        let signer = signer();
        for signed_for in TokenPurpose::ALL {
            let token = signer.sign(signed_for, 5, None);
            for used_for in TokenPurpose::ALL {
                let result = signer.verify(&token, used_for, NOW);
                if signed_for == used_for {
                    assert_eq!(result, Ok(5));
                } else {
                    assert_eq!(
                        result,
                        Err(TokenError::BadSignature),
                        "{signed_for:?} as {used_for:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn purpose_tags_are_distinct_and_not_prefixes() {
        for a in TokenPurpose::ALL {
            for b in TokenPurpose::ALL {
                if a != b {
                    assert_ne!(a.tag(), b.tag());
                }
            }
            assert!(!a.tag().contains('\0'));
        }
    }

    #[test]
    fn other_key_is_rejected() {
        let token = signer().sign(TokenPurpose::Confirm, 5, None);
        let other = TokenSigner::new(OTHER_KEY).expect("key");
        assert_eq!(other.verify(&token, TokenPurpose::Confirm, NOW), Err(TokenError::BadSignature));
    }

    #[test]
    fn longer_keys_work_and_differ() {
        let long = TokenSigner::new(&[7u8; 64]).expect("64-byte key");
        let token = long.sign(TokenPurpose::Confirm, 5, None);
        assert_eq!(long.verify(&token, TokenPurpose::Confirm, NOW), Ok(5));
        assert_eq!(
            signer().verify(&token, TokenPurpose::Confirm, NOW),
            Err(TokenError::BadSignature)
        );
    }

    #[test]
    fn every_flipped_payload_or_mac_bit_is_rejected() {
        let signer = signer();
        let token = signer.sign(TokenPurpose::Unsubscribe, 1_000, Some(NOW + Duration::days(1)));
        let (payload, mac) = decode_parts(&token);
        let flips =
            flipped_bits(&payload)
                .map(|(byte, bit, p)| (format!("payload byte {byte} bit {bit}"), p, mac.clone()))
                .chain(flipped_bits(&mac).map(|(byte, bit, m)| {
                    (format!("mac byte {byte} bit {bit}"), payload.clone(), m)
                }));
        for (flipped, payload, mac) in flips {
            assert_eq!(
                verify_parts(&signer, &payload, &mac, TokenPurpose::Unsubscribe),
                Err(TokenError::BadSignature),
                "{flipped}"
            );
        }
    }

    #[test]
    fn a_changed_subject_or_expiry_is_rejected() {
        let signer = signer();
        let cases = [
            // Another subscriber's id.
            (TokenPurpose::Preferences, 41, None, 1..9, 42_i64.to_be_bytes()),
            // An expired token made to never expire.
            (TokenPurpose::Confirm, 1, Some(NOW - Duration::days(1)), 9..17, [0; 8]),
        ];
        for (purpose, subject, expires, field, forged) in cases {
            let (mut payload, mac) = decode_parts(&signer.sign(purpose, subject, expires));
            payload[field.clone()].copy_from_slice(&forged);
            assert_eq!(
                verify_parts(&signer, &payload, &mac, purpose),
                Err(TokenError::BadSignature),
                "bytes {field:?}"
            );
        }
    }

    #[test]
    fn unknown_version_is_rejected_even_if_signed() {
        let signer = signer();
        let mut payload = [0u8; PAYLOAD_LEN];
        payload[0] = 2;
        payload[8] = 9;
        let mac = signer.keyed(TokenPurpose::Confirm, &payload).finalize().into_bytes();
        assert_eq!(
            verify_parts(&signer, &payload, &mac, TokenPurpose::Confirm),
            Err(TokenError::Malformed)
        );
    }

    #[test]
    fn non_canonical_base64_is_rejected() {
        let signer = signer();
        let token = signer.sign(TokenPurpose::Confirm, 77, None);
        let (payload_b64, mac_b64) = token.split_once('.').expect("dot");
        // The last character of 17 bytes in base64 carries 2 padding bits that must be zero;
        // changing them would decode to the same bytes if the decoder were lenient.
        let last = payload_b64.chars().last().expect("non-empty");
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let index = alphabet.find(last).expect("base64url char");
        assert_eq!(index % 4, 0, "canonical encoding has zero padding bits");
        let sloppy_char = alphabet.chars().nth(index + 1).expect("next char");
        let sloppy = format!("{}{sloppy_char}.{mac_b64}", &payload_b64[..payload_b64.len() - 1]);
        assert_eq!(signer.verify(&sloppy, TokenPurpose::Confirm, NOW), Err(TokenError::Malformed));
    }

    #[test]
    fn junk_is_malformed_not_a_panic() {
        let signer = signer();
        let valid = signer.sign(TokenPurpose::Confirm, 1, None);
        let (payload_b64, mac_b64) = valid.split_once('.').expect("dot");
        let same_length_junk: Vec<String> = vec![
            "!".repeat(TOKEN_LEN),
            ".".repeat(TOKEN_LEN),
            "A".repeat(TOKEN_LEN),
            format!("{payload_b64}={}", &mac_b64[1..]),
            format!("{payload_b64}.{}=", &mac_b64[1..]),
            format!("{payload_b64}+{mac_b64}"),
            format!("{mac_b64}.{payload_b64}"),
            format!("{}.{}A", &payload_b64[1..], mac_b64),
            format!("{}..{}", payload_b64, &mac_b64[1..]),
            valid.replace('.', "/"),
            format!("{}é{}", &valid[..30], &valid[32..]),
        ];
        let other_junk: Vec<String> = vec![
            String::new(),
            ".".into(),
            "..".into(),
            "nodot".into(),
            "a.b".into(),
            " ".into(),
            format!(" {valid}"),
            format!("{valid} "),
            format!("{valid}.{mac_b64}"),
            format!("{valid}="),
            format!("{payload_b64}."),
            format!(".{mac_b64}"),
            "x".repeat(10_000_000),
            format!("{}.{}", "A".repeat(100_000), "B".repeat(100_000)),
            "\u{0}".repeat(TOKEN_LEN / 2),
            // Valid base64url, wrong lengths.
            encode_parts(&[1; 16], &[0; 32]),
            encode_parts(&[1; 18], &[0; 32]),
            encode_parts(&[1; 17], &[0; 31]),
            encode_parts(&[1; 17], &[0; 33]),
            encode_parts(&[], &[]),
        ];
        for junk in same_length_junk.iter().chain(&other_junk) {
            for purpose in TokenPurpose::ALL {
                assert_eq!(
                    signer.verify(junk, purpose, NOW),
                    Err(TokenError::Malformed),
                    "{:?}",
                    junk.get(..80).unwrap_or(junk)
                );
            }
        }
    }

    #[test]
    fn short_keys_are_rejected() {
        for len in [0, 1, 16, 31] {
            let key = vec![1u8; len];
            assert_eq!(TokenSigner::new(&key).map(|_| ()), Err(TokenError::KeyTooShort { len }));
        }
        assert!(TokenSigner::new(&[1u8; 32]).is_ok());
        let message = TokenSigner::new(b"short").expect_err("short").to_string();
        assert_eq!(message, "the token signing key must be at least 32 bytes long, got 5");
    }

    #[test]
    fn debug_does_not_leak_the_key() {
        let printed = format!("{:?}", signer());
        assert_eq!(printed, r#"TokenSigner { key: "<redacted>" }"#);
        let pretty = format!("{:#?}", signer());
        assert!(!pretty.contains("0123456789"));
    }

    #[test]
    fn error_messages_are_readable() {
        assert_eq!(TokenError::Expired.to_string(), "the link token has expired");
        assert_ne!(TokenError::Malformed.to_string(), TokenError::BadSignature.to_string());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn purpose() -> impl Strategy<Value = TokenPurpose> {
            prop::sample::select(TokenPurpose::ALL.to_vec())
        }

        proptest! {
            #[test]
            fn verify_never_panics(token in any::<String>(), p in purpose()) {
                let result = signer().verify(&token, p, NOW);
                prop_assert!(result.is_err());
            }

            #[test]
            fn verify_never_panics_on_token_shaped_input(
                token in "[A-Za-z0-9_=+/.-]{60,70}",
                p in purpose(),
            ) {
                prop_assert!(signer().verify(&token, p, NOW).is_err());
            }

            #[test]
            fn round_trip(subject in any::<i64>(), p in purpose(), ttl in 1i64..10_000_000) {
                let signer = signer();
                let token = signer.sign(p, subject, Some(NOW + Duration::seconds(ttl)));
                prop_assert_eq!(signer.verify(&token, p, NOW), Ok(subject));
                prop_assert_eq!(
                    signer.verify(&token, p, NOW + Duration::seconds(ttl)),
                    Err(TokenError::Expired)
                );
            }

            #[test]
            fn any_single_character_change_is_rejected(
                subject in any::<i64>(),
                p in purpose(),
                index in 0usize..TOKEN_LEN,
                replacement in "[A-Za-z0-9_.-]",
            ) {
                let signer = signer();
                let token = signer.sign(p, subject, None);
                let mut chars: Vec<char> = token.chars().collect();
                let new = replacement.chars().next().unwrap_or('A');
                prop_assume!(chars[index] != new);
                chars[index] = new;
                let forged: String = chars.into_iter().collect();
                prop_assert!(signer.verify(&forged, p, NOW).is_err());
            }
        }
    }
}
