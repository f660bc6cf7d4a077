//! Two-factor sign-in over HTTP against the real binary (issue 22), on SQLite and on
//! PostgreSQL: an account turns TOTP on with a code computed here from the secret the page
//! shows, signs out and in with password and code; a wrong code and a replayed one are
//! refused and leave the browser signed out; a recovery code works exactly once; an
//! administrator's requirement sends an account without two factors to the set-up before
//! anything else; `rundbrief user reset-2fa` removes an account's second factor. Wrong codes
//! from any clients lock an account's codes after ten, and turning two factors off is limited
//! to five attempts a minute.
#![allow(clippy::unwrap_used)]

use rundbrief_app::totp::{base32_decode, totp};
use rundbrief_testkit::admin::{Jar, PASSWORD, create_ok, csrf_of};
use std::net::IpAddr;
use std::sync::atomic::{AtomicU8, Ordering};

use rundbrief_testkit::{Backend, Response, TestApp, TestDb, http};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

/// A browser with its cookies, at an address of its own in 127/8 (the server sees each as
/// another client), so the many sign-ins here stay within the per-client rate limit.
struct Browser {
    jar: Jar,
    source: IpAddr,
}

impl Browser {
    fn new() -> Self {
        static NEXT: AtomicU8 = AtomicU8::new(2);
        let host = NEXT.fetch_add(1, Ordering::Relaxed);
        Self { jar: Jar::default(), source: IpAddr::from([127, 0, 1, host]) }
    }

    fn cookie(&self, name: &str) -> Option<&str> {
        self.jar.get(name)
    }

