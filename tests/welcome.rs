//! Black-box tests of the welcome mail (issue 23) on SQLite: an editor writes it in the editor
//! UI (German and Romanian variants in the composer) and switches it on; people sign up on the
//! public form and confirm through the real link of their confirmation mail, and the loopback
//! SMTP server counts what arrives. A Romanian reader gets exactly one welcome mail in
//! Romanian, also after clicking confirm twice; a Hungarian one the German fallback with the
//! Hungarian fallback note; nobody gets one while it is off; and a worker killed with SIGKILL
//! after it claimed the mail and before the relay answered leaves exactly one after the
//! restart, or none if an editor switched the welcome mail off meanwhile.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use std::time::{Duration, Instant};

use rundbrief_core::{EmailAddress, SubscriberId};
use rundbrief_testkit::admin::Editor;
use rundbrief_testkit::{Received, SmtpServer, TestApp, TestDb, campaign};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const ENV: [(&str, &str); 1] = [("RUNDBRIEF_RATE_LIMIT", "0")];
const RO_SUBJECT: &str = "Bun venit, {{ name }}!";
const DE_SUBJECT: &str = "Willkommen, {{ name }}!";
/// The start of `mail-fallback-note` in Hungarian (locales/hu/mail.ftl).
const HU_NOTE: &str = "Ez a szám még nem érhető el az Ön nyelvén";

fn path_of(link: &str) -> String {
    let rest = link.trim_start_matches("https://").trim_start_matches("http://");
    rest[rest.find('/').unwrap()..].to_owned()
}

/// Signs `email` up with `name` in `lang` and returns the path of the confirmation link.
fn sign_up(app: &TestApp, smtp: &SmtpServer, email: &str, name: &str, lang: &str) -> String {
    let fields = [
        ("email", email),
        ("name", name),
        ("language", lang),
        ("consent", "yes"),
        ("lang", lang),
        ("website", ""),
    ];
    let answer = app.post_form("/subscribe", &fields, &[]);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let mail = smtp.wait_for(email, Duration::from_secs(30));
    path_of(&mail.link_containing("/confirm/").unwrap())
}

fn confirm(app: &TestApp, path: &str) {
    let confirmed = app.post_form(path, &[], &[]);
    assert_eq!(confirmed.status, 200, "{}", confirmed.text());
}

