//! How fast complete campaign messages are written: ~10 KB HTML + ~4 KB text, personalised
//! recipient and unsubscribe URL per message, without DKIM and with Ed25519 or RSA-2048, plus
//! lettre's `MessageBuilder` on the same input as the baseline the writer replaced.
//!
//! `cargo bench -p rundbrief-mail -- --warm-up-time 1 --measurement-time 3`; the throughput
//! column is messages per second on one core.
#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rundbrief_core::Language;
use rundbrief_mail::{DkimSigner, Email, ListHeaders, ListId, Mailbox, MessageWriter};

const RSA: &str = include_str!("../tests/keys/rsa2048-TEST-ONLY.pem");
const ED25519: &str = include_str!("../tests/keys/ed25519-TEST-ONLY.pem");
const RECIPIENTS: usize = 1024;

const DE: &str = "Liebe Leserinnen und Leser, in dieser Ausgabe finden Sie Informationen zur \
Anmeldung des Wohnsitzes, zur Anerkennung von Berufsabschlüssen und zu Beratungsangeboten in \
Ihrer Nähe. Die Servicestelle ist montags bis freitags von 9 bis 16 Uhr erreichbar.";
const EL: &str = "Αγαπητοί αναγνώστες, σε αυτό το τεύχος θα βρείτε πληροφορίες για τη δήλωση \
κατοικίας, την αναγνώριση επαγγελματικών προσόντων και τις συμβουλευτικές υπηρεσίες κοντά σας.";

/// Paragraphs alternating German and Greek until `target` bytes.
fn body(target: usize, html: bool, greek: bool) -> String {
    let mut out = String::new();
    if html {
        out.push_str("<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><style>body{font-family:sans-serif;line-height:1.5}p{margin:0 0 1em}</style></head><body>\n");
    }
    let mut i = 0;
    while out.len() < target {
        let text = if greek && i % 2 == 1 { EL } else { DE };
        if html {
            out.push_str(&format!(
                "<h2 style=\"font-size:18px\">Abschnitt {i}</h2>\n<p>{text} <a href=\"https://rundbrief.example.org/archive/de/ausgabe-{i}\">Mehr lesen</a></p>\n"
            ));
        } else {
            out.push_str(&format!("Abschnitt {i}\n\n{text}\nMehr lesen: https://rundbrief.example.org/archive/de/ausgabe-{i}\n\n"));
        }
        i += 1;
    }
    if html {
        out.push_str("</body></html>\n");
    }
    out
}

struct Fixture {
    from: Mailbox,
    list_id: ListId,
    recipients: Vec<String>,
    urls: Vec<String>,
    mailtos: Vec<String>,
    text: String,
    html: String,
}

impl Fixture {
    fn new(greek: bool) -> Self {
        Self {
            from: Mailbox::new(Some("Rundbrief Servicestelle"), "newsletter@example.org").unwrap(),
            list_id: "\"Rundbrief\" <newsletter.example.org>".parse().unwrap(),
            recipients: (0..RECIPIENTS).map(|i| format!("reader.{i}@example.net")).collect(),
            urls: (0..RECIPIENTS)
                .map(|i| format!("https://rundbrief.example.org/unsubscribe/eyJzIjo{i:08}In0.c2lnbmF0dXJlX3t7aX19"))
                .collect(),
            mailtos: (0..RECIPIENTS)
                .map(|i| format!("mailto:unsubscribe+{i}@rundbrief.example.org"))
                .collect(),
            text: body(4 * 1024, false, greek),
            html: body(10 * 1024, true, greek),
        }
    }

    fn email(&self, i: usize) -> Email<'_> {
        let i = i % RECIPIENTS;
        Email::campaign(
            &self.from,
            &self.recipients[i],
            "Rundbrief November: Anmeldung, Anerkennung, Beratung — Ενημερωτικό δελτίο",
            &self.text,
            &self.html,
            Language::De,
            ListHeaders {
                list_id: &self.list_id,
                unsubscribe_url: &self.urls[i],
                unsubscribe_mailto: Some(&self.mailtos[i]),
            },
        )
    }
}

