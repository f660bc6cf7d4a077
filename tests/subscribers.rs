//! Black-box tests of getting on and off the list: the real binary, real HTTP, and real SMTP to
//! a loopback server, each on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use rundbrief_core::Language;
use rundbrief_i18n::{Arg, Locales};
use rundbrief_testkit::{Backend, SmtpServer, TestApp, TestDb};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const MAIL_WAIT: Duration = Duration::from_secs(15);
/// Without templates/organisation.toml there is no organisation name: texts name "the
/// newsletter team" in their language, never the product.
fn text(lang: Language, id: &str) -> String {
    let org = Locales::embedded().text(lang, "site-organisation-unnamed", &[]);
    Locales::embedded().text(lang, id, &[("organisation", Arg::Str(&org))])
}

fn start(db: &TestDb, smtp: &SmtpServer, extra: &[(&str, &str)]) -> TestApp {
    let mut env =
        vec![("RUNDBRIEF_RATE_LIMIT", "0"), ("RUNDBRIEF_FROM", "Servicestelle <news@example.org>")];
    env.extend_from_slice(extra);
    TestApp::spawn_on_smtp(BIN, db, smtp, &env)
}

/// [`start`] on a fresh database of `backend` with a loopback SMTP server of its own; `None`
/// where the backend is not available. Bind all three: the app must stop before its database.
fn started(backend: Backend, extra: &[(&str, &str)]) -> Option<(TestDb, SmtpServer, TestApp)> {
    let db = TestDb::new(backend)?;
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp, extra);
    Some((db, smtp, app))
}

/// The path of a link in a mail (`http://host:port/x/y` → `/x/y`).
fn path_of(link: &str) -> String {
    let rest = link.trim_start_matches("http://");
    rest[rest.find('/').unwrap()..].to_owned()
}

fn signup(
    app: &TestApp,
    email: &str,
    lang: Language,
    extra: &[(&str, &str)],
) -> rundbrief_testkit::Response {
    let mut fields = vec![
        ("email", email),
        ("language", lang.code()),
        ("consent", "yes"),
        ("lang", lang.code()),
    ];
    if !extra.iter().any(|(k, _)| *k == "website") {
        fields.push(("website", ""));
    }
    fields.extend_from_slice(extra);
    app.post_form("/subscribe", &fields, &[("User-Agent", "blackbox-test/1.0")])
}

fn status_of(app: &TestApp, token: &str, email: &str) -> String {
    let q = email.replace('@', "%40");
    let response = app.api(token, "GET", &format!("/api/v1/subscribers?q={q}"), None);
    assert_eq!(response.status, 200, "{}", response.text());
    let body = response.json();
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{body}");
    items[0]["status"].as_str().unwrap().to_owned()
}

fn subscriber_id(app: &TestApp, token: &str, email: &str) -> i64 {
    let q = email.replace('@', "%40");
    let body = app.api(token, "GET", &format!("/api/v1/subscribers?q={q}"), None).json();
    body["items"][0]["id"].as_i64().unwrap()
}

