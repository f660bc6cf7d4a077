//! Accessibility in a real headless Chromium (WCAG 2.1 AA, as BITV 2.0 asks of public bodies):
//! axe-core with the rule tags wcag2a, wcag2aa, wcag21a and wcag21aa finds 0 violations on
//! every public page in German, Polish, Greek, Bulgarian and Romanian, and on the editor UI's
//! pages in its two languages; every public page has the skip link and the imprint, privacy
//! and accessibility links; no page scrolls sideways at 320 CSS pixels (WCAG 1.4.10); a form
//! with errors puts the focus on its error summary, whose links lead to the fields, and
//! every invalid field names its error with `aria-describedby`.
//!
//! One browser session for everything. The browser comes from `rundbrief_testkit::browser`;
//! axe-core from `RUNDBRIEF_TEST_AXE` (the path of `axe.min.js`, pinned and installed by
//! `.ci/run`). Without either the test says it SKIPPED, and fails when
//! `RUNDBRIEF_TEST_BROWSER_REQUIRED=1`.
//!
//! A page more is one line in `public_pages` or `admin_pages`.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rundbrief_core::{TokenPurpose, TokenSigner};
use rundbrief_testkit::admin::{PASSWORD, create_ok};
use rundbrief_testkit::browser::{Browser, programs, skip_or_fail};
use rundbrief_testkit::{SmtpServer, TestApp, TestDb};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const LANGUAGES: [&str; 5] = ["de", "pl", "el", "bg", "ro"];
/// The editor UI speaks German and English only.
const ADMIN_LANGUAGES: [&str; 2] = ["de", "en"];
const IMPRINT: &str = "https://example.org/impressum";
const PRIVACY: &str = "https://example.org/datenschutz";
const ACCESSIBILITY: &str = "https://example.org/barrierefreiheit";
const WAIT: Duration = Duration::from_secs(15);

/// The organisation of the test app, with the legal links every public page must show.
fn templates() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let organisation = format!(
        "name = \"Servicezentrum für EU-Bürgerinnen und EU-Bürger\"\n\
         website = \"https://example.org\"\n\
         list_id = \"newsletter.example.org\"\n\
         address = [\"Musterstraße 1\", \"12345 Musterstadt\"]\n\
         imprint_url = \"{IMPRINT}\"\n\
         privacy_url = \"{PRIVACY}\"\n\
         accessibility_url = \"{ACCESSIBILITY}\"\n\
         contact_email = \"kontakt@example.org\"\n"
    );
    std::fs::write(dir.path().join("organisation.toml"), organisation).unwrap();
    dir
}

/// Runs the checks on the page the browser shows and collects what fails.
struct Audit<'a> {
    browser: &'a Browser,
    axe: String,
    failures: Vec<String>,
    pages: usize,
}

