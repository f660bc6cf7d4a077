//! Black-box tests of the issue pages of the editor UI: an editor composes an issue with German
//! and Polish variants through the forms (with CSRF tokens), reads the translation matrix,
//! previews, sends a test, sends behind the confirmation and follows the progress events to
//! 100 %; the loopback SMTP server then holds German mail for German readers and Polish mail
//! for Polish ones. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use rundbrief_testkit::admin::Editor;
use rundbrief_testkit::app::READERS;
use rundbrief_testkit::{Backend, SmtpServer, TestApp, TestDb};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const GERMAN: &str = "Neuigkeiten im Dezember";
const POLISH: &str = "Aktualności grudniowe";

/// The matrix row of a subscriber language.
fn matrix_row(html: &str, language: &str) -> String {
    let start = html
        .find(&format!("<tr data-language=\"{language}\">"))
        .unwrap_or_else(|| panic!("no matrix row for {language}:\n{html}"));
    let end = start + html[start..].find("</tr>").unwrap();
    html[start..end].to_owned()
}

fn start(db: &TestDb) -> (TestApp, SmtpServer) {
    TestApp::spawn_with_smtp(BIN, db, &[("RUNDBRIEF_SEND_RETRY_SECONDS", "1")])
}

/// The `data:` of the last event of a server-sent event stream.
fn last_event(stream: &str) -> Value {
    let data = stream
        .lines()
        .filter_map(|line| line.strip_prefix("data:"))
        .next_back()
        .unwrap_or_else(|| panic!("no events in:\n{stream}"));
    serde_json::from_str(data.trim()).unwrap()
}

