//! The audit log (issue 22), black-box on the real binary on SQLite and PostgreSQL: staff
//! actions through the editor UI, the JSON API and the command line each leave exactly one
//! entry naming who acted (an account by its address, an API token by its name, the command
//! line), read back from the administrators' CSV download of `/admin/audit`; a failed sign-in
//! names the account, or nobody without storing the name typed in; the page filters by actor
//! and action; an editor gets 403; and the database refuses UPDATE and DELETE of entries.
#![allow(clippy::unwrap_used)]

use rundbrief_testkit::admin::{AdminSession, PASSWORD, create_ok, csrf_of};
use rundbrief_testkit::{Backend, TestApp, TestDb};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

/// One row of the audit CSV.
#[derive(Debug, Clone)]
struct Row {
    actor_kind: String,
    actor: String,
    action: String,
    target_kind: String,
    target_id: String,
    detail: String,
}

fn rows(csv: &str) -> Vec<Row> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "id",
            "time",
            "actor_kind",
            "actor_id",
            "actor",
            "action",
            "target_kind",
            "target_id",
            "detail"
        ]
    );
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            Row {
                actor_kind: r[2].to_owned(),
                actor: r[4].to_owned(),
                action: r[5].to_owned(),
                target_kind: r[6].to_owned(),
                target_id: r[7].to_owned(),
                detail: r[8].to_owned(),
            }
        })
        .collect()
}

/// The whole log as the administrator downloads it.
fn log(admin: &mut AdminSession<'_>) -> Vec<Row> {
    let response = admin.get("/admin/audit.csv");
    assert_eq!(response.status, 200, "{}", response.text());
    assert!(response.header("content-type").unwrap().starts_with("text/csv"));
    rows(&response.text())
}

/// Asserts that exactly one entry of `action` by `actor` (an address, a token name, or
/// `cli`/`none` for those kinds) exists, on `target` when given; returns it.
fn one(log: &[Row], actor: &str, action: &str, target: Option<(&str, &str)>) -> Row {
    let found: Vec<&Row> = log
        .iter()
        .filter(|r| r.action == action)
        .filter(|r| r.actor == actor || r.actor_kind == actor)
        .filter(|r| target.is_none_or(|(k, id)| r.target_kind == k && r.target_id == id))
        .collect();
    assert_eq!(found.len(), 1, "{action} by {actor} on {target:?}: {found:?}\nlog: {log:#?}");
    found[0].clone()
}

fn id_of(response: &rundbrief_testkit::http::Response) -> String {
    response.json()["id"].as_i64().unwrap().to_string()
}

