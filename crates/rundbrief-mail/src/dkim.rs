//! DKIM signatures (RFC 6376) with `rsa-sha256` or `ed25519-sha256` (RFC 8463), relaxed/relaxed
//! canonicalisation.
//!
//! mail-auth (Stalwart's) does the DKIM part: it canonicalises the signed header fields and the
//! body, writes the `DKIM-Signature` tag list and hands the bytes to sign to the key. The key
//! is ring's (loaded from PEM with rustls-pki-types), signing through mail-auth's
//! [`SigningKey`] trait: mail-auth's own key types change with its crypto features, which
//! cargo unifies across the build (the tests' verifier turns on its RustCrypto backend), while
//! this one stays the same constant-time ring code in every build.
//!
//! Two things stay here. Which header fields are signed: the ones of [`SIGNED_HEADERS`] the
//! message has, in that order (mail-auth's own `sign` lists them bottom-up and adds absent ones,
//! which some verifiers handle badly). And folding: mail-auth folds at 76 columns but not its
//! first line, which with `ed25519-sha256` passes 78; the tag list is folded again here at the
//! spaces mail-auth put in, which relaxed canonicalisation reads the same either way.
//!
//! The message writer hashes each body once and calls [`DkimSigner::sign_prepared`] per
//! signer; [`DkimSigner::sign`] signs any complete message.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use mail_auth::common::crypto::{Algorithm, Sha256, SigningKey};
use mail_auth::common::headers::{Writable, Writer};
use mail_auth::dkim::{Canonicalization, Signature};
use ring::digest::{self, SHA256};
use ring::rand::SystemRandom;
use ring::signature::{self, Ed25519KeyPair, KeyPair as _};
use rustls_pki_types::PrivateKeyDer;
use rustls_pki_types::pem::PemObject as _;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::DkimError;

/// Headers covered by the signature, in `h=` order, when the message has them. Absent ones are
/// left out rather than signed as empty, which some verifiers handle badly.
pub const SIGNED_HEADERS: [&str; 11] = [
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "list-id",
    "list-unsubscribe",
    "list-unsubscribe-post",
    "mime-version",
    "content-type",
    "content-language",
];

/// Preferred maximum header line length without CRLF.
const LINE: usize = 78;

/// The signature algorithm, chosen by the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DkimAlgorithm {
    /// `rsa-sha256`: what every receiver verifies.
    RsaSha256,
    /// `ed25519-sha256`: small and fast, but not verified by all receivers; sign with RSA too.
    Ed25519Sha256,
}

impl DkimAlgorithm {
    /// The `a=` tag value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RsaSha256 => "rsa-sha256",
            Self::Ed25519Sha256 => "ed25519-sha256",
        }
    }
}

/// A ring key pair that mail-auth signs with.
enum Key {
    Rsa(ring::rsa::KeyPair),
    Ed25519(Ed25519KeyPair),
}

impl SigningKey for Key {
    type Hasher = Sha256;

    fn sign(&self, input: impl Writable) -> mail_auth::Result<Vec<u8>> {
        let mut data = Vec::with_capacity(1024);
        input.write(&mut Bytes(&mut data));
        match self {
            Self::Rsa(key) => {
                let mut sig = vec![0; key.public().modulus_len()];
                key.sign(&signature::RSA_PKCS1_SHA256, &SystemRandom::new(), &data, &mut sig)
                    .map_err(|e| mail_auth::Error::CryptoError(e.to_string()))?;
                Ok(sig)
            }
            // RFC 8463: Ed25519 signs the SHA-256 hash of the data, not the data.
            Self::Ed25519(key) => {
                Ok(key.sign(digest::digest(&SHA256, &data).as_ref()).as_ref().to_vec())
            }
        }
    }

    fn algorithm(&self) -> Algorithm {
        match self {
            Self::Rsa(_) => Algorithm::RsaSha256,
            Self::Ed25519(_) => Algorithm::Ed25519Sha256,
        }
    }
}

/// A DKIM private key with its signing domain and selector. Cheap to share behind an `Arc`.
pub struct DkimSigner {
    domain: String,
    selector: String,
    key: Key,
    /// The `p=` value of the DNS record, base64.
    public_key: String,
}

impl fmt::Debug for DkimSigner {
    // Never print key material; the public half is in `dns_record` for whoever needs it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DkimSigner")
            .field("domain", &self.domain)
            .field("selector", &self.selector)
            .field("algorithm", &self.algorithm())
            .finish_non_exhaustive()
    }
}

