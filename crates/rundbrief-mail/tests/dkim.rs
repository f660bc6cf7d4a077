//! DKIM signatures checked by mail-auth's verifier (Stalwart) with RustCrypto's RSA and
//! Ed25519: the signer canonicalises with mail-auth too, but signs with ring, so the
//! cryptography is checked by an implementation that shares no code with it. The public keys
//! go into mail-auth's TXT cache, parsed from the signer's own `dns_record()`, so no DNS is
//! involved; the resolver points at 127.0.0.1 so that even a cache miss could not leave this
//! machine.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use common::*;
use mail_auth::common::parse::TxtRecordParser as _;
use mail_auth::common::verify::DomainKey;
use mail_auth::hickory_resolver::config::{NameServerConfigGroup, ResolverConfig, ResolverOpts};
use mail_auth::{
    AuthenticatedMessage, DkimResult, Error as AuthError, MessageAuthenticator, Parameters,
    ResolverCache, Txt,
};
use ring::rand::SystemRandom;
use ring::signature::Ed25519KeyPair;
use rundbrief_mail::{DkimAlgorithm, DkimSigner, Email, MessageWriter};

const RSA_PKCS8: &str = include_str!("keys/rsa2048-TEST-ONLY.pem");
const RSA_PKCS1: &str = include_str!("keys/rsa2048-pkcs1-TEST-ONLY.pem");
const ED25519: &str = include_str!("keys/ed25519-TEST-ONLY.pem");

#[derive(Default)]
struct TxtCache(Mutex<HashMap<String, Txt>>);

impl ResolverCache<String, Txt> for TxtCache {
    fn get<Q>(&self, name: &Q) -> Option<Txt>
    where
        String: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        self.0.lock().unwrap().get(name).cloned()
    }

    fn remove<Q>(&self, name: &Q) -> Option<Txt>
    where
        String: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        self.0.lock().unwrap().remove(name)
    }

    fn insert(&self, key: String, value: Txt, _: Instant) {
        self.0.lock().unwrap().insert(key, value);
    }
}

fn cache_for(signers: &[&DkimSigner]) -> TxtCache {
    let cache = TxtCache::default();
    for signer in signers {
        let record = signer.dns_record();
        let key = || Txt::from(DomainKey::parse(record.as_bytes()).unwrap());
        let valid = Instant::now() + std::time::Duration::from_secs(3600);
        cache.insert(format!("{}.", signer.dns_name()), key(), valid);
        cache.insert(signer.dns_name(), key(), valid);
    }
    cache
}

fn loopback_authenticator() -> MessageAuthenticator {
    let servers =
        NameServerConfigGroup::from_ips_clear(&[IpAddr::V4(Ipv4Addr::LOCALHOST)], 53, true);
    MessageAuthenticator::new(
        ResolverConfig::from_parts(None, vec![], servers),
        ResolverOpts::default(),
    )
    .unwrap()
}

async fn verify(raw: &[u8], cache: &TxtCache) -> Vec<DkimResult> {
    let message = AuthenticatedMessage::parse(raw).unwrap();
    loopback_authenticator()
        .verify_dkim(Parameters::new(&message).with_txt_cache(cache))
        .await
        .into_iter()
        .map(|output| output.result().clone())
        .collect()
}

fn signer(pem: &str) -> DkimSigner {
    DkimSigner::from_pem(pem, "example.org", "rb2025").unwrap()
}

fn signed_campaign(signers: &[Arc<DkimSigner>], sample_index: usize) -> Vec<u8> {
    let from = from();
    let list_id = list_id();
    let samples = samples();
    let mut writer = MessageWriter::new(DOMAIN).unwrap();
    for s in signers {
        writer = writer.with_dkim(Arc::clone(s));
    }
    writer.build(&campaign(&from, &list_id, &samples[sample_index])).unwrap().bytes
}

/// Replaces the first occurrence of `from` after the header/body split.
fn tamper_body(raw: &[u8]) -> Vec<u8> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let mut out = raw.to_vec();
    // Flip one character of the first base64/QP line of the text part, far from boundaries.
    let line_start = split + out[split..].windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    out[line_start + 1] = if out[line_start + 1] == b'A' { b'B' } else { b'A' };
    out
}

#[tokio::test]
async fn keys_load_with_the_right_algorithm() {
    assert_eq!(signer(RSA_PKCS8).algorithm(), DkimAlgorithm::RsaSha256);
    assert_eq!(signer(RSA_PKCS1).algorithm(), DkimAlgorithm::RsaSha256);
    assert_eq!(signer(ED25519).algorithm(), DkimAlgorithm::Ed25519Sha256);
    assert!(signer(ED25519).dns_record().starts_with("v=DKIM1; k=ed25519; p="));
    assert!(signer(RSA_PKCS8).dns_record().starts_with("v=DKIM1; k=rsa; p=MIIBIjAN"));
    assert_eq!(signer(RSA_PKCS8).dns_name(), "rb2025._domainkey.example.org");
    let debug = format!("{:?}", signer(RSA_PKCS8));
    assert!(!debug.contains("MII") && debug.contains("rb2025"), "{debug}");
    assert!(DkimSigner::from_pem(RSA_PKCS8, "bad domain", "s").is_err());
}

