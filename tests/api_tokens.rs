//! API token scopes, expiry and revocation (issue 22), black-box against the real binary: tokens
//! from `rundbrief token create --scope`, listed and revoked by `rundbrief token list|revoke`
//! and on the admin page `/admin/tokens`. A `read` token gets 403 on a change and on sending, a
//! `write` token on sending; a revoked or expired token gets 401 like an unknown one. Each on
//! SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use std::process::Output;

use rundbrief_testkit::admin::{AdminSession, create_ok, csrf_of};
use rundbrief_testkit::{Backend, Response, SmtpServer, TestApp, TestDb};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

fn start(db: &TestDb, smtp: &SmtpServer) -> TestApp {
    let url = smtp.url();
    let env = [("RUNDBRIEF_SMTP_URL", url.as_str()), ("RUNDBRIEF_API_RATE_LIMIT", "0")];
    TestApp::spawn(BIN, db, &env)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `rundbrief token create` with `args` after the name; the token's id and secret.
fn create(app: &TestApp, name: &str, args: &[&str]) -> (i64, String) {
    let mut all = vec!["token", "create", "--name", name];
    all.extend_from_slice(args);
    let output = app.command(&all);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    let secret = out.lines().next().unwrap().trim().to_owned();
    assert!(secret.starts_with("rbt_"), "{out}");
    let id = out
        .split("API token ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no id in {out}"));
    (id, secret)
}

/// The line of `token list` for token `id`.
fn listed(app: &TestApp, id: i64) -> String {
    let output = app.command(&["token", "list"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.starts_with("ID"), "{out}");
    out.lines()
        .find(|line| line.split_whitespace().next() == Some(&id.to_string()))
        .unwrap_or_else(|| panic!("token {id} not listed:\n{out}"))
        .to_owned()
}

fn assert_problem(response: &Response, status: u16) -> Value {
    assert_eq!(response.status, status, "{}", response.text());
    assert_eq!(response.header("content-type"), Some("application/problem+json"));
    response.json()
}

/// An issue with a ready German variant, so that sending it is possible.
fn ready_issue(app: &TestApp, token: &str, title: &str) -> i64 {
    let created = app.api(token, "POST", "/api/v1/issues", Some(&json!({"title": title})));
    assert_eq!(created.status, 201, "{}", created.text());
    let id = created.json()["id"].as_i64().unwrap();
    let variant = json!({"subject": "Hallo", "body_markdown": "Text", "ready": true});
    let put = app.api(token, "PUT", &format!("/api/v1/issues/{id}/variants/de"), Some(&variant));
    assert!(put.status == 200 || put.status == 201, "{}", put.text());
    id
}

fn subscriber(email: &str) -> Value {
    json!({"email": email, "language": "de", "consent": "obtained_elsewhere"})
}

fn scopes_decide_what_a_token_may_do(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp);
    let (_, read) = create(&app, "dashboard", &["--scope", "read"]);
    let (_, write) = create(&app, "crm", &["--scope", "write"]);
    let (_, send) = create(&app, "newsroom", &["--scope", "send"]);

    // read: GET only.
    assert_eq!(app.api(&read, "GET", "/api/v1/subscribers", None).status, 200);
    assert_eq!(app.api(&read, "GET", "/api/v1/issues", None).status, 200);
    let refused = app.post_subscriber(&read, &subscriber("lesen@example.org"));
    let body = assert_problem(&refused, 403);
    assert!(body["detail"].as_str().unwrap().contains("`write`"), "{body}");
    assert_problem(&app.api(&read, "POST", "/api/v1/issues", Some(&json!({"title": "x"}))), 403);

    // write: changes, no sending.
    let created = app.post_subscriber(&write, &subscriber("anna@example.org"));
    assert_eq!(created.status, 201, "{}", created.text());
    let issue = ready_issue(&app, &write, "Dezember");
    for action in ["send", "schedule", "pause", "resume", "cancel", "test"] {
        let path = format!("/api/v1/issues/{issue}/{action}");
        for token in [&read, &write] {
            let body = assert_problem(&app.api(token, "POST", &path, Some(&json!({}))), 403);
            assert!(body["detail"].as_str().unwrap().contains("`send`"), "{action}: {body}");
        }
    }
    // Nothing was sent by the refusals: the issue is still a draft.
    let draft = app.api(&read, "GET", &format!("/api/v1/issues/{issue}"), None);
    assert_eq!(draft.json()["status"], "draft", "{}", draft.text());
    // Reading what sending reports stays open to a read token.
    assert_eq!(
        app.api(&read, "GET", &format!("/api/v1/issues/{issue}/progress"), None).status,
        200
    );

    // send: everything.
    let started = app.api(&send, "POST", &format!("/api/v1/issues/{issue}/send"), None);
    assert_eq!(started.status, 202, "{}", started.text());
    assert_eq!(started.json()["recipients"], 1);
    assert_eq!(app.post_subscriber(&send, &subscriber("ben@example.org")).status, 201);

    // A path no route has is 404 for every scope, not a scope question.
    assert_problem(&app.api(&read, "POST", "/api/v1/nowhere", Some(&json!({}))), 404);

    // The refusals name no secret in the log.
    let log = app.log();
    for secret in [&read, &write, &send] {
        assert!(!log.contains(secret.as_str()), "a secret in the log");
    }
}

