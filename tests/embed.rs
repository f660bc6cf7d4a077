//! The sign-up form on other websites (issue 23), over HTTP against the real binary: the
//! embed page's framing policy names exactly the allowed origins while every other page keeps
//! `frame-ancestors 'none'`; posts from other sites' pages are refused, and they and the
//! rate limit are answered under the embed page's policy, so the frame shows why; the proof
//! of work refuses a post without a solution, with a wrong, an expired or a used one, in the
//! page's language, and takes a solved one; the thank-you page; the editor's snippet page.
//! In Chromium: `tests/embed_browser.rs`.
#![allow(clippy::unwrap_used)]

use rundbrief_core::TokenSigner;
use rundbrief_core::pow::{self, SALT_BYTES};
use rundbrief_testkit::admin::{AdminSession, create_ok};
use rundbrief_testkit::app::SECRET_KEY;
use rundbrief_testkit::{Response, TestApp, TestDb};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const ALLOWED: &str = "https://www.example.org";
const EMBED_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; \
form-action 'self' https://www.example.org; script-src 'self'; connect-src 'self'; \
base-uri 'none'; frame-ancestors https://www.example.org http://127.0.0.1:9";
const PAGE_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; \
form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

fn start(db: &TestDb) -> TestApp {
    start_with(db, "0")
}

fn start_with(db: &TestDb, rate_limit: &str) -> TestApp {
    let env = [
        ("RUNDBRIEF_EMBED_ORIGINS", "https://www.example.org/, http://127.0.0.1:9"),
        ("RUNDBRIEF_SIGNUP_THANKS_URL", "https://www.example.org/danke"),
        ("RUNDBRIEF_SIGNUP_POW", "on"),
        ("RUNDBRIEF_SIGNUP_POW_DIFFICULTY", "2000"),
        ("RUNDBRIEF_RATE_LIMIT", rate_limit),
        // Unset: the instance's URL is the address it listens on, which the snippet names.
        ("RUNDBRIEF_PUBLIC_URL", ""),
    ];
    TestApp::spawn_with_smtp(BIN, db, &env).0
}

/// A challenge of the instance, solved by trying every number as the browser does.
fn solved(app: &TestApp) -> Vec<(String, String)> {
    let response = app.get("/subscribe/challenge", &[("Origin", ALLOWED)]);
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.header("access-control-allow-origin"), Some(ALLOWED));
    assert_eq!(response.header("cache-control"), Some("no-store"));
    let challenge = response.json();
    assert_eq!(challenge["algorithm"], "SHA-256");
    assert_eq!(challenge["maxnumber"], 2000);
    let salt = challenge["salt"].as_str().unwrap();
    let number = (0..=2000u64)
        .find(|n| pow::hash(salt, *n) == challenge["challenge"].as_str().unwrap())
        .expect("the number is at most maxnumber");
    vec![
        ("pow_salt".into(), salt.into()),
        ("pow_number".into(), number.to_string()),
        ("pow_signature".into(), challenge["signature"].as_str().unwrap().into()),
    ]
}