impl Audit<'_> {
    /// axe's WCAG 2.1 A and AA rules; the answer lists each violation with its elements.
    fn axe(&self) -> Vec<String> {
        let script = format!(
            "{}\n;var done = arguments[arguments.length - 1];\
             axe.run(document, {{runOnly: {{type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}, iframes: false}})\
             .then(function (r) {{ done(r.passes.length === 0 ? ['axe checked nothing'] : r.violations.map(function (v) {{\
               return v.id + ' (' + v.impact + '): ' + v.nodes.map(function (n) {{ return n.target.join(' '); }}).join(' | ');\
             }})); }})\
             .catch(function (e) {{ done(['axe did not run: ' + e]); }});",
            self.axe
        );
        let answer = self.browser.script_async(&script);
        answer
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// At 320 px: the page's `[scrollWidth, clientWidth]`, and the boxes that scroll sideways
    /// on their own without being a named region the keyboard can reach (what WCAG allows
    /// for data tables).
    fn width_at_320(&self) -> (u64, u64, Vec<String>) {
        self.browser.set_width(320, 640);
        // Layout settles within a frame; two to be sure.
        let found = self.browser.script_async(
            "var done = arguments[0]; requestAnimationFrame(function () { requestAnimationFrame(function () {\
               var d = document.documentElement;\
               var bad = Array.prototype.filter.call(document.querySelectorAll('body *'), function (e) {\
                 var o = getComputedStyle(e).overflowX;\
                 return (o === 'auto' || o === 'scroll') && e.scrollWidth > e.clientWidth + 1 &&\
                   !(e.tabIndex >= 0 && e.getAttribute('role') === 'region' &&\
                   (e.hasAttribute('aria-label') || e.hasAttribute('aria-labelledby')));\
               }).map(function (e) { return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className; });\
               done([d.scrollWidth, d.clientWidth, bad]); }); });",
        );
        self.browser.reset_width();
        let bad = found[2].as_array().cloned().unwrap_or_default();
        let bad = bad.iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect();
        (found[0].as_u64().unwrap_or(0), found[1].as_u64().unwrap_or(0), bad)
    }

    /// Every check on the page shown now, named `name` in the report.
    fn check(&mut self, name: &str, lang: &str, public: bool) {
        self.pages += 1;
        let at = format!("{name} [{lang}] {}", self.browser.path());
        let page_lang = self.browser.script("return document.documentElement.lang;");
        if page_lang != json!(lang) {
            self.failures.push(format!("{at}: <html lang> is {page_lang}"));
        }
        for violation in self.axe() {
            self.failures.push(format!("{at}: {violation}"));
        }
        let (scroll, client, boxes) = self.width_at_320();
        if scroll > client {
            self.failures.push(format!("{at}: {scroll} px wide at 320 px (sideways scrolling)"));
        }
        for scrolling in boxes {
            self.failures.push(format!(
                "{at}: {scrolling} scrolls sideways at 320 px but is no focusable, named region"
            ));
        }
        if public {
            let found = self.browser.script(&format!(
                "var q = function (s) {{ return !!document.querySelector(s); }};\
                 return [q('a.skip-link[href=\"#main\"]') && q('main#main'),\
                   q('footer a[href=\"{IMPRINT}\"]'), q('footer a[href=\"{PRIVACY}\"]'),\
                   q('footer a[href=\"{ACCESSIBILITY}\"]')];"
            ));
            for (i, what) in
                ["skip link to main#main", "imprint link", "privacy link", "accessibility link"]
                    .iter()
                    .enumerate()
            {
                if found[i] != Value::Bool(true) {
                    self.failures.push(format!("{at}: no {what}"));
                }
            }
        }
    }

    /// After a form post with errors: the summary has the focus, each of its links leads to
    /// an element, and each invalid field's `aria-describedby` names elements that exist.
    fn check_errors(&mut self, name: &str, lang: &str) {
        let at = format!("{name} [{lang}] {}", self.browser.path());
        let state = self.browser.script(
            "var s = document.getElementById('error-summary');\
             var links = s ? Array.prototype.map.call(s.querySelectorAll('a[href^=\"#\"]'), function (a) {\
               return [a.getAttribute('href'), !!document.getElementById(a.getAttribute('href').slice(1))]; }) : [];\
             var fields = Array.prototype.map.call(document.querySelectorAll('[aria-invalid=true]'), function (f) {\
               var ids = (f.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);\
               return [f.id || f.name, ids.length > 0 && ids.every(function (id) { return !!document.getElementById(id); })]; });\
             return {summary: !!s, focused: document.activeElement === s, links: links, fields: fields};",
        );
        if state["summary"] != json!(true) {
            self.failures.push(format!("{at}: no #error-summary"));
            return;
        }
        if state["focused"] != json!(true) {
            self.failures.push(format!("{at}: the error summary does not have the focus"));
        }
        let links = state["links"].as_array().cloned().unwrap_or_default();
        if links.is_empty() {
            self.failures.push(format!("{at}: the error summary links no field"));
        }
        for link in links.iter().filter(|l| l[1] != json!(true)) {
            self.failures.push(format!("{at}: summary link {} leads nowhere", link[0]));
        }
        let fields = state["fields"].as_array().cloned().unwrap_or_default();
        if fields.is_empty() {
            self.failures.push(format!("{at}: no field is aria-invalid"));
        }
        for field in fields.iter().filter(|f| f[1] != json!(true)) {
            self.failures.push(format!("{at}: invalid field {} names no error", field[0]));
        }
    }
}

fn wait(browser: &Browser, what: &str, script: &str) {
    browser.wait_for(what, script, WAIT);
}

