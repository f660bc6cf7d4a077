//! Black-box tests of the editor UI's front door: accounts from the CLI, signing in and out,
//! rate limits, the one-time setup link, and the guard on every route of
//! `rundbrief_web::admin::ROUTES`, each on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used)]

use std::net::IpAddr;
use std::time::{Duration, Instant};

use rundbrief_testkit::admin::{Jar, PASSWORD, create_ok, create_user, csrf_of};
use rundbrief_testkit::{Backend, Response, TestApp, TestDb, http};
use rundbrief_web::admin::{Access, LOGIN_PER_ACCOUNT_PER_MINUTE, LOGIN_PER_IP_PER_MINUTE, ROUTES};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

fn request(
    app: &TestApp,
    method: &str,
    path: &str,
    fields: &[(&str, &str)],
    jar: &mut Jar,
) -> Response {
    jar.send(app, method, path, fields, &[])
}

fn get(app: &TestApp, path: &str, jar: &mut Jar) -> Response {
    request(app, "GET", path, &[], jar)
}

fn post(app: &TestApp, path: &str, fields: &[(&str, &str)], jar: &mut Jar) -> Response {
    request(app, "POST", path, fields, jar)
}

fn set_cookie<'a>(response: &'a Response, name: &str) -> Option<&'a str> {
    response
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, v)| v.as_str())
        .find(|v| v.starts_with(&format!("{name}=")))
}

/// Opens the login form and sends it; returns the answer and the browser's cookies.
fn login(app: &TestApp, email: &str, password: &str) -> (Response, Jar) {
    let mut jar = Jar::default();
    let form = get(app, "/admin/login", &mut jar);
    assert_eq!(form.status, 200, "{}", form.text());
    let token = csrf_of(&form.text());
    let response = post(
        app,
        "/admin/login",
        &[("csrf_token", &token), ("email", email), ("password", password)],
        &mut jar,
    );
    (response, jar)
}

/// A browser at the loopback address `127.0.0.{host}` (all of 127/8 is local on Linux; the
/// server listens on 127.0.0.1 and sees each as another client IP).
struct Browser<'a> {
    app: &'a TestApp,
    source: IpAddr,
    jar: Jar,
    csrf: String,
}

impl<'a> Browser<'a> {
    fn at(app: &'a TestApp, host: u8) -> Self {
        let mut browser = Self {
            app,
            source: IpAddr::from([127, 0, 0, host]),
            jar: Jar::default(),
            csrf: String::new(),
        };
        let form = browser.send("GET", "/admin/login", &[]);
        assert_eq!(form.status, 200, "{}", form.text());
        browser.csrf = csrf_of(&form.text());
        browser
    }

    fn send(&mut self, method: &str, path: &str, fields: &[(&str, &str)]) -> Response {
        let cookie = self.jar.header();
        let mut headers = vec![("Content-Type", "application/x-www-form-urlencoded")];
        if !cookie.is_empty() {
            headers.push(("Cookie", cookie.as_str()));
        }
        let body = http::encode_form(fields);
        let response =
            http::request_from(self.source, &self.app.url, method, path, &headers, body.as_bytes());
        self.jar.absorb(&response);
        response
    }

    fn login(&mut self, email: &str, password: &str) -> Response {
        let csrf = self.csrf.clone();
        self.send(
            "POST",
            "/admin/login",
            &[("csrf_token", &csrf), ("email", email), ("password", password)],
        )
    }
}

fn signed_in(app: &TestApp, email: &str) -> Jar {
    let (response, jar) = login(app, email, PASSWORD);
    assert_eq!(response.status, 303, "{}", response.text());
    assert_eq!(response.header("location"), Some("/admin"));
    assert!(jar.get("rundbrief_session").is_some());
    jar
}

fn start(db: &TestDb, extra: &[(&str, &str)]) -> TestApp {
    TestApp::spawn(BIN, db, extra)
}

