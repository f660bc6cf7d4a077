//! The public archive (issue 23) over real HTTP, on SQLite and PostgreSQL: a campaign with
//! `{{ name }}` sent by `rundbrief serve` to the loopback SMTP server, then `/archive`, the
//! issue's web version and the Atom feeds in Polish (its own variant) and Hungarian (the German
//! with the Hungarian note), their `hreflang` alternates, canonical URL and Open Graph tags;
//! no reader's name, address or token on any of them; drafts, non-public and unknown issues
//! are 404; the feeds parse without a bozo flag in Python's feedparser (`.ci/run` installs it
//! into `.ci/venv-feed`); and a Chromium run shows the same pages.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use rundbrief_core::IssueId;
use rundbrief_core::model::IssueStatus;
use rundbrief_testkit::browser::{Browser, programs, skip_or_fail};
use rundbrief_testkit::{Backend, SmtpServer, TestApp, TestDb};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

/// Readers with names that must never reach a public page.
const READERS: [(&str, &str, &str); 3] = [
    ("annegret.geheim@example.de", "de", "Annegret Geheimname"),
    ("olgierd.tajny@example.pl", "pl", "Olgierd Tajnenazwisko"),
    ("hanna.titkos@example.hu", "hu", "Hanna Titkosnevu"),
];

struct Archive {
    app: TestApp,
    smtp: SmtpServer,
    token: String,
}

impl Archive {
    fn start(db: &TestDb) -> Self {
        let (app, smtp) = TestApp::spawn_with_smtp(BIN, db, &[]);
        let token = app.api_token("tests");
        Self { app, smtp, token }
    }

    fn ok(&self, method: &str, path: &str, body: Option<Value>, status: u16) -> Value {
        let response = self.app.api(&self.token, method, path, body.as_ref());
        assert_eq!(response.status, status, "{method} {path}: {}", response.text());
        response.json()
    }

    /// An issue with ready German and Polish variants full of placeholders.
    fn issue(&self, title: &str) -> i64 {
        let body = json!({"title": title, "base_language": "de"});
        let id = self.ok("POST", "/api/v1/issues", Some(body), 201)["id"].as_i64().unwrap();
        for (lang, subject, hello) in [
            ("de", "Neuigkeiten für {{ name }}", "Hallo"),
            ("pl", "Wieści dla {{ name }}", "Cześć"),
        ] {
            let body = json!({
                "subject": subject, "preheader": "Kurz für {{ name }}", "ready": true,
                "body_markdown": format!(
                    "# {hello} {{{{ name }}}}\n\n{lang}-Inhalt an {{{{ email }}}}.\n\n\
                     [Abmelden]({{{{ unsubscribe_url }}}}) [Einstellungen]({{{{ preferences_url }}}})"
                ),
            });
            self.ok("PUT", &format!("/api/v1/issues/{id}/variants/{lang}"), Some(body), 201);
        }
        id
    }

    fn wait_for_status(&self, issue: i64, status: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let progress = self.ok("GET", &format!("/api/v1/issues/{issue}/progress"), None, 200);
            if progress["status"] == status {
                return;
            }
            assert!(Instant::now() < deadline, "not {status}: {progress}\n{}", self.app.log());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn page(&self, path: &str, headers: &[(&str, &str)]) -> String {
        let response = self.app.get(path, headers);
        assert_eq!(response.status, 200, "{path}: {}", response.text());
        response.text()
    }
}

/// Everything of the readers that must stay private: names, addresses, the tokens of their
/// mails' links.
fn secrets(archive: &Archive) -> Vec<String> {
    let mut secrets = Vec::new();
    for (email, _, name) in READERS {
        secrets.extend([email.to_owned(), name.to_owned()]);
        secrets.extend(name.split(' ').map(str::to_owned));
        let mail = archive.smtp.wait_for(email, Duration::from_secs(30));
        for needle in ["/unsubscribe/", "/preferences/"] {
            let link = mail.link_containing(needle).unwrap();
            let token = link.rsplit('/').next().unwrap().to_owned();
            assert!(token.len() > 16, "{link}");
            secrets.push(token);
        }
    }
    secrets
}

fn assert_private(what: &str, text: &str, secrets: &[String]) {
    for secret in secrets {
        assert!(!text.contains(secret.as_str()), "{what} shows {secret}:\n{text}");
    }
    assert!(!text.contains("{{"), "{what} shows a placeholder:\n{text}");
}

/// The Python with feedparser, or why there is none (a failure when required).
fn feedparser() -> Option<PathBuf> {
    let python =
        std::env::var_os("RUNDBRIEF_TEST_FEEDPARSER").map(PathBuf::from).unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/venv-feed/bin/python"))
        });
    let works = Command::new(&python)
        .args(["-c", "import feedparser"])
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Some(python);
    }
    let reason = format!("no feedparser at {} (.ci/run installs it)", python.display());
    if std::env::var_os("CI").is_some()
        || std::env::var("RUNDBRIEF_TEST_FEEDPARSER_REQUIRED").is_ok_and(|v| v == "1")
    {
        panic!("the feed parser is required but {reason}");
    }
    eprintln!("feed validity check SKIPPED: {reason}");
    None
}