fn revoked_and_expired_tokens_get_401(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp);
    let (id, secret) = create(&app, "old-crm", &["--scope", "write"]);
    assert_eq!(app.api(&secret, "GET", "/api/v1/lists", None).status, 200);
    let revoke = app.command(&["token", "revoke", &id.to_string()]);
    assert!(revoke.status.success(), "{}", stderr(&revoke));
    let unknown = assert_problem(&app.api("rbt_unknown", "GET", "/api/v1/lists", None), 401);
    let revoked = assert_problem(&app.api(&secret, "GET", "/api/v1/lists", None), 401);
    assert_eq!(revoked, unknown, "a revoked token is refused like an unknown one");
    assert_problem(&app.post_subscriber(&secret, &subscriber("x@example.org")), 401);
    assert!(listed(&app, id).contains('Z'), "revoked time listed");

    let missing = app.command(&["token", "revoke", "999999"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("no API token has the id 999999"), "{}", stderr(&missing));

    // Expiry: four seconds from now (stored in whole seconds); then refused with the same answer.
    let (short_id, short) = create(&app, "short", &["--scope", "read", "--expires", "4s"]);
    assert_eq!(app.api(&short, "GET", "/api/v1/lists", None).status, 200);
    std::thread::sleep(std::time::Duration::from_millis(5100));
    let expired = assert_problem(&app.api(&short, "GET", "/api/v1/lists", None), 401);
    assert_eq!(expired, unknown);
    assert!(listed(&app, short_id).contains("(expired)"), "{}", listed(&app, short_id));

    // Expiries that cannot work are refused before anything is stored.
    for bad in ["2020-01-01", "soon", "0d"] {
        let output = app.command(&["token", "create", "--name", "x", "--expires", bad]);
        assert_eq!(output.status.code(), Some(1), "{bad}");
        assert!(stderr(&output).contains("--expires"), "{bad}: {}", stderr(&output));
    }
    let scope = app.command(&["token", "create", "--name", "x", "--scope", "admin"]);
    assert!(!scope.status.success());
    let dated = create(&app, "until-2099", &["--scope", "read", "--expires", "2099-01-01"]);
    assert!(listed(&app, dated.0).contains("2099-01-01T00:00:00Z"));
}

fn the_list_shows_scope_and_last_use_never_the_secret(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp);
    let (id, secret) = create(&app, "reporting", &["--scope", "read"]);
    let before = listed(&app, id);
    let columns: Vec<&str> = before.split_whitespace().collect();
    // ID NAME SCOPE CREATED EXPIRES LAST-USED REVOKED
    assert_eq!(columns.len(), 7, "{before}");
    assert_eq!(&columns[1..3], ["reporting", "read"]);
    assert_eq!(&columns[4..], ["-", "-", "-"], "{before}");

    assert_eq!(app.api(&secret, "GET", "/api/v1/subscribers", None).status, 200);
    let after = listed(&app, id);
    let columns: Vec<&str> = after.split_whitespace().collect();
    assert!(columns[5].ends_with('Z') && columns[5] >= columns[3], "last use: {after}");
    assert_eq!(columns[6], "-");

    let all = stdout(&app.command(&["token", "list"]));
    assert!(!all.contains(&secret) && !all.contains("rbt_"), "no secret in the list:\n{all}");
    // Tokens made before scopes existed could do everything; an explicit-less create still can.
    let (plain, plain_secret) = create(&app, "legacy-script", &[]);
    assert!(listed(&app, plain).contains(" send "), "{}", listed(&app, plain));
    assert_eq!(app.post_subscriber(&plain_secret, &subscriber("c@example.org")).status, 201);
}

