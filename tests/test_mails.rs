//! Test mails as an editor sends them from the composer (issue 18), over real HTTP with the
//! loopback SMTP server: the subject says "[Test]" in the variant's language; the mail's
//! unsubscribe and preferences links open a page, in the reader's language, that says it was
//! a test (and change nothing); the test button saves the variant as it stands on the screen
//! first and brings the editor back to their tab; an issue nobody would receive cannot be sent,
//! neither in the editor UI nor through the API, and says why.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use rundbrief_testkit::admin::Editor;
use rundbrief_testkit::{Backend, SmtpServer, TestApp, TestDb};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const EDITOR: &str = "redaktion@example.org";

/// A new issue for readers of `languages`; its path.
fn new_issue(editor: &mut Editor<'_>, languages: &[&str]) -> String {
    let mut fields = vec![("title", "Test"), ("base_language", "de"), ("list_match", "any")];
    fields.extend(languages.iter().map(|l| ("languages", *l)));
    fields.push(("regions", ""));
    let location = editor.post_ok("/admin/issues", &fields);
    location.split('?').next().unwrap().to_owned()
}

/// Saves a ready variant of `issue` in `language` with `subject`.
fn ready_variant(editor: &mut Editor<'_>, issue: &str, language: &str, subject: &str) {
    let body = format!("# {subject}\n\nText.");
    editor.post_ok(
        &format!("{issue}/variants/{language}"),
        &[("subject", subject), ("preheader", ""), ("body_markdown", &body), ("ready", "1")],
    );
}

fn start(db: &TestDb) -> (TestApp, SmtpServer) {
    TestApp::spawn_with_smtp(BIN, db, &[])
}

/// The path of the first link in the mail's text part that contains `needle` (links carry the
/// configured public URL, not the test server's).
fn link_path(mail: &rundbrief_testkit::Received, needle: &str) -> String {
    let link =
        mail.link_containing(needle).unwrap_or_else(|| panic!("no {needle}:\n{}", mail.text()));
    link[link.find(needle).unwrap()..].to_owned()
}

fn test_mails_are_marked_and_their_links_lead_to_a_test_page(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, smtp) = start(&db);
    app.add_readers(&[("anna@example.de", "de")]);
    let mut editor = Editor::sign_in(&app, EDITOR);
    let issue = new_issue(&mut editor, &["de", "el"]);
    ready_variant(&mut editor, &issue, "de", "Neuigkeiten im Dezember");
    ready_variant(&mut editor, &issue, "el", "Νέα του Δεκεμβρίου");

    // "[Test]" in the variant's language: Greek for Greek readers, German for a Hungarian
    // reader of the German fallback.
    editor.post_ok(&format!("{issue}/test"), &[("to", EDITOR), ("language", "el")]);
    let greek = smtp.wait_for(EDITOR, Duration::from_secs(10));
    assert_eq!(greek.subject(), "[Δοκιμή] Νέα του Δεκεμβρίου");
    editor.post_ok(&format!("{issue}/test"), &[("to", "zweite@example.org"), ("language", "hu")]);
    let fallback = smtp.wait_for("zweite@example.org", Duration::from_secs(10));
    assert_eq!(fallback.subject(), "[Test] Neuigkeiten im Dezember");

    // The Hungarian test's links: a page in Hungarian that says it was a test, not a 404.
    let unsubscribe = link_path(&fallback, "/unsubscribe/");
    let preferences = link_path(&fallback, "/preferences/");
    for path in [&unsubscribe, &preferences] {
        let page = app.get(path, &[]);
        assert_eq!(page.status, 200, "{path}: {}", page.text());
        let html = page.text();
        assert!(html.contains("lang=\"hu\""), "{html}");
        assert!(html.contains("Ez egy teszt e-mail volt"), "{html}");
        assert!(html.contains("id=\"test-mail\""), "{html}");
        // The reader's own choice of language wins, as on every page.
        let german = app.get(&format!("{path}?lang=de"), &[]).text();
        assert!(german.contains("Das war eine Test-E-Mail"), "{german}");
    }
    // Posting them (the button, a mail client's one-click) changes nothing and says so.
    let one_click = app.post_form(&unsubscribe, &[("List-Unsubscribe", "One-Click")], &[]);
    assert_eq!(one_click.status, 200, "{}", one_click.text());
    let saved = app.post_form(&preferences, &[("language", "fr"), ("action", "erase")], &[]);
    assert_eq!(saved.status, 200);
    assert!(saved.text().contains("Ez egy teszt e-mail volt"), "{}", saved.text());
    // The Greek test's links speak Greek.
    let greek_page = app.get(&link_path(&greek, "/unsubscribe/"), &[]).text();
    assert!(greek_page.contains("Αυτό ήταν δοκιμαστικό email"), "{greek_page}");
    // A real reader is untouched, and a tampered test link is still a 404.
    let token = unsubscribe.rsplit('/').next().unwrap();
    let mut forged = token.to_owned();
    let last = if forged.ends_with('A') { "B" } else { "A" };
    forged.replace_range(forged.len() - 1.., last);
    assert_eq!(app.get(&format!("/unsubscribe/{forged}"), &[]).status, 404);
    let api = app.api_token("check");
    let readers = app.api(&api, "GET", "/api/v1/subscribers?status=active", None);
    assert!(readers.text().contains("anna@example.de"), "{}", readers.text());
}

