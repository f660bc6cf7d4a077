//! Roles that differ (issues 21, 22), black-box on the real binary: accounts of every role
//! created with `rundbrief user create` (a translator with `--languages pl,ro`), then every
//! route of `rundbrief_web::admin::ROUTES`, read from the table itself, requested by each role
//! and without a session: what the table allows is answered, everything else is 403 in the UI's
//! language, and no session is sent to the sign-in page. Then the bars: an editor gets 403 for
//! accounts, tokens and settings (every administrators-only route); a viewer for every change;
//! a translator for Polish reads the issue and saves the Polish variant (stored, as the API
//! shows), and gets 403 for the German variant, for sending and for subscribers. On SQLite
//! and PostgreSQL.
#![allow(clippy::unwrap_used)]

use rundbrief_core::model::Role;
use rundbrief_testkit::admin::{Jar, PASSWORD, create_ok, create_user, csrf_of};
use rundbrief_testkit::{Backend, Response, TestApp, TestDb};
use rundbrief_web::admin::{ADMINS, Access, ROUTES};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const GERMAN: &str = "Neuigkeiten im Dezember";
const POLISH: &str = "Aktualności grudniowe";
/// An issue id no issue has: allowed requests reach their handler (404, 422, ...) and change
/// nothing, refused ones never get there.
const NO_ISSUE: &str = "999999";

fn create_translator(app: &TestApp, email: &str, languages: &str) -> std::process::Output {
    app.command_with_env(
        &["user", "create", "--email", email, "--role", "translator", "--languages", languages],
        &[("RUNDBRIEF_USER_PASSWORD", PASSWORD)],
    )
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A signed-in browser: its cookies and the CSRF token of its session.
struct Account {
    role: Role,
    jar: Jar,
    csrf: String,
}

impl Account {
    fn sign_in(app: &TestApp, email: &str, role: Role) -> Self {
        let mut jar = Jar::default();
        let form = jar.send(app, "GET", "/admin/login", &[], &[]);
        let token = csrf_of(&form.text());
        let fields = [("csrf_token", token.as_str()), ("email", email), ("password", PASSWORD)];
        let response = jar.send(app, "POST", "/admin/login", &fields, &[]);
        assert_eq!(response.status, 303, "{email}: {}", response.text());
        let dashboard = jar.send(app, "GET", "/admin", &[], &[]);
        assert_eq!(dashboard.status, 200, "{email}: the dashboard is everyone's");
        let csrf = csrf_of(&dashboard.text());
        Self { role, jar, csrf }
    }

    fn send(
        &mut self,
        app: &TestApp,
        method: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Response {
        let mut all = vec![("csrf_token", self.csrf.as_str())];
        all.extend_from_slice(fields);
        let fields = if method == "GET" { &[][..] } else { &all[..] };
        self.jar.send(app, method, path, fields, &[])
    }
}

/// `/issues/{id}/variants/{lang}` → `/admin/issues/999999/variants/pl`.
fn concrete(path: &str, lang: &str) -> String {
    let mut out = String::from("/admin");
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        out.push('/');
        out.push_str(match segment {
            "{id}" => NO_ISSUE,
            "{lang}" => lang,
            "{revision}" => "1",
            s if s.starts_with('{') => "x",
            s => s,
        });
    }
    out
}

/// A variant form's fields.
fn text<'a>(subject: &'a str, body: &'a str) -> [(&'static str, &'a str); 4] {
    [("subject", subject), ("preheader", ""), ("body_markdown", body), ("ready", "1")]
}

fn forbidden(response: &Response, what: &str) {
    assert_eq!(response.status, 403, "{what}: {}", response.text());
    assert!(response.text().contains("Nicht erlaubt"), "{what}: German by default");
}

