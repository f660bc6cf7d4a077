//! The organisation's face and its legal links (issue 18), black-box on the real binary with
//! real HTTP and the loopback SMTP server: the frame of every public page (skip link, header,
//! imprint, privacy and accessibility links in the page's language), list names along the
//! fallback chain with `lang`, the favicon and the logo, the mail frame in the reader's
//! language around a fallback variant, and what happens without `templates/`.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use rundbrief_core::{Language, TokenPurpose, TokenSigner};
use rundbrief_i18n::Locales;
use rundbrief_testkit::app::SECRET_KEY;
use rundbrief_testkit::{Backend, SmtpServer, TestApp, TestDb};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const MAIL_WAIT: Duration = Duration::from_secs(20);

const IMPRINT: &str = "https://amt.example.org/impressum";
const PRIVACY_DE: &str = "https://amt.example.org/datenschutz";
const PRIVACY_EN: &str = "https://amt.example.org/en/privacy";
const PRIVACY_HU: &str = "https://amt.example.org/hu/adatvedelem";
const ACCESSIBILITY_DE: &str = "https://amt.example.org/barrierefreiheit";
const ACCESSIBILITY_EN: &str = "https://amt.example.org/en/accessibility";
const WEBSITE: &str = "https://amt.example.org/";
const LOGO: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" fill=\"#039\"/></svg>";

fn t(lang: Language, id: &str) -> String {
    Locales::embedded().text(lang, id, &[])
}

/// A templates directory of a public body: name, website, logo, the legal links (privacy and
/// accessibility per language, only some languages).
fn write_templates(dir: &Path) {
    let organisation = format!(
        "name = \"Servicezentrum für EU-Bürgerinnen und EU-Bürger\"\n\
         website = \"{WEBSITE}\"\n\
         list_id = \"news.amt.example.org\"\n\
         imprint_url = \"{IMPRINT}\"\n\
         contact_email = \"kontakt@amt.example.org\"\n\
         logo = \"logo.svg\"\n\
         [logo_alt]\nde = \"Servicezentrum EU\"\nen = \"Service centre EU\"\n\
         [privacy_url]\nde = \"{PRIVACY_DE}\"\nen = \"{PRIVACY_EN}\"\nhu = \"{PRIVACY_HU}\"\n\
         [accessibility_url]\nde = \"{ACCESSIBILITY_DE}\"\nen = \"{ACCESSIBILITY_EN}\"\n"
    );
    std::fs::write(dir.join("organisation.toml"), organisation).unwrap();
    std::fs::write(dir.join("logo.svg"), LOGO).unwrap();
}

struct Site {
    app: TestApp,
    smtp: SmtpServer,
    token: String,
    _templates: tempfile::TempDir,
}

fn start(db: &TestDb, with_templates: bool) -> Site {
    let templates = tempfile::tempdir().unwrap();
    if with_templates {
        write_templates(templates.path());
    }
    let dir = templates.path().to_str().unwrap().to_owned();
    let (app, smtp) = TestApp::spawn_with_smtp(
        BIN,
        db,
        &[
            ("RUNDBRIEF_TEMPLATES_DIR", &dir),
            ("RUNDBRIEF_RATE_LIMIT", "0"),
            ("RUNDBRIEF_FALLBACK_LANGUAGES", "de,en"),
        ],
    );
    let token = app.api_token("tests");
    Site { app, smtp, token, _templates: templates }
}

impl Site {
    fn api(&self, method: &str, path: &str, body: Value, status: u16) -> Value {
        let response = self.app.api(&self.token, method, path, Some(&body));
        assert_eq!(response.status, status, "{method} {path}: {}", response.text());
        response.json()
    }

    fn page(&self, path: &str) -> String {
        let response = self.app.get(path, &[]);
        assert!(response.status < 500, "{path}: {}", response.status);
        response.text()
    }

