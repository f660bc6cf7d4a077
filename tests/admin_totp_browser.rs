//! Two-factor sign-in in a real headless Chromium (issue 22's browser bar, with an account
//! made on the command line while invitations do not exist yet): an editor turns TOTP on with
//! a code computed from the key the page shows, signs out, signs in with password and code;
//! a wrong code is refused with a message and leaves the browser signed out.
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

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn wait_for_path(browser: &Browser, path: &str) {
    browser.wait_for(path, &format!("return location.pathname === '{path}';"), WAIT);
}

fn sign_in_with_password(browser: &Browser, login_url: &str) {
    browser.go(login_url);
    browser.type_into("#email", "redaktion@example.org");
    browser.type_into("#password", PASSWORD);
    browser.click("main form button[type=submit]");
}

#[test]
fn an_editor_turns_on_totp_and_signs_in_with_a_code_in_chromium() {
    let (chromium, chromedriver) = match programs() {
        Ok(found) => found,
        Err(reason) => return skip_or_fail(&reason),
    };
    let db = TestDb::sqlite();
    let app = TestApp::spawn(BIN, &db, &[]);
    create_ok(&app, "redaktion@example.org", "editor");
    let browser = Browser::open(&chromium, &chromedriver);
    let login = format!("{}/admin/login?lang=de", app.url);

    sign_in_with_password(&browser, &login);
    wait_for_path(&browser, "/admin");
    browser.click("header a[href='/admin/account/two-factor']");
    wait_for_path(&browser, "/admin/account/two-factor");
    assert_eq!(browser.title(), "Anmeldung mit zweitem Faktor – Rundbrief");
    let key = base32_decode(&browser.text("#totp-secret")).unwrap();
    browser.type_into("#code", &totp(&key, now(), 6));
    browser.click("main form button[type=submit]");
    browser.wait_for(
        "the recovery codes",
        "return document.querySelectorAll('#recovery-codes li').length === 10;",
        WAIT,
    );
    let enabled_at = now();

    browser.click("header form[action='/admin/logout'] button");
    wait_for_path(&browser, "/admin/login");
    sign_in_with_password(&browser, &login);
    wait_for_path(&browser, "/admin/login/two-factor");

    // A wrong code: refused with a message, and the browser is not signed in.
    let valid: Vec<String> = [-30, 0, 30, 60].iter().map(|d| totp(&key, now() + d, 6)).collect();
    let wrong = (0..).map(|n| format!("{n:06}")).find(|c| !valid.contains(c)).unwrap();
    browser.type_into("#code", &wrong);
    browser.click("main form button[type=submit]");
    browser.wait_for("the error", "return !!document.getElementById('code-error');", WAIT);
    assert_eq!(browser.text("#code-error"), "Der Code ist falsch oder wurde schon verwendet.");
    assert_eq!(browser.path(), "/admin/login/two-factor");
    let invalid =
        browser.script("return document.getElementById('code').getAttribute('aria-invalid');");
    assert_eq!(invalid, "true");
    browser.go(&format!("{}/admin", app.url));
    wait_for_path(&browser, "/admin/login");

    // The right code (of the step after the one that turned TOTP on): signed in.
    browser.go(&format!("{}/admin/login/two-factor", app.url));
    let fresh = totp(&key, enabled_at.max(now()) + 30, 6);
    browser.type_into("#code", &fresh);
    browser.click("main form button[type=submit]");
    wait_for_path(&browser, "/admin");
    assert!(browser.text("header").contains("redaktion@example.org"), "{}", browser.text("header"));
}