fn every_route_answers_each_role_as_the_table_says(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = TestApp::spawn(BIN, &db, &[]);

    // The CLI: a translator needs languages, only a translator has them, codes are checked.
    let none = app.command_with_env(
        &["user", "create", "--email", "t0@example.org", "--role", "translator"],
        &[("RUNDBRIEF_USER_PASSWORD", PASSWORD)],
    );
    assert!(!none.status.success());
    assert!(stderr(&none).contains("a translator needs --languages"), "{}", stderr(&none));
    let editor_with = app.command_with_env(
        &["user", "create", "--email", "e0@example.org", "--role", "editor", "--languages", "de"],
        &[("RUNDBRIEF_USER_PASSWORD", PASSWORD)],
    );
    assert!(!editor_with.status.success());
    assert!(
        stderr(&editor_with).contains("only for the role translator"),
        "{}",
        stderr(&editor_with)
    );
    let unknown = create_translator(&app, "t1@example.org", "pl,xx");
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("xx"), "names the unknown code: {}", stderr(&unknown));

    create_ok(&app, "admin@example.org", "admin");
    create_ok(&app, "editor@example.org", "editor");
    create_ok(&app, "viewer@example.org", "viewer");
    let created = create_translator(&app, "tlumacz@example.org", "pl,ro");
    assert!(created.status.success(), "{}", stderr(&created));
    assert!(String::from_utf8_lossy(&created.stdout).contains("for the languages pl,ro"));
    let short = create_user(&app, "short@example.org", "viewer", "too short");
    assert!(!short.status.success(), "the other checks still hold");
    let list = app.command(&["user", "list"]);
    assert!(list.status.success(), "{}", stderr(&list));
    let list = String::from_utf8_lossy(&list.stdout).into_owned();
    let row = list.lines().find(|l| l.contains("tlumacz@example.org")).unwrap_or_default();
    assert!(row.contains("\ttranslator\tpl,ro\t"), "{list}");
    assert!(list.lines().any(|l| l.contains("editor@example.org\teditor\t-\t")), "{list}");
    assert_eq!(list.lines().count(), 5, "a header and the four accounts: {list}");

    let mut accounts = [
        Account::sign_in(&app, "admin@example.org", Role::Admin),
        Account::sign_in(&app, "editor@example.org", Role::Editor),
        Account::sign_in(&app, "tlumacz@example.org", Role::Translator),
        Account::sign_in(&app, "viewer@example.org", Role::Viewer),
    ];

    let mut checked = 0;
    for route in ROUTES {
        let method = route.method.as_str();
        let change = method != "GET" && method != "HEAD";
        let path = concrete(route.path, "pl");
        let what = format!("{method} {path}");
        let roles = match route.access {
            Access::Public => continue,
            // Signing out (and one's own settings) is every account's; only the sign-in
            // redirect is checked, so the sessions stay.
            Access::OwnSession => {
                let anonymous = Jar::default().send(&app, method, &path, &[], &[]);
                assert_eq!(anonymous.status, 303, "{what} without a session");
                continue;
            }
            Access::Roles(roles) => roles,
        };
        let anonymous = Jar::default().send(&app, method, &path, &[], &[]);
        assert_eq!(anonymous.status, 303, "{what} without a session");
        assert_eq!(anonymous.header("location"), Some("/admin/login"), "{what}");
        for account in &mut accounts {
            let who = format!("{what} as {}", account.role);
            let response = account.send(&app, method, &path, &[]);
            if roles.contains(&account.role) {
                assert_ne!(response.status, 403, "{who}: {}", response.text());
                assert!(response.status < 500, "{who}: {}", response.text());
                assert_ne!(response.header("location"), Some("/admin/login"), "{who}");
            } else {
                forbidden(&response, &who);
            }
            if change && account.role == Role::Viewer {
                forbidden(&response, &format!("{who}: a viewer changes nothing"));
            }
            if route.path.contains("{lang}") && change && roles.contains(&account.role) {
                // Another language than the translator's: only they are refused.
                let other = account.send(&app, method, &concrete(route.path, "de"), &[]);
                if account.role == Role::Translator {
                    forbidden(&other, &format!("{who}, German"));
                } else {
                    assert_ne!(other.status, 403, "{who}, German: {}", other.text());
                }
            }
        }
        checked += 1;
    }
    assert!(checked > 50, "the table was walked: {checked}");

    // Accounts, tokens and settings: administrators only, also for reading.
    let admin_only: Vec<&str> =
        ROUTES.iter().filter(|r| r.access == Access::Roles(ADMINS)).map(|r| r.path).collect();
    for path in ["/tokens", "/accounts"] {
        assert!(admin_only.contains(&path), "{path} is for administrators: {admin_only:?}");
    }
    let [admin, editor, translator, viewer] = &mut accounts;
    for route in ROUTES.iter().filter(|r| r.access == Access::Roles(ADMINS)) {
        let path = concrete(route.path, "pl");
        let response = editor.send(&app, route.method.as_str(), &path, &[]);
        forbidden(&response, &format!("{} {path} as the editor", route.method));
    }
    let english = editor.send(&app, "GET", "/admin/tokens?lang=en", &[]);
    assert_eq!(english.status, 403);
    assert!(english.text().contains("Not allowed"), "in the UI's language: {}", english.text());
    let list = admin.send(&app, "GET", "/admin/accounts?lang=de", &[]);
    assert_eq!(list.status, 200, "{}", list.text());
    let list = list.text();
    assert!(list.contains("tlumacz@example.org"), "{list}");
    assert!(list.contains("Übersetzung"), "the role's German name: {list}");
    assert!(list.contains("Polski") && list.contains("(ro)"), "the languages: {list}");

    // The navigation offers what the role can open.
    let nav = |html: &str, href: &str| html.contains(&format!("<a href=\"{href}\""));
    let page = admin.send(&app, "GET", "/admin", &[]).text();
    assert!(nav(&page, "/admin/accounts") && nav(&page, "/admin/tokens"), "{page}");
    let page = editor.send(&app, "GET", "/admin", &[]).text();
    assert!(nav(&page, "/admin/subscribers") && !nav(&page, "/admin/tokens"), "{page}");
    assert!(!nav(&page, "/admin/accounts"), "{page}");
    let page = translator.send(&app, "GET", "/admin", &[]).text();
    assert!(nav(&page, "/admin/issues") && !nav(&page, "/admin/subscribers"), "{page}");
    assert!(!nav(&page, "/admin/lists"), "{page}");
    let page = viewer.send(&app, "GET", "/admin", &[]).text();
    assert!(nav(&page, "/admin/subscribers") && !nav(&page, "/admin/tokens"), "{page}");

    // A real issue: the editor writes German; the translator for Polish reads it and
    // translates.
    let created = editor.send(
        &app,
        "POST",
        "/admin/issues",
        &[
            ("title", "Dezember"),
            ("base_language", "de"),
            ("list_match", "any"),
            ("languages", "de"),
            ("languages", "pl"),
            ("regions", ""),
        ],
    );
    assert_eq!(created.status, 303, "{}", created.text());
    let issue = created.header("location").unwrap().split('?').next().unwrap().to_owned();
    let variant = |lang: &str| format!("{issue}/variants/{lang}");
    let german = text(GERMAN, "Hallo, das Amt hat neue Zeiten.");
    assert_eq!(editor.send(&app, "POST", &variant("de"), &german).status, 303);

    let source = translator.send(&app, "GET", &issue, &[]);
    assert_eq!(source.status, 200, "{}", source.text());
    assert!(source.text().contains("Hallo, das Amt hat neue Zeiten."), "sees the source");
    let preview = translator.send(&app, "GET", &format!("{issue}/preview/de"), &[]);
    assert_eq!(preview.status, 200, "a preview of any language");
    let form = translator.send(&app, "GET", &format!("{issue}?tab=pl"), &[]).text();
    assert!(form.contains(&format!("action=\"{}\"", variant("pl"))), "a form for Polish");
    let form = translator.send(&app, "GET", &format!("{issue}?tab=de"), &[]).text();
    assert!(!form.contains(&format!("action=\"{}\"", variant("de"))), "none for German");

    let polish = text(POLISH, "Dzień dobry, urząd ma nowe godziny.");
    let saved = translator.send(&app, "POST", &variant("pl"), &polish);
    assert_eq!(saved.status, 303, "the translator saves Polish: {}", saved.text());
    let overwrite = text("Übersetzt", "Vom Übersetzer überschrieben.");
    forbidden(&translator.send(&app, "POST", &variant("de"), &overwrite), "German, translator");
    forbidden(&translator.send(&app, "POST", &variant("fr"), &overwrite), "French, translator");

    let token = app.api_token("roles");
    let id = issue.rsplit('/').next().unwrap();
    let stored = |lang: &str| {
        let response =
            app.api(&token, "GET", &format!("/api/v1/issues/{id}/variants/{lang}"), None);
        assert_eq!(response.status, 200, "{}", response.text());
        response.json()
    };
    let pl = stored("pl");
    assert_eq!(pl["subject"], POLISH, "{pl}");
    assert_eq!(pl["body_markdown"], "Dzień dobry, urząd ma nowe godziny.", "{pl}");
    assert_eq!(stored("de")["subject"], GERMAN, "German is untouched");

    // Never sending, never subscribers.
    for (method, path) in [
        ("GET", format!("{issue}/send")),
        ("POST", format!("{issue}/send")),
        ("POST", format!("{issue}/schedule")),
        ("POST", format!("{issue}/test")),
        ("POST", format!("{issue}/cancel")),
        ("POST", format!("{issue}/variants/pl/delete")),
        ("GET", "/admin/subscribers".to_owned()),
        ("GET", "/admin/subscribers/1".to_owned()),
        ("GET", "/admin/subscribers.csv".to_owned()),
        ("GET", "/admin/consent-log.csv".to_owned()),
        ("GET", "/admin/imports".to_owned()),
        ("GET", "/admin/suppressions".to_owned()),
    ] {
        forbidden(
            &translator.send(&app, method, &path, &[]),
            &format!("{method} {path} as the translator"),
        );
    }
    assert_eq!(stored("pl")["subject"], POLISH, "still there");
    let log = app.log();
    assert!(!log.contains("tlumacz@example.org"), "no addresses in the log");
}

rundbrief_testkit::on_both_backends!(every_route_answers_each_role_as_the_table_says);