    /// Signs `email` up in `lang`: the check-inbox page, the confirmation link's path and the
    /// confirmation mail.
    fn sign_up(
        &self,
        email: &str,
        lang: Language,
    ) -> (String, String, rundbrief_testkit::Received) {
        let inbox = self.app.sign_up_on_form(email, lang.code(), &[]);
        assert_eq!(inbox.status, 200, "{}", inbox.text());
        let mail = self.smtp.wait_for(email, MAIL_WAIT);
        let link = mail.link_containing("/confirm/").unwrap();
        let rest = link.split_once("://").unwrap().1;
        let path = rest[rest.find('/').unwrap()..].to_owned();
        (inbox.text(), path, mail)
    }

    fn subscriber_id(&self, email: &str) -> i64 {
        let q = email.replace('@', "%40");
        let body = self.app.api(&self.token, "GET", &format!("/api/v1/subscribers?q={q}"), None);
        body.json()["items"][0]["id"].as_i64().unwrap()
    }
}

/// The frame every public page must have, in `lang`: the skip link before anything else one
/// can focus, `main#main`, and the legal links the settings give for `lang`.
fn assert_frame(page: &str, lang: Language, privacy: &str, accessibility: &str, what: &str) {
    assert!(page.contains(&format!("<html lang=\"{}\"", lang.code())), "{what}: lang: {page}");
    let skip = page
        .find("<a class=\"skip-link\" href=\"#main\">")
        .unwrap_or_else(|| panic!("{what}: skip link"));
    let first_focusable = ["<a ", "<input", "<button", "<select"]
        .iter()
        .filter_map(|tag| page.find(tag))
        .min()
        .unwrap();
    assert_eq!(skip, first_focusable, "{what}: the skip link comes first");
    assert!(page.contains(&t(lang, "site-skip-link")), "{what}: skip link text in {lang}");
    assert!(page.contains("<main id=\"main\""), "{what}: main#main");
    for (url, id) in [
        (IMPRINT, "site-imprint-link"),
        (privacy, "site-privacy-link"),
        (accessibility, "site-accessibility-link"),
    ] {
        let link = format!("href=\"{url}\"");
        let at = page.find(&link).unwrap_or_else(|| panic!("{what}: {url} in {page}"));
        let text = t(lang, id);
        assert!(page[at..].contains(&text), "{what}: {id} in {lang}");
    }
    assert!(page.contains("mailto:kontakt@amt.example.org"), "{what}: contact");
    assert!(page.contains(&format!("href=\"{WEBSITE}\"")), "{what}: the way to the website");
    assert!(page.contains("Servicezentrum für EU-Bürgerinnen und EU-Bürger"), "{what}: name");
}

