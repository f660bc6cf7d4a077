//! An invitation by mail in a real headless Chromium (issue 22's browser bar): an
//! administrator invites an editor through the accounts page; the test reads the mail from
//! the loopback SMTP server and opens its link; the editor sets a password (and is signed
//! in), turns TOTP on with a code computed from the key the page shows (RFC 6238), signs out
//! and in with password and code; a wrong code is refused and leaves the browser signed out.
//!
//! The browser comes from `rundbrief_testkit::browser`; without Chromium the test says it
//! SKIPPED, and fails when `RUNDBRIEF_TEST_BROWSER_REQUIRED=1` (as in `.ci/run`).
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use rundbrief_app::totp::{base32_decode, totp};
use rundbrief_testkit::admin::{PASSWORD, create_ok};
use rundbrief_testkit::browser::{Browser, programs, skip_or_fail};
use rundbrief_testkit::{TestApp, TestDb};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const WAIT: Duration = Duration::from_secs(10);
const EDITOR: &str = "redaktion@example.org";
const EDITOR_PASSWORD: &str = "a passphrase the editor chose";

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn wait_for_path(browser: &Browser, path: &str) {
    browser.wait_for(path, &format!("return location.pathname === '{path}';"), WAIT);
}

fn sign_in(browser: &Browser, login_url: &str, email: &str, password: &str) {
    browser.go(login_url);
    browser.type_into("#email", email);
    browser.type_into("#password", password);
    browser.click("main form button[type=submit]");
}

fn sign_out(browser: &Browser) {
    browser.click("header form[action='/admin/logout'] button");
    wait_for_path(browser, "/admin/login");
}

#[test]
fn an_invited_editor_sets_a_password_turns_on_totp_and_signs_in_with_a_code_in_chromium() {
    let (chromium, chromedriver) = match programs() {
        Ok(found) => found,
        Err(reason) => return skip_or_fail(&reason),
    };
    let db = TestDb::sqlite();
    let (app, smtp) = TestApp::spawn_with_smtp(BIN, &db, &[]);
    create_ok(&app, "admin@example.org", "admin");
    let browser = Browser::open(&chromium, &chromedriver);
    let login = format!("{}/admin/login?lang=de", app.url);

    // The administrator invites the editor through the accounts page.
    sign_in(&browser, &login, "admin@example.org", PASSWORD);
    wait_for_path(&browser, "/admin");
    browser.go(&format!("{}/admin/accounts", app.url));
    wait_for_path(&browser, "/admin/accounts");
    browser.type_into("#invite-email", EDITOR);
    browser.script("document.getElementById('invite-role').value = 'editor'; return true;");
    browser.script("document.getElementById('invite-ui-language').value = 'de'; return true;");
    browser.click("#invite-form button[type=submit]");
    browser.wait_for(
        "the open invitation",
        &format!("return !!document.getElementById('invitations') && document.getElementById('invitations').textContent.includes('{EDITOR}');"),
        WAIT,
    );
    sign_out(&browser);

    // The mail, and its link opened in the browser: a password, and signed in.
    let mail = smtp.wait_for(EDITOR, Duration::from_secs(20));
    assert!(mail.subject().starts_with("Ihre Einladung"), "{}", mail.subject());
    let link = mail.link_containing("/admin/invitation/").unwrap();
    let path = &link["https://news.example.org".len()..];
    browser.go(&format!("{}{path}", app.url));
    assert_eq!(browser.title(), "Konto anlegen – Rundbrief");
    browser.type_into("#password", EDITOR_PASSWORD);
    browser.type_into("#password_repeat", EDITOR_PASSWORD);
    browser.click("main form button[type=submit]");
    wait_for_path(&browser, "/admin");
    assert!(browser.text("header").contains(EDITOR), "{}", browser.text("header"));

    // Two factors on, with a code computed from the key the page shows.
    browser.click("header a[href='/admin/account/two-factor']");
    wait_for_path(&browser, "/admin/account/two-factor");
    let key = base32_decode(&browser.text("#totp-secret")).unwrap();
    browser.type_into("#code", &totp(&key, now(), 6));
    browser.click("main form button[type=submit]");
    browser.wait_for(
        "the recovery codes",
        "return document.querySelectorAll('#recovery-codes li').length === 10;",
        WAIT,
    );
    let enabled_at = now();
    sign_out(&browser);

    // Password, then a wrong code: refused with a message, and not signed in.
    sign_in(&browser, &login, EDITOR, EDITOR_PASSWORD);
    wait_for_path(&browser, "/admin/login/two-factor");
    let valid: Vec<String> = [-30, 0, 30, 60].iter().map(|d| totp(&key, now() + d, 6)).collect();
    let wrong = (0..).map(|n| format!("{n:06}")).find(|c| !valid.contains(c)).unwrap();
    browser.type_into("#code", &wrong);
    browser.click("main form button[type=submit]");
    browser.wait_for("the error", "return !!document.getElementById('code-error');", WAIT);
    assert_eq!(browser.text("#code-error"), "Der Code ist falsch oder wurde schon verwendet.");
    browser.go(&format!("{}/admin", app.url));
    wait_for_path(&browser, "/admin/login");

    // The right code (of a step after the one that turned TOTP on): signed in.
    sign_in(&browser, &login, EDITOR, EDITOR_PASSWORD);
    wait_for_path(&browser, "/admin/login/two-factor");
    let fresh = totp(&key, enabled_at.max(now()) + 30, 6);
    browser.type_into("#code", &fresh);
    browser.click("main form button[type=submit]");
    wait_for_path(&browser, "/admin");
    assert!(browser.text("header").contains(EDITOR), "{}", browser.text("header"));
    assert_eq!(smtp.count_for(EDITOR), 1, "one invitation mail");
}