fn user_create_then_login_works_and_logout_ends_the_session(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db, &[]);

    let output = create_user(&app, "Chefin@Example.org", "admin", PASSWORD);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("created with the role admin"));

    let short = create_user(&app, "short@example.org", "editor", "too short");
    assert!(!short.status.success());
    let stderr = String::from_utf8_lossy(&short.stderr);
    assert!(stderr.contains("at least 12 characters"), "{stderr}");
    let twice = create_user(&app, "chefin@example.org", "viewer", PASSWORD);
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("exists already"));
    let role = create_user(&app, "x@example.org", "superuser", PASSWORD);
    assert!(!role.status.success());
    let no_password =
        app.command(&["user", "create", "--email", "y@example.org", "--role", "viewer"]);
    assert!(!no_password.status.success());
    assert!(String::from_utf8_lossy(&no_password.stderr).contains("RUNDBRIEF_USER_PASSWORD"));

    // Addresses are matched without regard to case, as everywhere else.
    let (response, mut jar) = login(&app, "chefin@example.org", PASSWORD);
    assert_eq!(response.status, 303, "{}", response.text());
    assert_eq!(response.header("location"), Some("/admin"));
    let cookie = set_cookie(&response, "rundbrief_session").unwrap();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/admin"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP public URL: {cookie}");

    let dashboard = get(&app, "/admin", &mut jar);
    assert_eq!(dashboard.status, 200, "{}", dashboard.text());
    let html = dashboard.text();
    assert!(html.contains("<title>Übersicht – Rundbrief</title>"), "German by default: {html}");
    assert!(html.contains("<svg"), "{html}");
    assert!(html.contains("Angemeldet als Chefin@example.org"), "{html}");
    assert_eq!(dashboard.header("cache-control"), Some("no-store"));

    // The choice of English sticks through the cookie; Accept-Language picks among de and en.
    let english = get(&app, "/admin?lang=en", &mut jar);
    assert!(english.text().contains("<title>Dashboard – Rundbrief</title>"));
    assert!(get(&app, "/admin", &mut jar).text().contains("Signed in as"));
    let cookie = jar.header();
    let accept = app.get("/admin/login", &[("Accept-Language", "pl, en;q=0.5")]);
    assert!(accept.text().contains("<html lang=\"en\""), "{}", accept.text());
    assert!(cookie.contains("rb_admin_lang=en"));

    let old = jar.clone();
    let token = csrf_of(&get(&app, "/admin", &mut jar).text());
    let bye = post(&app, "/admin/logout", &[("csrf_token", &token)], &mut jar);
    assert_eq!(bye.status, 303, "{}", bye.text());
    assert_eq!(bye.header("location"), Some("/admin/login?signed_out=1"));
    assert!(jar.get("rundbrief_session").is_none(), "the cookie is cleared");
    let mut old = old;
    let after = get(&app, "/admin", &mut old);
    assert_eq!(after.status, 303, "the session is gone on the server too");
    assert_eq!(after.header("location"), Some("/admin/login"));

    let log = app.log();
    assert!(!log.to_lowercase().contains("chefin@example.org"), "no addresses in logs:\n{log}");
}

fn wrong_password_is_refused(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db, &[("RUNDBRIEF_PUBLIC_URL", "https://news.example.org")]);
    create_ok(&app, "editor@example.org", "editor");

    let (response, jar) = login(&app, "editor@example.org", "correct horse battery stapler");
    assert_eq!(response.status, 401, "{}", response.text());
    assert!(response.text().contains("Die E-Mail-Adresse oder das Passwort ist falsch."));
    assert!(jar.get("rundbrief_session").is_none());
    let (unknown, _) = login(&app, "nobody@example.org", PASSWORD);
    assert_eq!(unknown.status, 401, "an unknown address gets the same answer");
    assert!(unknown.text().contains("Die E-Mail-Adresse oder das Passwort ist falsch."));

    // Behind HTTPS every cookie is Secure.
    let (ok, _) = login(&app, "editor@example.org", PASSWORD);
    assert_eq!(ok.status, 303);
    assert!(set_cookie(&ok, "rundbrief_session").unwrap().contains("; Secure"));
    let form = app.get("/admin/login", &[]);
    assert!(set_cookie(&form, "rundbrief_csrf").unwrap().contains("; Secure"));
}