/// The mails to `email` once `count` have arrived (within `within`), oldest first.
fn mails_to(smtp: &SmtpServer, email: &str, count: usize, within: Duration) -> Vec<Received> {
    let deadline = Instant::now() + within;
    loop {
        let mails: Vec<Received> = smtp
            .messages()
            .into_iter()
            .filter(|m| m.recipients.iter().any(|r| r == email))
            .collect();
        if mails.len() >= count || Instant::now() >= deadline {
            return mails;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The welcome mail written in the editor UI: German and Romanian, both ready, switched on.
fn write_welcome_mail(app: &TestApp) -> i64 {
    let mut editor = Editor::sign_in(app, "editor@example.org");
    let page = editor.page("/admin/welcome");
    assert!(page.contains("name=\"action\" value=\"start\""), "{page}");
    let location = editor.post_ok("/admin/welcome", &[("action", "start")]);
    let id: i64 = location.trim_start_matches("/admin/issues/").parse().unwrap();
    // Switching on without a ready variant is refused.
    assert_eq!(editor.post("/admin/welcome", &[("action", "on")]).status, 409);
    for (lang, subject, body) in [
        ("de", DE_SUBJECT, "# Willkommen\n\nSchön, dass Sie dabei sind, {{ name }}."),
        ("ro", RO_SUBJECT, "# Bun venit\n\nNe bucurăm că sunteți alături de noi, {{ name }}."),
    ] {
        let fields =
            [("subject", subject), ("preheader", ""), ("body_markdown", body), ("ready", "1")];
        editor.post_ok(&format!("/admin/issues/{id}/variants/{lang}"), &fields);
    }
    // The composer edits it like an issue but offers no sending; it is in no issue list.
    let composer = editor.page(&format!("/admin/issues/{id}"));
    assert!(composer.contains("href=\"/admin/welcome\""), "{composer}");
    assert!(!composer.contains(&format!("/admin/issues/{id}/send")), "{composer}");
    let list = editor.page("/admin/issues");
    assert!(!list.contains(&format!("href=\"/admin/issues/{id}\"")), "{list}");
    let refused =
        editor.post(&format!("/admin/issues/{id}/schedule"), &[("at", "2099-01-01T10:00")]);
    assert_eq!(refused.status, 409, "{}", refused.text());
    assert!(editor.post_ok("/admin/welcome", &[("action", "on")]).ends_with("done=on"));
    id
}

fn switch(app: &TestApp, on: bool) {
    let mut editor = rundbrief_testkit::AdminSession::new(app).sign_in("editor@example.org");
    let action = if on { "on" } else { "off" };
    let response = editor.submit("/admin/welcome", "/admin/welcome", &[("action", action)]);
    assert_eq!(response.status, 303, "{}", response.text());
}

#[test]
fn one_welcome_mail_per_confirmation_in_the_readers_language_or_the_fallback() {
    let db = TestDb::sqlite();
    let (app, smtp) = TestApp::spawn_with_smtp(BIN, &db, &ENV);
    write_welcome_mail(&app);

    // Romanian, confirmed twice (a double click, then the link again): one welcome mail.
    let link = sign_up(&app, &smtp, "ioana@example.ro", "Ioana", "ro");
    confirm(&app, &link);
    confirm(&app, &link);
    let mails = mails_to(&smtp, "ioana@example.ro", 2, Duration::from_secs(30));
    assert_eq!(mails.len(), 2, "confirmation and welcome:\n{}", app.log());
    let welcome = &mails[1];
    assert_eq!(welcome.subject(), "Bun venit, Ioana!");
    assert_eq!(welcome.header("Content-Language").as_deref(), Some("ro"));
    assert!(welcome.html().contains("lang=\"ro\""), "{}", welcome.html());
    assert!(welcome.text().contains("Ne bucurăm că sunteți alături de noi, Ioana."));
    assert!(!welcome.text().contains(HU_NOTE));
    let unsubscribe = welcome.header("List-Unsubscribe").unwrap();
    assert!(unsubscribe.contains("https://news.example.org/unsubscribe/"), "{unsubscribe}");
    assert!(welcome.header("List-Unsubscribe-Post").is_some());
    assert!(welcome.text().contains("https://news.example.org/unsubscribe/"));

    // Hungarian has no variant: the German one along the fallback chain, with the note in
    // Hungarian, the content marked as German.
    let link = sign_up(&app, &smtp, "zsofi@example.hu", "Zsófi", "hu");
    confirm(&app, &link);
    let mails = mails_to(&smtp, "zsofi@example.hu", 2, Duration::from_secs(30));
    assert_eq!(mails.len(), 2, "{}", app.log());
    let fallback = &mails[1];
    assert_eq!(fallback.subject(), "Willkommen, Zsófi!");
    assert_eq!(fallback.header("Content-Language").as_deref(), Some("de"));
    assert!(fallback.text().contains(HU_NOTE), "{}", fallback.text());
    assert!(fallback.html().contains("lang=\"hu\""), "{}", fallback.html());
    assert!(fallback.html().contains("lang=\"de\""), "{}", fallback.html());

    // Switched off: confirmations get none, also after the sweep had its turns.
    switch(&app, false);
    let link = sign_up(&app, &smtp, "mihai@example.ro", "Mihai", "ro");
    confirm(&app, &link);
    std::thread::sleep(Duration::from_secs(8));
    assert_eq!(smtp.count_for("mihai@example.ro"), 1, "only the confirmation mail");
    // The others still have exactly one each.
    assert_eq!(smtp.count_for("ioana@example.ro"), 2);
    assert_eq!(smtp.count_for("zsofi@example.hu"), 2);
}

/// Signs `email` up, confirms it on a server whose relay never answers, and kills that
/// server once its worker has claimed the welcome mail: owed, held by a lease that runs out.
fn owed_and_claimed_by_a_killed_worker(
    db: &TestDb,
    smtp: &SmtpServer,
    email: &str,
    name: &str,
) -> (tokio::runtime::Runtime, std::sync::Arc<dyn rundbrief_store::Store>, SubscriberId, i64) {
    let app = TestApp::spawn_on_smtp(BIN, db, smtp, &ENV);
    let link = sign_up(&app, smtp, email, name, "ro");
    drop(app);
    let silent = SmtpServer::start_silent();
    let mut hanging = TestApp::spawn_on_smtp(BIN, db, &silent, &RESTART_ENV);
    confirm(&hanging, &link);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let store = rt.block_on(campaign::open(db));
    let address = EmailAddress::parse(email).unwrap();
    let id = rt.block_on(store.subscriber_by_email(&address)).unwrap().unwrap().id;
    let owed = rt.block_on(store.owed_welcome(id)).unwrap().expect("owed by the confirmation");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = time::OffsetDateTime::now_utc();
        let due = rt.block_on(store.due_welcomes(now, 10)).unwrap();
        if silent.connections() > 0 && !due.iter().any(|(mail, _)| *mail == owed) {
            break;
        }
        assert!(Instant::now() < deadline, "never claimed:\n{}", hanging.log());
        std::thread::sleep(Duration::from_millis(50));
    }
    hanging.kill();
    assert_eq!(rt.block_on(store.owed_welcome(id)).unwrap(), Some(owed), "still owed");
    assert_eq!(smtp.count_for(email), 1, "only the confirmation so far");
    (rt, store, id, owed)
}

const RESTART_ENV: [(&str, &str); 2] =
    [("RUNDBRIEF_RATE_LIMIT", "0"), ("RUNDBRIEF_PUBLIC_URL", "https://news.example.org")];

#[test]
fn a_worker_killed_between_confirmation_and_send_leaves_exactly_one_welcome_mail() {
    let db = TestDb::sqlite();
    let (app, smtp) = TestApp::spawn_with_smtp(BIN, &db, &ENV);
    write_welcome_mail(&app);
    drop(app);
    let _owed = owed_and_claimed_by_a_killed_worker(&db, &smtp, "crash@example.ro", "Ana");

    // Restarted on the real relay: the welcome mail goes out once its claim has run out.
    let restarted = TestApp::spawn_on_smtp(BIN, &db, &smtp, &RESTART_ENV);
    let started = Instant::now();
    let mails = mails_to(&smtp, "crash@example.ro", 2, Duration::from_secs(90));
    assert_eq!(mails.len(), 2, "no welcome mail after the restart:\n{}", restarted.log());
    eprintln!("welcome mail arrived {:?} after the restart", started.elapsed());
    assert_eq!(mails[1].subject(), "Bun venit, Ana!");
    // Long enough for anything that could still come twice (a sweep, a re-run job).
    std::thread::sleep(Duration::from_secs(8));
    assert_eq!(smtp.count_for("crash@example.ro"), 2, "exactly one welcome mail");
}

/// An editor switches the welcome mail off because its text is wrong: what is still owed does
/// not go out either.
#[test]
fn switched_off_an_owed_welcome_mail_goes_out_no_more() {
    let db = TestDb::sqlite();
    let (app, smtp) = TestApp::spawn_with_smtp(BIN, &db, &ENV);
    write_welcome_mail(&app);
    drop(app);
    let (rt, store, id, _) =
        owed_and_claimed_by_a_killed_worker(&db, &smtp, "aus@example.ro", "Ion");
    let restarted = TestApp::spawn_on_smtp(BIN, &db, &smtp, &RESTART_ENV);
    switch(&restarted, false);
    // The claim runs out (25 s: the lease follows the relay's `?timeout=5`), the sweep hands
    // the mail to a worker, which settles it.
    let deadline = Instant::now() + Duration::from_secs(90);
    while rt.block_on(store.owed_welcome(id)).unwrap().is_some() {
        assert!(Instant::now() < deadline, "never settled:\n{}", restarted.log());
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(smtp.count_for("aus@example.ro"), 1, "only the confirmation:\n{}", restarted.log());
    assert!(restarted.log().contains("welcome mail skipped: switched off"), "{}", restarted.log());
}