fn staff_actions_each_leave_one_entry(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, _smtp) = TestApp::spawn_with_smtp(BIN, &db, &[("RUNDBRIEF_SEND_RATE", "0.2")]);
    // The command line.
    create_ok(&app, "admin@example.org", "admin");
    create_ok(&app, "editor@example.org", "editor");
    create_ok(&app, "viewer@example.org", "viewer");
    let token = app.api_token("crm");
    app.add_readers(&[("a@example.de", "de"), ("b@example.de", "de"), ("c@example.de", "de")]);
    let export = app.command(&["export", "subscribers"]);
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));

    // Sign-ins: refused with a wrong password and for an unknown address, then accepted.
    let wrong = AdminSession::new(&app).submit(
        "/admin/login",
        "/admin/login",
        &[("email", "editor@example.org"), ("password", "not the password at all")],
    );
    assert_ne!(wrong.status, 303);
    let unknown = AdminSession::new(&app).submit(
        "/admin/login",
        "/admin/login",
        &[("email", "stranger@example.net"), ("password", PASSWORD)],
    );
    assert_ne!(unknown.status, 303);
    let mut admin = AdminSession::new(&app).sign_in("admin@example.org");
    let mut editor = AdminSession::new(&app).sign_in("editor@example.org");
    let admin_csrf = csrf_of(&admin.page("/admin/accounts"));
    let editor_csrf = csrf_of(&editor.page("/admin/issues/new"));

    // Accounts and tokens in the editor UI.
    let accounts = admin.page("/admin/accounts");
    let viewer_id = account_id(&accounts, "viewer@example.org");
    let role = admin.post_with(
        &admin_csrf,
        &format!("/admin/accounts/{viewer_id}/role"),
        &[("role", "translator"), ("languages", "pl")],
    );
    assert_eq!(role.status, 303, "{}", role.text());
    for step in ["disable", "enable"] {
        let done =
            admin.post_with(&admin_csrf, &format!("/admin/accounts/{viewer_id}/{step}"), &[]);
        assert_eq!(done.status, 303, "{step}: {}", done.text());
    }
    let created = admin.post_with(
        &admin_csrf,
        "/admin/tokens",
        &[("name", "newsletter-bot"), ("scope", "read"), ("expires", "")],
    );
    assert_eq!(created.status, 200, "{}", created.text());
    let tokens = admin.page("/admin/tokens");
    let bot_id = {
        let at = tokens.rfind("/revoke\"").unwrap();
        let start = tokens[..at].rfind('/').unwrap() + 1;
        tokens[start..at].to_owned()
    };
    let revoked = admin.post_with(&admin_csrf, &format!("/admin/tokens/{bot_id}/revoke"), &[]);
    assert_eq!(revoked.status, 303, "{}", revoked.text());

    // Issues: created in the editor UI, the rest through the API.
    let location = editor.post_with(
        &editor_csrf,
        "/admin/issues",
        &[
            ("title", "Dezember"),
            ("base_language", "de"),
            ("list_match", "any"),
            ("languages", "de"),
        ],
    );
    assert_eq!(location.status, 303, "{}", location.text());
    let ui_issue = location.header("location").unwrap();
    let ui_issue = ui_issue.trim_start_matches("/admin/issues/");
    let ui_issue = ui_issue
        [..ui_issue.find(|c: char| !c.is_ascii_digit()).unwrap_or(ui_issue.len())]
        .to_owned();
    let issue = app.api(
        &token,
        "POST",
        "/api/v1/issues",
        Some(&json!({"title": "Januar", "base_language": "de"})),
    );
    assert_eq!(issue.status, 201, "{}", issue.text());
    let issue_id = id_of(&issue);
    let edited = app.api(
        &token,
        "PATCH",
        &format!("/api/v1/issues/{issue_id}"),
        Some(&json!({"title": "Januar 2027"})),
    );
    assert_eq!(edited.status, 200, "{}", edited.text());
    let variant = json!({"subject": "Neu", "body_markdown": "Hallo {{ name }}.", "ready": true});
    let saved =
        app.api(&token, "PUT", &format!("/api/v1/issues/{issue_id}/variants/de"), Some(&variant));
    assert!(saved.status < 300, "{}", saved.text());
    let copy = app.api(&token, "POST", &format!("/api/v1/issues/{issue_id}/copy"), None);
    assert_eq!(copy.status, 201, "{}", copy.text());
    let copy_id = id_of(&copy);
    let polish = json!({"subject": "Nowe", "body_markdown": "Cześć."});
    let path = format!("/api/v1/issues/{copy_id}/variants/pl");
    assert!(app.api(&token, "PUT", &path, Some(&polish)).status < 300);
    assert_eq!(app.api(&token, "DELETE", &path, None).status, 204);
    let deleted = app.api(&token, "DELETE", &format!("/api/v1/issues/{copy_id}"), None);
    assert_eq!(deleted.status, 204, "{}", deleted.text());
    let scheduled = app.api(
        &token,
        "POST",
        &format!("/api/v1/issues/{ui_issue}/schedule"),
        Some(&json!({"at": "2099-01-01T08:00:00+01:00"})),
    );
    assert_eq!(scheduled.status, 200, "{}", scheduled.text());
    assert_eq!(
        app.api(&token, "POST", &format!("/api/v1/issues/{ui_issue}/cancel"), None).status,
        200
    );
    // Paced at one mail in five seconds, the send is still going when it is paused.
    let sent = app.api(&token, "POST", &format!("/api/v1/issues/{issue_id}/send"), None);
    assert_eq!(sent.status, 202, "{}", sent.text());
    for step in ["pause", "resume", "cancel"] {
        let done = app.api(&token, "POST", &format!("/api/v1/issues/{issue_id}/{step}"), None);
        assert_eq!(done.status, 200, "{step}: {}", done.text());
    }

    // Subscribers: an import, exports, an unsubscription, an erasure, a bulk action.
    let import = app.request(
        "POST",
        "/api/v1/imports?consent=obtained-elsewhere&source=Paper&file_name=members.csv",
        &[("Authorization", &format!("Bearer {token}")), ("Content-Type", "text/csv")],
        b"email;name\nd@example.de;D\n",
    );
    assert_eq!(import.status, 202, "{}", import.text());
    let import_id = id_of(&import);
    assert_eq!(app.api(&token, "GET", "/api/v1/subscribers.csv", None).status, 200);
    assert_eq!(app.api(&token, "GET", "/api/v1/consent-log?status=active", None).status, 200);
    assert_eq!(admin.get("/admin/subscribers.csv?q=a%40example.de").status, 200);
    let list = app.api(&token, "GET", "/api/v1/subscribers?q=a%40example.de", None).json();
    let a = list["items"][0]["id"].as_i64().unwrap().to_string();
    let list = app.api(&token, "GET", "/api/v1/subscribers?q=b%40example.de", None).json();
    let b = list["items"][0]["id"].as_i64().unwrap().to_string();
    let patched = app.api(
        &token,
        "PATCH",
        &format!("/api/v1/subscribers/{a}"),
        Some(&json!({"status": "unsubscribed"})),
    );
    assert_eq!(patched.status, 200, "{}", patched.text());
    assert_eq!(app.api(&token, "DELETE", &format!("/api/v1/subscribers/{b}"), None).status, 204);
    let bulk = "/admin/subscribers/bulk?q=c%40example.de&action=unsubscribe";
    let bulk_csrf = csrf_of(&editor.page(bulk));
    assert_eq!(editor.post_with(&bulk_csrf, bulk, &[]).status, 303);

    // A hard bounce (recorded straight into the store, as the bounce processing would),
    // then its suppression lifted through the API.
    let reader =
        json!({"email": "z@example.de", "language": "de", "consent": "obtained_elsewhere"});
    let z = app.post_subscriber(&token, &reader);
    assert_eq!(z.status, 201, "{}", z.text());
    let z = z.json()["id"].as_i64().unwrap();
    bounce(&db, z);
    let lift = json!({"email": "z@example.de", "reason": "the mailbox works again"});
    let lifted = app.api(&token, "POST", "/api/v1/suppressions/lift", Some(&lift));
    assert!(lifted.status < 300, "{}", lifted.text());

    // The language switch while signed in; the command line's reset and consent export.
    editor.page("/admin?lang=en");
    let reset = app.command(&["user", "reset-2fa", "viewer@example.org"]);
    assert!(reset.status.success(), "{}", String::from_utf8_lossy(&reset.stderr));
    let consent = app.command(&["consent", "export"]);
    assert!(consent.status.success(), "{}", String::from_utf8_lossy(&consent.stderr));

    // Sign-out.
    let out = editor.post_with(&editor_csrf, "/admin/logout", &[]);
    assert_eq!(out.status, 303);

    let entries = log(&mut admin);
    let admin_addr = "admin@example.org";
    let editor_addr = "editor@example.org";
    for address in [admin_addr, editor_addr, "viewer@example.org"] {
        one(&entries, "cli", "account.created", Some(("account", &account_id(&accounts, address))));
    }
    // `crm` and the fixtures' token of `add_readers`.
    let by_cli = entries.iter().filter(|r| r.action == "token.created" && r.actor_kind == "cli");
    assert_eq!(by_cli.count(), 2);
    one(&entries, "cli", "export.subscribers", None);
    let failed = one(&entries, editor_addr, "signin.failed", None);
    assert!(failed.detail.contains("password"), "{failed:?}");
    let nobody = one(&entries, "none", "signin.failed", None);
    assert!(nobody.detail.contains("unknown") && nobody.actor.is_empty(), "{nobody:?}");
    assert!(
        !entries.iter().any(|r| format!("{r:?}").contains("stranger")),
        "the name typed in is kept"
    );
    one(&entries, admin_addr, "signin.ok", None);
    one(&entries, editor_addr, "signin.ok", None);
    let changed = one(&entries, admin_addr, "account.role_changed", Some(("account", &viewer_id)));
    assert!(changed.detail.contains("translator") && changed.detail.contains("pl"), "{changed:?}");
    one(&entries, admin_addr, "account.disabled", Some(("account", &viewer_id)));
    one(&entries, admin_addr, "account.enabled", Some(("account", &viewer_id)));
    one(&entries, admin_addr, "token.created", Some(("token", &bot_id)));
    one(&entries, admin_addr, "token.revoked", Some(("token", &bot_id)));
    one(&entries, editor_addr, "issue.created", Some(("issue", &ui_issue)));
    one(&entries, "crm", "issue.created", Some(("issue", &issue_id)));
    one(&entries, "crm", "issue.edited", Some(("issue", &issue_id)));
    one(&entries, "crm", "variant.saved", Some(("issue", &issue_id)));
    one(&entries, "crm", "issue.copied", Some(("issue", &copy_id)));
    one(&entries, "crm", "issue.deleted", Some(("issue", &copy_id)));
    one(&entries, "crm", "send.scheduled", Some(("issue", &ui_issue)));
    one(&entries, "crm", "send.cancelled", Some(("issue", &ui_issue)));
    let started = one(&entries, "crm", "send.started", Some(("issue", &issue_id)));
    assert!(started.detail.contains("\"recipients\":3"), "{started:?}");
    one(&entries, "crm", "send.paused", Some(("issue", &issue_id)));
    one(&entries, "crm", "send.resumed", Some(("issue", &issue_id)));
    one(&entries, "crm", "send.cancelled", Some(("issue", &issue_id)));
    one(&entries, "crm", "import.started", Some(("import", &import_id)));
    one(&entries, "crm", "export.subscribers", None);
    one(&entries, "crm", "export.consent_log", None);
    let ui_export = one(&entries, admin_addr, "export.subscribers", None);
    assert!(ui_export.detail.contains("search"), "{ui_export:?}");
    one(&entries, "crm", "subscriber.unsubscribed", Some(("subscriber", &a)));
    one(&entries, "crm", "subscriber.erased", Some(("subscriber", &b)));
    let bulk = one(&entries, editor_addr, "subscriber.bulk", None);
    assert!(bulk.detail.contains("\"count\":1"), "{bulk:?}");
    one(&entries, "crm", "variant.saved", Some(("issue", &copy_id)));
    one(&entries, "crm", "variant.deleted", Some(("issue", &copy_id)));
    one(&entries, editor_addr, "account.ui_language", None);
    one(&entries, "cli", "account.two_factor_reset", Some(("account", &viewer_id)));
    one(&entries, "cli", "export.consent_log", None);
    let lift = one(&entries, "crm", "suppression.lifted", None);
    assert!(
        lift.target_kind == "suppression_lift" && lift.detail.contains(&z.to_string()),
        "{lift:?}"
    );
    one(&entries, editor_addr, "signout", None);
    // Ids only: no subscriber's address or search text made it into the log.
    for row in &entries {
        assert!(!row.detail.contains("example.de"), "{row:?}");
    }

    // The page filters by actor and action; an editor may open neither it nor its CSV.
    let page = admin.page("/admin/audit?actor=none&action=signin.failed");
    // The table names the action in words (the CSV above keeps the codes).
    assert_eq!(page.matches("data-action=\"signin.failed\"").count(), 1, "{page}");
    assert!(!page.contains("data-action=\"signin.ok\""), "{page}");
    assert!(page.contains(">Anmeldung fehlgeschlagen</td>"), "{page}");
    assert!(!page.contains(">signin.failed<"), "{page}");
    let lifts = admin.page("/admin/audit?action=suppression.lifted");
    assert!(lifts.contains(">Sperre aufgehoben</td><td>Aufgehobene Sperre #"), "{lifts}");
    assert!(
        page.contains("href=\"/admin/audit.csv?actor=none&amp;action=signin.failed\""),
        "{page}"
    );
    let filtered = admin.get("/admin/audit.csv?action=send.cancelled");
    let filtered = rows(&filtered.text());
    assert_eq!(filtered.len(), 2, "{filtered:?}");
    assert_eq!(admin.get("/admin/audit?from=yesterday").status, 422);
    let mut editor = AdminSession::new(&app).sign_in(editor_addr);
    assert_eq!(editor.get("/admin/audit").status, 403);
    assert_eq!(editor.get("/admin/audit.csv").status, 403);
    assert!(log(&mut admin).iter().any(|r| r.action == "export.audit" && r.actor == admin_addr));

    refuses_changes(&db);
}