/// The feed as feedparser reads it: (bozo, language, [(entry title, link)]).
fn parse_feed(python: &PathBuf, xml: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("feed.xml");
    std::fs::write(&file, xml).unwrap();
    let script = "import feedparser, json, sys\n\
        d = feedparser.parse(sys.argv[1])\n\
        print(json.dumps({'bozo': int(bool(d.bozo)), 'error': str(d.get('bozo_exception', '')), \
        'version': d.version, 'title': d.feed.get('title'), \
        'entries': [[e.title, e.link, e.content[0].value] for e in d.entries]}))";
    let output = Command::new(python).args(["-c", script]).arg(&file).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn the_archive_shows_each_language_and_nothing_personal(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let archive = Archive::start(&db);
    for (email, language, name) in READERS {
        let body = json!({"email": email, "language": language, "name": name,
                          "consent": "obtained_elsewhere"});
        archive.ok("POST", "/api/v1/subscribers", Some(body), 201);
    }
    let sent = archive.issue("Rundbrief Dezember");
    archive.ok("POST", &format!("/api/v1/issues/{sent}/send"), None, 202);
    let draft = archive.issue("Entwurf");
    let hidden = archive.issue("Intern");
    archive.wait_for_status(sent, "sent");
    let secrets = secrets(&archive);
    // The hidden issue went out too, but the editor keeps it out of the archive.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = rundbrief_testkit::campaign::open(&db).await;
        let id = IssueId(hidden);
        store
            .transition_issue(id, IssueStatus::Draft, IssueStatus::Sending, None, now())
            .await
            .unwrap();
        store
            .transition_issue(id, IssueStatus::Sending, IssueStatus::Sent, None, now())
            .await
            .unwrap();
        store.set_issue_public(id, false).await.unwrap();
    });

    let slug = format!("{sent}-rundbrief-dezember");
    let mut seen = Vec::new();

    // The list, in Polish: the Polish subject, neutral; only the public sent issue.
    let list_pl = archive.page("/archive?lang=pl", &[]);
    assert!(list_pl.contains("<html lang=\"pl\""), "{list_pl}");
    assert!(list_pl.contains(&format!("href=\"/archive/{slug}\"")), "{list_pl}");
    assert!(list_pl.contains("Wieści dla "), "{list_pl}");
    assert!(!list_pl.contains("Entwurf") && !list_pl.contains("Intern"), "{list_pl}");
    assert!(!list_pl.contains(&format!("/archive/{draft}-")), "{list_pl}");
    assert!(!list_pl.contains(&format!("/archive/{hidden}-")), "{list_pl}");
    assert!(
        list_pl.contains("rel=\"alternate\" type=\"application/atom+xml\" hreflang=\"pl\""),
        "feed autodiscovery: {list_pl}"
    );
    seen.push(("list pl", list_pl));
    // In Hungarian (negotiated from Accept-Language): the German subject, marked German.
    let response = archive.app.get("/archive", &[("Accept-Language", "hu-HU,hu;q=0.9")]);
    assert_eq!(response.status, 200);
    assert_eq!(response.header("cache-control"), Some("public, max-age=300"));
    assert!(response.header("vary").unwrap().contains("Accept-Language"));
    let list_hu = response.text();
    assert!(list_hu.contains("<html lang=\"hu\""), "{list_hu}");
    assert!(list_hu.contains("lang=\"de\">Neuigkeiten für "), "{list_hu}");
    assert!(list_hu.contains("Archívum"), "{list_hu}");
    seen.push(("list hu", list_hu));

    // The issue in Polish: its own variant, no note, every ready variant as an alternate.
    let page_pl = archive.page(&format!("/archive/{slug}?lang=pl"), &[]);
    assert!(page_pl.contains("<article class=\"issue\" lang=\"pl\">"), "{page_pl}");
    assert!(page_pl.contains("pl-Inhalt an "), "{page_pl}");
    assert!(!page_pl.contains("role=\"note\""), "{page_pl}");
    let base = "https://news.example.org";
    for lang in ["de", "pl"] {
        let alternate = format!(
            "<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{base}/archive/{slug}?lang={lang}\">"
        );
        assert!(page_pl.contains(&alternate), "{alternate}: {page_pl}");
    }
    assert_eq!(page_pl.matches("rel=\"alternate\" hreflang=").count(), 3, "de, pl, x-default");
    assert!(
        page_pl
            .contains(&format!("<link rel=\"canonical\" href=\"{base}/archive/{slug}?lang=pl\">")),
        "{page_pl}"
    );
    assert!(page_pl.contains("<meta property=\"og:title\" content=\"Wieści dla "), "{page_pl}");
    assert!(page_pl.contains("property=\"og:url\""), "{page_pl}");
    seen.push(("page pl", page_pl));
    // In Hungarian: the German content in a German element, the note in Hungarian.
    let page_hu = archive.page(&format!("/archive/{slug}"), &[("Accept-Language", "hu")]);
    assert!(page_hu.contains("<html lang=\"hu\""), "{page_hu}");
    assert!(page_hu.contains("<article class=\"issue\" lang=\"de\">"), "{page_hu}");
    assert!(page_hu.contains("de-Inhalt an "), "{page_hu}");
    assert!(page_hu.contains("Ez a szám még nem érhető el az Ön nyelvén (Magyar)"), "{page_hu}");
    assert!(
        page_hu
            .contains(&format!("<link rel=\"canonical\" href=\"{base}/archive/{slug}?lang=de\">")),
        "{page_hu}"
    );
    seen.push(("page hu", page_hu));
    // The id alone (or an old title) leads to the canonical slug.
    let moved = archive.app.get(&format!("/archive/{sent}?lang=pl"), &[]);
    assert_eq!(moved.status, 308);
    assert_eq!(moved.header("location"), Some(format!("/archive/{slug}?lang=pl").as_str()));
    // Drafts, issues kept out of the archive and unknown ones are not there.
    for path in [
        format!("/archive/{draft}-entwurf"),
        format!("/archive/{hidden}-intern"),
        "/archive/99999-nichts".to_owned(),
        "/archive/nichts".to_owned(),
        "/archive/feed/xx.xml".to_owned(),
    ] {
        assert_eq!(archive.app.get(&path, &[]).status, 404, "{path}");
    }

    // The feeds: Atom, the Polish variant in pl, the German one in hu with the note.
    let python = feedparser();
    for (lang, subject, note) in
        [("pl", "Wieści dla ", None), ("hu", "Neuigkeiten für ", Some("(Magyar)"))]
    {
        let response = archive.app.get(&format!("/archive/feed/{lang}.xml"), &[]);
        assert_eq!(response.status, 200);
        assert_eq!(response.header("content-type"), Some("application/atom+xml; charset=utf-8"));
        let xml = response.text();
        assert_eq!(xml.matches("<entry ").count(), 1, "{xml}");
        assert!(xml.contains(subject), "{xml}");
        if let Some(parsed) = python.as_ref().map(|p| parse_feed(p, &xml)) {
            assert_eq!(parsed["bozo"], 0, "{parsed}");
            assert_eq!(parsed["version"], "atom10", "{parsed}");
            let entry = &parsed["entries"][0];
            assert!(entry[0].as_str().unwrap().starts_with(subject), "{parsed}");
            assert_eq!(entry[1], format!("{base}/archive/{slug}?lang={lang}"), "{parsed}");
            if let Some(note) = note {
                assert!(entry[2].as_str().unwrap().contains(note), "{parsed}");
            }
        }
        seen.push(("feed", xml));
    }
    // Each mail links, in its reader's language, to the web version of the variant it had.
    for (email, variant, text) in [
        ("olgierd.tajny@example.pl", "pl", "Wyświetl to wydanie w przeglądarce"),
        ("hanna.titkos@example.hu", "de", "A szám megtekintése a böngészőben"),
        ("annegret.geheim@example.de", "de", "Diese Ausgabe im Browser ansehen"),
    ] {
        let mail = archive.smtp.wait_for(email, Duration::from_secs(10));
        assert!(mail.html().contains(text), "{}", mail.html());
        let link = mail.link_containing("/archive/").unwrap();
        assert_eq!(link, format!("{base}/archive/{sent}?lang={variant}"));
        let moved = archive.app.get(&link[base.len()..], &[]);
        assert_eq!(moved.status, 308, "{link}");
        let page = archive.page(moved.header("location").unwrap(), &[]);
        assert!(page.contains(&format!("<article class=\"issue\" lang=\"{variant}\">")), "{page}");
        assert!(page.contains(&format!("{variant}-Inhalt an ")), "{page}");
        seen.push(("web version", page));
    }
    for (what, text) in &seen {
        assert_private(what, text, &secrets);
    }
    kept_out_on_the_send_page(&archive);
    if backend == Backend::Sqlite {
        in_chromium(&archive.app.url, &slug, &secrets);
    }
}

