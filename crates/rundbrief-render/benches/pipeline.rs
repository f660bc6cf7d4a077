//! The per-subscriber cost of a campaign: from a prepared variant (Markdown, sanitising and
//! layout done once per issue and language) to the complete MIME message, including the signed
//! unsubscribe and preferences links. Criterion runs on one thread, so messages per second here
//! are messages per second per core.
//!
//! It lives with the renderer because the renderer is most of the work; the mail writer is a
//! dev-dependency only. `cargo bench -p rundbrief-render --bench pipeline`; results in
//! docs/benchmarks.md.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rundbrief_core::Language;
use rundbrief_core::token::{TokenPurpose, TokenSigner};
use rundbrief_i18n::Locales;
use rundbrief_mail::{DkimSigner, Email, ListHeaders, ListId, Mailbox, MessageWriter};
use rundbrief_render::{Personalisation, PreparedVariant, Templates, VariantSource, prepare};

include!("common/issue.rs");

struct Fixture {
    prepared: PreparedVariant,
    signer: TokenSigner,
    from: Mailbox,
    list_id: ListId,
}

fn fixture() -> Fixture {
    let markdown = issue_markdown("Neuigkeiten für {{ name }}", 10 * 1024);
    let source = VariantSource {
        language: Language::De,
        subject: "Neuigkeiten im Dezember für {{ name }}",
        preheader: "Sprechstunden, Fristen und Termine",
        markdown: &markdown,
    };
    // A Polish reader getting the German variant: the layout carries the fallback note too.
    let prepared = prepare(&Templates::default(), Locales::embedded(), &source, Language::Pl)
        .expect("the benchmark issue renders");
    Fixture {
        prepared,
        signer: TokenSigner::new(&[7; 32]).expect("key"),
        from: Mailbox::new(Some("Servicestelle EU-Zuwanderung"), "newsletter@example.org")
            .expect("sender"),
        list_id: ListId::new(Some("Rundbrief"), "newsletter.example.org").expect("list id"),
    }
}

/// Everything done per subscriber, into reused buffers.
struct Personaliser {
    subject: String,
    html: String,
    text: String,
    message: Vec<u8>,
    writer: MessageWriter,
}

impl Personaliser {
    fn message(&mut self, fx: &Fixture, subscriber: i64) -> usize {
        let unsubscribe = fx.signer.sign(TokenPurpose::Unsubscribe, subscriber, None);
        let preferences = fx.signer.sign(TokenPurpose::Preferences, subscriber, None);
        let unsubscribe_url = format!("https://news.example.org/unsubscribe/{unsubscribe}");
        let preferences_url = format!("https://news.example.org/preferences/{preferences}");
        let address = format!("reader{subscriber}@example.org");
        let who = Personalisation {
            name: (subscriber % 2 == 0).then_some("Zoë Κωνσταντίνου"),
            email: &address,
            unsubscribe_url: &unsubscribe_url,
            preferences_url: &preferences_url,
        };
        self.subject.clear();
        self.html.clear();
        self.text.clear();
        fx.prepared.subject_into(&who, &mut self.subject);
        fx.prepared.render_html_into(&who, &mut self.html);
        fx.prepared.render_text_into(&who, &mut self.text);
        let list = ListHeaders {
            list_id: &fx.list_id,
            unsubscribe_url: &unsubscribe_url,
            unsubscribe_mailto: Some("mailto:unsubscribe@example.org"),
        };
        let email = Email::campaign(
            &fx.from,
            &address,
            &self.subject,
            &self.text,
            &self.html,
            fx.prepared.language(),
            list,
        );
        self.writer.write(&email, &mut self.message).expect("message builds");
        self.message.len()
    }
}

fn personaliser(writer: MessageWriter) -> Personaliser {
    Personaliser {
        subject: String::new(),
        html: String::new(),
        text: String::new(),
        message: Vec::new(),
        writer,
    }
}

fn dkim(file: &str) -> Arc<DkimSigner> {
    let path = format!("{}/../rundbrief-mail/tests/keys/{file}", env!("CARGO_MANIFEST_DIR"));
    let pem = std::fs::read_to_string(&path).expect("test key");
    Arc::new(DkimSigner::from_pem(&pem, "example.org", "bench").expect("key parses"))
}

fn pipeline(c: &mut Criterion) {
    let fx = fixture();
    let mut group = c.benchmark_group("complete personalised message, 10 KB issue");
    group.throughput(Throughput::Elements(1));
    let variants = [
        ("no DKIM", MessageWriter::new("example.org").expect("writer")),
        (
            "DKIM ed25519",
            MessageWriter::new("example.org")
                .expect("writer")
                .with_dkim(dkim("ed25519-TEST-ONLY.pem")),
        ),
        (
            "DKIM rsa-2048",
            MessageWriter::new("example.org")
                .expect("writer")
                .with_dkim(dkim("rsa2048-TEST-ONLY.pem")),
        ),
    ];
    for (name, writer) in variants {
        let mut p = personaliser(writer);
        let mut subscriber = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                subscriber += 1;
                black_box(p.message(&fx, subscriber))
            })
        });
    }
    group.finish();
    let mut p = personaliser(MessageWriter::new("example.org").expect("writer"));
    eprintln!("message size: {} bytes", p.message(&fx, 1));
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
