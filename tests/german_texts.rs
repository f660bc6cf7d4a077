//! The German texts with a real organisation name, as the running binary renders them (issue
//! 18): the sign-up page's intro and consent text, the confirmation mail's subject and the
//! "why you get this" of a newsletter's footer read as grammatical sentences.
//! `rundbrief-i18n` `german_tests.rs` pins the same messages at the Fluent level.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use rundbrief_testkit::{TestApp, TestDb};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const NAME: &str = "Servicezentrum für EU-Bürgerinnen und EU-Bürger";

#[test]
fn german_pages_and_mails_name_the_organisation_grammatically() {
    let db = TestDb::sqlite();
    let templates = tempfile::tempdir().unwrap();
    let toml = format!("name = \"{NAME}\"\nlist_id = \"news.amt.example.org\"\n");
    std::fs::write(templates.path().join("organisation.toml"), toml).unwrap();
    let dir = templates.path().to_str().unwrap().to_owned();
    let (app, smtp) = TestApp::spawn_with_smtp(
        BIN,
        &db,
        &[("RUNDBRIEF_TEMPLATES_DIR", &dir), ("RUNDBRIEF_RATE_LIMIT", "0")],
    );

    let page = app.get("/subscribe?lang=de", &[]).text();
    for sentence in [
        "Erhalten Sie Neuigkeiten der Einrichtung Servicezentrum für EU-Bürgerinnen und \
         EU-Bürger per E-Mail – in Ihrer Sprache. Der Newsletter ist kostenlos und Sie können \
         ihn jederzeit abbestellen.",
        "Ich bin damit einverstanden, dass die Einrichtung Servicezentrum für EU-Bürgerinnen \
         und EU-Bürger meine E-Mail-Adresse und meine oben gemachten Angaben speichert und \
         verwendet, um mir den Newsletter zu den gewählten Themen per E-Mail zu senden.",
    ] {
        assert!(page.contains(sentence), "{sentence}\nnot in:\n{page}");
    }

    let fields = [
        ("email", "anna@example.de"),
        ("language", "de"),
        ("consent", "yes"),
        ("lang", "de"),
        ("website", ""),
    ];
    let inbox = app.post_form("/subscribe", &fields, &[]);
    assert_eq!(inbox.status, 200, "{}", inbox.text());
    let confirmation = smtp.wait_for("anna@example.de", Duration::from_secs(15));
    assert_eq!(
        confirmation.subject(),
        "Bitte bestätigen Sie Ihr Newsletter-Abonnement – Servicezentrum für EU-Bürgerinnen und \
         EU-Bürger"
    );

    // A newsletter's footer, here in a test mail to a German reader.
    let token = app.api_token("tests");
    let issue = app.api(
        &token,
        "POST",
        "/api/v1/issues",
        Some(&json!({"title": "Dezember", "base_language": "de"})),
    );
    let id = issue.json()["id"].as_i64().unwrap();
    let variant = json!({"subject": "Neuigkeiten", "preheader": "", "ready": true,
        "body_markdown": "# Neuigkeiten\n\nText."});
    let put = app.api(&token, "PUT", &format!("/api/v1/issues/{id}/variants/de"), Some(&variant));
    assert_eq!(put.status, 201, "{}", put.text());
    let test = json!({"to": "redaktion@example.org", "language": "de"});
    let sent = app.api(&token, "POST", &format!("/api/v1/issues/{id}/test"), Some(&test));
    assert_eq!(sent.status, 200, "{}", sent.text());
    let mail = smtp.wait_for("redaktion@example.org", Duration::from_secs(15));
    let why = "Sie erhalten diese E-Mail, weil Sie den Newsletter der Einrichtung Servicezentrum \
               für EU-Bürgerinnen und EU-Bürger abonniert haben.";
    let text = mail.text().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(why), "{why}\nnot in:\n{}", mail.text());
    assert!(mail.html().contains(why), "{why}\nnot in:\n{}", mail.html());
}