fn signup_in_each_language_confirms_in_that_language(backend: Backend) {
    let Some((_db, smtp, app)) = started(backend, &[]) else { return };
    let token = app.api_token("tests");
    for lang in [Language::De, Language::Pl, Language::El, Language::Bg, Language::Ro] {
        let email = format!("reader-{}@example.org", lang.code());
        let response = signup(&app, &email, lang, &[("name", "Ana")]);
        assert_eq!(response.status, 200, "{}", response.text());
        assert!(response.text().contains(&text(lang, "subscribe-check-inbox-title")), "{lang:?}");

        // The job behind the answer creates the subscriber and sends the mail.
        let mail = smtp.wait_for(&email, MAIL_WAIT);
        assert_eq!(status_of(&app, &token, &email), "pending");
        assert_eq!(mail.subject(), text(lang, "confirm-mail-subject"), "{lang:?}");
        assert_eq!(mail.header("Content-Language").as_deref(), Some(lang.code()));
        assert!(mail.header("From").unwrap().contains("news@example.org"));
        let body = mail.text();
        assert!(body.contains(&text(lang, "confirm-mail-body")), "{lang:?}: {body}");
        assert!(mail.html().contains(&format!("lang=\"{}\"", lang.code())));
        let link = mail.link_containing("/confirm/").expect("a confirmation link");
        assert!(mail.html().contains(&link), "the HTML part carries the same link");

        // Opening the link shows a page with one button, in the subscriber's language.
        let path = path_of(&link);
        let page = app.get(&path, &[]);
        assert_eq!(page.status, 200, "{}", page.text());
        assert!(page.text().contains(&text(lang, "confirm-page-title")), "{lang:?}");
        assert!(page.text().contains(&format!("<html lang=\"{}\" dir=\"ltr\">", lang.code())));
        assert_eq!(status_of(&app, &token, &email), "pending", "opening the link confirms nothing");
        // The button confirms.
        let confirmed = app.post_form(&path, &[], &[]);
        assert_eq!(confirmed.status, 200, "{}", confirmed.text());
        assert!(confirmed.text().contains(&text(lang, "confirm-success-title")), "{lang:?}");
        assert!(confirmed.text().contains(&format!("<html lang=\"{}\" dir=\"ltr\">", lang.code())));
        assert_eq!(status_of(&app, &token, &email), "active");
        // Pressing it again, or opening the link again, is harmless and says so.
        let again = app.post_form(&path, &[], &[]);
        assert_eq!(again.status, 200);
        assert!(again.text().contains(&text(lang, "confirm-success-title")));
        let reopened = app.get(&path, &[]);
        assert_eq!(reopened.status, 200);
        assert!(reopened.text().contains(&text(lang, "confirm-success-title")));
        assert_eq!(status_of(&app, &token, &email), "active");

        let id = subscriber_id(&app, &token, &email);
        let events =
            app.api(&token, "GET", &format!("/api/v1/subscribers/{id}/consent"), None).json();
        let events = events.as_array().unwrap();
        assert_eq!(events.len(), 2, "{events:?}");
        assert_eq!(events[0]["action"], "signup");
        assert_eq!(events[0]["text_version"], "subscribe-consent-v2");
        assert_eq!(events[0]["language"], lang.code());
        assert_eq!(events[0]["ip"], "127.0.0.1");
        assert_eq!(events[0]["user_agent"], "blackbox-test/1.0");
        assert!(events[0]["created_at"].as_str().unwrap().ends_with('Z'));
        assert_eq!(events[1]["action"], "confirm");
        assert_eq!(events[1]["text_version"], "subscribe-consent-v2");
    }
    let log = app.log();
    assert!(!log.contains("reader-de@example.org"), "logs carry ids, never addresses:\n{log}");
}