fn sign_in_is_rate_limited_per_account_and_ip_and_per_ip(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db, &[]);
    create_ok(&app, "a@example.org", "editor");
    create_ok(&app, "b@example.org", "editor");

    let mut jar = Jar::default();
    let token = csrf_of(&get(&app, "/admin/login", &mut jar).text());
    let mut attempt = |email: &str, password: &str| {
        post(
            &app,
            "/admin/login",
            &[("csrf_token", &token), ("email", email), ("password", password)],
            &mut jar,
        )
    };
    for _ in 0..LOGIN_PER_ACCOUNT_PER_MINUTE {
        assert_eq!(attempt("a@example.org", "guess guess guess").status, 401);
    }
    let limited = attempt("A@example.org", PASSWORD);
    assert_eq!(
        limited.status,
        429,
        "from the same IP even the right password waits: {}",
        limited.text()
    );
    assert!(limited.header("retry-after").is_some());
    assert_eq!(attempt("b@example.org", PASSWORD).status, 303, "other accounts are not locked");

    let mut used = LOGIN_PER_ACCOUNT_PER_MINUTE + 2;
    while used < LOGIN_PER_IP_PER_MINUTE {
        assert_eq!(attempt(&format!("c{used}@example.org"), "guess guess guess").status, 401);
        used += 1;
    }
    assert_eq!(attempt("d@example.org", "guess guess guess").status, 429, "per IP");
}

fn wrong_passwords_from_one_ip_do_not_lock_out_another(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db, &[]);
    create_ok(&app, "target@example.org", "admin");
    create_ok(&app, "reference@example.org", "viewer");

    let mut attacker = Browser::at(&app, 1);
    let mut refused = 0;
    for i in 0..20 {
        let response = attacker.login("target@example.org", &format!("guess number {i} is wrong"));
        assert!(matches!(response.status, 401 | 429), "{}", response.text());
        refused += u32::from(response.status == 429);
    }
    assert!(refused >= 20 - LOGIN_PER_ACCOUNT_PER_MINUTE, "the guesser is throttled");
    let again = attacker.login("target@example.org", PASSWORD);
    assert_eq!(again.status, 429, "the guessing address stays throttled");

    let mut owner = Browser::at(&app, 2);
    let started = Instant::now();
    let response = owner.login("target@example.org", PASSWORD);
    assert_eq!(response.status, 303, "another address signs in: {}", response.text());
    assert_eq!(response.header("location"), Some("/admin"));
    let owner_took = started.elapsed();
    assert!(owner.jar.get("rundbrief_session").is_some());
    assert_eq!(owner.send("GET", "/admin", &[]).status, 200);
    // The owner's sign-in is slowed down by at most the cap (4 s), compared with an untouched
    // account's sign-in measured now, so that a loaded machine's slow hashing is not counted.
    let started = Instant::now();
    assert_eq!(Browser::at(&app, 4).login("reference@example.org", PASSWORD).status, 303);
    let reference = started.elapsed();
    assert!(
        owner_took < reference + Duration::from_secs(5),
        "slowed down at most: {owner_took:?} against {reference:?} for an untouched account"
    );

    // Refusals are logged with the account id, or as an unknown account; never the address or
    // the password.
    assert_eq!(Browser::at(&app, 3).login("ghost@example.org", "guess guess guess").status, 401);
    let log = app.log_once("sign-in refused: unknown account");
    assert!(log.contains("sign-in refused: wrong password"), "{log}");
    assert!(log.contains("user=1") || log.contains("user=\"1\""), "the account id: {log}");
    for secret in ["target@example.org", "ghost@example.org", "guess number", PASSWORD] {
        assert!(!log.contains(secret), "{secret} in the log:\n{log}");
    }
}