fn sign_up(app: &TestApp, email: &str, lang: &str, proof: &[(String, String)]) -> Response {
    let mut fields = vec![
        ("email", email),
        ("language", lang),
        ("consent", "yes"),
        ("lang", lang),
        ("website", ""),
    ];
    fields.extend(proof.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    app.post_form("/subscribe", &fields, &[("Origin", ALLOWED)])
}

/// Refused with 422 and the message in `lang`, on the form again.
fn refused(response: &Response, message: &str) {
    assert_eq!(response.status, 422, "{}", response.text());
    let page = response.text();
    assert!(page.contains(message), "{page}");
    assert!(page.contains("id=\"pow-error\""), "{page}");
}

#[test]
fn only_the_embed_page_may_be_framed_and_only_by_the_allowed_origins() {
    let db = TestDb::sqlite();
    let app = start(&db);
    let embed = app.get("/subscribe/embed?lang=en", &[]);
    assert_eq!(embed.status, 200);
    assert_eq!(embed.header("content-security-policy"), Some(EMBED_CSP));
    assert_eq!(embed.header("x-frame-options"), None);
    let page = embed.text();
    assert!(page.contains("action=\"/subscribe/embed\""), "{page}");
    assert!(page.contains("data-rundbrief-pow=\"/subscribe/challenge\""), "{page}");
    assert!(page.contains("<script src=\"/subscribe/pow.js\" defer>"), "{page}");
    assert!(page.contains("Please turn on JavaScript for this page"), "the noscript text");
    assert!(!page.contains("class=\"site\""), "compact: no header or footer of the site");

    // The sign-up page: the script and the thank-you origin, but framed by nobody.
    let subscribe = app.get("/subscribe", &[]);
    let policy = subscribe.header("content-security-policy").unwrap();
    assert!(policy.ends_with("frame-ancestors 'none'"), "{policy}");
    assert!(policy.contains("script-src 'self'"), "{policy}");
    // Every other page as before.
    for path in ["/archive", "/nowhere", "/unsubscribe/forged"] {
        let other = app.get(path, &[]);
        assert_eq!(other.header("content-security-policy"), Some(PAGE_CSP), "{path}");
    }
    let login = app.get("/admin/login", &[]);
    assert!(login.header("content-security-policy").unwrap().contains("frame-ancestors 'none'"));

    let script = app.get("/subscribe/pow.js", &[]);
    assert_eq!(script.status, 200);
    assert_eq!(script.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert!(script.text().contains("crypto.subtle.digest('SHA-256'"));
    // Another site's page gets no CORS permission for a challenge.
    let foreign = app.get("/subscribe/challenge", &[("Origin", "https://evil.example")]);
    assert_eq!(foreign.header("access-control-allow-origin"), None);
}

#[test]
fn the_proof_of_work_is_needed_valid_unexpired_and_used_once() {
    let db = TestDb::sqlite();
    let app = start(&db);
    // Without a solution, in French and in German.
    refused(&sign_up(&app, "ohne@example.org", "fr", &[]), "La vérification que vous êtes");
    refused(&sign_up(&app, "ohne@example.org", "de", &[]), "Die Prüfung, ob Sie ein Mensch");

    // A wrong number.
    let mut wrong = solved(&app);
    let number: u64 = wrong[1].1.parse().unwrap();
    wrong[1].1 = (number + 1).to_string();
    refused(&sign_up(&app, "falsch@example.org", "en", &wrong), "The check that you are a person");

    // Expired: signed with the instance's key, but its time is up.
    let signer = TokenSigner::new(SECRET_KEY.as_bytes()).unwrap();
    let past = time::OffsetDateTime::now_utc() - time::Duration::minutes(1);
    let old = pow::issue(&signer, [9; SALT_BYTES], 77, 100, past);
    let expired = vec![
        ("pow_salt".to_owned(), old.salt.clone()),
        ("pow_number".to_owned(), "77".to_owned()),
        ("pow_signature".to_owned(), old.signature.clone()),
    ];
    refused(&sign_up(&app, "alt@example.org", "pl", &expired), "nie zostało wykonane");
    // The same challenge unexpired would have passed: the key is the instance's. (Within
    // the challenges' lifetime: a later expiry was not issued by this instance.)
    let fresh = pow::issue(&signer, [9; SALT_BYTES], 77, 100, past + time::Duration::minutes(20));
    let fresh = vec![
        ("pow_salt".to_owned(), fresh.salt),
        ("pow_number".to_owned(), "77".to_owned()),
        ("pow_signature".to_owned(), fresh.signature),
    ];
    assert_eq!(sign_up(&app, "frisch@example.org", "de", &fresh).status, 303);

    // Solved: off to the thank-you page; the same solution again is refused.
    let proof = solved(&app);
    let done = sign_up(&app, "neu@example.org", "de", &proof);
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(done.header("location"), Some("https://www.example.org/danke"));
    refused(&sign_up(&app, "zweiter@example.org", "en", &proof), "was already used");

    // The sign-up happened: a pending subscriber.
    let token = app.api_token("embed");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let found = app.api(&token, "GET", "/api/v1/subscribers?q=neu%40example.org", None).json();
        if found["items"][0]["status"] == "pending" {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no pending subscriber: {found}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn posts_from_pages_of_other_sites_are_refused() {
    let db = TestDb::sqlite();
    let app = start(&db);
    let fields = [("email", "x@example.org"), ("consent", "yes"), ("lang", "de")];
    for origin in ["https://evil.example", "null", "https://www.example.org.evil.example"] {
        let from = [("Origin", origin), ("Sec-Fetch-Site", "cross-site")];
        let response = app.post_form("/subscribe", &fields, &from);
        assert_eq!(response.status, 403, "{origin}: {}", response.text());
        let response = app.post_form("/subscribe/embed", &fields, &from);
        assert_eq!(response.status, 403, "{origin}");
        // Under the embed page's policy, so a frame shows it rather than a blocked page.
        assert_eq!(response.header("content-security-policy"), Some(EMBED_CSP), "{origin}");
        assert!(response.text().contains("role=\"alert\""), "{origin}");
    }
    // A foreign Origin is refused also from a browser that sends no Sec-Fetch-Site.
    let old = app.post_form("/subscribe", &fields, &[("Origin", "https://evil.example")]);
    assert_eq!(old.status, 403);
    // Our own pages post with Origin null (Referrer-Policy: no-referrer); Sec-Fetch-Site
    // says they are ours.
    let ours = [("Origin", "null"), ("Sec-Fetch-Site", "same-origin")];
    assert_eq!(app.post_form("/subscribe", &fields, &ours).status, 422, "on to the proof");
    // The instance's own page (the host it was reached at) and allowed sites get further:
    // to the proof of work, which they lack here.
    let own = app.post_form("/subscribe", &fields, &[("Origin", &app.url)]);
    assert_eq!(own.status, 422, "{}", own.text());
    let embedded = app.post_form("/subscribe/embed", &fields, &[("Origin", "http://127.0.0.1:9")]);
    assert_eq!(embedded.status, 422);
    assert_eq!(embedded.header("content-security-policy"), Some(EMBED_CSP), "framed answers");
}

#[test]
fn the_rate_limit_answers_inside_the_frame_in_the_forms_language() {
    let db = TestDb::sqlite();
    let app = start_with(&db, "2");
    let fields = [("email", "x@example.org"), ("consent", "yes"), ("lang", "de")];
    let from = [("Origin", ALLOWED)];
    let answers: Vec<Response> =
        (0..4).map(|_| app.post_form("/subscribe/embed", &fields, &from)).collect();
    assert_eq!(answers[0].status, 422, "on to the proof of work: {}", answers[0].text());
    let limited = answers.iter().find(|r| r.status == 429).expect("the limit is reached");
    assert_eq!(limited.header("content-security-policy"), Some(EMBED_CSP), "framed answer");
    assert!(limited.header("retry-after").is_some());
    let page = limited.text();
    assert!(page.contains("Von Ihrer Verbindung kamen zu viele Anfragen."), "{page}");
    assert!(page.contains("href=\"/subscribe/embed?lang=de\""), "back to the form: {page}");
}

#[test]
fn the_snippet_page_fills_in_the_lists_and_languages() {
    let db = TestDb::sqlite();
    let app = start(&db);
    let token = app.api_token("embed");
    let list = json!({"slug": "umwelt", "names": {"de": "Umwelt", "en": "Environment", "fr": "Environnement"}, "public": true});
    let created = app.api(&token, "POST", "/api/v1/lists", Some(&list));
    assert_eq!(created.status, 201, "{}", created.text());
    let id = created.json()["id"].as_i64().unwrap();
    let hidden =
        json!({"slug": "intern", "names": {"de": "Intern", "en": "Internal"}, "public": false});
    assert_eq!(app.api(&token, "POST", "/api/v1/lists", Some(&hidden)).status, 201);

    create_ok(&app, "viewer@example.org", "viewer");
    let mut session = AdminSession::new(&app).sign_in("viewer@example.org");
    let page = session.page("/admin/embed?form_lang=fr");
    assert!(page.contains("<code>https://www.example.org</code>"), "{page}");
    // The snippets are text in the page: escaped once.
    let form = page.split("id=\"snippet-form\"").nth(1).unwrap();
    let action =
        format!("&lt;form method=&quot;post&quot; action=&quot;{}/subscribe&quot;", app.url);
    assert!(form.contains(&action), "{form}");
    assert!(form.contains(&format!("value=&quot;{id}&quot;&gt; Environnement")), "{form}");
    assert!(!form.contains("Intern"), "only public lists");
    assert!(form.contains("&lt;option value=&quot;fr&quot; lang=&quot;fr&quot; selected&gt;"));
    assert!(form.contains("&lt;option value=&quot;mt&quot;"), "every language");
    assert!(form.contains("/subscribe/pow.js&quot; defer&gt;"), "the script with PoW on");
    assert!(form.contains("name=&quot;website&quot;"), "the honeypot");
    let frame = page.split("id=\"snippet-frame\"").nth(1).unwrap();
    assert!(frame.contains(&format!("{}/subscribe/embed?lang=fr", app.url)), "{frame}");
}
