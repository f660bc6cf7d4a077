//! VERP: per-message envelope senders (`bounce+d<id>-<mac>@<bounce domain>`), so that a bounce
//! names the delivery (or confirmation mail) it answers without anyone parsing its text.
//!
//! Bounces go to the envelope sender (SMTP `MAIL FROM`, written as `Return-Path` by the final
//! MTA), and almost every MTA keeps it intact while rewriting or dropping much else. The id in
//! it is signed with the instance's key, so a forged bounce (anyone can send mail to the bounce
//! domain) cannot mark someone else's address as bouncing: guessing the 80-bit MAC takes as
//! many mails as there are guesses.
//!
//! The local part is lowercase on purpose: MTAs may case-fold local parts, so parsing ignores
//! case, and the MAC is written in lowercase base32 (RFC 4648 alphabet), which survives that.
//!
//! The same scheme makes each subscriber's `mailto:` unsubscribe address
//! (`bounce+u<subscriber id>-<mac>@…`, RFC 2369) when the instance receives mail.

use std::fmt;

use subtle::ConstantTimeEq as _;

use crate::token::TokenSigner;
use crate::{DeliveryId, SubscriberId};

/// Mixed into the MAC; distinct from every link token's purpose tag. Frozen: changing it makes
/// the bounces of every mail already sent unattributable.
const TAG: &str = "verp";
/// Bytes of the HMAC kept: 80 bits, 16 base32 characters.
const MAC_BYTES: usize = 10;
const MAC_CHARS: usize = MAC_BYTES * 8 / 5;
const BASE32: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
/// RFC 5321 allows 64 octets in a local part. `+`, the kind letter, the longest `i64`
/// (20 characters with its sign), `-` and the MAC take 39, which leaves this for the
/// configured part.
pub const MAX_LOCAL_PART: usize = 64 - (1 + 1 + 20 + 1 + MAC_CHARS);

/// What a VERP address names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerpTarget {
    /// One campaign mail to one subscriber.
    Delivery(DeliveryId),
    /// One confirmation (double opt-in) mail, by its row id.
    Confirmation(i64),
    /// The `mailto:` of a subscriber's `List-Unsubscribe` (RFC 2369): any mail to it
    /// unsubscribes them. Not an envelope sender; it shares the scheme so that the one
    /// listener or mailbox of the bounce domain receives both.
    Unsubscribe(SubscriberId),
}

impl VerpTarget {
    /// The letter in the address; also signed, so a delivery's MAC never verifies for the
    /// confirmation mail of the same number.
    fn kind(self) -> u8 {
        match self {
            VerpTarget::Delivery(_) => b'd',
            VerpTarget::Confirmation(_) => b'c',
            VerpTarget::Unsubscribe(_) => b'u',
        }
    }

    fn id(self) -> i64 {
        match self {
            VerpTarget::Delivery(id) => id.0,
            VerpTarget::Confirmation(id) => id,
            VerpTarget::Unsubscribe(id) => id.0,
        }
    }
}

/// The fixed parts of every VERP address: the configured local part (`bounce`) and the bounce
/// domain, both checked and lowercase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BounceAddress {
    local_part: String,
    domain: String,
}

/// Why a bounce address setting was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BounceAddressError {
    #[error(
        "{input:?} is not a local part of 1 to {MAX_LOCAL_PART} letters, digits, '.', '-' or '_' (no '+', no dot at either end or twice in a row)"
    )]
    LocalPart { input: String },
    #[error("{input:?} is not a domain name like bounces.example.org")]
    Domain { input: String },
}

impl BounceAddress {
    /// The local part unless one is configured.
    pub const DEFAULT_LOCAL_PART: &'static str = "bounce";

    pub fn new(local_part: &str, domain: &str) -> Result<Self, BounceAddressError> {
        let local = local_part.trim().to_ascii_lowercase();
        let local_ok = !local.is_empty()
            && local.len() <= MAX_LOCAL_PART
            && local.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..");
        if !local_ok {
            return Err(BounceAddressError::LocalPart { input: crate::echo_input(local_part) });
        }
        let host = domain.trim().to_ascii_lowercase();
        let domain_ok = !host.is_empty()
            && host.len() <= 253
            && host.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        if !domain_ok {
            return Err(BounceAddressError::Domain { input: crate::echo_input(domain) });
        }
        Ok(Self { local_part: local, domain: host })
    }