impl DkimSigner {
    /// Loads a PEM private key: `PRIVATE KEY` (PKCS#8, RSA or Ed25519, as `openssl genpkey`
    /// writes) or `RSA PRIVATE KEY` (PKCS#1). RSA keys must have 2048 to 8192 bits.
    pub fn from_pem(pem: &str, domain: &str, selector: &str) -> Result<Self, DkimError> {
        if pem.contains("ENCRYPTED") {
            // `ENCRYPTED PRIVATE KEY` blocks and legacy `Proc-Type: 4,ENCRYPTED` headers.
            return Err(DkimError::Pem(
                "encrypted keys are not supported; decrypt it with `openssl pkey`",
            ));
        }
        let der = PrivateKeyDer::from_pem_slice(pem.as_bytes())
            .map_err(|_| DkimError::Pem("expected a PRIVATE KEY or RSA PRIVATE KEY block"))?;
        let key =
            match &der {
                PrivateKeyDer::Pkcs8(pkcs8) => {
                    let der = pkcs8.secret_pkcs8_der();
                    match Ed25519KeyPair::from_pkcs8_maybe_unchecked(der) {
                        Ok(key) => Key::Ed25519(key),
                        Err(_) => Key::Rsa(ring::rsa::KeyPair::from_pkcs8(der).map_err(|e| {
                            DkimError::Key(format!("not an RSA or Ed25519 key ({e})"))
                        })?),
                    }
                }
                PrivateKeyDer::Pkcs1(pkcs1) => Key::Rsa(
                    ring::rsa::KeyPair::from_der(pkcs1.secret_pkcs1_der())
                        .map_err(|e| DkimError::Key(format!("RSA key rejected ({e})")))?,
                ),
                _ => return Err(DkimError::Pem("expected a PRIVATE KEY or RSA PRIVATE KEY block")),
            };
        Self::with_key(key, domain, selector)
    }

    /// Wraps a PKCS#8 Ed25519 key in DER form, as `ring` generates it.
    pub fn from_ed25519_pkcs8(der: &[u8], domain: &str, selector: &str) -> Result<Self, DkimError> {
        let key = Ed25519KeyPair::from_pkcs8_maybe_unchecked(der)
            .map_err(|e| DkimError::Key(format!("Ed25519 key rejected ({e})")))?;
        Self::with_key(Key::Ed25519(key), domain, selector)
    }

    fn with_key(key: Key, domain: &str, selector: &str) -> Result<Self, DkimError> {
        if !is_dns_name(domain) {
            return Err(DkimError::InvalidName("domain"));
        }
        if !is_dns_name(selector) {
            return Err(DkimError::InvalidName("selector"));
        }
        let public_key = match &key {
            // DKIM wants a SubjectPublicKeyInfo; ring exposes the bare PKCS#1 RSAPublicKey.
            Key::Rsa(key) => rsa_spki(key.public().as_ref())?,
            // RFC 8463: the raw 32-byte public key.
            Key::Ed25519(key) => key.public_key().as_ref().to_vec(),
        };
        Ok(Self {
            domain: domain.to_ascii_lowercase(),
            selector: selector.to_owned(),
            key,
            public_key: STANDARD.encode(public_key),
        })
    }

    /// The algorithm this key signs with.
    pub fn algorithm(&self) -> DkimAlgorithm {
        match self.key {
            Key::Rsa(_) => DkimAlgorithm::RsaSha256,
            Key::Ed25519(_) => DkimAlgorithm::Ed25519Sha256,
        }
    }

    /// The signing domain (`d=`).
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The selector (`s=`).
    pub fn selector(&self) -> &str {
        &self.selector
    }

    /// Where the public key must be published: `<selector>._domainkey.<domain>`.
    pub fn dns_name(&self) -> String {
        format!("{}._domainkey.{}", self.selector, self.domain)
    }

    /// The TXT record to publish at [`dns_name`](Self::dns_name).
    pub fn dns_record(&self) -> String {
        let k = match self.key {
            Key::Rsa(_) => "rsa",
            Key::Ed25519(_) => "ed25519",
        };
        format!("v=DKIM1; k={k}; p={}", self.public_key)
    }

