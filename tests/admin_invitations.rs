//! Invitations and password resets by mail (issue 22), black-box on the real binary over
//! HTTP with the mails read from a loopback SMTP server, on SQLite and PostgreSQL.
//!
//! An administrator invites an address (bad input 422, a known address 409); one mail in the
//! chosen language carries a signed link; a forged link is a 404 page, an expired one (signed
//! with the instance key, expiry passed) and a used one 410 pages; the link creates the
//! account once, signs it in with the chosen UI language, and a second use changes nothing.
//! A revoked invitation's link is refused and leaves the list. A password reset keeps the old
//! password until the new one is set; setting it ends the account's sessions, the old
//! password stops and the new one signs in; the link works once. Logs name ids, never the
//! addresses.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use rundbrief_core::{TokenPurpose, TokenSigner};
use rundbrief_testkit::admin::{AdminSession, PASSWORD, create_ok, csrf_of};
use rundbrief_testkit::app::SECRET_KEY;
use rundbrief_testkit::{Backend, Received, TestApp, TestDb};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const MAIL_WAIT: Duration = Duration::from_secs(20);
const NEW_PASSWORD: &str = "a brand new passphrase for the test";

/// The path of the mail's link to `/admin/{kind}/…` (the mail carries the public URL).
fn link_path(mail: &Received, kind: &str) -> String {
    let link =
        mail.link_containing(kind).unwrap_or_else(|| panic!("a {kind} link: {}", mail.text()));
    link["https://news.example.org".len()..].to_owned()
}

/// The account id in the row of `email` on the accounts page.
fn account_id(page: &str, email: &str) -> String {
    let row = &page[page.find(email).unwrap_or_else(|| panic!("{email} listed: {page}"))..];
    let action = &row[row.find("/admin/accounts/").unwrap() + "/admin/accounts/".len()..];
    action[..action.find('/').unwrap()].to_owned()
}

/// The link with the last character of its MAC changed.
fn forge(path: &str) -> String {
    let mut forged = path.to_owned();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    forged
}

fn login_status(app: &TestApp, email: &str, password: &str) -> u16 {
    let mut browser = AdminSession::new(app);
    let token = csrf_of(&browser.page("/admin/login"));
    browser.post_with(&token, "/admin/login", &[("email", email), ("password", password)]).status
}

/// Sets a password through the link at `path` in a fresh browser; the answer.
fn set_password<'a>(
    app: &'a TestApp,
    path: &str,
    password: &str,
    repeat: &str,
) -> (AdminSession<'a>, rundbrief_testkit::Response) {
    let mut browser = AdminSession::new(app);
    let form = browser.get(path);
    assert_eq!(form.status, 200, "{path}: {}", form.text());
    assert_eq!(form.header("referrer-policy"), Some("no-referrer"));
    let token = csrf_of(&form.text());
    let answer =
        browser.post_with(&token, path, &[("password", password), ("password_repeat", repeat)]);
    (browser, answer)
}