fn an_editor_composes_sends_and_watches_progress(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, smtp) = start(&db);
    // The usual readers, and an Italian one whom the segment leaves out.
    let readers: Vec<_> = READERS.into_iter().chain([("giulia@example.it", "it")]).collect();
    app.add_readers(&readers);
    let mut editor = Editor::sign_in(&app, "redaktion@example.org");

    // The live count of the segment builder: Italians are left out of the segment.
    let count = editor.get(
        "/admin/issues/recipients?languages=de&languages=pl&languages=fr&list_match=any&regions=",
    );
    assert_eq!(count.status, 200, "{}", count.text());
    assert_eq!(count.json()["total"], 5);
    assert_eq!(count.json()["text"], "5 Adressen");

    let refused = editor.post("/admin/issues", &[("title", ""), ("base_language", "de")]);
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(refused.text().contains("aria-invalid=\"true\""), "{}", refused.text());

    let location = editor.post_ok(
        "/admin/issues",
        &[
            ("title", "Dezember"),
            ("base_language", "de"),
            ("list_match", "any"),
            ("languages", "de"),
            ("languages", "pl"),
            ("languages", "fr"),
            ("regions", ""),
        ],
    );
    let id: i64 = location
        .strip_prefix("/admin/issues/")
        .and_then(|rest| rest.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{location}"));
    let issue = format!("/admin/issues/{id}");
    let composer = editor.page(&location);
    assert!(composer.contains("<title>Dezember – Rundbrief</title>"), "{composer}");
    assert!(composer.contains("Übersetzungsmatrix"));
    assert!(matrix_row(&composer, "pl").contains("fehlt"), "no variant yet");

    // A ready variant must render: an empty subject is refused and shown at the field.
    let empty = editor.post(
        &format!("{issue}/variants/de"),
        &[("subject", ""), ("preheader", ""), ("body_markdown", "Hallo"), ("ready", "1")],
    );
    assert_eq!(empty.status, 422, "{}", empty.text());
    assert!(empty.text().contains("id=\"subject-error\""), "{}", empty.text());

    let german_body = format!("# {GERMAN}\n\nHallo {{{{ name }}}}.");
    editor.post_ok(
        &format!("{issue}/variants/de"),
        &[
            ("subject", GERMAN),
            ("preheader", "Kurz"),
            ("body_markdown", &german_body),
            ("ready", "1"),
        ],
    );
    let polish_body = format!("# {POLISH}\n\nDzień dobry {{{{ name }}}}.");
    let saved = editor.post_ok(
        &format!("{issue}/variants/pl"),
        &[("subject", POLISH), ("preheader", ""), ("body_markdown", &polish_body)],
    );
    assert_eq!(saved, format!("{issue}?tab=pl&done=variant#variant"));

    // A Polish draft is not sent: Polish readers would get the German fallback.
    let composer = editor.page(&saved);
    let pl = matrix_row(&composer, "pl");
    assert!(pl.contains(">2<") && pl.contains("Entwurf") && pl.contains("Ersatz: Deutsch"), "{pl}");
    let fr = matrix_row(&composer, "fr");
    assert!(fr.contains("fehlt") && fr.contains("Ersatz: Deutsch"), "{fr}");
    assert!(matrix_row(&composer, "de").contains("Eigene Sprache"));
    assert!(!composer.contains("data-language=\"it\""), "Italians are not in the segment");
    assert!(composer.contains("Die Sprachfassung wurde gespeichert."));
    assert!(composer.contains(&format!("src=\"{issue}/preview/pl?format=html\"")), "{composer}");
    assert!(composer.contains("sandbox"), "the preview frame is sandboxed");

    editor.post_ok(
        &format!("{issue}/variants/pl"),
        &[("subject", POLISH), ("preheader", ""), ("body_markdown", &polish_body), ("ready", "1")],
    );
    let composer = editor.page(&issue);
    assert!(matrix_row(&composer, "pl").contains("Eigene Sprache"));
    assert!(matrix_row(&composer, "fr").contains("Ersatz: Deutsch"));

    // Previews: as HTML and text, for readers of a language, in a sandbox.
    let html = editor.get(&format!("{issue}/preview/pl?format=html"));
    assert_eq!(html.status, 200);
    assert!(html.text().contains(POLISH), "{}", html.text());
    assert!(html.header("content-security-policy").unwrap().starts_with("sandbox"));
    let text = editor.get(&format!("{issue}/preview/fr?format=text"));
    assert_eq!(text.header("content-type"), Some("text/plain; charset=utf-8"));
    assert!(text.text().contains(GERMAN), "French readers read German");
    // The unsaved draft is rendered and not stored.
    let draft = editor.post(
        &format!("{issue}/variants/pl/preview"),
        &[("subject", "Szkic"), ("preheader", ""), ("body_markdown", "Tekst roboczy")],
    );
    assert_eq!(draft.status, 200, "{}", draft.text());
    assert!(draft.text().contains("Tekst roboczy"));
    assert!(editor.get(&format!("{issue}/preview/pl?format=text")).text().contains(POLISH));

    let tested = editor
        .post_ok(&format!("{issue}/test"), &[("to", "redaktion@example.org"), ("language", "pl")]);
    assert!(tested.contains("done=test&variant=pl"), "{tested}");
    let test = smtp.wait_for("redaktion@example.org", Duration::from_secs(10));
    assert_eq!(test.subject(), format!("[Test] {POLISH}"));

    let confirm = editor.page(&format!("{issue}/send"));
    assert!(confirm.contains("Die Ausgabe geht an 5 Adressen."), "{confirm}");
    assert!(confirm.contains("Jetzt an 5 Adressen senden"));
    let progress_page = editor.post_ok(&format!("{issue}/send"), &[]);
    assert_eq!(progress_page, format!("{issue}/progress"));
    let page = editor.page(&progress_page);
    assert!(page.contains("id=\"progress-bar\""), "{page}");

    // The event stream ends when the issue is no longer sending; the last event says 100 %.
    let events = editor.get(&format!("{issue}/progress/events"));
    assert_eq!(events.status, 200);
    assert_eq!(events.header("content-type"), Some("text/event-stream"));
    let last = last_event(&events.text());
    assert_eq!(last["status"], "sent", "{last}");
    assert_eq!(last["percent_done"], 100);
    assert_eq!(last["by_language"]["pl"]["sent"], 2);
    assert_eq!(last["total"]["sent"], 5);

    let page = editor.page(&progress_page);
    assert!(page.contains("value=\"100\""), "{page}");
    assert!(!page.contains("http-equiv=\"refresh\""), "done: no more refreshing");
    for (email, language) in readers {
        if language == "it" {
            assert_eq!(smtp.count_for(email), 0, "{email} is not in the segment");
            continue;
        }
        let mail = smtp.wait_for(email, Duration::from_secs(10));
        let expected = if language == "pl" { POLISH } else { GERMAN };
        assert_eq!(mail.subject(), expected, "{email}");
        assert_eq!(smtp.count_for(email), 1, "{email}");
    }

    // Sent issues are history: the composer no longer offers forms, sending again is refused.
    let composer = editor.page(&issue);
    assert!(!composer.contains(&format!("action=\"{issue}/variants/")), "{composer}");
    assert_eq!(editor.post(&format!("{issue}/send"), &[]).status, 409);
    let list = editor.page("/admin/issues");
    assert!(list.contains("Dezember") && list.contains("Versandt"), "{list}");
    let log = app.log();
    assert!(!log.contains("@example."), "no addresses in the log:\n{log}");
}

fn unknown_issues_are_not_found(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, _smtp) = start(&db);
    let mut editor = Editor::sign_in(&app, "redaktion@example.org");
    for path in [
        "/admin/issues/999999",
        "/admin/issues/999999/progress",
        "/admin/issues/999999/progress/events",
        "/admin/issues/999999/send",
        "/admin/issues/999999/preview/de",
        "/admin/issues/1/preview/tlh",
    ] {
        assert_eq!(editor.get(path).status, 404, "{path}");
    }
    assert_eq!(editor.post("/admin/issues/999999/send", &[]).status, 404);
    let script = editor.get("/admin/static/issues.js");
    assert_eq!(script.status, 200);
    assert!(script.header("content-type").unwrap().starts_with("text/javascript"));
    assert!(script.text().contains("EventSource"));
}

rundbrief_testkit::on_both_backends!(
    an_editor_composes_sends_and_watches_progress,
    unknown_issues_are_not_found
);
