//! The suppression list and the bounce warnings over HTTP against `rundbrief serve` (issue 20):
//! a campaign goes to 100 readers; hard bounces and a complaint come back. The dashboard warns
//! above 2 % hard bounces and above 0.1 % complaints (exactly 2 % does not warn), linking the
//! issue's progress page. `/admin/suppressions` lists the bounced, complained and erased
//! addresses and finds one by its address; lifting needs a reason, is recorded (history, the
//! consent log), keeps the status, and the reader comes back through the sign-up form's double
//! opt-in, while a complained reader whose suppression holds gets nothing. The API lists, lifts
//! with a token and lists the lifts. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use rundbrief_core::model::{BounceKind, suppression_hash};
use rundbrief_core::{EmailAddress, IssueId, SubscriberId};
use rundbrief_store::{BounceSource, NewBounce, SoftBounceRule, Store};
use rundbrief_testkit::{AdminSession, Backend, SmtpServer, TestApp, TestDb, campaign};
use serde_json::{Value, json};
use time::OffsetDateTime;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const READERS: usize = 100;
const MAIL_WAIT: Duration = Duration::from_secs(30);

fn reader(i: usize) -> String {
    format!("reader{i}@example.de")
}

fn hash(address: &str) -> String {
    suppression_hash(&EmailAddress::parse(address).unwrap())
}

/// The path of a link in a mail (`https://host/x/y` → `/x/y`).
fn path_of(link: &str) -> String {
    let rest = &link[link.find("://").map_or(0, |at| at + 3)..];
    rest[rest.find('/').unwrap()..].to_owned()
}

/// Sends `issue` through `serve` and waits until every mail went out.
fn send(app: &TestApp, token: &str, smtp: &SmtpServer, issue: IssueId) {
    let sent = app.command(&["issue", "send", &issue.0.to_string()]);
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let progress =
            app.api(token, "GET", &format!("/api/v1/issues/{}/progress", issue.0), None).json();
        if progress["percent_done"] == 100 {
            break;
        }
        assert!(Instant::now() < deadline, "not sent: {progress}\n{}", app.log());
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(smtp.received_count(), READERS);
}