fn admins_list_create_and_revoke_tokens_on_the_admin_page(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp);
    let (cli_id, cli_secret) = create(&app, "from-the-cli", &["--scope", "write"]);
    create_ok(&app, "chefin@example.org", "admin");
    create_ok(&app, "redaktion@example.org", "editor");

    let mut editor = AdminSession::new(&app).sign_in("redaktion@example.org");
    assert_eq!(editor.get("/admin/tokens").status, 403, "editors may not see tokens");
    assert!(!editor.page("/admin").contains("/admin/tokens"), "no link for editors");

    let mut admin = AdminSession::new(&app).sign_in("chefin@example.org");
    assert!(admin.page("/admin").contains("href=\"/admin/tokens\""), "linked for admins");
    let page = admin.page("/admin/tokens?lang=en");
    assert!(page.contains("from-the-cli") && page.contains("Write"), "{page}");
    assert!(!page.contains(&cli_secret) && !page.contains("rbt_"), "no secret on the page");
    let german = admin.page("/admin/tokens?lang=de");
    assert!(german.contains("Zuletzt genutzt") && german.contains("Schreiben"), "{german}");

    // Create: the secret is shown once, and works with its scope.
    let csrf = csrf_of(&german);
    let fields = [("name", "Web-Statistik"), ("scope", "read"), ("expires", "2099-12-31")];
    let created = admin.post_with(&csrf, "/admin/tokens", &fields);
    assert_eq!(created.status, 200, "{}", created.text());
    let text = created.text();
    let start = text.find("rbt_").expect("the secret on the page");
    let secret: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "_-".contains(*c))
        .collect();
    assert!(secret.len() > 40, "{secret}");
    assert_eq!(app.api(&secret, "GET", "/api/v1/lists", None).status, 200);
    assert_problem(&app.post_subscriber(&secret, &subscriber("d@example.org")), 403);
    let again = admin.page("/admin/tokens");
    assert!(again.contains("Web-Statistik") && again.contains("2099-12-31"), "{again}");
    assert!(!again.contains(&secret), "shown only once");

    // Refusals: a date in the past, an unknown scope, no name.
    for fields in [
        [("name", "x"), ("scope", "read"), ("expires", "2001-01-01")],
        [("name", "x"), ("scope", "root"), ("expires", "")],
        [("name", " "), ("scope", "read"), ("expires", "")],
    ] {
        let refused = admin.post_with(&csrf, "/admin/tokens", &fields);
        assert_eq!(refused.status, 422, "{fields:?}: {}", refused.text());
        assert!(refused.text().contains("error-summary"), "{fields:?}");
    }
    // Without the CSRF token nothing is created or revoked.
    let forged = admin.post_with("forged", "/admin/tokens", &[("name", "y"), ("scope", "send")]);
    assert_eq!(forged.status, 403);

    // Revoke behind a confirmation.
    let revoke_path = format!("/admin/tokens/{cli_id}/revoke");
    assert!(again.contains(&revoke_path), "a revoke link per live token");
    let confirm = admin.page(&revoke_path);
    assert!(confirm.contains("from-the-cli"), "{confirm}");
    assert_eq!(app.api(&cli_secret, "GET", "/api/v1/lists", None).status, 200, "not yet revoked");
    assert_eq!(admin.post_with("forged", &revoke_path, &[]).status, 403);
    assert_eq!(app.api(&cli_secret, "GET", "/api/v1/lists", None).status, 200);
    let done = admin.post_with(&csrf_of(&confirm), &revoke_path, &[]);
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(done.header("location"), Some("/admin/tokens?revoked=1"));
    assert_problem(&app.api(&cli_secret, "GET", "/api/v1/lists", None), 401);
    let after = admin.page("/admin/tokens?lang=en");
    assert!(after.contains("revoked on"), "{after}");
    assert!(!after.contains(&revoke_path), "no revoke link for a revoked token");
    assert!(listed(&app, cli_id).split_whitespace().last().unwrap().ends_with('Z'));
    assert_eq!(admin.get("/admin/tokens/999999/revoke").status, 404);
}

rundbrief_testkit::on_both_backends!(
    scopes_decide_what_a_token_may_do,
    revoked_and_expired_tokens_get_401,
    the_list_shows_scope_and_last_use_never_the_secret,
    admins_list_create_and_revoke_tokens_on_the_admin_page,
);