/// The path of a link in a mail (`http://host:port/x/y` → `/x/y`).
fn path_of(link: &str) -> String {
    let rest = link.trim_start_matches("http://");
    rest[rest.find('/').unwrap()..].to_owned()
}

/// A reader's way through the public pages in `lang`: sign-up (with errors first), the
/// inbox page, the confirmation, then their own pages before and after unsubscribing.
fn public_pages(audit: &mut Audit<'_>, app: &TestApp, smtp: &SmtpServer, token: &str, lang: &str) {
    let browser = audit.browser;
    let url = |path: &str| format!("{}{path}", app.url);
    let email = format!("leser-{lang}@example.org");

    browser.go(&url(&format!("/subscribe?lang={lang}")));
    audit.check("sign-up", lang, true);
    // Posted without consent, with a broken address and a topic that does not exist; the
    // browser's own checks are off so the server's answer is what is tested.
    browser.script(
        "var f = document.querySelector('form[action=\"/subscribe\"]'); f.noValidate = true;\
         document.getElementById('email').value = 'kein-at-zeichen';\
         var topic = document.createElement('input'); topic.type = 'hidden'; topic.name = 'topics';\
         topic.value = '4711'; f.appendChild(topic); f.submit();",
    );
    wait(browser, "the error summary", "return !!document.getElementById('error-summary');");
    audit.check_errors("sign-up with errors", lang);
    audit.check("sign-up with errors", lang, true);

    browser.type_into("#email", &email);
    browser.click("#consent");
    browser.click("form[action='/subscribe'] button[type=submit]");
    wait(browser, "the check-inbox page", "return !!document.querySelector('p.notice');");
    audit.check("check-inbox", lang, true);

    let mail = smtp.wait_for(&email, WAIT);
    let confirm = path_of(&mail.link_containing("/confirm/").unwrap());
    browser.go(&url(&confirm));
    audit.check("confirmation", lang, true);
    browser.click("main form button[type=submit]");
    wait(browser, "the confirmed page", "return !!document.querySelector('p.notice');");
    audit.check("confirmed", lang, true);

    browser.go(&url(&format!("/confirm/AAAA.nicht-gueltig?lang={lang}")));
    audit.check("invalid link", lang, true);

    let q = email.replace('@', "%40");
    let found = app.api(token, "GET", &format!("/api/v1/subscribers?q={q}"), None).json();
    let id = found["items"][0]["id"].as_i64().unwrap();
    let signer = TokenSigner::new(rundbrief_testkit::app::SECRET_KEY.as_bytes()).unwrap();
    let preferences = format!("/preferences/{}", signer.sign(TokenPurpose::Preferences, id, None));
    let unsubscribe = format!("/unsubscribe/{}", signer.sign(TokenPurpose::Unsubscribe, id, None));

    browser.go(&url(&format!("{preferences}?lang={lang}")));
    audit.check("preferences", lang, true);
    browser.go(&url(&format!("{preferences}/data?lang={lang}")));
    audit.check("data export", lang, true);
    browser.go(&url(&format!("{preferences}?lang={lang}")));
    browser.click("form input[name=action][value=erase] ~ button");
    wait(
        browser,
        "the erasure confirmation",
        "return !!document.querySelector('input[name=confirm]');",
    );
    audit.check("erasure confirmation", lang, true);

    browser.go(&url(&format!("{unsubscribe}?lang={lang}")));
    audit.check("unsubscribe", lang, true);
    browser.click("main form button[type=submit]");
    wait(browser, "the unsubscribed page", "return !!document.querySelector('p.notice');");
    audit.check("unsubscribed", lang, true);
    browser.go(&url(&format!("{unsubscribe}?lang={lang}")));
    audit.check("unsubscribe after unsubscribing", lang, true);
    browser.go(&url(&format!("{preferences}?lang={lang}")));
    audit.check("preferences after unsubscribing", lang, true);
}

/// The public archive in `lang` and the newest issue's web version from it.
fn archive_pages(audit: &mut Audit<'_>, app: &TestApp, lang: &str) {
    let browser = audit.browser;
    browser.go(&format!("{}/archive?lang={lang}", app.url));
    audit.check("archive", lang, true);
    browser.click("ul.archive a");
    wait(browser, "an archived issue", "return !!document.querySelector('article.issue');");
    audit.check("archived issue", lang, true);
}

