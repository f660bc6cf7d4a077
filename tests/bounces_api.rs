//! The bounces of `/api/v1` over HTTP against `rundbrief serve` (issue 20): a campaign goes to
//! six readers, bounces and a complaint are stored for three of them, and the API lists a
//! subscriber's (newest first, never the returned mail) and counts the issue's per variant
//! language with rates over the mails sent; unknown ids are 404 problems. The editor UI shows
//! the same on the subscriber's page and the issue's progress page, in German and English. On
//! SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use rundbrief_core::model::BounceKind;
use rundbrief_core::{EmailAddress, IssueId, SubscriberId};
use rundbrief_store::{BounceSource, NewBounce, SoftBounceRule, Store};
use rundbrief_testkit::{AdminSession, Backend, TestDb, campaign};
use serde_json::Value;
use time::OffsetDateTime;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
/// In the raw mail only: the answers must not carry it.
const RAW_MARKER: &str = "X-Raw-Marker-7f3a";

fn api_lists_and_counts_bounces(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, smtp) = rundbrief_testkit::TestApp::spawn_with_smtp(BIN, &db, &[]);
    let token = app.api_token("tests");
    let get = |path: &str| app.api(&token, "GET", path, None);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let store: Arc<dyn Store> = rt.block_on(campaign::open(&db));
    // German, Polish, French, German, Polish, French.
    let readers: Vec<String> = (0..6).map(|i| format!("reader{i}@example.de")).collect();
    let issue = rt.block_on(campaign::seed(&store, &readers));
    let sent = app.command(&["issue", "send", &issue.0.to_string()]);
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let progress = get(&format!("/api/v1/issues/{}/progress", issue.0)).json();
        if progress["percent_done"] == 100 {
            break;
        }
        assert!(Instant::now() < deadline, "not sent: {progress}\n{}", app.log());
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(smtp.received_count(), 6);

    let subscriber = |i: usize| -> SubscriberId {
        let email = EmailAddress::parse(&readers[i]).unwrap();
        rt.block_on(store.subscriber_by_email(&email)).unwrap().unwrap().id
    };
    let now = OffsetDateTime::now_utc();
    let record = |i: usize, kind: BounceKind, status: &str, at: OffsetDateTime| {
        let delivery = rt.block_on(store.delivery(issue, subscriber(i))).unwrap();
        let bounce = NewBounce {
            kind,
            subscriber: None,
            delivery: Some(delivery.id),
            confirmation: None,
            issue: None,
            status_code: Some(status.to_owned()),
            diagnostic: Some(format!("{status} said the server")),
            raw: Some(format!("{RAW_MARKER}: {}\r\n\r\nreturned", readers[i]).into_bytes()),
            source: BounceSource::Smtp,
        };
        rt.block_on(store.record_bounce(&bounce, SoftBounceRule::default(), at)).unwrap().id
    };
    let hard = record(0, BounceKind::Hard, "5.1.1", now);
    let older_soft = record(1, BounceKind::Soft, "4.2.2", now - time::Duration::hours(2));
    let newer_soft = record(1, BounceKind::Soft, "4.2.2", now - time::Duration::hours(1));
    record(3, BounceKind::Complaint, "abuse", now);

    // A subscriber's list: newest first, every field, no raw mail.
    let response = get(&format!("/api/v1/subscribers/{}/bounces", subscriber(1).0));
    assert_eq!(response.status, 200, "{}", response.text());
    assert!(!response.text().contains(RAW_MARKER), "{}", response.text());
    let list = response.json();
    let ids: Vec<i64> =
        list.as_array().unwrap().iter().map(|b| b["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [newer_soft, older_soft]);
    let first = &list[0];
    assert_eq!(first["kind"], "soft");
    assert_eq!(first["status_code"], "4.2.2");
    assert_eq!(first["diagnostic"], "4.2.2 said the server");
    assert_eq!(first["issue_id"], issue.0);
    assert_eq!(first["source"], "smtp");
    assert!(first["received_at"].as_str().is_some_and(|t| t.contains('T')), "{first}");
    let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    assert_eq!(
        keys.len(),
        7,
        "only id, kind, status_code, diagnostic, issue_id, received_at, source: {keys:?}"
    );
    let of_hard = get(&format!("/api/v1/subscribers/{}/bounces", subscriber(0).0)).json();
    assert_eq!(of_hard[0]["id"], hard);
    assert_eq!(of_hard[0]["kind"], "hard");
    let of_none = get(&format!("/api/v1/subscribers/{}/bounces", subscriber(2).0)).json();
    assert_eq!(of_none, Value::Array(vec![]));

    // The issue's counts per variant language, in all, and the rates over the six sent.
    let response = get(&format!("/api/v1/issues/{}/bounces", issue.0));
    assert_eq!(response.status, 200, "{}", response.text());
    let counts = response.json();
    let language = |code: &str| -> Value {
        counts["languages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["language"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("no {code} in {counts}"))
    };
    let de = language("de");
    assert_eq!((&de["hard"], &de["soft"], &de["complaint"]), (&1.into(), &0.into(), &1.into()));
    let pl = language("pl");
    assert_eq!((&pl["hard"], &pl["soft"], &pl["complaint"]), (&0.into(), &2.into(), &0.into()));
    let total = &counts["total"];
    assert_eq!(
        (&total["hard"], &total["soft"], &total["complaint"]),
        (&1.into(), &2.into(), &1.into()),
        "{counts}"
    );
    assert_eq!(counts["sent"], 6, "{counts}");
    let rate = |kind: &str| counts["rates"][kind].as_f64().unwrap();
    assert!((rate("hard") - 1.0 / 6.0).abs() < 1e-9, "{counts}");
    assert!((rate("soft") - 2.0 / 6.0).abs() < 1e-9, "{counts}");
    assert!((rate("complaint") - 1.0 / 6.0).abs() < 1e-9, "{counts}");

    // A draft nobody was sent: no counts, no rates.
    let draft = rt.block_on(campaign::seed(&store, &[]));
    let empty = get(&format!("/api/v1/issues/{}/bounces", draft.0)).json();
    assert_eq!(empty["languages"], Value::Array(vec![]), "{empty}");
    assert_eq!(empty["sent"], 0);
    assert_eq!(empty["rates"]["hard"], Value::Null);

    // Unknown ids are 404 problems, as everywhere in the API; without a token, 401.
    for path in [
        format!("/api/v1/subscribers/{}/bounces", 999_999),
        format!("/api/v1/issues/{}/bounces", IssueId(999_999).0),
    ] {
        let response = get(&path);
        assert_eq!(response.status, 404, "{path}: {}", response.text());
        assert_eq!(response.header("content-type"), Some("application/problem+json"));
    }
    // The editor UI shows the same: the subscriber's table (German by default, English on
    // request) and the issue's counts and rates on its progress page.
    rundbrief_testkit::admin::create_ok(&app, "editor@example.org", "editor");
    let mut german = AdminSession::new(&app).sign_in("editor@example.org");
    let page = german.page(&format!("/admin/subscribers/{}", subscriber(1).0));
    assert!(page.contains("Unzustellbare Mails und Beschwerden"), "{page}");
    assert_eq!(page.matches("data-kind=\"soft\"").count(), 2, "{page}");
    assert!(page.contains("Vorübergehend unzustellbar") && page.contains("4.2.2 said the server"));
    assert!(!page.contains(RAW_MARKER));
    let page = german.page(&format!("/admin/subscribers/{}", subscriber(2).0));
    assert!(page.contains("Keine Mail an diese Adresse kam zurück."), "{page}");
    let page = german.page(&format!("/admin/issues/{}/progress", issue.0));
    let table = &page[page.find("id=\"bounce-counts\"").expect("the counts table")..];
    assert!(table.contains("data-language=\"pl\""), "{table}");
    // One soft bounce of six mails, twice: 33,3 % in German.
    assert!(table.contains("33,3 %") && table.contains("16,7 %"), "{table}");
    let mut english =
        AdminSession::new(&app).with_header("Accept-Language", "en").sign_in("editor@example.org");
    let page = english.page(&format!("/admin/issues/{}/progress", issue.0));
    assert!(page.contains("Bounces and complaints") && page.contains("33.3 %"), "{page}");
    let page = english.page(&format!("/admin/issues/{}/progress", draft.0));
    assert!(page.contains("No mail of this issue came back."), "{page}");

    let anonymous =
        app.api("wrong-token", "GET", &format!("/api/v1/issues/{}/bounces", issue.0), None);
    assert_eq!(anonymous.status, 401);
    drop(app);
}

rundbrief_testkit::on_both_backends!(api_lists_and_counts_bounces,);