    /// Signs a complete message and returns the `DKIM-Signature` header field (with its CRLF)
    /// to put in front of it.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, DkimError> {
        let split =
            memchr::memmem::find(message, b"\r\n\r\n").ok_or(DkimError::MalformedMessage)?;
        let (headers, body) = (&message[..split + 2], &message[split + 4..]);
        let mut canonical = Vec::with_capacity(body.len() + 2);
        relaxed_body(body, &mut canonical);
        let body_hash = digest::digest(&SHA256, &canonical);
        let mut out = Vec::with_capacity(600);
        self.sign_prepared(headers, body_hash.as_ref(), unix_now(), &mut out)?;
        Ok(out)
    }

    /// Appends a `DKIM-Signature` header field (with its CRLF) to `out`, given the message's
    /// header block (fields ending in CRLF, without the blank line), the SHA-256 of its relaxed
    /// canonical body and the signing time in seconds since the epoch.
    pub fn sign_prepared(
        &self,
        headers: &[u8],
        body_hash: &[u8],
        timestamp: u64,
        out: &mut Vec<u8>,
    ) -> Result<(), DkimError> {
        let fields = header_fields(headers);
        let mut signed: Vec<(&[u8], &[u8])> = Vec::with_capacity(SIGNED_HEADERS.len());
        let mut names = Vec::with_capacity(SIGNED_HEADERS.len());
        for name in SIGNED_HEADERS {
            // With one instance per name, the last one is the one h= refers to (RFC 6376 §5.4.2).
            if let Some(field) = fields
                .iter()
                .rev()
                .find(|(field_name, _)| field_name.eq_ignore_ascii_case(name.as_bytes()))
            {
                signed.push(*field);
                names.push(name.to_owned());
            }
        }
        let mut signature = Signature {
            v: 1,
            a: self.key.algorithm(),
            d: self.domain.clone(),
            s: self.selector.clone(),
            h: names,
            t: timestamp,
            bh: STANDARD.encode(body_hash).into_bytes(),
            ch: Canonicalization::Relaxed,
            cb: Canonicalization::Relaxed,
            ..Signature::default()
        };
        let b = self
            .key
            .sign(SignedData { fields: &signed, signature: &signature })
            .map_err(|_| DkimError::Signing)?;
        signature.b = STANDARD.encode(b).into_bytes();
        write_folded(&signature, out);
        Ok(())
    }
}

/// What the signature covers: the signed header fields, then the `DKIM-Signature` field with
/// an empty `b=` and without its CRLF, all relaxed (RFC 6376 §3.7).
struct SignedData<'a> {
    fields: &'a [(&'a [u8], &'a [u8])],
    signature: &'a Signature,
}

impl Writable for SignedData<'_> {
    fn write(self, writer: &mut impl Writer) {
        Canonicalization::Relaxed.canonicalize_headers(self.fields.iter().copied(), writer);
        self.signature.write(writer, false);
    }
}

/// Appends the `DKIM-Signature` field with lines of at most [`LINE`] characters.
///
/// mail-auth's relaxed form of the field (`dkim-signature:` and the tag list, one space where
/// it would fold) is what was signed. Each of its spaces becomes a space or a fold here, both
/// of which a verifier's relaxed canonicalisation turns back into that one space; spaces inside
/// `b=` do not count at all (§3.5).
fn write_folded(signature: &Signature, out: &mut Vec<u8>) {
    let mut relaxed = Vec::with_capacity(600);
    signature.write(&mut relaxed, false);
    let tags = relaxed.strip_prefix(b"dkim-signature:").unwrap_or(&relaxed);
    out.extend_from_slice(b"DKIM-Signature:");
    let mut col = "DKIM-Signature:".len();
    for word in tags.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        if col + 1 + word.len() > LINE {
            out.extend_from_slice(b"\r\n");
            col = 0;
        }
        out.push(b' ');
        out.extend_from_slice(word);
        col += 1 + word.len();
    }
    out.extend_from_slice(b"\r\n");
}

pub(crate) fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn is_dns_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// Splits a header block into `(name, value)`: the value is everything after the colon,
/// continuation lines and the final CRLF included, as mail-auth canonicalises it.
fn header_fields(headers: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut fields = Vec::with_capacity(24);
    let mut start = 0;
    for newline in memchr::memchr_iter(b'\n', headers) {
        if matches!(headers.get(newline + 1), Some(b' ' | b'\t')) {
            continue;
        }
        let field = &headers[start..=newline];
        if let Some(colon) = memchr::memchr(b':', field) {
            fields.push((field[..colon].trim_ascii_end(), &field[colon + 1..]));
        }
        start = newline + 1;
    }
    fields
}

/// Writes the relaxed canonical form of a body (RFC 6376 §3.4.4, mail-auth's) to `out`:
/// whitespace runs become one space, whitespace at line ends and empty lines at the end go,
/// and a non-empty body ends in CRLF.
pub fn relaxed_body(body: &[u8], out: &mut Vec<u8>) {
    out.clear();
    Canonicalization::Relaxed.canonical_body(body, 0).write(&mut Bytes(out));
}

