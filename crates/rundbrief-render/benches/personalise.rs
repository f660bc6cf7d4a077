//! Per-subscriber cost of a prepared issue: the part of sending that runs once per mail.
//!
//! The sending pipeline aims at 20,000 complete MIME messages per second per core (50 µs per
//! mail for everything), so personalising must be a small fraction of that. `prepare` is
//! measured too, for scale: it runs once per issue and language, not per subscriber.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rundbrief_core::Language;
use rundbrief_i18n::Locales;
use rundbrief_render::{Personalisation, Templates, VariantSource, prepare};

/// A German issue of about 10 KB of Markdown with the usual mix of blocks and a few
/// placeholders.
fn issue() -> String {
    let mut md = String::from("# Neuigkeiten für {{ name }}\n\nLiebe Leserin, lieber Leser,\n\n");
    let mut n = 0;
    while md.len() < 10_000 {
        n += 1;
        md.push_str(&format!(
            "## {n}. Thema: Änderungen bei der Anmeldung\n\n\
             Ab dem 1. Juli gelten für EU-Bürgerinnen und EU-Bürger neue Regeln bei der \
             Wohnsitzanmeldung. Bitte bringen Sie **Ihren Ausweis** und die _Meldebescheinigung_ \
             mit. Alle Einzelheiten finden Sie auf [unserer Seite](https://example.org/thema/{n}) \
             und in der [Broschüre (PDF)](https://example.org/broschuere-{n}.pdf).\n\n\
             - Beratung in Kiel, Lübeck und Flensburg\n\
             - Termine nach Vereinbarung: <termine@example.org>\n\
             - Dolmetschen in 24 Sprachen\n\n\
             > Hinweis: Diese Informationen ersetzen keine Rechtsberatung.\n\n"
        ));
    }
    md.push_str(
        "| Ort | Zeit |\n|---|---|\n| Kiel | Mo 9–12 Uhr |\n| Lübeck | Di 14–17 Uhr |\n\n\
         Sie lesen diese Ausgabe auf {{ language }}. \
         [Einstellungen ändern]({{ preferences_url }}) · [Abmelden]({{ unsubscribe_url }})\n",
    );
    md
}

fn bench(c: &mut Criterion) {
    let markdown = issue();
    let source = VariantSource {
        language: Language::De,
        subject: "Neuigkeiten für {{ name }}",
        preheader: "Was sich im Juli für {{ name }} ändert",
        markdown: &markdown,
    };
    let templates = Templates::default();
    let locales = Locales::embedded();
    let prepared = match prepare(&templates, locales, &source, Language::De) {
        Ok(p) => p,
        Err(e) => panic!("prepare failed: {e}"),
    };
    let names = ["Anna Müller", "Jan <Kowalski>", "", "Μαρία Παπαδοπούλου"];
    let people: Vec<Personalisation<'_>> = names
        .iter()
        .map(|name| Personalisation {
            name: Some(name),
            email: "subscriber@example.org",
            unsubscribe_url: "https://news.example.org/unsubscribe/eyJzIjoxMjM0NSwiaSI6Nzd9.c2lnbmF0dXJl",
            preferences_url: "https://news.example.org/preferences/eyJzIjoxMjM0NSwiaSI6Nzd9.c2lnbmF0dXJl",
        })
        .collect();

    let mut html = String::new();
    let mut text = String::new();
    let mut subject = String::new();
    prepared.render_html_into(&people[0], &mut html);
    prepared.render_text_into(&people[0], &mut text);
    eprintln!(
        "issue: {} bytes of Markdown -> {} bytes HTML, {} bytes text per mail",
        markdown.len(),
        html.len(),
        text.len()
    );

    let mut group = c.benchmark_group("personalise");
    group.throughput(Throughput::Elements(1));
    let mut i = 0;
    group.bench_function("subject+html+text (10 KB issue)", |b| {
        b.iter(|| {
            let who = &people[i % people.len()];
            i += 1;
            subject.clear();
            html.clear();
            text.clear();
            prepared.subject_into(black_box(who), &mut subject);
            prepared.render_html_into(black_box(who), &mut html);
            prepared.render_text_into(black_box(who), &mut text);
            black_box((&subject, &html, &text));
        })
    });
    group.bench_function("html only", |b| {
        b.iter(|| {
            html.clear();
            prepared.render_html_into(black_box(&people[0]), &mut html);
            black_box(&html);
        })
    });
    group.bench_function("text only", |b| {
        b.iter(|| {
            text.clear();
            prepared.render_text_into(black_box(&people[0]), &mut text);
            black_box(&text);
        })
    });
    group.finish();

    c.bench_function("prepare (once per issue and language)", |b| {
        b.iter(|| prepare(&templates, locales, black_box(&source), Language::Pl))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