fn one_click_unsubscribes_and_forged_tokens_change_nothing(backend: Backend) {
    let Some((_db, smtp, app)) = started(backend, &[]) else { return };
    let token = app.api_token("tests");
    let mut ids = Vec::new();
    for email in ["one@example.org", "two@example.org"] {
        let created = app.api(
            &token,
            "POST",
            "/api/v1/subscribers",
            Some(&json!({
                "email": email, "language": "pl", "consent": "obtained_elsewhere"
            })),
        );
        assert_eq!(created.status, 201, "{}", created.text());
        assert_eq!(created.json()["status"], "active");
        ids.push(created.json()["id"].as_i64().unwrap());
    }
    assert_eq!(smtp.count_for("one@example.org"), 0, "consent obtained elsewhere sends no mail");

    // The unsubscribe token of subscriber one is signed with the instance key; the server
    // hands it out on the preferences link of its own pages, so build it like the app does.
    let signer =
        rundbrief_core::TokenSigner::new(rundbrief_testkit::app::SECRET_KEY.as_bytes()).unwrap();
    let unsubscribe = signer.sign(rundbrief_core::TokenPurpose::Unsubscribe, ids[0], None);
    let confirm_for_one = signer.sign(rundbrief_core::TokenPurpose::Confirm, ids[0], None);
    let forged_key = rundbrief_core::TokenSigner::new(&[7u8; 32]).unwrap();
    let forged = forged_key.sign(rundbrief_core::TokenPurpose::Unsubscribe, ids[1], None);
    let mut tampered = signer.sign(rundbrief_core::TokenPurpose::Unsubscribe, ids[1], None);
    tampered.replace_range(2..3, if &tampered[2..3] == "A" { "B" } else { "A" });

    let one_click = |path: &str| {
        app.request(
            "POST",
            path,
            &[("Content-Type", "application/x-www-form-urlencoded")],
            b"List-Unsubscribe=One-Click",
        )
    };
    for bad in [&forged, &tampered, &confirm_for_one, &"x".repeat(5000), &"..".to_owned()] {
        let response = one_click(&format!("/unsubscribe/{bad}"));
        assert!((400..500).contains(&response.status), "{bad}: {}", response.status);
        let page = app.post_form(&format!("/unsubscribe/{bad}"), &[], &[]);
        assert!((400..500).contains(&page.status));
        assert!((400..500).contains(&app.get(&format!("/preferences/{bad}"), &[]).status));
    }
    assert_eq!(status_of(&app, &token, "one@example.org"), "active");
    assert_eq!(status_of(&app, &token, "two@example.org"), "active");

    // The GET page asks, in the subscriber's language, and changes nothing.
    let page = app.get(&format!("/unsubscribe/{unsubscribe}"), &[]);
    assert_eq!(page.status, 200);
    assert!(page.text().contains(&text(Language::Pl, "unsubscribe-question")));
    assert_eq!(status_of(&app, &token, "one@example.org"), "active");

    let response = one_click(&format!("/unsubscribe/{unsubscribe}"));
    assert_eq!(response.status, 200);
    assert!(response.body.is_empty(), "one-click answers without a page");
    assert!(response.header("set-cookie").is_none());
    assert_eq!(status_of(&app, &token, "one@example.org"), "unsubscribed");
    assert_eq!(status_of(&app, &token, "two@example.org"), "active", "only its own subscriber");
    let events =
        app.api(&token, "GET", &format!("/api/v1/subscribers/{}/consent", ids[0]), None).json();
    let actions: Vec<&str> =
        events.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["import", "unsubscribe"]);
    let events =
        app.api(&token, "GET", &format!("/api/v1/subscribers/{}/consent", ids[1]), None).json();
    assert_eq!(events.as_array().unwrap().len(), 1, "the other subscriber's log is untouched");
    // Idempotent, also as a multipart body.
    let multipart = b"--xyz\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--xyz--\r\n";
    let again = app.request(
        "POST",
        &format!("/unsubscribe/{unsubscribe}"),
        &[("Content-Type", "multipart/form-data; boundary=xyz")],
        multipart,
    );
    assert_eq!(again.status, 200);
    assert_eq!(status_of(&app, &token, "one@example.org"), "unsubscribed");
}