    pub fn local_part(&self) -> &str {
        &self.local_part
    }

    pub fn domain(&self) -> &str {
        &self.domain
    }
}

impl fmt::Display for BounceAddress {
    /// The shape of the addresses, for logs: `bounce+…@bounces.example.org`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}+…@{}", self.local_part, self.domain)
    }
}

/// Why an address at the bounce domain, in our local part, was not accepted. A bounce
/// processor logs it and drops the bounce: it was forged or mangled, and acting on it could
/// touch the wrong person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VerpError {
    #[error("the bounce address is malformed")]
    Malformed,
    #[error("the bounce address's signature is not valid")]
    BadSignature,
}

/// Makes and reads the signed VERP addresses of one instance.
#[derive(Debug, Clone)]
pub struct Verp {
    signer: TokenSigner,
    base: BounceAddress,
}

impl Verp {
    pub fn new(signer: TokenSigner, base: BounceAddress) -> Self {
        Self { signer, base }
    }

    pub fn base(&self) -> &BounceAddress {
        &self.base
    }

    /// The envelope sender for a mail about `target`.
    pub fn address(&self, target: VerpTarget) -> String {
        format!(
            "{}+{}{}-{}@{}",
            self.base.local_part,
            char::from(target.kind()),
            target.id(),
            self.mac(target),
            self.base.domain
        )
    }

    /// Reads an address a bounce was sent to (angle brackets allowed), ignoring case.
    /// `Ok(None)`: not one of ours (another domain or local part, or the plain bounce address
    /// without `+`); an error: ours in shape, but not signed by us.
    pub fn parse(&self, address: &str) -> Result<Option<VerpTarget>, VerpError> {
        let address = address.trim();
        let address =
            address.strip_prefix('<').and_then(|a| a.strip_suffix('>')).unwrap_or(address);
        let Some((local, domain)) = address.rsplit_once('@') else { return Ok(None) };
        // Nothing longer was made here (RFC 5321's limit); checked before any copy is made.
        if local.len() > 64 || !domain.eq_ignore_ascii_case(&self.base.domain) {
            return Ok(None);
        }
        let local = local.to_ascii_lowercase();
        let Some(rest) =
            local.strip_prefix(self.base.local_part.as_str()).and_then(|r| r.strip_prefix('+'))
        else {
            return Ok(None);
        };
        // The MAC has no '-', an id may (a negative number), so split at the last one.
        let (kind_id, mac) = rest.rsplit_once('-').ok_or(VerpError::Malformed)?;
        let (kind, id_text) = kind_id.split_at_checked(1).ok_or(VerpError::Malformed)?;
        let id: i64 = id_text.parse().map_err(|_| VerpError::Malformed)?;
        // One spelling per id ("+5" or "05" would parse too), as for link tokens.
        if id.to_string() != id_text {
            return Err(VerpError::Malformed);
        }
        let target = match kind {
            "d" => VerpTarget::Delivery(DeliveryId(id)),
            "c" => VerpTarget::Confirmation(id),
            "u" => VerpTarget::Unsubscribe(SubscriberId(id)),
            _ => return Err(VerpError::Malformed),
        };
        // Compared in constant time; a wrong length simply does not match.
        if bool::from(self.mac(target).as_bytes().ct_eq(mac.as_bytes())) {
            Ok(Some(target))
        } else {
            Err(VerpError::BadSignature)
        }
    }