/// The editor unticks "show in the public archive" when sending: the issue never appears
/// there, and its mails carry no view-in-browser link.
fn kept_out_on_the_send_page(archive: &Archive) {
    let issue = archive.issue("Vertraulich");
    let mut editor =
        rundbrief_testkit::admin::Editor::sign_in(&archive.app, "redaktion@example.org");
    let confirm = editor.page(&format!("/admin/issues/{issue}/send"));
    assert!(confirm.contains("name=\"public\" value=\"1\" checked"), "on by default: {confirm}");
    assert!(confirm.contains("Im öffentlichen Archiv zeigen"), "{confirm}");
    let before = archive.smtp.messages().len();
    let to = editor.post_ok(&format!("/admin/issues/{issue}/send"), &[("public-shown", "1")]);
    assert_eq!(to, format!("/admin/issues/{issue}/progress"));
    archive.wait_for_status(issue, "sent");
    let mails = archive.smtp.messages();
    assert_eq!(mails.len(), before + READERS.len());
    for mail in &mails[before..] {
        assert_eq!(mail.link_containing("/archive/"), None, "{}", mail.text());
    }
    assert_eq!(archive.app.get(&format!("/archive/{issue}-vertraulich"), &[]).status, 404);
    let list = archive.page("/archive?lang=de", &[]);
    assert!(!list.contains(&format!("/archive/{issue}-")), "{list}");
}