fn preferences_change_language_and_topics_and_erase(backend: Backend) {
    let Some((_db, smtp, app)) = started(backend, &[("RUNDBRIEF_REGIONS", "Nord, Süd")]) else {
        return;
    };
    let token = app.api_token("tests");
    let list = app.api(
        &token,
        "POST",
        "/api/v1/lists",
        Some(&json!({
            "slug": "work", "names": {"de": "Arbeit", "ro": "Muncă"}, "public": true
        })),
    );
    assert_eq!(list.status, 201, "{}", list.text());
    let list_id = list.json()["id"].as_i64().unwrap();

    // The form offers the topic in the page's language and the sign-up subscribes to it.
    let form = app.get("/subscribe?lang=ro", &[]);
    assert!(form.text().contains("Muncă"));
    let email = "prefs@example.org";
    assert!(form.text().contains("<option value=\"Süd\">Süd</option>"), "regions offered");
    let unknown_region = signup(&app, email, Language::Ro, &[("region", "Atlantis")]);
    assert_eq!(unknown_region.status, 422);
    let unknown_topic = signup(&app, email, Language::Ro, &[("topics", "4711")]);
    assert_eq!(unknown_topic.status, 422);
    assert_eq!(smtp.count_for(email), 0);
    let response = signup(
        &app,
        email,
        Language::Ro,
        &[("topics", &list_id.to_string()), ("region", "Süd"), ("audience", "counsellor")],
    );
    assert_eq!(response.status, 200, "{}", response.text());
    let mail = smtp.wait_for(email, MAIL_WAIT);
    let confirm = path_of(&mail.link_containing("/confirm/").unwrap());
    assert_eq!(app.get(&confirm, &[]).status, 200);
    assert_eq!(app.post_form(&confirm, &[], &[]).status, 200);
    let id = subscriber_id(&app, &token, email);
    let detail = app.api(&token, "GET", &format!("/api/v1/subscribers/{id}"), None).json();
    assert_eq!(detail["lists"], json!([list_id]));
    assert_eq!(detail["region"], "Süd");
    assert_eq!(detail["audience"], "counsellor");

    let signer =
        rundbrief_core::TokenSigner::new(rundbrief_testkit::app::SECRET_KEY.as_bytes()).unwrap();
    let prefs = signer.sign(rundbrief_core::TokenPurpose::Preferences, id, None);
    let page = app.get(&format!("/preferences/{prefs}"), &[]);
    assert_eq!(page.status, 200);
    assert!(page.text().contains(&text(Language::Ro, "preferences-title")));

    let saved = app.post_form(
        &format!("/preferences/{prefs}"),
        &[("action", "save"), ("name", "Ioana"), ("language", "bg")],
        &[],
    );
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert!(saved.text().contains(&text(Language::Bg, "preferences-saved")));
    let detail = app.api(&token, "GET", &format!("/api/v1/subscribers/{id}"), None).json();
    assert_eq!(detail["language"], "bg");
    assert_eq!(detail["name"], "Ioana");
    assert_eq!(detail["lists"], json!([]), "the unticked topic was dropped");

    // "Delete all my data" asks once more; only the second page's button erases.
    let asked = app.press_erase(&format!("/preferences/{prefs}"), false);
    assert_eq!(asked.status, 200);
    assert!(asked.text().contains(&text(Language::Bg, "erase-confirm-title")));
    let erased = app.press_erase(&format!("/preferences/{prefs}"), true);
    assert_eq!(erased.status, 200);
    assert!(erased.text().contains(&text(Language::Bg, "preferences-erased-title")));
    let detail = app.api(&token, "GET", &format!("/api/v1/subscribers/{id}"), None).json();
    assert_eq!(detail["status"], "erased");
    assert_eq!(detail["email"], json!(null));
    assert_eq!(detail["name"], json!(null));
    let events = app.api(&token, "GET", &format!("/api/v1/subscribers/{id}/consent"), None).json();
    let events = events.as_array().unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["signup", "confirm", "preferences", "erase"], "history kept");
    assert!(
        events.iter().all(|e| e["ip"].is_null() && e["user_agent"].is_null()),
        "anonymised: {events:?}"
    );
    assert!(app.get(&format!("/preferences/{prefs}"), &[]).status >= 400);

    // The erased address stays suppressed for the API, but the person's own sign-up through
    // the form gets its confirmation mail (tests/consent.rs follows it to the end).
    let create = json!({"email": email, "language": "ro", "consent": "obtained_elsewhere"});
    assert_eq!(app.api(&token, "POST", "/api/v1/subscribers", Some(&create)).status, 409);
    let before = smtp.count_for(email);
    let again = signup(&app, email, Language::Ro, &[]);
    assert_eq!(again.status, 200);
    assert!(again.text().contains(&text(Language::Ro, "subscribe-check-inbox-title")));
    let deadline = std::time::Instant::now() + MAIL_WAIT;
    while smtp.count_for(email) == before {
        assert!(std::time::Instant::now() < deadline, "no confirmation mail after erasure");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn the_form_follows_negotiation_and_refuses_bad_input_in_its_language(backend: Backend) {
    let Some((_db, smtp, app)) = started(backend, &[]) else { return };
    let token = app.api_token("tests");

    let page = app.get("/subscribe", &[("Accept-Language", "ro-RO,ro;q=0.9")]);
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"ro\" dir=\"ltr\">"), "{html}");
    assert!(html.contains(&text(Language::Ro, "subscribe-title")));
    assert!(
        html.contains("<option value=\"ro\" lang=\"ro\" selected>Română</option>"),
        "the newsletter language is preselected"
    );
    for lang in Language::ALL {
        assert!(html.contains(&format!(">{}</a>", lang.native_name())), "switcher lacks {lang:?}");
    }
    assert!(page.header("set-cookie").is_none());
    assert!(!html.contains("http://") && !html.contains("https://"), "no external resources");

    let chosen = app.get("/subscribe?lang=el", &[("Accept-Language", "ro")]);
    assert!(chosen.text().contains(&text(Language::El, "subscribe-title")));
    let cookie = chosen.header("set-cookie").expect("language cookie").to_owned();
    assert!(cookie.starts_with("rb_lang=el"), "{cookie}");
    let remembered = app.get("/subscribe", &[("Cookie", "rb_lang=el"), ("Accept-Language", "ro")]);
    assert!(remembered.text().contains(&text(Language::El, "subscribe-title")));

    // Missing consent and a bad address: 422, the errors in the page's language, no record.
    let cases: [(&str, &[&str]); 2] = [
        ("not-an-address", &["error-email-invalid", "error-consent-missing"]),
        ("careful@example.org", &["error-consent-missing"]),
    ];
    for (email, errors) in cases {
        let fields = [("email", email), ("language", "pl"), ("lang", "pl")];
        let refused = app.post_form("/subscribe", &fields, &[]);
        assert_eq!(refused.status, 422, "{email}");
        for error in errors {
            assert!(refused.text().contains(&text(Language::Pl, error)), "{email}: {error}");
        }
    }
    let all = app.api(&token, "GET", "/api/v1/subscribers", None).json();
    assert_eq!(all["items"], json!([]), "a refused form writes nothing");

    // A bot filling the honeypot sees the usual page, and nothing is stored or sent.
    let bot = signup(&app, "bot@example.org", Language::De, &[("website", "http://spam.example")]);
    assert_eq!(bot.status, 200);
    assert!(bot.text().contains(&text(Language::De, "subscribe-check-inbox-title")));
    let all = app.api(&token, "GET", "/api/v1/subscribers", None).json();
    assert_eq!(all["items"], json!([]));

    // A known active address gets the same answer as a new one, and no second mail.
    let created = app.api(
        &token,
        "POST",
        "/api/v1/subscribers",
        Some(&json!({
            "email": "known@example.org", "consent": "obtained_elsewhere"
        })),
    );
    assert_eq!(created.status, 201);
    let known = signup(&app, "known@example.org", Language::De, &[]);
    let fresh = signup(&app, "fresh@example.org", Language::De, &[]);
    assert_eq!(known.status, fresh.status);
    assert_eq!(
        known.text().replace("known@example.org", "X"),
        fresh.text().replace("fresh@example.org", "X"),
        "the response never reveals whether the address was known"
    );
    smtp.wait_for("fresh@example.org", MAIL_WAIT);
    assert_eq!(smtp.count_for("known@example.org"), 0);
    assert!(smtp.messages().iter().all(|m| m.recipients != ["bot@example.org"]));
}