#[test]
fn every_public_page_has_the_frame_and_the_legal_links_in_its_language() {
    let db = TestDb::sqlite();
    let site = start(&db, true);

    // English page: the English entries of the tables.
    let subscribe = site.page("/subscribe?lang=en");
    assert_frame(&subscribe, Language::En, PRIVACY_EN, ACCESSIBILITY_EN, "subscribe en");
    // The privacy sentence of the form links the policy.
    let note = t(Language::En, "subscribe-privacy-note");
    assert!(subscribe.contains(&format!("<a href=\"{PRIVACY_EN}\">{note}</a>")), "{subscribe}");
    // The logo with its alt text in the page's language.
    assert!(subscribe.contains("src=\"/organisation/logo?v="), "logo");
    assert!(subscribe.contains("alt=\"Service centre EU\""), "logo alt");

    // Romanian: no Romanian entries, so the chain (de, en) gives the German pages, marked.
    let ro = site.page("/subscribe?lang=ro");
    assert_frame(&ro, Language::Ro, PRIVACY_DE, ACCESSIBILITY_DE, "subscribe ro");
    assert!(ro.contains(&format!("href=\"{PRIVACY_DE}\" hreflang=\"de\"")), "hreflang");
    assert!(ro.contains("alt=\"Servicezentrum EU\" lang=\"de\""), "logo alt marked German");

    // Hungarian reader through every page of a subscriber's life.
    let hu = Language::Hu;
    let check = |page: &str, what: &str| assert_frame(page, hu, PRIVACY_HU, ACCESSIBILITY_DE, what);
    let email = "reader@example.hu";
    let (inbox, confirm, mail) = site.sign_up(email, hu);
    check(&inbox, "check inbox");
    // The confirmation mail's footer links imprint and privacy policy, for Hungarian readers.
    let privacy = t(hu, "mail-footer-privacy");
    assert!(mail.text().contains(&format!("{privacy}: {PRIVACY_HU}")), "{}", mail.text());
    assert!(mail.text().contains(IMPRINT) && mail.html().contains(&format!("href=\"{IMPRINT}\"")));
    check(&site.page(&confirm), "confirm");
    let confirmed = site.app.post_form(&confirm, &[], &[]);
    assert_eq!(confirmed.status, 200);
    check(&confirmed.text(), "confirmed");
    assert!(confirmed.text().contains(&t(hu, "site-back-to-website")), "back to the website");
    check(&site.page("/confirm/not-a-token?lang=hu"), "invalid link");

    let id = site.subscriber_id(email);
    let signer = TokenSigner::new(SECRET_KEY.as_bytes()).unwrap();
    let unsubscribe = format!("/unsubscribe/{}", signer.sign(TokenPurpose::Unsubscribe, id, None));
    let preferences = format!("/preferences/{}", signer.sign(TokenPurpose::Preferences, id, None));
    check(&site.page(&preferences), "preferences");
    check(&site.page(&unsubscribe), "unsubscribe");
    let unsubscribed = site.app.post_form(&unsubscribe, &[], &[]);
    assert_eq!(unsubscribed.status, 200);
    check(&unsubscribed.text(), "unsubscribed");
    assert!(unsubscribed.text().contains(&t(hu, "site-back-to-website")), "back to the website");
    check(&site.page(&unsubscribe), "unsubscribe after");
    // Erasing (a second page may ask once more) keeps the frame.
    let erase = site.app.post_form(&preferences, &[("action", "erase")], &[]);
    check(&erase.text(), "erase");
    check(&site.page("/no/such/page?lang=hu"), "not found");
}

#[test]
fn list_names_follow_the_fallback_chain_and_carry_their_language() {
    let db = TestDb::sqlite();
    let site = start(&db, true);
    let lists = [
        json!({"slug": "work", "names": {"de": "Arbeit und Beruf", "en": "Work and jobs"}, "public": true}),
        json!({"slug": "health", "names": {"de": "Gesundheit", "ro": "Sănătate"}, "public": true}),
        json!({"slug": "school", "names": {"fi": "Koulu"}, "public": true}),
    ];
    for list in lists {
        site.api("POST", "/api/v1/lists", list, 201);
    }
    let ro = site.page("/subscribe?lang=ro");
    assert!(ro.contains("<span lang=\"de\">Arbeit und Beruf</span>"), "{ro}");
    assert!(ro.contains("<span>Sănătate</span>"), "own language, no lang");
    assert!(ro.contains("<span lang=\"fi\">Koulu</span>"), "any name, marked");
    let en = site.page("/subscribe?lang=en");
    assert!(en.contains("<span>Work and jobs</span>"), "{en}");
    assert!(en.contains("<span lang=\"de\">Gesundheit</span>"), "{en}");
}