/// The same pages in Chromium: Polish shows the Polish variant; Hungarian the German one,
/// marked German, under the Hungarian note; the alternates as the browser reads them.
fn in_chromium(url: &str, slug: &str, secrets: &[String]) {
    let (chromium, chromedriver) = match programs() {
        Ok(found) => found,
        Err(reason) => return skip_or_fail(&reason),
    };
    let browser = Browser::open(&chromium, &chromedriver);
    browser.go(&format!("{url}/archive?lang=pl"));
    browser.click(&format!("a[href='/archive/{slug}']"));
    assert_eq!(browser.path(), format!("/archive/{slug}"));
    assert_eq!(browser.script("return document.documentElement.lang;"), "pl");
    assert_eq!(browser.script("return document.querySelector('article.issue').lang;"), "pl");
    assert!(browser.text("h1").starts_with("Wieści dla "), "{}", browser.text("h1"));
    let alternates = browser.script(
        "return [...document.querySelectorAll('link[rel=alternate][hreflang]:not([type])')]\
         .map(l => l.hreflang).filter(h => h.length == 2).sort().join(' ');",
    );
    assert_eq!(alternates, "de pl");
    assert_eq!(browser.script("return document.querySelectorAll('[role=note]').length;"), 0);

    browser.go(&format!("{url}/archive/{slug}?lang=hu"));
    assert_eq!(browser.script("return document.documentElement.lang;"), "hu");
    assert_eq!(browser.script("return document.querySelector('article.issue').lang;"), "de");
    assert!(
        browser.text("article.issue").contains("de-Inhalt an "),
        "{}",
        browser.text("article.issue")
    );
    let note = browser.text("[role=note]");
    assert!(note.contains("Ez a szám még nem érhető el az Ön nyelvén (Magyar)"), "{note}");
    let html = browser.script("return document.documentElement.outerHTML;");
    assert_private("the page in Chromium", html.as_str().unwrap(), secrets);
}

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

#[test]
fn the_archive_shows_each_language_and_nothing_personal_on_sqlite() {
    the_archive_shows_each_language_and_nothing_personal(Backend::Sqlite);
}

#[test]
fn the_archive_shows_each_language_and_nothing_personal_on_postgres() {
    the_archive_shows_each_language_and_nothing_personal(Backend::Postgres);
}