fn consent_events_are_recorded_and_failed_mail_is_retried(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    smtp.fail_next(1, "451 4.3.0 try again later");
    let app = start(&db, &smtp, &[]);
    let email = "retry@example.org";
    assert_eq!(signup(&app, email, Language::De, &[]).status, 200);
    let mail = smtp.wait_for(email, MAIL_WAIT);
    assert_eq!(smtp.failed(), 1, "the first attempt was refused and retried");
    assert!(mail.link_containing("/confirm/").is_some());
    // An expired or forged confirmation link: a localised 4xx page offering a new link.
    let forged = app.get(
        "/confirm/AQAAAAAAAAABAAAAAAAAAAA.PcIw9TJkk85OScHICLHbMSOLJ0ih2A3MZwqwWO0YxhM?lang=pl",
        &[],
    );
    assert_eq!(forged.status, 404);
    assert!(forged.text().contains(&text(Language::Pl, "confirm-resend-button")));
    let forged_post = app.post_form(
        "/confirm/AQAAAAAAAAABAAAAAAAAAAA.PcIw9TJkk85OScHICLHbMSOLJ0ih2A3MZwqwWO0YxhM?lang=pl",
        &[],
        &[],
    );
    assert_eq!(forged_post.status, 404);
    let signer =
        rundbrief_core::TokenSigner::new(rundbrief_testkit::app::SECRET_KEY.as_bytes()).unwrap();
    let past = time::OffsetDateTime::now_utc() - time::Duration::hours(1);
    let expired = signer.sign(rundbrief_core::TokenPurpose::Confirm, 1, Some(past));
    let expired_page = app.get(&format!("/confirm/{expired}?lang=pl"), &[]);
    assert_eq!(expired_page.status, 410);
    assert!(expired_page.text().contains(&text(Language::Pl, "confirm-resend-button")));
    assert_eq!(app.post_form(&format!("/confirm/{expired}"), &[], &[]).status, 410);
    // Asking for a new link sends one to a pending address.
    let resend = app.post_form("/subscribe/resend", &[("email", email)], &[]);
    assert_eq!(resend.status, 200);
    let deadline = std::time::Instant::now() + MAIL_WAIT;
    while smtp.count_for(email) < 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(smtp.count_for(email), 2);
}