fn guessing_from_many_ips_is_slowed_down_never_refused(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db, &[]);
    create_ok(&app, "target@example.org", "editor");

    // One guess from each of many addresses: no per-IP or per-pair limit applies, so only the
    // account's growing delay stands in the way.
    let guesses = LOGIN_PER_ACCOUNT_PER_MINUTE + 3;
    let mut slowest = Duration::ZERO;
    for host in 0..guesses {
        let mut browser = Browser::at(&app, 10 + u8::try_from(host).unwrap());
        let started = Instant::now();
        let response = browser.login("target@example.org", "guess guess guess");
        slowest = slowest.max(started.elapsed());
        assert_eq!(response.status, 401, "slowed down, never refused: {}", response.text());
    }
    assert!(slowest >= Duration::from_millis(400), "later guesses wait: {slowest:?}");
    let mut owner = Browser::at(&app, 100);
    let started = Instant::now();
    let response = owner.login("target@example.org", PASSWORD);
    let took = started.elapsed();
    assert_eq!(response.status, 303, "the right password still works: {}", response.text());
    assert!(took >= Duration::from_millis(400), "the owner waits too, as anyone would: {took:?}");
    assert!(took < Duration::from_secs(6), "but a few seconds at most: {took:?}");
    // Other accounts are not slowed down.
    create_ok(&app, "other@example.org", "editor");
    let started = Instant::now();
    assert_eq!(Browser::at(&app, 101).login("other@example.org", PASSWORD).status, 303);
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
}

/// `/admin/setup/{token}` → `/admin/setup/x`.
fn concrete(path: &str) -> String {
    let mut out = String::from("/admin");
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        out.push('/');
        out.push_str(if segment.starts_with('{') { "x" } else { segment });
    }
    out
}

fn every_admin_route_is_guarded(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db, &[]);
    create_ok(&app, "editor@example.org", "editor");
    create_ok(&app, "viewer@example.org", "viewer");
    let mut editor = signed_in(&app, "editor@example.org");
    let mut viewer = signed_in(&app, "viewer@example.org");
    let editor_token = csrf_of(&get(&app, "/admin", &mut editor).text());
    let viewer_token = csrf_of(&get(&app, "/admin", &mut viewer).text());
    assert_ne!(editor_token, viewer_token, "tokens are per session");

    assert!(ROUTES.iter().any(|r| r.method == "POST"), "the table has changes to guard");
    let mut checked = 0;
    for route in ROUTES {
        let path = concrete(route.path);
        let method = route.method.as_str();
        let what = format!("{method} {path}");
        if route.access != Access::Public {
            let anonymous = request(&app, method, &path, &[], &mut Jar::default());
            assert_eq!(anonymous.status, 303, "{what} without a session");
            assert_eq!(anonymous.header("location"), Some("/admin/login"), "{what}");
        }
        if route.method == "POST" {
            let refused: [&[(&str, &str)]; 3] =
                [&[], &[("csrf_token", "forged")], &[("csrf_token", &viewer_token)]];
            for fields in refused {
                let response = request(&app, method, &path, fields, &mut editor);
                assert_eq!(response.status, 403, "{what} with {fields:?}: {}", response.text());
            }
            if matches!(route.access, Access::Roles(_)) {
                let response =
                    request(&app, method, &path, &[("csrf_token", &viewer_token)], &mut viewer);
                assert_eq!(response.status, 403, "{what} as a viewer");
            }
            if route.access == Access::AdminOnly {
                let response =
                    request(&app, method, &path, &[("csrf_token", &editor_token)], &mut editor);
                assert_eq!(response.status, 403, "{what} as an editor");
            }
        } else if route.access == Access::AdminOnly {
            // Administrators only, even for reading (the token page).
            for (who, jar) in [("viewer", &mut viewer), ("editor", &mut editor)] {
                let response = request(&app, method, &path, &[], jar);
                assert_eq!(response.status, 403, "{what} as the {who}");
            }
        } else {
            // Viewers may look at everything (a signed-in user is sent on from the login form).
            let response = request(&app, method, &path, &[], &mut viewer);
            assert!(response.status != 403 && response.status < 500, "{what} as a viewer");
            assert_ne!(response.header("location"), Some("/admin/login"), "{what} as a viewer");
        }
        checked += 1;
    }
    assert_eq!(checked, ROUTES.len());

    // The refusals above are not for want of a working token: the same sessions still work.
    assert_eq!(get(&app, "/admin", &mut editor).status, 200);
    let bye = post(&app, "/admin/logout", &[("csrf_token", &viewer_token)], &mut viewer);
    assert_eq!(bye.status, 303, "a viewer may sign out");
    // A script may send the token as a header instead.
    let cookie = editor.header();
    let by_header = app.request(
        "POST",
        "/admin/logout",
        &[("Cookie", cookie.as_str()), ("X-CSRF-Token", editor_token.as_str())],
        b"",
    );
    assert_eq!(by_header.status, 303);
}