/// The dashboard's warnings: `(kind, issue)` of each entry.
fn warnings(page: &str) -> Vec<String> {
    page.match_indices("data-warning=\"")
        .map(|(at, _)| {
            let rest = &page[at + 14..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

fn suppressions_can_be_found_lifted_and_warned_about(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, smtp) = TestApp::spawn_with_smtp(BIN, &db, &[]);
    let token = app.api_token("tests");
    let api = |method: &str, path: &str, body: Option<&Value>| app.api(&token, method, path, body);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let store: Arc<dyn Store> = rt.block_on(campaign::open(&db));
    let readers: Vec<String> = (0..READERS).map(reader).collect();
    let issue = rt.block_on(campaign::seed(&store, &readers));
    send(&app, &token, &smtp, issue);

    let subscriber = |i: usize| -> SubscriberId {
        let email = EmailAddress::parse(&reader(i)).unwrap();
        rt.block_on(store.subscriber_by_email(&email)).unwrap().unwrap().id
    };
    let record = |i: usize, kind: BounceKind| {
        let delivery = rt.block_on(store.delivery(issue, subscriber(i))).unwrap();
        let bounce = NewBounce {
            kind,
            subscriber: None,
            delivery: Some(delivery.id),
            confirmation: None,
            issue: None,
            status_code: Some("5.1.1".into()),
            diagnostic: None,
            raw: None,
            source: BounceSource::Smtp,
        };
        let now = OffsetDateTime::now_utc();
        rt.block_on(store.record_bounce(&bounce, SoftBounceRule::default(), now)).unwrap();
    };
    rundbrief_testkit::admin::create_ok(&app, "editor@example.org", "editor");
    let mut german = AdminSession::new(&app).sign_in("editor@example.org");
    let mut english =
        AdminSession::new(&app).with_header("Accept-Language", "en").sign_in("editor@example.org");

    // No bounce, no warning; two hard bounces of 100 are exactly the 2 % limit: none yet.
    assert!(warnings(&german.page("/admin")).is_empty());
    record(0, BounceKind::Hard);
    record(1, BounceKind::Hard);
    let page = german.page("/admin");
    assert!(warnings(&page).is_empty(), "2 % is not above the limit: {page}");
    assert!(!page.contains("id=\"bounce-warnings\""));
    // One complaint in 100 mails (1 %, the limit is 0.1 %) warns, linked to the progress page.
    record(2, BounceKind::Complaint);
    let page = german.page("/admin");
    assert_eq!(warnings(&page), ["complaints"], "{page}");
    let progress = format!("href=\"/admin/issues/{}/progress\"", issue.0);
    assert!(page.contains(&progress), "{page}");
    assert!(page.contains("Warnungen zur Zustellung") && page.contains("1,00 %"), "{page}");
    // A third hard bounce (3 %) warns as well, in English too.
    record(3, BounceKind::Hard);
    let page = english.page("/admin");
    assert_eq!(warnings(&page), ["complaints", "hard-bounces"], "{page}");
    assert!(page.contains("Delivery warnings") && page.contains("3.00 %"), "{page}");

    // An erased reader: only the start of the hash, and no lift. (A second later, so that it
    // is the newest suppression: times are kept in whole seconds.)
    std::thread::sleep(Duration::from_millis(1100));
    let erased = subscriber(5);
    assert_eq!(api("DELETE", &format!("/api/v1/subscribers/{}", erased.0), None).status, 204);

    // The page lists them newest first, with the subscriber where a row holds the address.
    let page = german.page("/admin/suppressions");
    assert!(page.contains("Sperrliste"), "{page}");
    let row = |page: &str, hash: &str| -> Option<String> {
        let at = page.find(&format!("data-hash=\"{}\"", &hash[..12]))?;
        Some(page[at..at + page[at..].find("</tr>").unwrap()].to_owned())
    };
    let bounced = row(&page, &hash(&reader(0))).expect("the bounced reader");
    assert!(bounced.contains(&reader(0)), "{bounced}");
    assert!(bounced.contains(&format!("href=\"/admin/subscribers/{}\"", subscriber(0).0)));
    assert!(bounced.contains("Unzustellbar") && bounced.contains("/admin/suppressions/lift?hash="));
    let gone = row(&page, &hash(&reader(5))).expect("the erased reader");
    assert!(!gone.contains(&reader(5)) && !gone.contains("/admin/suppressions/lift"), "{gone}");
    assert!(gone.contains(&hash(&reader(5))[..12]), "{gone}");
    assert_eq!(page.matches("data-reason=\"hard_bounce\"").count(), 3, "{page}");
    assert_eq!(page.matches("data-reason=\"erasure\"").count(), 1, "{page}");
    // The erasure is the newest.
    assert!(page.find("data-reason=\"erasure\"") < page.find("data-reason=\"complaint\""));
    // Searching by address, in any case, finds that one; by reason, those.
    let found = german.page("/admin/suppressions?q=Reader2%40Example.de");
    assert_eq!(found.matches("data-reason=").count(), 1, "{found}");
    assert!(found.contains("data-reason=\"complaint\"") && found.contains(&reader(2)));
    let found = german.page("/admin/suppressions?reason=hard_bounce");
    assert_eq!(found.matches("data-reason=\"hard_bounce\"").count(), 3, "{found}");
    assert_eq!(found.matches("data-reason=").count(), 3, "{found}");
    let wrong = german.get("/admin/suppressions?q=no+address");
    assert_eq!(wrong.status, 422, "{}", wrong.text());
    assert!(wrong.text().contains("vollständige E-Mail-Adresse"), "{}", wrong.text());

    // A viewer sees the list, but no way to lift, and the lift page's form is disabled.
    rundbrief_testkit::admin::create_ok(&app, "viewer@example.org", "viewer");
    let mut viewer = AdminSession::new(&app).sign_in("viewer@example.org");
    let seen = viewer.page("/admin/suppressions");
    assert!(seen.contains(&reader(0)) && !seen.contains("/admin/suppressions/lift?"), "{seen}");
    let form = viewer.page(&format!("/admin/suppressions/lift?hash={}", hash(&reader(0))));
    assert!(form.contains("<fieldset class=\"plain\" disabled"), "{form}");

    // Lifting asks for a reason on its own page; without one nothing changes.
    let lift = format!("/admin/suppressions/lift?hash={}", hash(&reader(0)));
    let form = german.page(&lift);
    assert!(form.contains("Sperre aufheben?") && form.contains("name=\"reason\""), "{form}");
    let token_of = rundbrief_testkit::admin::csrf_of(&form);
    let hash0 = hash(&reader(0));
    let refused = german.post_with(
        &token_of,
        "/admin/suppressions/lift",
        &[("hash", &hash0), ("reason", "  ")],
    );
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(refused.text().contains("warum die Sperre aufgehoben wird"), "{}", refused.text());
    let still = german.page("/admin/suppressions?q=reader0%40example.de");
    assert_eq!(still.matches("data-reason=").count(), 1, "{still}");
    // Without the CSRF token, refused by the guard.
    let forged = german.request(
        "POST",
        "/admin/suppressions/lift",
        &[("hash", &hash0), ("reason", "forged")],
    );
    assert_eq!(forged.status, 403);
    // The erasure's suppression is not lifted here.
    let hash5 = hash(&reader(5));
    let erasure = german.post_with(
        &token_of,
        "/admin/suppressions/lift",
        &[("hash", &hash5), ("reason", "asked")],
    );
    assert_eq!(erasure.status, 409, "{}", erasure.text());
    let lifted = german.post_with(
        &token_of,
        "/admin/suppressions/lift",
        &[("hash", &hash0), ("reason", "Postfach gibt es wieder (Anruf)")],
    );
    assert_eq!(lifted.status, 303, "{}", lifted.text());
    assert_eq!(lifted.header("location"), Some("/admin/suppressions?lifted=1"));
    let page = german.page("/admin/suppressions?lifted=1");
    assert!(page.contains("id=\"lifted\""), "{page}");
    assert!(row(&page, &hash0).is_none(), "gone from the list: {page}");
    let history = &page[page.find("id=\"lift-list\"").expect("the lifts")..];
    assert!(history.contains("Postfach gibt es wieder (Anruf)"), "{history}");
    assert!(history.contains(&format!("href=\"/admin/subscribers/{}\"", subscriber(0).0)));
    assert!(history.contains("Unzustellbar") && history.contains("Konto "), "{history}");

    // The status stays bounced; the consent log has the lift.
    let subscriber0 = api("GET", &format!("/api/v1/subscribers/{}", subscriber(0).0), None).json();
    assert_eq!(subscriber0["status"], "bounced");
    let events = api("GET", &format!("/api/v1/subscribers/{}/consent", subscriber(0).0), None);
    let events = events.json();
    let last = events.as_array().unwrap().last().cloned().unwrap();
    assert_eq!(last["action"], "suppression_lifted", "{events}");
    let consent = german.page(&format!("/admin/subscribers/{}", subscriber(0).0));
    assert!(
        consent.contains("Sperre aufgehoben (die Adresse darf sich neu anmelden)"),
        "{consent}"
    );

    // The complained reader, still suppressed, signs up and gets nothing; the lifted one gets
    // a confirmation mail and is active once they confirm.
    for i in [2, 0] {
        let response = app.sign_up_on_form(&reader(i), "de", &[]);
        assert_eq!(response.status, 200, "{}", response.text());
    }
    let deadline = Instant::now() + MAIL_WAIT;
    while smtp.count_for(&reader(0)) < 2 {
        assert!(Instant::now() < deadline, "no confirmation mail\n{}", app.log());
        std::thread::sleep(Duration::from_millis(100));
    }
    let mail = smtp.wait_for(&reader(0), MAIL_WAIT);
    let link = mail.link_containing("/confirm/").expect("a confirmation link");
    let status = |i: usize| {
        api("GET", &format!("/api/v1/subscribers/{}", subscriber(i).0), None).json()["status"]
            .clone()
    };
    assert_eq!(status(0), "pending");
    let confirmed = app.post_form(&path_of(&link), &[], &[]);
    assert_eq!(confirmed.status, 200, "{link}: {}", confirmed.text());
    assert_eq!(status(0), "active");
    // The two sign-ups were queued together; the complained one was processed too by now or
    // a moment later, and neither mails nor changes anything.
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(smtp.count_for(&reader(2)), 1, "only the campaign");
    assert_eq!(status(2), "complained");

    // The API: the list with filters and paging, the same search, problems for bad queries.
    let list = api("GET", "/api/v1/suppressions?limit=2", None);
    assert_eq!(list.status, 200, "{}", list.text());
    let first = list.json();
    assert_eq!(first["items"].as_array().unwrap().len(), 2, "{first}");
    assert_eq!(first["items"][0]["reason"], "erasure");
    assert_eq!(first["items"][0]["email"], Value::Null);
    assert_eq!(first["items"][0]["email_hash"], hash5);
    let next = first["next"].as_str().expect("a next page").to_owned();
    let rest = api("GET", &format!("/api/v1/suppressions?limit=10&after={next}"), None).json();
    let hashes: Vec<&str> = rest["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["email_hash"].as_str().unwrap())
        .collect();
    assert_eq!(hashes.len(), 2, "reader 0 was lifted: {rest}");
    assert!(!hashes.contains(&hash0.as_str()));
    assert_eq!(rest["next"], Value::Null);
    let one = api("GET", "/api/v1/suppressions?email=reader1%40example.de", None).json();
    assert_eq!(one["items"][0]["subscriber_id"], subscriber(1).0, "{one}");
    assert_eq!(one["items"][0]["email"], reader(1));
    let complaints = api("GET", "/api/v1/suppressions?reason=complaint", None).json();
    assert_eq!(complaints["items"].as_array().unwrap().len(), 1, "{complaints}");
    for bad in ["reason=bounced", "email=nope", "after=x", "limit=0", "colour=red"] {
        let response = api("GET", &format!("/api/v1/suppressions?{bad}"), None);
        assert_eq!(response.status, 422, "{bad}: {}", response.text());
        assert_eq!(response.header("content-type"), Some("application/problem+json"));
    }

    // Lifting through the API: a reason is required; lifted once; an erasure refused.
    let lift = |body: Value| api("POST", "/api/v1/suppressions/lift", Some(&body));
    let missing = lift(json!({ "email": reader(1) }));
    assert_eq!(missing.status, 422, "{}", missing.text());
    assert_eq!(missing.json()["errors"][0]["field"], "reason", "{}", missing.text());
    let blank = lift(json!({ "email": reader(1), "reason": " " }));
    assert_eq!(blank.status, 422, "{}", blank.text());
    let both = lift(json!({ "email": reader(1), "email_hash": hash(&reader(1)), "reason": "x" }));
    assert_eq!(both.status, 422, "{}", both.text());
    let done = lift(json!({ "email": reader(1), "reason": "the CRM says the mailbox is back" }));
    assert_eq!(done.status, 200, "{}", done.text());
    let done = done.json();
    assert_eq!(done["previous_reason"], "hard_bounce");
    assert_eq!(done["subscriber_id"], subscriber(1).0);
    assert_eq!(done["lifted_by_user"], Value::Null);
    assert!(done["lifted_by_token"].as_i64().is_some(), "{done}");
    let again = lift(json!({ "email": reader(1), "reason": "again" }));
    assert_eq!(again.status, 404, "{}", again.text());
    assert_eq!(again.header("content-type"), Some("application/problem+json"));
    let erased_lift = lift(json!({ "email_hash": hash5, "reason": "asked" }));
    assert_eq!(erased_lift.status, 409, "{}", erased_lift.text());
    let lifts = api("GET", "/api/v1/suppressions/lifts", None).json();
    let lifts = lifts["items"].as_array().unwrap().clone();
    assert_eq!(lifts.len(), 2, "{lifts:?}");
    assert_eq!(lifts[0]["email_hash"], hash(&reader(1)));
    assert_eq!(lifts[1]["email_hash"], hash0);
    assert!(lifts[1]["lifted_by_user"].as_i64().is_some(), "{lifts:?}");
    assert_eq!(lifts[1]["reason"], "Postfach gibt es wieder (Anruf)");

    let log = app.log();
    assert!(!log.contains(&reader(0)) && !log.contains(&hash0), "logs carry ids only");
    drop(app);
}

rundbrief_testkit::on_both_backends!(suppressions_can_be_found_lifted_and_warned_about,);