#[tokio::test]
async fn signed_campaigns_verify_and_tampering_fails() {
    for (name, pem) in [("rsa pkcs8", RSA_PKCS8), ("rsa pkcs1", RSA_PKCS1), ("ed25519", ED25519)] {
        let signer = Arc::new(signer(pem));
        let cache = cache_for(&[&signer]);
        for sample in 0..samples().len() {
            let raw = signed_campaign(&[Arc::clone(&signer)], sample);
            assert_wire_clean(&raw, 78);
            assert_eq!(verify(&raw, &cache).await, [DkimResult::Pass], "{name}, sample {sample}");
        }
        let raw = signed_campaign(&[Arc::clone(&signer)], 0);

        let body_changed = tamper_body(&raw);
        assert_eq!(
            verify(&body_changed, &cache).await,
            [DkimResult::Neutral(AuthError::FailedBodyHashMatch)],
            "{name}: tampered body"
        );

        let text = String::from_utf8(raw.clone()).unwrap();
        let subject_changed = text.replacen("Subject: =?utf-8?b?", "Subject: =?utf-8?B?", 1);
        assert_ne!(subject_changed, text);
        let header_changed = text.replacen("To: reader@example.net", "To: other@example.net", 1);
        for (what, tampered) in [("subject", subject_changed), ("to", header_changed)] {
            assert_eq!(
                verify(tampered.as_bytes(), &cache).await,
                [DkimResult::Fail(AuthError::FailedVerification)],
                "{name}: tampered {what}"
            );
        }

        // Relaxed canonicalisation tolerates what relays commonly do to whitespace.
        let refolded = text.replacen("MIME-Version: 1.0", "MIME-Version:   1.0 ", 1);
        assert_eq!(verify(refolded.as_bytes(), &cache).await, [DkimResult::Pass], "{name}");
    }
}

/// Bodies sent as they are (8BITMIME) keep their runs of spaces, trailing spaces and tabs, which
/// relaxed canonicalisation changes: the signature must still verify, and tampering still fail.
#[tokio::test]
async fn eight_bit_campaigns_verify() {
    let from = from();
    let list_id = list_id();
    for pem in [RSA_PKCS8, ED25519] {
        let signer = Arc::new(signer(pem));
        let cache = cache_for(&[&signer]);
        let mut writer = MessageWriter::new(DOMAIN).unwrap().with_dkim(Arc::clone(&signer));
        for sample in samples_that_fit() {
            let mut email = campaign(&from, &list_id, &sample);
            email.eight_bit = true;
            let raw = writer.build(&email).unwrap().bytes;
            assert_eq!(part_encodings(&raw), ["8bit", "8bit"]);
            assert_eq!(verify(&raw, &cache).await, [DkimResult::Pass], "{:?}", sample.language);
            let tampered =
                String::from_utf8(raw).unwrap().replacen("trailing spaces", "trailing spices", 1);
            assert_ne!(verify(tampered.as_bytes(), &cache).await, [DkimResult::Pass]);
        }
    }
}

#[tokio::test]
async fn rsa_and_ed25519_together_both_verify() {
    let rsa = Arc::new(signer(RSA_PKCS8));
    let ed = Arc::new(
        DkimSigner::from_ed25519_pkcs8(
            Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).unwrap().as_ref(),
            "example.org",
            "ed2025",
        )
        .unwrap(),
    );
    let cache = cache_for(&[&rsa, &ed]);
    let raw = signed_campaign(&[rsa, ed], 1);
    assert_eq!(verify(&raw, &cache).await, [DkimResult::Pass, DkimResult::Pass]);
}

#[tokio::test]
async fn transactional_mail_signs_only_headers_it_has() {
    let signer = Arc::new(signer(ED25519));
    let cache = cache_for(&[&signer]);
    let from = from();
    let mut writer = MessageWriter::new(DOMAIN).unwrap().with_dkim(Arc::clone(&signer));
    let email = Email::transactional(
        &from,
        "new@example.net",
        "Bestätigung",
        "Text\r\n",
        "<p>HTML</p>",
        rundbrief_core::Language::De,
    );
    let raw = writer.build(&email).unwrap().bytes;
    let text = String::from_utf8(raw.clone()).unwrap();
    let dkim_header: String = text
        .split("\r\n")
        .take_while(|l| l.starts_with("DKIM-Signature") || l.starts_with(' '))
        .collect();
    assert!(
        dkim_header.contains("h=from:to:subject:date:message-id:mime-version:"),
        "{dkim_header}"
    );
    assert!(!dkim_header.contains("list-id"));
    assert_eq!(verify(&raw, &cache).await, [DkimResult::Pass]);
}

/// `DkimSigner::sign` works on any message, here one written by lettre's builder.
#[tokio::test]
async fn signs_messages_built_elsewhere() {
    let signer = signer(RSA_PKCS8);
    let cache = cache_for(&[&signer]);
    let message = lettre::Message::builder()
        .from("Absender <sender@example.org>".parse().unwrap())
        .to("reader@example.net".parse().unwrap())
        .subject("Grüße aus Österreich")
        .body("Hallo  Welt \t\r\n\r\n\r\n".to_owned())
        .unwrap()
        .formatted();
    let mut raw = signer.sign(&message).unwrap();
    raw.extend_from_slice(&message);
    assert_eq!(verify(&raw, &cache).await, [DkimResult::Pass]);
}