/// The setup link from the log, as a path.
fn setup_path(log: &str) -> Option<String> {
    let at = log.find("/admin/setup/")?;
    let rest = &log[at..];
    Some(rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())].to_owned())
}

fn the_setup_link_works_once(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db, &[]);
    let log = app.log();
    let path = setup_path(&log).unwrap_or_else(|| panic!("no setup link in the log:\n{log}"));

    let mut jar = Jar::default();
    let form = get(&app, &path, &mut jar);
    assert_eq!(form.status, 200, "{}", form.text());
    assert!(form.text().contains("Erstes Administrationskonto anlegen"));
    let token = csrf_of(&form.text());
    let submit = |email: &str, password: &str, repeat: &str, jar: &mut Jar| {
        post(
            &app,
            &path,
            &[
                ("csrf_token", &token),
                ("email", email),
                ("password", password),
                ("password_repeat", repeat),
            ],
            jar,
        )
    };
    let mismatch = submit("first@example.org", PASSWORD, "something else entirely", &mut jar);
    assert_eq!(mismatch.status, 422);
    assert!(mismatch.text().contains("stimmen nicht überein"));
    let short = submit("first@example.org", "short", "short", &mut jar);
    assert_eq!(short.status, 422);
    assert!(short.text().contains("mindestens 12 Zeichen"), "{}", short.text());
    let bad_email = submit("not an address", PASSWORD, PASSWORD, &mut jar);
    assert_eq!(bad_email.status, 422);

    let created = submit("first@example.org", PASSWORD, PASSWORD, &mut jar);
    assert_eq!(created.status, 303, "{}", created.text());
    assert_eq!(created.header("location"), Some("/admin"));
    let dashboard = get(&app, "/admin", &mut jar);
    assert_eq!(dashboard.status, 200);
    assert!(dashboard.text().contains("(Administration)"), "{}", dashboard.text());

    // Used up: the page and the form are gone, and a second admin cannot be made with it.
    assert_eq!(get(&app, &path, &mut Jar::default()).status, 410);
    let again = submit("second@example.org", PASSWORD, PASSWORD, &mut jar);
    assert_eq!(again.status, 410, "{}", again.text());
    assert_eq!(login(&app, "second@example.org", PASSWORD).0.status, 401);
    assert_eq!(get(&app, "/admin/setup/forged.token", &mut Jar::default()).status, 410);

    assert!(!app.log().contains("first@example.org"), "no addresses in logs");
    // With an account in place, a restart prints no link.
    let restarted = start(&db, &[]);
    assert!(setup_path(&restarted.log()).is_none(), "{}", restarted.log());
}

rundbrief_testkit::on_both_backends!(
    user_create_then_login_works_and_logout_ends_the_session,
    wrong_password_is_refused,
    sign_in_is_rate_limited_per_account_and_ip_and_per_ip,
    wrong_passwords_from_one_ip_do_not_lock_out_another,
    guessing_from_many_ips_is_slowed_down_never_refused,
    every_admin_route_is_guarded,
    the_setup_link_works_once,
);