    fn send(
        &mut self,
        app: &TestApp,
        method: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Response {
        let cookie = self.jar.header();
        let mut headers = vec![("Content-Type", "application/x-www-form-urlencoded")];
        if !cookie.is_empty() {
            headers.push(("Cookie", cookie.as_str()));
        }
        let body = http::encode_form(fields);
        let response =
            http::request_from(self.source, &app.url, method, path, &headers, body.as_bytes());
        self.jar.absorb(&response);
        response
    }
}

fn get(app: &TestApp, path: &str, browser: &mut Browser) -> Response {
    browser.send(app, "GET", path, &[])
}

fn post(app: &TestApp, path: &str, fields: &[(&str, &str)], browser: &mut Browser) -> Response {
    browser.send(app, "POST", path, fields)
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// The text between `start` and the next `end` on a page.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start} in:\n{html}")) + start.len();
    &html[from..from + html[from..].find(end).unwrap()]
}

/// Password step: returns the answer and the browser.
fn password_step(app: &TestApp, email: &str) -> (Response, Browser) {
    let mut jar = Browser::new();
    let form = get(app, "/admin/login", &mut jar);
    let token = csrf_of(&form.text());
    let response = post(
        app,
        "/admin/login",
        &[("csrf_token", &token), ("email", email), ("password", PASSWORD)],
        &mut jar,
    );
    (response, jar)
}

/// Sends `code` at the code step; the browser has passed the password step.
fn code_step(app: &TestApp, jar: &mut Browser, code: &str) -> Response {
    let form = get(app, "/admin/login/two-factor", jar);
    assert_eq!(form.status, 200, "{}", form.text());
    let token = csrf_of(&form.text());
    post(app, "/admin/login/two-factor", &[("csrf_token", &token), ("code", code)], jar)
}

/// A six-digit string that is no code of the secret around now.
fn wrong_code(key: &[u8]) -> String {
    let t = now();
    let valid: Vec<String> = [t - 30, t, t + 30].iter().map(|&at| totp(key, at, 6)).collect();
    (0..).map(|n| format!("{n:06}")).find(|c| !valid.contains(c)).unwrap()
}

fn assert_signed_out(app: &TestApp, jar: &mut Browser, what: &str) {
    assert!(jar.cookie("rundbrief_session").is_none(), "{what}: no session cookie");
    assert_dashboard_closed(app, jar, what);
}

fn assert_dashboard_closed(app: &TestApp, jar: &mut Browser, what: &str) {
    let dashboard = get(app, "/admin", jar);
    assert_eq!(dashboard.status, 303, "{what}: the dashboard is closed");
    assert_eq!(dashboard.header("location"), Some("/admin/login"), "{what}");
}

fn sign_out(app: &TestApp, jar: &mut Browser) {
    let page = get(app, "/admin", jar);
    assert_eq!(page.status, 200, "{}", page.text());
    let token = csrf_of(&page.text());
    assert_eq!(post(app, "/admin/logout", &[("csrf_token", &token)], jar).status, 303);
}

/// Opens the own account page, turns TOTP on; returns the key and the recovery codes.
fn turn_on(app: &TestApp, jar: &mut Browser) -> (Vec<u8>, Vec<String>) {
    let page = get(app, "/admin/account/two-factor", jar);
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    let secret = between(&html, "id=\"totp-secret\">", "<").to_owned();
    let uri = between(&html, "id=\"otpauth-uri\" href=\"", "\"");
    assert!(uri.starts_with("otpauth://totp/Rundbrief"), "{uri}");
    assert!(uri.contains(&format!("secret={secret}")), "{uri}");
    let key = base32_decode(&secret).unwrap();
    assert_eq!(key.len(), 20);
    let token = csrf_of(&html);

    let path = "/admin/account/two-factor";
    let wrong = post(app, path, &[("csrf_token", &token), ("code", &wrong_code(&key))], jar);
    assert_eq!(wrong.status, 422, "a wrong code does not turn it on");
    assert!(wrong.text().contains("Der Code ist falsch"), "{}", wrong.text());
    assert!(wrong.text().contains(&secret), "the same secret is offered again");

    let on = post(app, path, &[("csrf_token", &token), ("code", &totp(&key, now(), 6))], jar);
    assert_eq!(on.status, 200, "{}", on.text());
    let html = on.text();
    let list = between(&html, "id=\"recovery-codes\">", "</ul>");
    let codes: Vec<String> =
        list.split("<code>").skip(1).map(|c| c.split('<').next().unwrap().to_owned()).collect();
    assert_eq!(codes.len(), 10, "{list}");
    let state = get(app, path, jar).text();
    assert!(state.contains("eingeschaltet"), "{state}");
    assert!(state.contains("10 Wiederherstellungscodes"), "{state}");
    (key, codes)
}

fn totp_sign_in_refuses_wrong_and_replayed_codes_and_recovery_codes_work_once(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = TestApp::spawn(BIN, &db, &[]);
    create_ok(&app, "chefin@example.org", "editor");
    let (response, mut jar) = password_step(&app, "chefin@example.org");
    assert_eq!(response.header("location"), Some("/admin"), "no second factor yet");
    let (key, recovery) = turn_on(&app, &mut jar);
    // The code that turned it on.
    let used = totp(&key, now(), 6);
    sign_out(&app, &mut jar);

    // The password alone opens nothing but the code step.
    let (response, mut jar) = password_step(&app, "chefin@example.org");
    assert_eq!(response.status, 303, "{}", response.text());
    assert_eq!(response.header("location"), Some("/admin/login/two-factor"));
    assert!(jar.cookie("rundbrief_2fa").is_some());
    assert_signed_out(&app, &mut jar, "after the password");
    assert_eq!(get(&app, "/admin/account/two-factor", &mut jar).status, 303);

    let wrong = code_step(&app, &mut jar, &wrong_code(&key));
    assert_eq!(wrong.status, 401, "a wrong code is refused");
    assert!(wrong.text().contains("Der Code ist falsch"), "{}", wrong.text());
    assert_signed_out(&app, &mut jar, "after a wrong code");
    let replayed = code_step(&app, &mut jar, &used);
    assert_eq!(replayed.status, 401, "the code that turned TOTP on cannot be used again");
    assert_signed_out(&app, &mut jar, "after a replayed code");

    // The next step's code (accepted one step early): signed in.
    let fresh = totp(&key, now() + 30, 6);
    let signed_in = code_step(&app, &mut jar, &fresh);
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    assert_eq!(signed_in.header("location"), Some("/admin"));
    assert!(jar.cookie("rundbrief_session").is_some());
    assert!(jar.cookie("rundbrief_2fa").is_none(), "the challenge is cleared");
    assert_eq!(get(&app, "/admin", &mut jar).status, 200);
    sign_out(&app, &mut jar);

    // The same fresh code once more, from a new sign-in: replayed, refused.
    let (_, mut jar) = password_step(&app, "chefin@example.org");
    assert_eq!(code_step(&app, &mut jar, &fresh).status, 401);
    // A recovery code, typed in upper case with a space: works once.
    let typed = recovery[3].replace('-', " ").to_uppercase();
    let recovered = code_step(&app, &mut jar, &typed);
    assert_eq!(recovered.status, 303, "{}", recovered.text());
    let state = get(&app, "/admin/account/two-factor", &mut jar).text();
    assert!(state.contains("9 Wiederherstellungscodes"), "{state}");
    sign_out(&app, &mut jar);
    let (_, mut jar) = password_step(&app, "chefin@example.org");
    assert_eq!(code_step(&app, &mut jar, &recovery[3]).status, 401, "used up");
    assert_signed_out(&app, &mut jar, "after a used recovery code");
    assert_eq!(code_step(&app, &mut jar, &recovery[4]).status, 303, "another one works");

    // Turning it off needs a code; a wrong one keeps it on.
    let page = get(&app, "/admin/account/two-factor", &mut jar);
    let token = csrf_of(&page.text());
    let off = "/admin/account/two-factor/off";
    let kept = post(&app, off, &[("csrf_token", &token), ("code", "nonsense-00")], &mut jar);
    assert_eq!(kept.status, 422);
    let done = post(&app, off, &[("csrf_token", &token), ("code", &recovery[5])], &mut jar);
    assert_eq!(done.status, 303, "{}", done.text());
    sign_out(&app, &mut jar);
    let (response, _) = password_step(&app, "chefin@example.org");
    assert_eq!(response.header("location"), Some("/admin"), "off: the password suffices");

    let log = app.log();
    let secret = rundbrief_app::totp::base32_encode(&key);
    assert!(!log.contains(&secret), "the secret is never logged");
    assert!(!log.contains(&recovery[0]), "nor a recovery code");
    assert!(!log.contains("chefin@example.org"), "nor the address");
}

fn required_two_factor_sends_accounts_to_the_set_up_first(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = TestApp::spawn(BIN, &db, &[]);
    create_ok(&app, "admin@example.org", "admin");
    create_ok(&app, "editor@example.org", "editor");
    let (_, mut editor) = password_step(&app, "editor@example.org");
    assert_eq!(get(&app, "/admin", &mut editor).status, 200);

    let (_, mut admin) = password_step(&app, "admin@example.org");
    let page = get(&app, "/admin/account/two-factor", &mut admin);
    let token = csrf_of(&page.text());
    let require = "/admin/account/two-factor/require";
    let fields = [("csrf_token", token.as_str()), ("required", "true")];
    let refused = post(&app, require, &fields, &mut admin);
    assert_eq!(refused.status, 409, "not before the admin's own account has it");
    assert!(refused.text().contains("zuerst für Ihr eigenes Konto"), "{}", refused.text());
    turn_on(&app, &mut admin);
    // An editor may not require it of everyone.
    let editor_token = csrf_of(&get(&app, "/admin", &mut editor).text());
    let by_editor =
        post(&app, require, &[("csrf_token", &editor_token), ("required", "true")], &mut editor);
    assert_eq!(by_editor.status, 403);
    let required = post(&app, require, &fields, &mut admin);
    assert_eq!(required.status, 303, "{}", required.text());
    let page = get(&app, "/admin/account/two-factor", &mut admin).text();
    assert!(page.contains("für jedes Konto Pflicht"), "{page}");

    // The editor's session without a second factor has ended.
    assert_dashboard_closed(&app, &mut editor, "requirement switched on");
    let (response, mut editor) = password_step(&app, "editor@example.org");
    assert_eq!(response.header("location"), Some("/admin/login/two-factor/setup"));
    assert_signed_out(&app, &mut editor, "before the set-up");
    assert_eq!(get(&app, "/admin/login/two-factor", &mut editor).status, 303, "not the code step");
    let setup = get(&app, "/admin/login/two-factor/setup", &mut editor);
    assert_eq!(setup.status, 200, "{}", setup.text());
    let html = setup.text();
    let key = base32_decode(between(&html, "id=\"totp-secret\">", "<")).unwrap();
    let token = csrf_of(&html);
    let path = "/admin/login/two-factor/setup";
    let wrong =
        post(&app, path, &[("csrf_token", &token), ("code", &wrong_code(&key))], &mut editor);
    assert_eq!(wrong.status, 422);
    assert_signed_out(&app, &mut editor, "after a wrong set-up code");
    let code = totp(&key, now(), 6);
    let done = post(&app, path, &[("csrf_token", &token), ("code", &code)], &mut editor);
    assert_eq!(done.status, 200, "{}", done.text());
    assert!(done.text().contains("id=\"recovery-codes\""));
    assert_eq!(get(&app, "/admin", &mut editor).status, 200, "signed in after the set-up");

    // Turning off is refused while required.
    let token = csrf_of(&get(&app, "/admin", &mut editor).text());
    let off = post(
        &app,
        "/admin/account/two-factor/off",
        &[("csrf_token", &token), ("code", &totp(&key, now() + 30, 6))],
        &mut editor,
    );
    assert_eq!(off.status, 409);

    // An administrator's reset on the command line: set-up again at the next sign-in.
    let output = app.command(&["user", "reset-2fa", "editor@example.org"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let (response, _) = password_step(&app, "editor@example.org");
    assert_eq!(response.header("location"), Some("/admin/login/two-factor/setup"));
    let missing = app.command(&["user", "reset-2fa", "nobody@example.org"]);
    assert!(!missing.status.success());
}

/// Turning two factors off is limited to five attempts a minute per account, and wrong codes
/// from any clients (there and at the sign-in's second step) lock the account's codes after
/// ten: then even the right code is refused with 429.
fn wrong_codes_lock_the_account_and_turning_off_is_limited(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = TestApp::spawn(BIN, &db, &[]);
    create_ok(&app, "lock@example.org", "editor");
    let (signed_in, mut jar) = password_step(&app, "lock@example.org");
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    let (key, _) = turn_on(&app, &mut jar);

    let token = csrf_of(&get(&app, "/admin/account/two-factor", &mut jar).text());
    let off = "/admin/account/two-factor/off";
    for attempt in 0..5 {
        let code = wrong_code(&key);
        let wrong = post(&app, off, &[("csrf_token", &token), ("code", &code)], &mut jar);
        assert_eq!(wrong.status, 422, "attempt {attempt}: {}", wrong.text());
    }
    let right = totp(&key, now() + 30, 6);
    let limited = post(&app, off, &[("csrf_token", &token), ("code", &right)], &mut jar);
    assert_eq!(limited.status, 429, "the sixth attempt in a minute: {}", limited.text());

    // Five more wrong codes at the second step, each from another client: the tenth locks.
    for attempt in 0..5 {
        let (answer, mut other) = password_step(&app, "lock@example.org");
        assert_eq!(answer.status, 303, "{}", answer.text());
        let wrong = code_step(&app, &mut other, &wrong_code(&key));
        assert_eq!(wrong.status, 401, "attempt {attempt}: {}", wrong.text());
    }
    let (_, mut owner) = password_step(&app, "lock@example.org");
    let locked = code_step(&app, &mut owner, &right);
    assert_eq!(locked.status, 429, "locked, even for the right code: {}", locked.text());
    assert!(locked.header("retry-after").is_some());
    assert_signed_out(&app, &mut owner, "while locked");
    let log = app.log();
    assert!(log.contains("second factor locked for 15 minutes"), "{log}");
    assert!(!log.contains("lock@example.org"), "ids only");
}

rundbrief_testkit::on_both_backends!(
    totp_sign_in_refuses_wrong_and_replayed_codes_and_recovery_codes_work_once,
    required_two_factor_sends_accounts_to_the_set_up_first,
    wrong_codes_lock_the_account_and_turning_off_is_limited,
);
