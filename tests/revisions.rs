//! Revisions and stale translations (issue 21), black-box on the real binary: an editor writes
//! German, a Polish translation is made from revision 1, the German text changes, and Polish is
//! stale in the matrix, the API and the send confirmation, with a block-level diff of what
//! changed; saving Polish again clears it, a translation made after the edit is not stale, and
//! saving the same German again changes nothing. Finally the editor sends with "the fallback
//! instead" for Polish: the Polish readers get German at the loopback SMTP server. On SQLite
//! and PostgreSQL.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use rundbrief_testkit::admin::Editor;
use rundbrief_testkit::app::READERS;
use rundbrief_testkit::{Backend, SmtpServer, TestApp, TestDb};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const GERMAN: &str = "Neuigkeiten im Dezember";
const POLISH: &str = "Aktualności grudniowe";
const FRENCH: &str = "Nouvelles de décembre";
const STALE_DE: &str = "muss aktualisiert werden";

fn start(db: &TestDb) -> (TestApp, SmtpServer) {
    TestApp::spawn_with_smtp(BIN, db, &[("RUNDBRIEF_SEND_RETRY_SECONDS", "1")])
}

/// The matrix row of a subscriber language.
fn matrix_row(html: &str, language: &str) -> String {
    let start = html
        .find(&format!("<tr data-language=\"{language}\">"))
        .unwrap_or_else(|| panic!("no matrix row for {language}:\n{html}"));
    let end = start + html[start..].find("</tr>").unwrap();
    html[start..end].to_owned()
}

fn german(second: &str) -> String {
    format!(
        "# {GERMAN}\n\nHallo {{{{ name }}}}, das Amt hat neue Zeiten.\n\n{second}\n\n- Montag\n- Dienstag\n"
    )
}

struct Issue<'a> {
    app: &'a TestApp,
    token: String,
    id: i64,
}

impl Issue<'_> {
    fn variant(&self, lang: &str) -> Value {
        let path = format!("/api/v1/issues/{}/variants/{lang}", self.id);
        let response = self.app.api(&self.token, "GET", &path, None);
        assert_eq!(response.status, 200, "{}", response.text());
        response.json()
    }

    fn api(&self, method: &str, path: &str, body: Option<&Value>) -> rundbrief_testkit::Response {
        self.app.api(&self.token, method, &format!("/api/v1/issues/{}{path}", self.id), body)
    }
}

fn save(editor: &mut Editor, issue: &str, lang: &str, subject: &str, body: &str) {
    editor.post_ok(
        &format!("{issue}/variants/{lang}"),
        &[("subject", subject), ("preheader", ""), ("body_markdown", body), ("ready", "1")],
    );
}