fn invitations_and_resets_by_mail(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, smtp) = TestApp::spawn_with_smtp(BIN, &db, &[]);
    create_ok(&app, "admin@example.org", "admin");
    let mut admin = AdminSession::new(&app).sign_in("admin@example.org");
    let csrf = csrf_of(&admin.page("/admin/accounts"));
    let invite = |admin: &mut AdminSession, fields: &[(&str, &str)]| {
        admin.post_with(&csrf, "/admin/accounts/invite", fields)
    };

    // Bad input is refused with the reason; a known address is a conflict.
    let fields = |email, role, languages, ui| {
        [("email", email), ("role", role), ("languages", languages), ("ui_language", ui)]
    };
    let bad = invite(&mut admin, &fields("not an address", "editor", "", "en"));
    assert_eq!(bad.status, 422, "{}", bad.text());
    let bad = invite(&mut admin, &fields("t@example.org", "translator", "", "en"));
    assert_eq!(bad.status, 422, "a translator needs languages: {}", bad.text());
    let bad = invite(&mut admin, &fields("t@example.org", "editor", "", "fr"));
    assert_eq!(bad.status, 422, "the editor speaks de and en: {}", bad.text());
    assert!(bad.text().contains("Wählen Sie Deutsch oder Englisch."), "{}", bad.text());
    let known = invite(&mut admin, &fields("Admin@Example.org", "editor", "", "de"));
    assert_eq!(known.status, 409, "{}", known.text());

    // The invitation: listed, one mail in English with the link.
    let ok = invite(&mut admin, &fields("neu@example.org", "translator", "pl,ro", "en"));
    assert_eq!(ok.status, 303, "{}", ok.text());
    assert_eq!(ok.header("location"), Some("/admin/accounts?invited=1"));
    let page = admin.page("/admin/accounts?invited=1");
    assert!(page.contains("Die Einladung wurde gespeichert"), "{page}");
    let listed = &page[page.find("id=\"invitations\"").expect("the open invitations")..];
    assert!(listed.contains("neu@example.org") && listed.contains("pl, ro"), "{listed}");
    let mail = smtp.wait_for("neu@example.org", MAIL_WAIT);
    assert!(mail.subject().starts_with("Your invitation"), "{}", mail.subject());
    assert!(mail.text().contains("72 hours"), "{}", mail.text());
    let invitation = link_path(&mail, "/admin/invitation/");

    // Forged, expired: clear pages, nothing created.
    let mut stranger = AdminSession::new(&app);
    let answer = stranger.get(&forge(&invitation));
    assert_eq!(answer.status, 404, "{}", answer.text());
    assert!(answer.text().contains("id=\"link-refused\""), "{}", answer.text());
    let signer = TokenSigner::new(SECRET_KEY.as_bytes()).unwrap();
    let past = time::OffsetDateTime::now_utc() - time::Duration::hours(1);
    let expired = signer.sign(TokenPurpose::AccountInvitation, 1, Some(past));
    let answer = stranger.get(&format!("/admin/invitation/{expired}"));
    assert_eq!(answer.status, 410, "{}", answer.text());
    assert!(answer.text().contains("abgelaufen"), "{}", answer.text());
    // A reset link's token is no invitation.
    let other = signer.sign(TokenPurpose::PasswordReset, 1, None);
    assert_eq!(stranger.get(&format!("/admin/invitation/{other}")).status, 404);

    // Passwords follow the command line's rules; then the account exists and is signed in,
    // with the chosen UI language.
    let (_, short) = set_password(&app, &invitation, "too short", "too short");
    assert_eq!(short.status, 422, "{}", short.text());
    let (_, differ) = set_password(&app, &invitation, NEW_PASSWORD, "something else entirely");
    assert_eq!(differ.status, 422, "{}", differ.text());
    let (mut invited, created) = set_password(&app, &invitation, NEW_PASSWORD, NEW_PASSWORD);
    assert_eq!(created.status, 303, "{}", created.text());
    assert_eq!(created.header("location"), Some("/admin"));
    let dashboard = invited.page("/admin");
    assert!(dashboard.contains("<html lang=\"en\""), "the invitation's language");
    assert!(dashboard.contains("neu@example.org"), "signed in as the invited account");
    assert_eq!(login_status(&app, "neu@example.org", NEW_PASSWORD), 303);
    let row_page = admin.page("/admin/accounts");
    let row = &row_page[row_page.find("neu@example.org").unwrap()..];
    assert!(row[..row.find("</tr>").unwrap()].contains("(pl)"), "a translator of pl, ro");
    assert!(!row_page.contains("id=\"invitations\""), "no open invitation left: {row_page}");

    // Used: refused, and a second password changes nothing.
    let again = stranger.get(&invitation);
    assert_eq!(again.status, 410, "{}", again.text());
    assert!(again.text().contains("schon verwendet"), "{}", again.text());
    let token = csrf_of(&stranger.page("/admin/login"));
    let reuse = stranger.post_with(
        &token,
        &invitation,
        &[("password", PASSWORD), ("password_repeat", PASSWORD)],
    );
    assert_eq!(reuse.status, 410, "{}", reuse.text());
    assert_eq!(login_status(&app, "neu@example.org", PASSWORD), 401, "the password stays");

    // Revoked: listed until then, refused afterwards; revoking twice is a conflict.
    let ok = invite(&mut admin, &fields("zweit@example.org", "viewer", "", "de"));
    assert_eq!(ok.status, 303, "{}", ok.text());
    let page = admin.page("/admin/accounts");
    let revoke = &page[page.find("/admin/accounts/invitations/").expect("a revoke form")..];
    let revoke = revoke[..revoke.find('"').unwrap()].to_owned();
    let mail = smtp.wait_for("zweit@example.org", MAIL_WAIT);
    assert!(mail.subject().starts_with("Ihre Einladung"), "{}", mail.subject());
    let second = link_path(&mail, "/admin/invitation/");
    let revoked = admin.post_with(&csrf, &revoke, &[]);
    assert_eq!(revoked.status, 303, "{}", revoked.text());
    assert_eq!(revoked.header("location"), Some("/admin/accounts?revoked=1"));
    assert!(admin.page("/admin/accounts?revoked=1").contains("zurückgezogen"));
    let answer = stranger.get(&second);
    assert_eq!(answer.status, 410, "{}", answer.text());
    assert!(answer.text().contains("zurückgezogen"), "{}", answer.text());
    assert_eq!(admin.post_with(&csrf, &revoke, &[]).status, 409);

    // A password reset: the old password and the sessions hold until the new one is set.
    create_ok(&app, "editor@example.org", "editor");
    let mut editor = AdminSession::new(&app).sign_in("editor@example.org");
    let editor_id = account_id(&admin.page("/admin/accounts"), "editor@example.org");
    let reset = admin.post_with(&csrf, &format!("/admin/accounts/{editor_id}/reset-password"), &[]);
    assert_eq!(reset.status, 303, "{}", reset.text());
    assert_eq!(reset.header("location"), Some("/admin/accounts?reset=1"));
    let mail = smtp.wait_for("editor@example.org", MAIL_WAIT);
    assert!(mail.subject().starts_with("Neues Passwort"), "{}", mail.subject());
    let reset_link = link_path(&mail, "/admin/password-reset/");
    assert_eq!(login_status(&app, "editor@example.org", PASSWORD), 303, "still the old one");
    assert_eq!(editor.get("/admin").status, 200, "still signed in");
    let (_, done) = set_password(&app, &reset_link, NEW_PASSWORD, NEW_PASSWORD);
    assert_eq!(done.status, 200, "{}", done.text());
    assert!(done.text().contains("id=\"password-changed\""), "{}", done.text());
    let ended = editor.get("/admin");
    assert_eq!(ended.status, 303, "the session ended with the old password");
    assert_eq!(ended.header("location"), Some("/admin/login"));
    assert_eq!(login_status(&app, "editor@example.org", PASSWORD), 401);
    assert_eq!(login_status(&app, "editor@example.org", NEW_PASSWORD), 303);
    assert_eq!(stranger.get(&reset_link).status, 410, "a reset link works once");
    assert_eq!(stranger.get(&forge(&reset_link)).status, 404);

    // Each mail went out once, and the logs name ids only.
    std::thread::sleep(Duration::from_secs(5));
    for address in ["neu@example.org", "zweit@example.org", "editor@example.org"] {
        assert_eq!(smtp.count_for(address), 1, "{address}: one mail");
    }
    let log = app.log();
    assert!(log.contains("account created through an invitation"), "{log}");
    assert!(log.contains("password set through a reset link"), "{log}");
    assert!(log.contains("account mail sent"), "{log}");
    for address in ["neu@example.org", "zweit@example.org", "editor@example.org"] {
        assert!(!log.contains(address), "logs name ids, not {address}");
    }
}

rundbrief_testkit::on_both_backends!(invitations_and_resets_by_mail);