#[test]
fn the_favicon_and_the_logo_are_served() {
    let db = TestDb::sqlite();
    let site = start(&db, true);
    let logo = site.app.get("/organisation/logo", &[]);
    assert_eq!(logo.status, 200);
    assert_eq!(logo.header("content-type"), Some("image/svg+xml"));
    assert!(logo.header("cache-control").unwrap().contains("max-age"));
    assert!(logo.header("content-security-policy").unwrap().contains("default-src 'none'"));
    assert_eq!(logo.body, LOGO.as_bytes());
    // Only that file: no path reaches anything else in templates/.
    for path in ["/organisation/logo/../organisation.toml", "/organisation/organisation.toml"] {
        assert_eq!(site.app.get(path, &[]).status, 404, "{path}");
    }
    let icon = site.app.get("/favicon.ico", &[]);
    assert_eq!(icon.status, 200);
    assert_eq!(icon.header("content-type"), Some("image/x-icon"));
    assert_eq!(&icon.body[..4], &[0, 0, 1, 0], "an ICO file");

    // The operator's own icon and colours: a favicon.png, a link colour too pale for AA.
    let own = tempfile::tempdir().unwrap();
    write_templates(own.path());
    std::fs::write(own.path().join("favicon.png"), b"\x89PNG\r\n\x1a\nnot really").unwrap();
    std::fs::write(
        own.path().join("mail-style.toml"),
        "link_color = \"#99aabb\"\nheader_background = \"#5a2d82\"\n",
    )
    .unwrap();
    let dir = own.path().to_str().unwrap();
    let styled = TestApp::spawn(BIN, &db, &[("RUNDBRIEF_TEMPLATES_DIR", dir)]);
    let icon = styled.get("/favicon.ico", &[]);
    assert_eq!(icon.header("content-type"), Some("image/png"));
    assert!(icon.body.starts_with(b"\x89PNG"));
    let page = styled.get("/subscribe?lang=de", &[]).text();
    assert!(page.contains("--accent:#0b5394"), "the pale link colour is not used: {page}");
    assert!(page.contains("--header-bg:#5a2d82"), "the dark header is");
    assert!(styled.log().contains("link_color = #99aabb has a contrast of"), "{}", styled.log());
    drop(styled);

    // Without templates: no logo, the built-in icon all the same.
    let bare = start(&db, false);
    assert_eq!(bare.app.get("/organisation/logo", &[]).status, 404);
    assert_eq!(bare.app.get("/favicon.ico", &[]).status, 200);
}

#[test]
fn without_templates_the_product_never_stands_in_for_the_organisation() {
    let db = TestDb::sqlite();
    let site = start(&db, false);
    let log = site.app.log();
    assert!(log.contains("no organisation name configured"), "{log}");
    for key in ["imprint_url", "privacy_url", "accessibility_url", "contact_email"] {
        assert!(
            log.contains(&format!("key=\"{key}\"")) || log.contains(&format!("key={key}")),
            "{key}: {log}"
        );
    }
    for lang in [Language::De, Language::En, Language::Pl] {
        let page = site.page(&format!("/subscribe?lang={}", lang.code()));
        assert!(!page.contains("Rundbrief"), "{lang}: {page}");
        assert!(page.contains(&t(lang, "site-newsletter-unnamed")), "{lang}: the newsletter");
        assert!(page.contains("<a class=\"skip-link\" href=\"#main\">"));
    }
    let email = "bare@example.org";
    let (inbox, _, mail) = site.sign_up(email, Language::De);
    assert!(!inbox.contains("Rundbrief"));
    for part in [mail.subject(), mail.text(), mail.html()] {
        assert!(!part.contains("Rundbrief"), "{part}");
    }
}

/// Sends a German-only issue and returns the mail `email` got.
fn send_german_issue(site: &Site) -> rundbrief_testkit::smtp::Received {
    let issue =
        site.api("POST", "/api/v1/issues", json!({"title": "Mai", "base_language": "de"}), 201);
    let id = issue["id"].as_i64().unwrap();
    let variant = json!({
        "subject": "Neuigkeiten im Mai", "preheader": "", "ready": true,
        "body_markdown": "# Neuigkeiten im Mai\n\nDer Inhalt dieser Ausgabe.",
    });
    site.api("PUT", &format!("/api/v1/issues/{id}/variants/de"), variant, 201);
    site.api("POST", &format!("/api/v1/issues/{id}/send"), json!({}), 202);
    let deadline = Instant::now() + MAIL_WAIT;
    while site.smtp.count_for("olga@example.hu") == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    site.smtp.wait_for("olga@example.hu", MAIL_WAIT)
}

