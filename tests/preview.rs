//! `rundbrief preview` through the real binary, checked with an independent MIME parser.

use std::path::Path;
use std::process::{Command, Output};

use mail_parser::MessageParser;
use rundbrief_core::Language;
use rundbrief_core::model::{NewIssue, VariantInput};
use rundbrief_core::segment::Segment;
use rundbrief_store::{IssueStore, Store};
use rundbrief_store_sqlite::SqliteStore;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

async fn seed(dir: &Path, variants: &[(Language, &str, &str, bool)]) -> i64 {
    let url = format!("sqlite://{}", dir.join("data/rundbrief.db").display());
    let store = SqliteStore::connect(&url).await.expect("open the database");
    let now = time::OffsetDateTime::now_utc();
    let new = NewIssue {
        title: "Dezember".into(),
        base_language: Language::De,
        segment: Segment::everyone(),
    };
    let issue = store.create_issue(&new, now).await.expect("issue");
    for (language, subject, body, ready) in variants {
        let input = VariantInput {
            subject: (*subject).into(),
            preheader: "Kurz notiert".into(),
            body_markdown: (*body).into(),
            ready: *ready,
        };
        store.put_variant(issue.id, *language, &input, now).await.expect("variant");
    }
    assert_eq!(store.backend(), "sqlite");
    store.close().await;
    issue.id.0
}

fn preview(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("RUNDBRIEF_TEMPLATES_DIR", concat!(env!("CARGO_MANIFEST_DIR"), "/templates"))
        .env("RUNDBRIEF_PUBLIC_URL", "https://news.example.org")
        .env("RUNDBRIEF_LOG", "warn")
        .arg("preview")
        .args(args)
        .output()
        .expect("run rundbrief preview")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test]
async fn a_polish_reader_of_a_german_only_issue_gets_german_with_a_polish_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = "# Hallo {{ name }}\n\nBeratung in **Prignitz**: Zażółć gęślą jaźń.\n\n[Termine](https://example.org/termine)";
    let id = seed(dir.path(), &[(Language::De, "Neuigkeiten für {{ name }}", body, true)]).await;
    let output = preview(dir.path(), &[&id.to_string(), "--lang", "pl", "--format", "eml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let message = MessageParser::default().parse(&output.stdout).expect("a parsable message");
    let name_fallback =
        rundbrief_i18n::Locales::embedded().text(Language::De, "mail-name-fallback", &[]);
    assert_eq!(message.subject(), Some(format!("Neuigkeiten für {name_fallback}").as_str()));
    let language = message.header_raw("Content-Language").map(str::trim);
    assert_eq!(language, Some("de"));
    let unsubscribe = message.header_raw("List-Unsubscribe").expect("List-Unsubscribe");
    assert!(unsubscribe.contains("https://news.example.org/unsubscribe/"), "{unsubscribe}");
    assert_eq!(
        message.header_raw("List-Unsubscribe-Post").map(str::trim),
        Some("List-Unsubscribe=One-Click")
    );
    let html = message.body_html(0).expect("an HTML part");
    assert!(html.contains("Zażółć gęślą jaźń"), "body text survives byte for byte");
    assert!(html.contains("To wydanie nie jest jeszcze dostępne"), "Polish fallback note");
    let text = message.body_text(0).expect("a text part");
    assert!(text.contains("https://example.org/termine"), "{text}");
}

#[tokio::test]
async fn html_and_text_formats_print_the_parts_of_the_readers_own_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = seed(
        dir.path(),
        &[
            (Language::De, "Neuigkeiten", "Deutscher Text.", true),
            (Language::El, "Νέα", "Καλημέρα {{ name }}, ελληνικό κείμενο.", true),
        ],
    )
    .await;
    let html = preview(dir.path(), &[&id.to_string(), "--lang", "el", "--name", "Νίκος"]);
    assert!(html.status.success(), "{}", stderr(&html));
    let html = String::from_utf8(html.stdout).expect("UTF-8");
    assert!(html.contains("Καλημέρα Νίκος, ελληνικό κείμενο."), "{html}");
    assert!(html.contains("lang=\"el\""));
    assert!(!html.contains("Deutscher Text"));
    let text = preview(dir.path(), &[&id.to_string(), "--lang", "el", "--format", "text"]);
    let text = String::from_utf8(text.stdout).expect("UTF-8");
    assert!(text.contains("ελληνικό κείμενο"), "{text}");
    assert!(!text.contains('<'), "no markup in the text part: {text}");
}

#[tokio::test]
async fn an_unknown_placeholder_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id =
        seed(dir.path(), &[(Language::De, "Hallo", "Zeile eins\n\nHallo {{ vorname }}", true)])
            .await;
    let output = preview(dir.path(), &[&id.to_string(), "--lang", "de"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("vorname"), "{message}");
    assert!(output.stdout.is_empty(), "nothing half-rendered is printed");
}

#[tokio::test]
async fn missing_issues_and_variants_are_explained() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = seed(
        dir.path(),
        &[(Language::Fr, "Nouvelles", "Texte.", true), (Language::De, "Entwurf", "x", false)],
    )
    .await;
    let output = preview(dir.path(), &[&id.to_string(), "--lang", "pl"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("no variant for pl readers") && message.contains("pl, de, en"),
        "{message}"
    );
    let output = preview(dir.path(), &["999", "--lang", "de"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("issue 999 does not exist"), "{}", stderr(&output));
    let output = preview(dir.path(), &[&id.to_string(), "--lang", "tr"]);
    assert_eq!(output.status.code(), Some(2), "clap rejects the language");
    assert!(stderr(&output).contains("tr"));
}