/// The account id in the row of `email` on the accounts page.
fn account_id(page: &str, email: &str) -> String {
    let row = &page[page.find(email).unwrap_or_else(|| panic!("{email} listed: {page}"))..];
    let action = &row[row.find("/admin/accounts/").unwrap() + "/admin/accounts/".len()..];
    action[..action.find('/').unwrap()].to_owned()
}

/// Records a hard bounce of subscriber `id`, which suppresses the address.
fn bounce(db: &TestDb, id: i64) {
    use rundbrief_store::{BounceSource, NewBounce, SoftBounceRule};
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let store = rundbrief_testkit::campaign::open(db).await;
        let bounce = NewBounce {
            kind: rundbrief_core::model::BounceKind::Hard,
            subscriber: Some(rundbrief_core::SubscriberId(id)),
            delivery: None,
            confirmation: None,
            issue: None,
            status_code: Some("5.1.1".into()),
            diagnostic: None,
            raw: None,
            source: BounceSource::Smtp,
        };
        let now = time::OffsetDateTime::now_utc();
        store.record_bounce(&bounce, SoftBounceRule::default(), now).await.unwrap();
    });
}

/// UPDATE and DELETE on the table, typed straight into the database, are refused.
fn refuses_changes(db: &TestDb) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let refused: Vec<String> = match db.backend {
            Backend::Sqlite => {
                let pool = sqlx::SqlitePool::connect(&db.url).await.unwrap();
                let mut errors = Vec::new();
                for sql in ["UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"] {
                    errors.push(sqlx::query(sql).execute(&pool).await.unwrap_err().to_string());
                }
                pool.close().await;
                errors
            }
            Backend::Postgres => {
                let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
                let mut errors = Vec::new();
                for sql in [
                    "UPDATE audit_log SET action = 'x'",
                    "DELETE FROM audit_log",
                    "TRUNCATE audit_log",
                ] {
                    errors.push(sqlx::query(sql).execute(&pool).await.unwrap_err().to_string());
                }
                pool.close().await;
                errors
            }
        };
        for error in refused {
            assert!(error.contains("append-only"), "{error}");
        }
    });
}

rundbrief_testkit::on_both_backends!(staff_actions_each_leave_one_entry);