fn opening_a_confirmation_link_confirms_nothing_until_its_button_is_pressed(backend: Backend) {
    let Some((_db, smtp, app)) = started(backend, &[]) else { return };
    let token = app.api_token("tests");
    let email = "scanned@example.org";
    assert_eq!(signup(&app, email, Language::Pl, &[]).status, 200);
    let path = path_of(&smtp.wait_for(email, MAIL_WAIT).link_containing("/confirm/").unwrap());

    // What a mail security scanner does: open the link, maybe twice, maybe only its head.
    let scanner = [("User-Agent", "LinkScanner/2.0")];
    for _ in 0..2 {
        let page = app.get(&path, &scanner);
        assert_eq!(page.status, 200, "{}", page.text());
        let html = page.text();
        assert!(html.contains(&text(Language::Pl, "confirm-page-title")), "{html}");
        assert!(html.contains(&text(Language::Pl, "confirm-page-ignore")), "{html}");
        // One plain form posting to the link itself: no script, no extra token.
        assert!(
            html.contains(&format!(
                "<form method=\"post\"><button type=\"submit\">{}</button></form>",
                text(Language::Pl, "confirm-page-button")
            )),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
        assert_eq!(page.header("cache-control"), Some("no-store"));
    }
    assert_eq!(app.request("HEAD", &path, &scanner, b"").status, 200);
    assert_eq!(status_of(&app, &token, email), "pending");
    let id = subscriber_id(&app, &token, email);
    let events = app.api(&token, "GET", &format!("/api/v1/subscribers/{id}/consent"), None).json();
    assert_eq!(events.as_array().unwrap().len(), 1, "only the sign-up: {events}");

    // A reader who switched the page to German keeps that language through the button.
    let german = app.get(&format!("{path}?lang=de"), &[]);
    assert!(german.text().contains(&text(Language::De, "confirm-page-title")));
    let confirmed = app.post_form(&format!("{path}?lang=de"), &[], &[("User-Agent", "Reader/1.0")]);
    assert_eq!(confirmed.status, 200, "{}", confirmed.text());
    assert!(confirmed.text().contains(&text(Language::De, "confirm-success-title")));
    assert_eq!(status_of(&app, &token, email), "active");
    let events = app.api(&token, "GET", &format!("/api/v1/subscribers/{id}/consent"), None).json();
    let events = events.as_array().unwrap();
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(events[1]["action"], "confirm");
    assert_eq!(events[1]["user_agent"], "Reader/1.0", "the consent is the button's request");
}

fn addresses_that_cannot_be_mailed_are_refused_on_the_form_and_in_the_api(backend: Backend) {
    let Some((_db, smtp, app)) = started(backend, &[]) else { return };
    let token = app.api_token("tests");

    // The form: 422, the reason in the page's language, nothing stored.
    let refused = signup(&app, "zoë@example.org", Language::Pl, &[]);
    assert_eq!(refused.status, 422, "{}", refused.text());
    let html = refused.text();
    assert!(html.contains(&text(Language::Pl, "error-email-local-ascii")), "{html}");
    assert!(!html.contains(&text(Language::Pl, "error-email-invalid")), "{html}");
    assert!(html.contains("value=\"zoë@example.org\""), "the entry is kept to correct: {html}");

    // The API: 422 with the field and why.
    for email in ["zoë@example.org", "\u{430}nna@example.org"] {
        let response = app.api(
            &token,
            "POST",
            "/api/v1/subscribers",
            Some(&json!({"email": email, "language": "pl", "consent": "obtained_elsewhere"})),
        );
        assert_eq!(response.status, 422, "{email}: {}", response.text());
        assert_eq!(response.header("content-type"), Some("application/problem+json"));
        let problem = response.json();
        let errors = problem["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{problem}");
        assert_eq!(errors[0]["field"], "email");
        let reason = errors[0]["reason"].as_str().unwrap();
        assert!(reason.contains("ASCII"), "{reason}");
    }
    let all = app.api(&token, "GET", "/api/v1/subscribers", None).json();
    assert_eq!(all["items"], json!([]), "refused addresses write nothing");

    // International domain names stay welcome.
    let idn = app.post_subscriber(
        &token,
        &json!({"email": "zoe@bücher.example", "consent": "obtained_elsewhere"}),
    );
    assert_eq!(idn.status, 201, "{}", idn.text());
    assert_eq!(idn.json()["email"], "zoe@xn--bcher-kva.example");
    std::thread::sleep(Duration::from_millis(300));
    assert!(smtp.messages().is_empty(), "nothing was sent to a refused address");
}

fn the_sign_up_form_is_rate_limited_per_ip(backend: Backend) {
    let Some((_db, _smtp, app)) = started(backend, &[("RUNDBRIEF_RATE_LIMIT", "3")]) else {
        return;
    };
    for i in 0..3 {
        let r = signup(&app, &format!("r{i}@example.org"), Language::Ro, &[]);
        assert_eq!(r.status, 200);
    }
    let limited = signup(&app, "r9@example.org", Language::Ro, &[]);
    assert_eq!(limited.status, 429);
    assert!(limited.header("retry-after").is_some());
    assert!(limited.text().contains(&text(Language::Ro, "error-rate-limited-title")));
    // Pages that only show something are not limited.
    assert_eq!(app.get("/subscribe", &[]).status, 200);
}

#[test]
fn without_smtp_settings_mail_goes_to_the_outbox_and_the_log_says_so() {
    let db = TestDb::sqlite();
    let app = TestApp::spawn(BIN, &db, &[("RUNDBRIEF_RATE_LIMIT", "0")]);
    assert!(app.log().contains("mail is written as .eml files to the outbox"), "{}", app.log());
    assert_eq!(signup(&app, "outbox@example.org", Language::Ga, &[]).status, 200);
    let outbox = app.dir.path().join("data/outbox");
    let deadline = std::time::Instant::now() + MAIL_WAIT;
    let file = loop {
        let found = std::fs::read_dir(&outbox).ok().and_then(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == "eml"))
        });
        if let Some(file) = found {
            break file;
        }
        assert!(std::time::Instant::now() < deadline, "no .eml in {}", outbox.display());
        std::thread::sleep(Duration::from_millis(50));
    };
    let message = std::fs::read_to_string(file).unwrap();
    assert!(message.contains("To: outbox@example.org"), "{message}");
    assert!(message.contains("Content-Language: ga"));
    assert!(message.contains("From: \"Newsletter\" <newsletter@localhost>"), "{message}");
}