/// mail-auth's [`Writer`] into a `Vec`, for its canonicalisation, which writes most bytes one
/// at a time: a push instead of a one-byte copy made writing an 8-bit body's relaxed form
/// several times faster.
struct Bytes<'a>(&'a mut Vec<u8>);

impl Writer for Bytes<'_> {
    #[inline]
    fn write(&mut self, buf: &[u8]) {
        match buf {
            [byte] => self.0.push(*byte),
            _ => self.0.extend_from_slice(buf),
        }
    }
}

/// The hash of a body the message writer produced, which is relaxed-canonical by construction
/// (see `encode/mod.rs`): no copy, no second pass.
pub(crate) fn canonical_body_hash(body: &[u8]) -> digest::Digest {
    debug_assert!({
        let mut check = Vec::new();
        relaxed_body(body, &mut check);
        check == body
    });
    digest::digest(&SHA256, body)
}

/// Wraps a PKCS#1 RSAPublicKey in a SubjectPublicKeyInfo with the rsaEncryption algorithm.
fn rsa_spki(pkcs1: &[u8]) -> Result<Vec<u8>, DkimError> {
    use spki::der::asn1::BitStringRef;
    use spki::der::{AnyRef, Encode as _};
    const RSA_ENCRYPTION: spki::ObjectIdentifier =
        spki::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
    let encoding = |e: spki::der::Error| DkimError::Key(format!("RSA public key ({e})"));
    spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef {
            oid: RSA_ENCRYPTION,
            parameters: Some(AnyRef::NULL),
        },
        subject_public_key: BitStringRef::from_bytes(pkcs1).map_err(encoding)?,
    }
    .to_der()
    .map_err(encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relaxed_body_matches_rfc_examples() {
        let mut out = Vec::new();
        relaxed_body(b" C \r\nD \t E\r\n\r\n\r\n", &mut out);
        assert_eq!(out, b" C\r\nD E\r\n");
        relaxed_body(b"", &mut out);
        assert_eq!(out, b"");
        relaxed_body(b"\r\n\r\n", &mut out);
        assert_eq!(out, b"");
        relaxed_body(b"no newline", &mut out);
        assert_eq!(out, b"no newline\r\n");
    }

    #[test]
    fn header_fields_canonicalise_as_rfc_example() {
        let headers = b"SubjeCT \t: Is dinner ready?\r\nA: X\r\nB : Y\t\r\n\tZ  \r\n";
        let mut out = Vec::new();
        Canonicalization::Relaxed
            .canonicalize_headers(header_fields(headers).into_iter(), &mut out);
        assert_eq!(out, b"subject:Is dinner ready?\r\na:X\r\nb:Y Z\r\n");
    }

    #[test]
    fn header_fields_keep_continuations() {
        let fields = header_fields(b"A: 1\r\nB: 2\r\n 3\r\nC: 4\r\n");
        let names: Vec<&[u8]> = fields.iter().map(|f| f.0).collect();
        assert_eq!(names, [&b"A"[..], b"B", b"C"]);
        assert_eq!(fields[1].1, b" 2\r\n 3\r\n");
    }

    /// Every line fits in 78 columns, and folding changed nothing a verifier sees.
    #[test]
    fn folding_keeps_the_relaxed_form() {
        let signature = Signature {
            v: 1,
            a: Algorithm::Ed25519Sha256,
            d: "newsletter.example.org".into(),
            s: "rundbrief-2026".into(),
            h: SIGNED_HEADERS.map(str::to_owned).to_vec(),
            t: 1_800_000_000,
            bh: STANDARD.encode([7; 32]).into_bytes(),
            b: STANDARD.encode([9; 256]).into_bytes(),
            ..Signature::default()
        };
        let mut folded = Vec::new();
        write_folded(&signature, &mut folded);
        let text = String::from_utf8(folded.clone()).unwrap_or_default();
        assert!(text.ends_with("\r\n") && text.lines().all(|l| l.len() <= LINE), "{text}");
        let mut canonical = Vec::new();
        let fields = header_fields(&folded);
        Canonicalization::Relaxed.canonicalize_headers(fields.into_iter(), &mut canonical);
        let mut expected = Vec::new();
        signature.write(&mut expected, false);
        expected.extend_from_slice(b"\r\n");
        assert_eq!(String::from_utf8_lossy(&canonical), String::from_utf8_lossy(&expected));
    }

    #[test]
    fn pem_errors_are_readable() {
        assert!(DkimSigner::from_pem("nonsense", "example.org", "s").is_err());
        let encrypted =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
        let err = DkimSigner::from_pem(encrypted, "example.org", "s").err();
        assert!(err.is_some_and(|e| e.to_string().contains("encrypted")));
    }
}
