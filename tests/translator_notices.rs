//! Translators are told by mail (issue 21), black-box on the real binary with the loopback SMTP
//! server: a translator for Polish and Romanian whose editor UI is German gets one mail in
//! German when the German base text of an issue is written, with an absolute link to each of
//! their variants that needs work; saving the same German text again sends nothing; a changed
//! German text after the Polish translation was made (and marked ready) makes it stale and
//! brings a mail that says so; an English-speaking translator gets English; a disabled
//! translator, one whose only language is the base one, and editors get nothing. Killing the
//! server while a notice is owed neither loses nor repeats it. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use rundbrief_testkit::admin::{AdminSession, Editor, PASSWORD, csrf_of};
use rundbrief_testkit::{Backend, SmtpServer, TestApp, TestDb};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const WAIT: Duration = Duration::from_secs(20);

fn create_translator(app: &TestApp, email: &str, languages: &str) {
    let output = app.command_with_env(
        &["user", "create", "--email", email, "--role", "translator", "--languages", languages],
        &[("RUNDBRIEF_USER_PASSWORD", PASSWORD)],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

fn save(editor: &mut Editor, issue: &str, lang: &str, subject: &str, body: &str) {
    editor.post_ok(
        &format!("{issue}/variants/{lang}"),
        &[("subject", subject), ("preheader", ""), ("body_markdown", body), ("ready", "1")],
    );
}

/// Waits until the sweep has had a few turns (it runs every 5 s), then returns the mails to
/// `to` so far.
fn settled(smtp: &SmtpServer, to: &str) -> usize {
    std::thread::sleep(Duration::from_secs(12));
    smtp.count_for(to)
}

fn translators_are_told_once_per_base_text_in_their_language(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (mut app, smtp) =
        TestApp::spawn_with_smtp(BIN, &db, &[("RUNDBRIEF_TRANSLATOR_NOTICE_DELAY", "0")]);
    create_translator(&app, "tlumacz@example.org", "pl,ro");
    create_translator(&app, "translator@example.org", "fr");
    create_translator(&app, "deutsch@example.org", "de");
    create_translator(&app, "weg@example.org", "pl");
    // The Polish translator works in a German editor UI (the language switch saves it).
    let mut polish = AdminSession::new(&app).sign_in("tlumacz@example.org");
    polish.page("/admin?lang=de");
    // Disabled through the accounts page by an administrator.
    rundbrief_testkit::admin::create_ok(&app, "admin@example.org", "admin");
    let mut admin = AdminSession::new(&app).sign_in("admin@example.org");
    let page = admin.page("/admin/accounts");
    let row = &page[page.find("weg@example.org").unwrap()..];
    let action = &row[row.find("/admin/accounts/").unwrap() + "/admin/accounts/".len()..];
    let account = &action[..action.find('/').unwrap()];
    let off = admin.post_with(&csrf_of(&page), &format!("/admin/accounts/{account}/disable"), &[]);
    assert_eq!(off.status, 303, "{}", off.text());

    let mut editor = Editor::sign_in(&app, "redaktion@example.org");
    let location = editor.post_ok(
        "/admin/issues",
        &[("title", "Dezember"), ("base_language", "de"), ("list_match", "any"), ("regions", "")],
    );
    let id: i64 = location
        .strip_prefix("/admin/issues/")
        .and_then(|rest| rest.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{location}"));
    let issue = format!("/admin/issues/{id}");

    // The German text is written: the Polish translator hears of Polish and Romanian, in German.
    save(&mut editor, &issue, "de", "Neuigkeiten", "Hallo {{ name }}, neue Zeiten.");
    let mail = smtp.wait_for("tlumacz@example.org", WAIT);
    assert!(mail.subject().contains("Übersetzung gebraucht: Dezember"), "{}", mail.subject());
    let text = mail.text();
    let pl_link = format!("https://news.example.org/admin/issues/{id}?tab=pl");
    let ro_link = format!("https://news.example.org/admin/issues/{id}?tab=ro");
    assert!(text.contains(&pl_link) && text.contains(&ro_link), "{text}");
    assert!(text.contains("Polski (pl): noch nicht übersetzt"), "{text}");
    assert!(mail.html().contains(&format!("href=\"{pl_link}\"")), "{}", mail.html());
    let french = smtp.wait_for("translator@example.org", WAIT);
    assert!(french.subject().starts_with("Translation needed: Dezember"), "{}", french.subject());
    assert!(french.text().contains("?tab=fr"), "{}", french.text());

    // The same German text again: nothing new.
    save(&mut editor, &issue, "de", "Neuigkeiten", "Hallo {{ name }}, neue Zeiten.");
    assert_eq!(settled(&smtp, "tlumacz@example.org"), 1);
    for nobody in ["deutsch@example.org", "weg@example.org", "redaktion@example.org"] {
        assert_eq!(smtp.count_for(nobody), 0, "{nobody} got a mail");
    }

    // Polish is translated and ready, then the German text changes: Polish is stale and the
    // mail says so (Romanian is still missing). A server killed meanwhile sends it once.
    let csrf = csrf_of(&polish.page(&format!("{issue}?tab=pl")));
    let saved = polish.post_with(
        &csrf,
        &format!("{issue}/variants/pl"),
        &[
            ("subject", "Aktualności"),
            ("preheader", ""),
            ("body_markdown", "Cześć {{ name }}, nowe godziny."),
            ("ready", "1"),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.text());
    save(&mut editor, &issue, "de", "Neuigkeiten", "Hallo {{ name }}, ganz neue Zeiten.");
    drop(editor);
    drop(polish);
    drop(admin);
    // Killed right after the save, before or while the notice goes out: it comes once.
    app.kill();
    app.restart();
    let deadline = std::time::Instant::now() + WAIT;
    while smtp.count_for("tlumacz@example.org") < 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
    }
    let mails: Vec<_> = smtp
        .messages()
        .into_iter()
        .filter(|m| m.recipients.iter().any(|r| r == "tlumacz@example.org"))
        .collect();
    assert_eq!(mails.len(), 2);
    let stale = mails[1].text();
    assert!(stale.contains("Polski (pl): die Übersetzung muss aktualisiert werden"), "{stale}");
    assert!(stale.contains("Română (ro): noch nicht übersetzt"), "{stale}");
    assert_eq!(settled(&smtp, "tlumacz@example.org"), 2, "one mail per base revision");
    assert_eq!(smtp.count_for("translator@example.org"), 2);

    // No address in the log.
    let log = app.log();
    for address in ["tlumacz@example.org", "translator@example.org"] {
        assert!(!log.contains(address), "{address} logged");
    }
    assert!(log.contains("translator notice sent"), "{log}");
}

#[test]
fn translators_are_told_on_sqlite() {
    translators_are_told_once_per_base_text_in_their_language(Backend::Sqlite);
}

#[test]
fn translators_are_told_on_postgres() {
    translators_are_told_once_per_base_text_in_their_language(Backend::Postgres);
}