/// A stranger can type anyone's address into the form: the mail that address gets carries no
/// text from the form, and a second sign-up of a pending address changes nothing of it.
fn strangers_cannot_put_text_into_mails_or_change_a_pending_address(backend: Backend) {
    let Some((_db, smtp, app)) = started(backend, &[]) else { return };
    let token = app.api_token("tests");
    let email = "victim@example.org";
    let lure = "Your account is locked see https://evil.example";
    let response = signup(&app, email, Language::De, &[("name", lure)]);
    assert_eq!(response.status, 200, "{}", response.text());
    let first = smtp.wait_for(email, MAIL_WAIT);
    for part in [first.text(), first.html(), first.subject()] {
        assert!(!part.contains("evil.example") && !part.contains("locked"), "{part}");
    }
    let id = subscriber_id(&app, &token, email);
    let before = app.api(&token, "GET", &format!("/api/v1/subscribers/{id}"), None).json();
    // The same address again, in another language and with another name.
    let again = signup(&app, email, Language::Pl, &[("name", "Someone else")]);
    assert_eq!(again.status, 200, "{}", again.text());
    let deadline = std::time::Instant::now() + MAIL_WAIT;
    while smtp.count_for(email) < 2 {
        assert!(std::time::Instant::now() < deadline, "no second mail");
        std::thread::sleep(Duration::from_millis(50));
    }
    let after = app.api(&token, "GET", &format!("/api/v1/subscribers/{id}"), None).json();
    assert_eq!(after["name"], before["name"], "{after}");
    assert_eq!(after["language"], "de", "{after}");
    assert_eq!(status_of(&app, &token, email), "pending");
}

