//! The corpus test of issue 20: real-format bounces, complaints, auto-replies and ordinary
//! mails from many MTAs and providers (`corpus/*.eml`), each with its expected verdict in
//! `corpus/expected.toml`. The bar: at least 40 mails from at least 10 sources, at least 95 %
//! of the kinds right, no auto-reply counted as a bounce or complaint, and never a wrong
//! recipient (a missing one is a miss, not an error).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rundbrief_bounce::{Report, parse};
use rundbrief_core::EmailAddress;
use rundbrief_core::model::BounceKind;
use serde::Deserialize;

#[derive(Deserialize)]
struct Manifest {
    mail: Vec<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    file: String,
    mta: String,
    kind: BounceKind,
    recipient: Option<String>,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn manifest() -> Manifest {
    let text = std::fs::read_to_string(corpus_dir().join("expected.toml")).expect("manifest");
    toml::from_str(&text).expect("manifest syntax")
}

fn read(file: &str) -> Report {
    let raw = std::fs::read(corpus_dir().join(file)).expect("corpus file");
    parse(&raw)
}

#[test]
fn the_corpus_meets_the_bar() {
    let manifest = manifest();
    let mut right = 0usize;
    let mut auto_replies_counted = Vec::new();
    let mut wrong_recipients = Vec::new();
    let mut recipients_expected = 0usize;
    let mut recipients_found = 0usize;
    for expected in &manifest.mail {
        let report = read(&expected.file);
        if report.kind == expected.kind {
            right += 1;
        } else {
            eprintln!("kind: {} expected {} got {}", expected.file, expected.kind, report.kind);
        }
        if expected.kind == BounceKind::AutoReply
            && matches!(report.kind, BounceKind::Hard | BounceKind::Soft | BounceKind::Complaint)
        {
            auto_replies_counted.push(expected.file.clone());
        }
        let want = expected
            .recipient
            .as_deref()
            .map(|r| EmailAddress::parse(r).expect("expected address"));
        if want.is_some() {
            recipients_expected += 1;
        }
        match (&want, &report.recipient) {
            (Some(w), Some(got)) if w.key() == got.key() => recipients_found += 1,
            (_, Some(got)) => {
                wrong_recipients.push(format!("{}: got {got:?}, expected {want:?}", expected.file))
            }
            (Some(w), None) => eprintln!("recipient missed: {} expected {w:?}", expected.file),
            (None, None) => {}
        }
    }
    let total = manifest.mail.len();
    let sources: BTreeSet<&str> = manifest.mail.iter().map(|m| m.mta.as_str()).collect();
    let accuracy = right as f64 / total as f64;
    eprintln!(
        "corpus: {total} mails from {} sources; kinds right {right}/{total} ({:.1} %); recipients found {recipients_found}/{recipients_expected}; wrong recipients {}; auto-replies counted {}",
        sources.len(),
        accuracy * 100.0,
        wrong_recipients.len(),
        auto_replies_counted.len()
    );
    assert!(total >= 40, "only {total} mails");
    assert!(sources.len() >= 10, "only {} sources: {sources:?}", sources.len());
    for needed in [
        "postfix",
        "exim",
        "qmail",
        "sendmail",
        "office365",
        "gmail",
        "yahoo",
        "gmx",
        "web.de",
        "t-online",
        "outlook.com",
    ] {
        assert!(sources.contains(needed), "no mail from {needed}");
    }
    assert!(accuracy >= 0.95, "kinds right: {:.1} %", accuracy * 100.0);
    assert!(auto_replies_counted.is_empty(), "auto-replies counted: {auto_replies_counted:?}");
    assert!(wrong_recipients.is_empty(), "wrong recipients: {wrong_recipients:#?}");
}

#[test]
fn every_corpus_file_has_an_expectation() {
    let listed: BTreeSet<String> = manifest().mail.into_iter().map(|m| m.file).collect();
    let on_disk: BTreeSet<String> = std::fs::read_dir(corpus_dir())
        .expect("corpus dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".eml"))
        .collect();
    assert_eq!(listed, on_disk);
    let kinds: BTreeSet<&str> = manifest_kinds();
    assert_eq!(kinds.len(), BounceKind::ALL.len(), "every kind is in the corpus: {kinds:?}");
}

fn manifest_kinds() -> BTreeSet<&'static str> {
    manifest().mail.iter().map(|m| m.kind.as_str()).collect()
}

#[test]
fn a_postfix_dsn_gives_status_diagnostic_and_the_verp_address() {
    let report = read("postfix-dsn-user-unknown.eml");
    assert_eq!(report.kind, BounceKind::Hard);
    assert_eq!(report.status.as_deref(), Some("5.1.1"));
    let diagnostic = report.diagnostic.expect("diagnostic");
    assert!(
        diagnostic.starts_with("550 5.1.1 <anna.schmidt@example.net>: Recipient address rejected"),
        "{diagnostic}"
    );
    assert!(!diagnostic.contains('\n'));
    assert_eq!(
        report.verp_to.as_deref(),
        Some("bounce+d4711-k3j5h6g7f8d9s0a1@bounces.verein.example")
    );
    assert_eq!(report.feedback_type, None);
}

#[test]
fn the_sent_address_wins_over_an_alias_target() {
    let report = read("postfix-dsn-alias-expanded.eml");
    assert_eq!(
        report.recipient.map(|r| r.into_string()).as_deref(),
        Some("info@sportverein.example")
    );
}

#[test]
fn a_bare_x00_status_is_refined_by_the_diagnostic() {
    let report = read("exim-dsn-unrouteable.eml");
    assert_eq!(report.kind, BounceKind::Hard);
    assert_eq!(report.status.as_deref(), Some("5.0.0"));
    let report = read("postfix-dsn-webde-storage.eml");
    assert_eq!(report.kind, BounceKind::Soft);
    assert!(report.diagnostic.is_some_and(|d| d.contains("exceeded storage allocation")));
}

#[test]
fn an_arf_report_names_its_type_and_the_mail_s_return_path() {
    let report = read("mailru-fbl-arf.eml");
    assert_eq!(report.kind, BounceKind::Complaint);
    assert_eq!(report.feedback_type.as_deref(), Some("abuse"));
    assert_eq!(
        report.verp_to.as_deref(),
        Some("bounce+d4802-k3j5h6g7f8d9s0a1@bounces.verein.example")
    );
    let report = read("dmarc-auth-failure-arf.eml");
    assert_eq!(report.kind, BounceKind::NotBounce);
    assert_eq!(report.feedback_type.as_deref(), Some("auth-failure"));
}

#[test]
fn a_text_bounce_keeps_the_remote_answer() {
    let report = read("qmail-remote-550.eml");
    assert_eq!(report.kind, BounceKind::Hard);
    assert_eq!(report.status.as_deref(), Some("5.1.1"));
    assert!(report.diagnostic.is_some_and(|d| d.contains("Remote host said: 550 5.1.1")));
    let report = read("tonline-nachricht-nicht-zugestellt.eml");
    assert_eq!(report.status.as_deref(), Some("4.2.2"));
}