fn a_changed_source_makes_exactly_the_older_translations_stale(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, smtp) = start(&db);
    app.add_readers(&READERS);
    let mut editor = Editor::sign_in(&app, "redaktion@example.org");
    let location = editor.post_ok(
        "/admin/issues",
        &[
            ("title", "Dezember"),
            ("base_language", "de"),
            ("list_match", "any"),
            ("languages", "de"),
            ("languages", "pl"),
            ("languages", "fr"),
            ("regions", ""),
        ],
    );
    let id: i64 = location
        .strip_prefix("/admin/issues/")
        .and_then(|rest| rest.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{location}"));
    let issue = format!("/admin/issues/{id}");
    let api = Issue { app: &app, token: app.api_token("revisions"), id };

    // German revision 1, Polish made from it.
    save(&mut editor, &issue, "de", GERMAN, &german("Zweiter Absatz."));
    let polish = format!("# {POLISH}\n\nDzień dobry {{{{ name }}}}.");
    save(&mut editor, &issue, "pl", POLISH, &polish);
    let pl = api.variant("pl");
    assert_eq!((pl["revision"].clone(), pl["source_revision"].clone()), (json!(1), json!(1)));
    assert_eq!(pl["stale"], false, "{pl}");
    assert_eq!(api.variant("de")["source_revision"], Value::Null);

    // The same German text again (only "ready" resubmitted) is no new revision: nothing stale.
    save(&mut editor, &issue, "de", GERMAN, &german("Zweiter Absatz."));
    assert_eq!(api.variant("de")["revision"], 1);
    assert_eq!(api.variant("pl")["stale"], false);
    let composer = editor.page(&issue);
    assert!(!matrix_row(&composer, "pl").contains(STALE_DE), "{composer}");

    // The German text changes: Polish, made from revision 1, is stale everywhere.
    save(&mut editor, &issue, "de", GERMAN, &german("Zweiter Absatz, mit neuen Zeiten."));
    assert_eq!(api.variant("de")["revision"], 2);
    let pl = api.variant("pl");
    assert_eq!(pl["stale"], true, "{pl}");
    assert_eq!(pl["source_revision"], 1);
    let summary = api.api("GET", "", None).json();
    let variants = summary["variants"].as_array().unwrap();
    let stale: Vec<&str> = variants
        .iter()
        .filter(|v| v["stale"] == true)
        .map(|v| v["language"].as_str().unwrap())
        .collect();
    assert_eq!(stale, ["pl"], "{summary}");
    let composer = editor.page(&issue);
    let row = matrix_row(&composer, "pl");
    assert!(row.contains(STALE_DE), "{row}");
    assert!(row.contains(&format!("href=\"{issue}/variants/pl/changes\"")), "{row}");
    assert!(!matrix_row(&composer, "de").contains(STALE_DE), "the base is never stale");
    let confirm = editor.page(&format!("{issue}/send"));
    assert!(confirm.contains("Übersetzungen, die aktualisiert werden müssen"), "{confirm}");
    assert!(confirm.contains("name=\"stale-pl\" value=\"fallback\""), "{confirm}");
    assert!(!confirm.contains("name=\"stale-de\""), "{confirm}");

    // The diff names the changed paragraph, and only that.
    let changes = editor.page(&format!("{issue}/variants/pl/changes"));
    let table = &changes[changes.find("<table id=\"changes\"").expect("a table of changes")..];
    assert!(table.contains("<del><span lang=\"de\">Zweiter Absatz.</span></del>"), "{table}");
    assert!(
        table.contains("<ins><span lang=\"de\">Zweiter Absatz, mit neuen Zeiten.</span></ins>")
    );
    assert!(table.contains("Absatz") && table.contains("geändert"), "{table}");
    assert_eq!(table.matches("<tr class=\"changed\">").count(), 1, "{table}");
    assert!(!table.contains("das Amt hat neue Zeiten") && !table.contains("Montag"), "{table}");

    // Old revisions stay readable, in the editor UI and the API.
    let revisions = editor.page(&format!("{issue}/variants/de/revisions"));
    assert!(revisions.contains("data-revision=\"2\"") && revisions.contains("data-revision=\"1\""));
    assert!(revisions.contains("redaktion@example.org"), "{revisions}");
    let first = editor.page(&format!("{issue}/variants/de/revisions/1"));
    assert!(first.contains("Zweiter Absatz.") && !first.contains("mit neuen Zeiten"), "{first}");
    let listed = api.api("GET", "/variants/de/revisions", None);
    assert_eq!(listed.status, 200, "{}", listed.text());
    let listed = listed.json();
    assert_eq!(listed[0]["revision"], 2);
    assert_eq!(listed[1]["revision"], 1);
    assert!(listed[0]["author"].as_str().unwrap().starts_with("user:"), "{listed}");
    let one = api.api("GET", "/variants/de/revisions/1", None).json();
    assert!(one["body_markdown"].as_str().unwrap().contains("Zweiter Absatz.\n"), "{one}");
    for missing in
        ["/variants/de/revisions/3", "/variants/de/revisions/0", "/variants/it/revisions"]
    {
        assert_eq!(api.api("GET", missing, None).status, 404, "{missing}");
    }
    assert_eq!(editor.get(&format!("{issue}/variants/de/revisions/9")).status, 404);

    // A translation made after the edit is not stale; it was made from revision 2.
    let french =
        json!({"subject": FRENCH, "body_markdown": "# Nouvelles\n\nBonjour.", "ready": true});
    let put = api.api("PUT", "/variants/fr", Some(&french));
    assert_eq!(put.status, 201, "{}", put.text());
    let fr = put.json();
    assert_eq!((fr["stale"].clone(), fr["source_revision"].clone()), (json!(false), json!(2)));
    assert!(
        api.api("GET", "/variants/fr/revisions", None).json()[0]["author"]
            .as_str()
            .unwrap()
            .starts_with("token:")
    );

    // Saving Polish again, after reading the diff, clears it.
    let polish = format!("# {POLISH}\n\nDzień dobry {{{{ name }}}}, nowe godziny.");
    save(&mut editor, &issue, "pl", POLISH, &polish);
    let pl = api.variant("pl");
    assert_eq!((pl["stale"].clone(), pl["source_revision"].clone()), (json!(false), json!(2)));
    assert!(!matrix_row(&editor.page(&issue), "pl").contains(STALE_DE));

    // German changes once more: both translations are stale. The editor sends French as it
    // is and the fallback (German) instead of Polish.
    save(&mut editor, &issue, "de", GERMAN, &german("Dritter Stand."));
    assert_eq!(api.variant("pl")["stale"], true);
    assert_eq!(api.variant("fr")["stale"], true);
    let confirm = editor.page(&format!("{issue}/send"));
    assert!(confirm.contains("name=\"stale-fr\"") && confirm.contains("name=\"stale-pl\""));
    let progress = editor
        .post_ok(&format!("{issue}/send"), &[("stale-pl", "fallback"), ("stale-fr", "as-is")]);
    assert_eq!(progress, format!("{issue}/progress"));
    for (email, language) in READERS {
        let mail = smtp.wait_for(email, Duration::from_secs(20));
        let (subject, content) = match language {
            "fr" => (FRENCH, "Bonjour."),
            _ => (GERMAN, "Dritter Stand."),
        };
        assert_eq!(mail.subject(), subject, "{email}");
        assert!(mail.text().contains(content), "{email}: {}", mail.text());
        if language == "pl" {
            assert!(mail.html().contains("lang=\"de\""), "the German content is marked German");
            assert!(!mail.text().contains("Dzień dobry"), "{email}");
        }
    }
    // The Polish translation was left out of this send, and says so.
    assert_eq!(api.variant("pl")["ready"], false);
    let log = app.log();
    assert!(!log.contains("@example."), "no addresses in the log:\n{log}");
}