/// An issue with a German and a Polish variant, ready to send.
fn issue(app: &TestApp, token: &str, title: &str) -> i64 {
    let body = json!({"title": title, "base_language": "de"});
    let created = app.api(token, "POST", "/api/v1/issues", Some(&body));
    assert_eq!(created.status, 201, "{}", created.text());
    let id = created.json()["id"].as_i64().unwrap();
    for (lang, subject) in [("de", "Neuigkeiten im Dezember"), ("pl", "Aktualności grudniowe")] {
        let markdown = format!(
            "# {subject}\n\nHallo {{{{ name }}}}, ein sehr langes Wort: Donaudampfschifffahrtsgesellschaftskapitänsmütze.\n\n\
             | Spalte eins | Spalte zwei | Spalte drei | Spalte vier |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n"
        );
        let variant = json!({"subject": subject, "preheader": "Kurz notiert", "body_markdown": markdown, "ready": true});
        let put =
            app.api(token, "PUT", &format!("/api/v1/issues/{id}/variants/{lang}"), Some(&variant));
        assert!(put.status < 300, "{}", put.text());
    }
    id
}

/// The editor's pages in `lang`: sign-in, dashboard, composer, progress and the composer of a
/// sent issue (read-only).
fn admin_pages(audit: &mut Audit<'_>, app: &TestApp, token: &str, lang: &str) {
    let browser = audit.browser;
    let url = |path: &str| format!("{}{path}", app.url);
    browser.go(&url(&format!("/admin/login?lang={lang}")));
    audit.check("admin sign-in", lang, false);
    browser.type_into("#email", "redaktion@example.org");
    browser.type_into("#password", PASSWORD);
    browser.click("main form button[type=submit]");
    wait(browser, "the dashboard", "return location.pathname === '/admin';");
    audit.check("dashboard", lang, false);

    let draft = issue(app, token, &format!("Entwurf {lang}"));
    browser.go(&url(&format!("/admin/issues/{draft}")));
    wait(browser, "the composer", "return !!document.getElementById('matrix-title');");
    audit.check("composer", lang, false);

    let sent = issue(app, token, &format!("Versand {lang}"));
    let started = app.api(token, "POST", &format!("/api/v1/issues/{sent}/send"), None);
    assert_eq!(started.status, 202, "{}", started.text());
    browser.go(&url(&format!("/admin/issues/{sent}/progress")));
    audit.check("progress", lang, false);
    browser.go(&url(&format!("/admin/issues/{sent}")));
    audit.check("composer of a sent issue", lang, false);
    browser.go(&url("/admin/issues/new"));
    browser.script("var f = document.querySelector('form[action=\"/admin/issues\"]'); f.noValidate = true; f.submit();");
    wait(browser, "the error summary", "return !!document.getElementById('error-summary');");
    audit.check_errors("new issue with errors", lang);
    audit.check("new issue with errors", lang, false);

    // Adding a subscriber by hand, its errors, and the confirmation of an action on a filter.
    browser.go(&url("/admin/subscribers/new"));
    audit.check("new subscriber", lang, false);
    browser.script("document.querySelector('form[action=\"/admin/subscribers/new\"]').submit();");
    wait(browser, "the error summary", "return !!document.getElementById('error-summary');");
    audit.check_errors("new subscriber with errors", lang);
    audit.check("new subscriber with errors", lang, false);
    browser.go(&url("/admin/subscribers/bulk?language=de&action=unsubscribe"));
    audit.check("confirmation of an action on a filter", lang, false);

    // The suppression list with an erased address, and its search with an error.
    let gone = json!({"email": format!("weg-{lang}@example.de"), "consent": "obtained_elsewhere"});
    let created = app.api(token, "POST", "/api/v1/subscribers", Some(&gone));
    assert_eq!(created.status, 201, "{}", created.text());
    let erase = format!("/api/v1/subscribers/{}", created.json()["id"]);
    assert_eq!(app.api(token, "DELETE", &erase, None).status, 204);
    browser.go(&url("/admin/suppressions"));
    audit.check("suppression list", lang, false);
    browser.go(&url("/admin/suppressions?q=kaputt"));
    audit.check_errors("suppression search with errors", lang);
    audit.check("suppression search with errors", lang, false);

    // The import form, and the preview of a dry run with its rejected row.
    browser.go(&url("/admin/imports"));
    audit.check("import form", lang, false);
    let auth = format!("Bearer {token}");
    let csv = "email,name\nneu@example.de,Neu\nkaputt,X\n";
    let dry = app.request(
        "POST",
        "/api/v1/imports?consent=obtained-elsewhere&source=Sommerfest&dry_run=true",
        &[("Authorization", auth.as_str()), ("Content-Type", "text/csv")],
        csv.as_bytes(),
    );
    assert_eq!(dry.status, 202, "{}", dry.text());
    let id = dry.json()["id"].as_i64().unwrap();
    let started = Instant::now();
    while app.api(token, "GET", &format!("/api/v1/imports/{id}"), None).json()["status"] != "done" {
        assert!(started.elapsed() < WAIT, "the dry run did not finish");
        std::thread::sleep(Duration::from_millis(100));
    }
    browser.go(&url(&format!("/admin/imports/{id}")));
    audit.check("import preview", lang, false);

    let csrf = browser.script("return document.querySelector('input[name=csrf_token]').value;");
    browser.script(&format!(
        "var f = document.createElement('form'); f.method = 'post'; f.action = '/admin/logout';\
         var c = document.createElement('input'); c.name = 'csrf_token'; c.value = {csrf}; f.appendChild(c);\
         document.body.appendChild(f); f.submit();"
    ));
    wait(browser, "the sign-in page", "return location.pathname === '/admin/login';");
}

