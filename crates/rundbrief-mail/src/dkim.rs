//! DKIM signatures (RFC 6376) with `rsa-sha256` or `ed25519-sha256` (RFC 8463), relaxed/relaxed
//! canonicalisation.
//!
//! lettre's DKIM module signs only its own `Message` type, so signing lives here and works on
//! raw bytes; ring provides SHA-256 and constant-time RSA and Ed25519 (it is already in the
//! build through rustls). The message writer hashes each body once and calls
//! [`DkimSigner::sign_prepared`] per signer; [`DkimSigner::sign`] signs any complete message.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ring::digest::{self, SHA256};
use ring::rand::SystemRandom;
use ring::signature::{self, Ed25519KeyPair, KeyPair as _};
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

enum Key {
    Rsa(ring::rsa::KeyPair),
    Ed25519(Ed25519KeyPair),
}

/// A DKIM private key with its signing domain and selector. Cheap to share behind an `Arc`.
pub struct DkimSigner {
    domain: String,
    selector: String,
    key: Key,
    rng: SystemRandom,
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
        let (label, der) = pem_decode(pem)?;
        let key = match label.as_str() {
            "PRIVATE KEY" => match Ed25519KeyPair::from_pkcs8_maybe_unchecked(&der) {
                Ok(key) => Key::Ed25519(key),
                Err(_) => Key::Rsa(
                    ring::rsa::KeyPair::from_pkcs8(&der)
                        .map_err(|e| DkimError::Key(format!("not an RSA or Ed25519 key ({e})")))?,
                ),
            },
            "RSA PRIVATE KEY" => Key::Rsa(
                ring::rsa::KeyPair::from_der(&der)
                    .map_err(|e| DkimError::Key(format!("RSA key rejected ({e})")))?,
            ),
            "ENCRYPTED PRIVATE KEY" => {
                return Err(DkimError::Pem(
                    "encrypted keys are not supported; decrypt it with `openssl pkey`",
                ));
            }
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
        Ok(Self {
            domain: domain.to_ascii_lowercase(),
            selector: selector.to_owned(),
            key,
            rng: SystemRandom::new(),
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
        let (k, public) = match &self.key {
            // DKIM wants a SubjectPublicKeyInfo; ring exposes the bare PKCS#1 RSAPublicKey.
            Key::Rsa(key) => ("rsa", rsa_spki(key.public_key().as_ref())),
            // RFC 8463: the raw 32-byte public key.
            Key::Ed25519(key) => ("ed25519", key.public_key().as_ref().to_vec()),
        };
        format!("v=DKIM1; k={k}; p={}", STANDARD.encode(public))
    }

    /// Signs a complete message and returns the `DKIM-Signature` header field (with its CRLF)
    /// to put in front of it.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, DkimError> {
        let split = find(message, b"\r\n\r\n").ok_or(DkimError::MalformedMessage)?;
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
        let mut signed: Vec<(&str, &[u8])> = Vec::with_capacity(SIGNED_HEADERS.len());
        for name in SIGNED_HEADERS {
            // With one instance per name, the last one is the one h= refers to (RFC 6376 §5.4.2).
            if let Some(field) = fields
                .iter()
                .rev()
                .find(|(field_name, _)| field_name.eq_ignore_ascii_case(name.as_bytes()))
            {
                signed.push((name, field.1));
            }
        }

        let start = out.len();
        out.extend_from_slice(b"DKIM-Signature: v=1; a=");
        out.extend_from_slice(self.algorithm().as_str().as_bytes());
        out.extend_from_slice(b"; c=relaxed/relaxed; d=");
        out.extend_from_slice(self.domain.as_bytes());
        out.extend_from_slice(b";\r\n s=");
        out.extend_from_slice(self.selector.as_bytes());
        out.extend_from_slice(b"; t=");
        out.extend_from_slice(timestamp.to_string().as_bytes());
        out.extend_from_slice(b";\r\n h=");
        let mut col = 3;
        for (i, (name, _)) in signed.iter().enumerate() {
            if i > 0 {
                out.push(b':');
                col += 1;
                if col + name.len() + 1 > LINE {
                    out.extend_from_slice(b"\r\n ");
                    col = 1;
                }
            }
            out.extend_from_slice(name.as_bytes());
            col += name.len();
        }
        out.extend_from_slice(b";\r\n bh=");
        let bh_start = out.len();
        out.resize(bh_start + 44, 0);
        let written = STANDARD
            .encode_slice(body_hash, &mut out[bh_start..])
            .map_err(|_| DkimError::Signing)?;
        out.truncate(bh_start + written);
        out.extend_from_slice(b";\r\n b=");

        // The signed data: the covered headers, then this header with an empty b=, all relaxed.
        let mut data = Vec::with_capacity(1024);
        for (_, field) in &signed {
            relaxed_header(field, &mut data);
        }
        relaxed_header(&out[start..], &mut data);
        data.truncate(data.len() - 2); // the DKIM-Signature field is hashed without its CRLF

        let signature = match &self.key {
            Key::Rsa(key) => {
                let mut sig = vec![0; key.public().modulus_len()];
                key.sign(&signature::RSA_PKCS1_SHA256, &self.rng, &data, &mut sig)
                    .map_err(|_| DkimError::Signing)?;
                sig
            }
            // RFC 8463: Ed25519 signs the SHA-256 hash of the data, not the data.
            Key::Ed25519(key) => {
                key.sign(digest::digest(&SHA256, &data).as_ref()).as_ref().to_vec()
            }
        };
        let encoded = STANDARD.encode(signature);
        let mut col = 3;
        for chunk in encoded.as_bytes().chunks(72) {
            if col + chunk.len() > LINE {
                out.extend_from_slice(b"\r\n ");
                col = 1;
            }
            out.extend_from_slice(chunk);
            col += chunk.len();
        }
        out.extend_from_slice(b"\r\n");
        Ok(())
    }
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

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Splits a header block into `(name, whole field including continuation lines and CRLF)`.
fn header_fields(headers: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut fields = Vec::with_capacity(24);
    let mut start = 0;
    let mut i = 0;
    while i < headers.len() {
        if headers[i] == b'\n' {
            let continues = matches!(headers.get(i + 1), Some(b' ' | b'\t'));
            if !continues {
                let field = &headers[start..=i];
                let name_end = field.iter().position(|&b| b == b':').unwrap_or(0);
                let name = field[..name_end].trim_ascii_end();
                fields.push((name, field));
                start = i + 1;
            }
        }
        i += 1;
    }
    fields
}

/// Appends the relaxed canonical form of one header field (RFC 6376 §3.4.2), with CRLF.
fn relaxed_header(field: &[u8], out: &mut Vec<u8>) {
    let colon = field.iter().position(|&b| b == b':').unwrap_or(field.len());
    for &b in field[..colon].trim_ascii_end() {
        out.push(b.to_ascii_lowercase());
    }
    out.push(b':');
    let mut pending_space = false;
    let mut started = false;
    for &b in field.get(colon + 1..).unwrap_or_default() {
        match b {
            b'\r' | b'\n' => {}
            b' ' | b'\t' => pending_space = started,
            _ => {
                if pending_space {
                    out.push(b' ');
                }
                pending_space = false;
                started = true;
                out.push(b);
            }
        }
    }
    out.extend_from_slice(b"\r\n");
}

/// Writes the relaxed canonical form of a body (RFC 6376 §3.4.4) to `out`: whitespace runs
/// become one space, whitespace at line ends and empty lines at the end go, and a non-empty body
/// ends in CRLF.
pub fn relaxed_body(body: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let mut rest = body;
    while !rest.is_empty() {
        let (line, next) = match find(rest, b"\r\n") {
            Some(p) => (&rest[..p], &rest[p + 2..]),
            None => (rest, &rest[rest.len()..]),
        };
        let mut pending_space = false;
        for &b in line {
            if b == b' ' || b == b'\t' {
                pending_space = true;
            } else {
                if pending_space {
                    out.push(b' ');
                }
                pending_space = false;
                out.push(b);
            }
        }
        out.extend_from_slice(b"\r\n");
        rest = next;
    }
    while out.ends_with(b"\r\n\r\n") {
        out.truncate(out.len() - 2);
    }
    if out.as_slice() == b"\r\n" {
        out.clear();
    }
}

/// The hash of a body the message writer produced, which is relaxed-canonical by construction
/// (see `encode.rs`): no copy, no second pass.
pub(crate) fn canonical_body_hash(body: &[u8]) -> digest::Digest {
    debug_assert!({
        let mut check = Vec::new();
        relaxed_body(body, &mut check);
        check == body
    });
    digest::digest(&SHA256, body)
}

/// Wraps a PKCS#1 RSAPublicKey in a SubjectPublicKeyInfo with the rsaEncryption algorithm.
fn rsa_spki(pkcs1: &[u8]) -> Vec<u8> {
    const ALGORITHM: [u8; 15] =
        [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
    let mut bit_string = vec![0x03];
    der_length(pkcs1.len() + 1, &mut bit_string);
    bit_string.push(0);
    bit_string.extend_from_slice(pkcs1);
    let mut out = vec![0x30];
    der_length(ALGORITHM.len() + bit_string.len(), &mut out);
    out.extend_from_slice(&ALGORITHM);
    out.extend_from_slice(&bit_string);
    out
}

fn der_length(len: usize, out: &mut Vec<u8>) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

fn pem_decode(pem: &str) -> Result<(String, Vec<u8>), DkimError> {
    const BEGIN: &str = "-----BEGIN ";
    let begin = pem.find(BEGIN).ok_or(DkimError::Pem("no PEM BEGIN line"))?;
    let rest = &pem[begin + BEGIN.len()..];
    let label_end = rest.find("-----").ok_or(DkimError::Pem("broken PEM BEGIN line"))?;
    let label = &rest[..label_end];
    let body = &rest[label_end + 5..];
    let end = body
        .find(&format!("-----END {label}-----"))
        .ok_or(DkimError::Pem("no matching PEM END line"))?;
    let body = &body[..end];
    if body.contains(':') {
        // Legacy "Proc-Type: 4,ENCRYPTED" headers.
        return Err(DkimError::Pem(
            "encrypted keys are not supported; decrypt it with `openssl pkey`",
        ));
    }
    let b64: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = STANDARD.decode(b64).map_err(|_| DkimError::Pem("PEM body is not valid base64"))?;
    Ok((label.to_owned(), der))
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
    fn relaxed_header_matches_rfc_example() {
        let mut out = Vec::new();
        relaxed_header(b"SubjeCT \t: Is dinner ready?\r\n", &mut out);
        relaxed_header(b"A: X\r\n", &mut out);
        relaxed_header(b"B : Y\t\r\n\tZ  \r\n", &mut out);
        assert_eq!(out, b"subject:Is dinner ready?\r\na:X\r\nb:Y Z\r\n");
    }

    #[test]
    fn header_fields_keep_continuations() {
        let fields = header_fields(b"A: 1\r\nB: 2\r\n 3\r\nC: 4\r\n");
        let names: Vec<&[u8]> = fields.iter().map(|f| f.0).collect();
        assert_eq!(names, [&b"A"[..], b"B", b"C"]);
        assert_eq!(fields[1].1, b"B: 2\r\n 3\r\n");
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