/// A translation whose source revision the new base variant does not have (the issue's base
/// language changed) counts as stale; its pages and the API still answer.
fn a_changed_base_language_leaves_the_translations_stale(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = TestApp::spawn(BIN, &db, &[]);
    let token = app.api_token("revisions");
    let call = |method: &str, path: &str, body: Option<Value>| {
        let response = app.api(&token, method, &format!("/api/v1/issues{path}"), body.as_ref());
        assert!(response.status < 300, "{method} {path}: {}", response.text());
        response.json()
    };
    let id = call("POST", "", Some(json!({"title": "Basis"})))["id"].as_i64().unwrap();
    for body in ["eins", "zwei", "drei"] {
        let german = json!({"subject": "Hallo", "body_markdown": body});
        call("PUT", &format!("/{id}/variants/de"), Some(german));
    }
    let polish = json!({"subject": "Cześć", "body_markdown": "trzy"});
    assert_eq!(call("PUT", &format!("/{id}/variants/pl"), Some(polish))["source_revision"], 3);
    let english = json!({"subject": "Hello", "body_markdown": "three"});
    call("PUT", &format!("/{id}/variants/en"), Some(english));
    call("PATCH", &format!("/{id}"), Some(json!({"base_language": "en"})));
    let pl = call("GET", &format!("/{id}/variants/pl"), None);
    assert_eq!(pl["stale"], true, "{pl}");
    assert_eq!(call("GET", &format!("/{id}/variants/en"), None)["stale"], false);
    let mut editor = Editor::sign_in(&app, "redaktion@example.org");
    assert!(matrix_row(&editor.page(&format!("/admin/issues/{id}")), "pl").contains(STALE_DE));
    let changes = editor.page(&format!("/admin/issues/{id}/variants/pl/changes"));
    assert!(changes.contains("<ins><span lang=\"en\">three</span></ins>"), "{changes}");
}

rundbrief_testkit::on_both_backends!(
    a_changed_source_makes_exactly_the_older_translations_stale,
    a_changed_base_language_leaves_the_translations_stale
);