fn hungarian_reader_of_a_german_fallback_gets_a_hungarian_frame(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let site = start(&db, true);
    site.app.add_readers(&[("olga@example.hu", "hu")]);
    let mail = send_german_issue(&site);
    let hu = Language::Hu;
    let note = Locales::embedded().text(
        hu,
        "mail-fallback-note",
        &[
            ("requested", rundbrief_i18n::Arg::Str(Language::Hu.native_name())),
            ("used", rundbrief_i18n::Arg::Str(Language::De.native_name())),
        ],
    );
    let frame = [
        "mail-footer-unsubscribe",
        "mail-footer-preferences",
        "mail-footer-imprint",
        "mail-footer-privacy",
    ];
    let html = mail.html();
    assert!(html.contains("<html lang=\"hu\""), "{html}");
    assert!(html.contains(" lang=\"de\""), "the content is marked German: {html}");
    let content = html.find("Der Inhalt dieser Ausgabe").unwrap();
    let start_of_note: String = note.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    let note_at =
        html.find(&start_of_note).unwrap_or_else(|| panic!("the note in Hungarian: {html}"));
    assert!(note_at < content, "the note stands above the content");
    let content_block = html[..content].rfind(" lang=\"de\"").unwrap();
    assert!(note_at < content_block, "the note is outside the German block");
    for id in frame {
        let text = t(hu, id);
        let at = html.find(&text).unwrap_or_else(|| panic!("{id} in Hungarian: {html}"));
        assert!(at > content, "{id} in the footer");
        assert!(!html.contains(&t(Language::De, id)), "{id} not in German");
    }
    assert!(!html.contains("erhalten diese E-Mail"), "no German why-sentence");
    assert!(html.contains(&format!("href=\"{IMPRINT}\"")), "imprint linked");
    assert!(html.contains(&format!("href=\"{PRIVACY_HU}\"")), "privacy in Hungarian");

    let text = mail.text();
    let note_at = text.find(&start_of_note).unwrap_or_else(|| panic!("note in text: {text}"));
    let content = text.find("Der Inhalt dieser Ausgabe").unwrap();
    assert!(note_at < content, "text: note before the content");
    for id in frame {
        let at = text.find(&t(hu, id)).unwrap_or_else(|| panic!("text: {id}: {text}"));
        assert!(at > content, "text: {id} in the footer");
    }
    assert!(text.contains(IMPRINT) && text.contains(PRIVACY_HU), "{text}");
}

rundbrief_testkit::on_both_backends!(hungarian_reader_of_a_german_fallback_gets_a_hungarian_frame);

/// The dashboard at `path` as a new admin account sees it.
fn dashboard(app: &TestApp, path: &str) -> String {
    rundbrief_testkit::admin::create_ok(app, "admin@example.org", "admin");
    rundbrief_testkit::AdminSession::new(app).sign_in("admin@example.org").page(path)
}

#[test]
fn the_dashboard_lists_what_the_organisation_settings_lack() {
    let db = TestDb::sqlite();
    let bare = start(&db, false);
    let page = dashboard(&bare.app, "/admin?lang=en");
    assert!(page.contains("id=\"setup-missing\""), "{page}");
    for key in ["name", "imprint_url", "privacy_url", "accessibility_url", "contact_email"] {
        assert!(page.contains(&format!("<code>{key}</code>")), "{key}: {page}");
    }
    drop(bare);

    let db = TestDb::sqlite();
    let complete = start(&db, true);
    let page = dashboard(&complete.app, "/admin");
    assert!(!page.contains("setup-missing"), "nothing missing");
}