#[test]
fn every_page_passes_axe_reflows_at_320_px_and_links_the_legal_pages() {
    let (chromium, chromedriver) = match programs() {
        Ok(found) => found,
        Err(reason) => return skip_or_fail(&reason),
    };
    let axe = match std::env::var_os("RUNDBRIEF_TEST_AXE").map(PathBuf::from) {
        Some(path) if path.is_file() => std::fs::read_to_string(path).unwrap(),
        _ => {
            return skip_or_fail(
                "RUNDBRIEF_TEST_AXE does not name axe.min.js (.ci/run installs it)",
            );
        }
    };
    let started = Instant::now();
    let templates = templates();
    let db = TestDb::sqlite();
    let templates_dir = templates.path().to_string_lossy().into_owned();
    let (app, smtp) = TestApp::spawn_with_smtp(
        BIN,
        &db,
        &[
            ("RUNDBRIEF_TEMPLATES_DIR", templates_dir.as_str()),
            ("RUNDBRIEF_RATE_LIMIT", "0"),
            ("RUNDBRIEF_PUBLIC_URL", ""),
            ("RUNDBRIEF_SEND_RATE", "2"),
        ],
    );
    let token = app.api_token("a11y");
    let list = json!({"slug": "arbeit", "names": {"de": "Arbeit und Beruf", "en": "Work"}, "public": true});
    assert_eq!(app.api(&token, "POST", "/api/v1/lists", Some(&list)).status, 201);
    app.add_readers(&[
        ("anna@example.de", "de"),
        ("jan@example.pl", "pl"),
        ("ola@example.pl", "pl"),
    ]);
    create_ok(&app, "redaktion@example.org", "editor");

    let browser = Browser::open(&chromium, &chromedriver);
    let mut audit = Audit { browser: &browser, axe, failures: Vec::new(), pages: 0 };
    for lang in LANGUAGES {
        public_pages(&mut audit, &app, &smtp, &token, lang);
    }
    for lang in ADMIN_LANGUAGES {
        admin_pages(&mut audit, &app, &token, lang);
    }
    // The public archive (issue 23), with the issues the editor pages sent.
    for lang in LANGUAGES {
        archive_pages(&mut audit, &app, lang);
    }
    eprintln!("a11y: {} pages checked in {:.1} s", audit.pages, started.elapsed().as_secs_f64());
    assert!(
        audit.failures.is_empty(),
        "{} findings:\n{}",
        audit.failures.len(),
        audit.failures.join("\n")
    );
}