/// Someone signs up one address again and again, from many addresses: it gets at most the
/// configured number of confirmation mails a day, and every requester sees the same page.
fn one_address_signed_up_from_20_ips_gets_at_most_the_daily_limit(backend: Backend) {
    let Some((_db, smtp, app)) = started(backend, &[("RUNDBRIEF_CONFIRMATION_DAILY_LIMIT", "3")])
    else {
        return;
    };
    let email = "target@example.org";
    let body = rundbrief_testkit::http::encode_form(&[
        ("email", email),
        ("language", "de"),
        ("consent", "yes"),
        ("website", ""),
    ]);
    let mut pages = Vec::new();
    for i in 0..20u8 {
        let client = std::net::IpAddr::from([127, 0, 0, 2 + i]);
        let response = rundbrief_testkit::http::request_from(
            client,
            &app.url,
            "POST",
            "/subscribe",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            body.as_bytes(),
        );
        assert_eq!(response.status, 200, "{}", response.text());
        pages.push(response.text());
    }
    assert!(pages.iter().all(|p| *p == pages[0]), "every requester sees the same page");
    smtp.wait_for(email, MAIL_WAIT);
    // The sweep runs every few seconds; give every owed mail its chance to go out.
    std::thread::sleep(Duration::from_secs(8));
    let mails = smtp.count_for(email);
    assert!((1..=3).contains(&mails), "{mails} confirmation mails to one address");
    assert!(app.log().contains("had its mails for today"), "{}", app.log());
}

rundbrief_testkit::on_both_backends!(
    one_address_signed_up_from_20_ips_gets_at_most_the_daily_limit,
    strangers_cannot_put_text_into_mails_or_change_a_pending_address,
    signup_in_each_language_confirms_in_that_language,
    one_click_unsubscribes_and_forged_tokens_change_nothing,
    preferences_change_language_and_topics_and_erase,
    the_form_follows_negotiation_and_refuses_bad_input_in_its_language,
    consent_events_are_recorded_and_failed_mail_is_retried,
    opening_a_confirmation_link_confirms_nothing_until_its_button_is_pressed,
    addresses_that_cannot_be_mailed_are_refused_on_the_form_and_in_the_api,
    the_sign_up_form_is_rate_limited_per_ip,
);