fn bench(c: &mut Criterion) {
    let mixed = Fixture::new(true);
    let german = Fixture::new(false);
    let rsa = Arc::new(DkimSigner::from_pem(RSA, "example.org", "rsa").unwrap());
    let ed = Arc::new(DkimSigner::from_pem(ED25519, "example.org", "ed").unwrap());

    let mut group = c.benchmark_group("campaign message");
    group.throughput(Throughput::Elements(1));

    let cases: [(&str, &Fixture, Vec<Arc<DkimSigner>>); 5] = [
        ("mixed de+el, no DKIM", &mixed, vec![]),
        ("german only (quoted-printable), no DKIM", &german, vec![]),
        ("mixed de+el, ed25519", &mixed, vec![Arc::clone(&ed)]),
        ("mixed de+el, rsa-2048", &mixed, vec![Arc::clone(&rsa)]),
        ("mixed de+el, rsa-2048 + ed25519", &mixed, vec![rsa, ed]),
    ];
    for (name, fixture, signers) in cases {
        let mut writer = MessageWriter::new("newsletter.example.org").unwrap();
        for signer in signers {
            writer = writer.with_dkim(signer);
        }
        // `build` returns an owned message as a queue worker would hand it to the transport.
        let mut i = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                i += 1;
                black_box(writer.build(&fixture.email(i)).unwrap())
            });
        });
    }

    let mut i = 0;
    group.bench_function("mixed de+el, no DKIM, reused output buffer", |b| {
        let mut writer = MessageWriter::new("newsletter.example.org").unwrap();
        let mut out = Vec::new();
        b.iter(|| {
            i += 1;
            black_box(writer.write(&mixed.email(i), &mut out).unwrap());
        });
    });

    let mut i = 0;
    group.bench_function("baseline: lettre MessageBuilder, mixed de+el, no DKIM", |b| {
        use lettre::message::{MultiPart, header};
        b.iter(|| {
            i += 1;
            let email = mixed.email(i);
            let list = email.list.unwrap();
            let message = lettre::Message::builder()
                .from(
                    format!("{} <{}>", email.from.name().unwrap(), email.from.address())
                        .parse()
                        .unwrap(),
                )
                .to(email.to.parse().unwrap())
                .subject(email.subject)
                .raw_header(header::HeaderValue::new(
                    header::HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{}>, <{}>", list.unsubscribe_url, list.unsubscribe_mailto.unwrap()),
                ))
                .multipart(MultiPart::alternative_plain_html(
                    email.text.to_owned(),
                    email.html.to_owned(),
                ))
                .unwrap();
            black_box(message.formatted())
        });
    });
    group.finish();
}

/// The pieces of one message, to see where the time goes.
fn parts(c: &mut Criterion) {
    use rundbrief_mail::encode;
    let mixed = Fixture::new(true);
    let german = Fixture::new(false);
    let mut group = c.benchmark_group("parts");
    let mut out = Vec::with_capacity(64 * 1024);
    group.bench_function("choose encoding, 10 KB html", |b| {
        b.iter(|| black_box(encode::TransferEncoding::for_body(mixed.html.as_bytes())));
    });
    group.bench_function("quoted-printable, 10 KB german html", |b| {
        b.iter(|| {
            out.clear();
            encode::quoted_printable(black_box(german.html.as_bytes()), &mut out);
        });
    });
    let mut scratch = Vec::new();
    group.bench_function("line breaks + base64, 10 KB mixed html", |b| {
        b.iter(|| {
            out.clear();
            encode::base64_lines(
                encode::canonical_line_breaks(black_box(mixed.html.as_bytes()), &mut scratch),
                &mut out,
            );
        });
    });
    let message =
        MessageWriter::new("newsletter.example.org").unwrap().build(&mixed.email(0)).unwrap().bytes;
    group.bench_function("sha-256 of a whole message", |b| {
        b.iter(|| black_box(ring::digest::digest(&ring::digest::SHA256, black_box(&message))));
    });
    let ed = DkimSigner::from_pem(ED25519, "example.org", "ed").unwrap();
    let hash = [7u8; 32];
    let head = &message[..message.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 2];
    group.bench_function("ed25519 DKIM header for a prepared body hash", |b| {
        b.iter(|| {
            out.clear();
            ed.sign_prepared(black_box(head), &hash, 1_700_000_000, &mut out).unwrap();
        });
    });
    let key =
        ring::signature::Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new()).unwrap();
    let key = ring::signature::Ed25519KeyPair::from_pkcs8(key.as_ref()).unwrap();
    group.bench_function("ring ed25519 signature alone", |b| {
        b.iter(|| black_box(key.sign(black_box(&hash))));
    });
    group.finish();
}

criterion_group!(benches, bench, parts);
criterion_main!(benches);