    /// The truncated MAC over the kind letter and the id, in lowercase base32.
    fn mac(&self, target: VerpTarget) -> String {
        let mut data = [0u8; 9];
        data[0] = target.kind();
        data[1..].copy_from_slice(&target.id().to_be_bytes());
        let full = self.signer.mac(TAG, &data);
        let bits = full[..MAC_BYTES].iter().fold(0u128, |acc, b| (acc << 8) | u128::from(*b));
        (0..MAC_CHARS)
            .rev()
            .map(|group| char::from(BASE32[((bits >> (5 * group)) & 31) as usize]))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::TokenPurpose;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn verp() -> Verp {
        let base = BounceAddress::new("bounce", "bounces.example.org").expect("valid");
        Verp::new(TokenSigner::new(KEY).expect("key"), base)
    }

    fn targets() -> Vec<VerpTarget> {
        let mut targets = Vec::new();
        for id in [0, 1, 42, 123_456_789, i64::MAX, -1, i64::MIN] {
            targets.push(VerpTarget::Delivery(DeliveryId(id)));
            targets.push(VerpTarget::Confirmation(id));
            targets.push(VerpTarget::Unsubscribe(SubscriberId(id)));
        }
        targets
    }

    #[test]
    fn addresses_round_trip_in_any_case() {
        let verp = verp();
        for target in targets() {
            let address = verp.address(target);
            assert_eq!(verp.parse(&address), Ok(Some(target)), "{address}");
            assert_eq!(verp.parse(&address.to_ascii_uppercase()), Ok(Some(target)), "{address}");
            assert_eq!(verp.parse(&format!(" <{address}> ")), Ok(Some(target)), "{address}");
        }
    }

    #[test]
    fn the_address_has_the_documented_shape_and_fits_rfc_5321() {
        let verp = verp();
        let address = verp.address(VerpTarget::Delivery(DeliveryId(42)));
        let (local, domain) = address.split_once('@').expect("an address");
        assert_eq!(domain, "bounces.example.org");
        let mac = local.strip_prefix("bounce+d42-").expect("the prefix");
        assert_eq!(mac.len(), 16);
        assert!(mac.bytes().all(|b| BASE32.contains(&b)), "{mac}");
        let confirmation = verp.address(VerpTarget::Confirmation(42));
        assert!(confirmation.starts_with("bounce+c42-"), "{confirmation}");
        assert_ne!(confirmation[11..27], address[11..27], "the kind is signed");
        let unsubscribe = verp.address(VerpTarget::Unsubscribe(SubscriberId(42)));
        assert!(unsubscribe.starts_with("bounce+u42-"), "{unsubscribe}");
        assert_ne!(unsubscribe[11..27], address[11..27], "the kind is signed");
        // A delivery's MAC does not make the same number an unsubscribe address.
        let swapped = address.replacen("bounce+d42-", "bounce+u42-", 1);
        assert_eq!(verp.parse(&swapped), Err(VerpError::BadSignature));

        let longest = "a".repeat(MAX_LOCAL_PART);
        let base = BounceAddress::new(&longest, "b.example.org").expect("valid");
        let verp = Verp::new(TokenSigner::new(KEY).expect("key"), base);
        let address = verp.address(VerpTarget::Delivery(DeliveryId(i64::MIN)));
        assert_eq!(address.split_once('@').expect("an address").0.len(), 64);
        assert_eq!(verp.parse(&address), Ok(Some(VerpTarget::Delivery(DeliveryId(i64::MIN)))));
    }

    #[test]
    fn known_answer_keeps_sent_addresses_attributable() {
        // Pinned so that a format change (which would orphan the bounces of every mail already
        // sent) fails here. Cross-checked with Python: the first 10 bytes of
        // HMAC-SHA256(key, b"verp\0" + kind + id as 8 bytes big-endian), base32, lowercase.
        let verp = verp();
        assert_eq!(
            verp.address(VerpTarget::Delivery(DeliveryId(1))),
            "bounce+d1-7wx52lbsptmjneys@bounces.example.org"
        );
        assert_eq!(
            verp.address(VerpTarget::Confirmation(42)),
            "bounce+c42-7cdwgqawqgsl46mz@bounces.example.org"
        );
    }

    #[test]
    fn a_changed_id_or_mac_is_refused() {
        let verp = verp();
        let address = verp.address(VerpTarget::Delivery(DeliveryId(1000)));
        let (local, domain) = address.split_once('@').expect("an address");
        let (head, mac) = local.rsplit_once('-').expect("a mac");
        let forged = [
            // Another delivery, another kind, with the first one's MAC.
            format!("bounce+d1001-{mac}@{domain}"),
            format!("bounce+c1000-{mac}@{domain}"),
            // A MAC one character off, cut short, or made longer.
            format!("{head}-{}a@{domain}", &mac[..15]),
            format!("{head}-{}b@{domain}", &mac[..15]),
            format!("{head}-{}@{domain}", &mac[..15]),
            format!("{head}-{mac}a@{domain}"),
            format!("{head}-@{domain}"),
        ];
        for address in forged {
            if address == verp.address(VerpTarget::Delivery(DeliveryId(1000))) {
                continue;
            }
            assert_eq!(verp.parse(&address), Err(VerpError::BadSignature), "{address}");
        }
        let other_key = Verp::new(TokenSigner::new(&[7u8; 32]).expect("key"), verp.base().clone());
        assert_eq!(other_key.parse(&address), Err(VerpError::BadSignature));
    }

    #[test]
    fn mangled_addresses_of_ours_are_malformed() {
        let verp = verp();
        let mac = "aaaaaaaaaaaaaaaa";
        for local in [
            "bounce+".to_owned(),
            "bounce+d".to_owned(),
            format!("bounce+{mac}"),
            format!("bounce+-{mac}"),
            format!("bounce+x1-{mac}"),
            format!("bounce+d-{mac}"),
            format!("bounce+d+1-{mac}"),
            format!("bounce+d01-{mac}"),
            format!("bounce+d1.0-{mac}"),
            format!("bounce+d99999999999999999999-{mac}"),
            format!("bounce+dé-{mac}"),
        ] {
            let address = format!("{local}@bounces.example.org");
            assert_eq!(verp.parse(&address), Err(VerpError::Malformed), "{address}");
        }
    }

    #[test]
    fn other_addresses_are_not_ours() {
        let verp = verp();
        let address = verp.address(VerpTarget::Confirmation(7));
        let (local, _) = address.split_once('@').expect("an address");
        for other in [
            format!("{local}@example.org"),
            format!("{local}@bounces.example.org.evil.test"),
            format!("{local}@sub.bounces.example.org"),
            format!("bouncer{}", &address["bounce".len()..]),
            format!("x{address}"),
            address.replacen('+', "-", 1),
            "bounce@bounces.example.org".to_owned(),
            "newsletter@example.org".to_owned(),
            "no at sign".to_owned(),
            format!("bounce+d1-{}@bounces.example.org", "a".repeat(100_000)),
            String::new(),
        ] {
            assert_eq!(verp.parse(&other), Ok(None), "{other}");
        }
    }

    #[test]
    fn a_configured_local_part_and_domain_are_used_lowercase() {
        let base = BounceAddress::new(" Returns.Path_1 ", "Bounces.Example.ORG").expect("valid");
        assert_eq!((base.local_part(), base.domain()), ("returns.path_1", "bounces.example.org"));
        assert_eq!(base.to_string(), "returns.path_1+…@bounces.example.org");
        let verp = Verp::new(TokenSigner::new(KEY).expect("key"), base);
        let address = verp.address(VerpTarget::Confirmation(3));
        assert!(address.starts_with("returns.path_1+c3-"), "{address}");
        assert_eq!(verp.parse(&address), Ok(Some(VerpTarget::Confirmation(3))));
        // The default local part's addresses are not this instance's.
        assert_eq!(verp.parse(&verp_address_with_default_local_part()), Ok(None));
    }

    fn verp_address_with_default_local_part() -> String {
        verp().address(VerpTarget::Confirmation(3))
    }

    #[test]
    fn bad_settings_are_refused() {
        let too_long = "a".repeat(MAX_LOCAL_PART + 1);
        for local in ["", " ", "a+b", ".a", "a.", "a..b", "ä", "a b", too_long.as_str()] {
            assert!(
                matches!(
                    BounceAddress::new(local, "example.org"),
                    Err(BounceAddressError::LocalPart { .. })
                ),
                "{local:?}"
            );
        }
        for domain in
            ["", "example..org", ".example.org", "example.org.", "-a.org", "a_b.org", "bö.de"]
        {
            assert!(
                matches!(
                    BounceAddress::new("bounce", domain),
                    Err(BounceAddressError::Domain { .. })
                ),
                "{domain:?}"
            );
        }
        assert!(BounceAddress::new("bounce", "localhost").is_ok());
    }

    #[test]
    fn the_tag_is_no_link_tokens_purpose() {
        for purpose in TokenPurpose::ALL {
            assert_ne!(purpose.tag(), TAG);
        }
    }
}