fn the_test_button_saves_the_variant_first_and_stays_on_the_tab(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, smtp) = start(&db);
    let mut editor = Editor::sign_in(&app, EDITOR);
    let issue = new_issue(&mut editor, &["de", "ro"]);
    ready_variant(&mut editor, &issue, "de", "Erster Entwurf");

    // The composer's test controls belong to the variant form, so they submit what is typed.
    let composer = editor.page(&format!("{issue}?tab=de"));
    assert!(composer.contains("id=\"variant-form\""), "{composer}");
    assert!(composer.contains("form=\"variant-form\" formaction=\"/admin/issues/"), "{composer}");

    // Edited on the German tab, tested as a Romanian reader (who gets the German fallback).
    let edited = "# Zweiter Entwurf\n\nNeu.";
    let location = editor.post_ok(
        &format!("{issue}/test"),
        &[
            ("tab", "de"),
            ("subject", "Zweiter Entwurf"),
            ("preheader", ""),
            ("body_markdown", edited),
            ("ready", "1"),
            ("to", EDITOR),
            ("language", "ro"),
        ],
    );
    assert!(location.contains("tab=de&done=test-saved&variant=de"), "{location}");
    let mail = smtp.wait_for(EDITOR, Duration::from_secs(10));
    assert_eq!(mail.subject(), "[Test] Zweiter Entwurf");
    let composer = editor.page(&location);
    assert!(composer.contains("value=\"Zweiter Entwurf\""), "saved:\n{composer}");
    assert!(
        composer.contains("aria-current=\"page\" lang=\"de\""),
        "on the German tab:\n{composer}"
    );
    assert!(composer.contains("gespeichert und der Test gesendet"), "{composer}");

    // Unchanged fields are not saved again; a test from an unwritten tab saves nothing.
    let location = editor.post_ok(
        &format!("{issue}/test"),
        &[
            ("tab", "ro"),
            ("subject", ""),
            ("preheader", ""),
            ("body_markdown", ""),
            ("to", "zweite@example.org"),
            ("language", "de"),
        ],
    );
    assert!(location.contains("tab=ro&done=test&variant=de"), "{location}");
    assert!(editor.page(&format!("{issue}?tab=ro")).contains("fehlt"), "no Romanian variant");

    // A change that fails the checks is shown at its field, and nothing is sent.
    let refused = editor.post(
        &format!("{issue}/test"),
        &[
            ("tab", "de"),
            ("subject", ""),
            ("preheader", ""),
            ("body_markdown", "Ohne Betreff"),
            ("ready", "1"),
            ("to", "dritte@example.org"),
            ("language", "de"),
        ],
    );
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(refused.text().contains("id=\"subject-error\""), "{}", refused.text());
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(smtp.count_for("dritte@example.org"), 0);
}

fn an_issue_nobody_would_receive_is_not_sent(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, _smtp) = start(&db);
    app.add_readers(&[("anna@example.de", "de")]);
    let mut editor = Editor::sign_in(&app, EDITOR);
    // Irish readers only, and there are none.
    let issue = new_issue(&mut editor, &["ga"]);
    ready_variant(&mut editor, &issue, "de", "Niemand liest das");
    let reason = "Zum Empfängerkreis gehört im Moment keine aktive Adresse";

    let composer = editor.page(&issue);
    assert!(composer.contains(reason), "{composer}");
    assert!(!composer.contains(&format!("href=\"{issue}/send\"")), "{composer}");
    let confirm = editor.page(&format!("{issue}/send"));
    assert!(confirm.contains(reason), "{confirm}");
    assert!(!confirm.contains("id=\"send-confirm\""), "{confirm}");
    assert!(!confirm.contains("Jetzt an 0"), "{confirm}");

    let refused = editor.post(&format!("{issue}/send"), &[]);
    assert_eq!(refused.status, 409, "{}", refused.text());
    assert!(refused.text().contains("has no recipients"), "{}", refused.text());

    let token = app.api_token("sender");
    let id = issue.rsplit('/').next().unwrap();
    let api = app.api(&token, "POST", &format!("/api/v1/issues/{id}/send"), None);
    assert_eq!(api.status, 409, "{}", api.text());
    assert!(api.text().contains("has no recipients"), "{}", api.text());
    let status = app.api(&token, "GET", &format!("/api/v1/issues/{id}"), None);
    assert_eq!(status.json()["status"], "draft", "{}", status.text());
}

rundbrief_testkit::on_both_backends!(
    test_mails_are_marked_and_their_links_lead_to_a_test_page,
    the_test_button_saves_the_variant_first_and_stays_on_the_tab,
    an_issue_nobody_would_receive_is_not_sent
);
