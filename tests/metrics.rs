//! `/metrics` (`RUNDBRIEF_METRICS_LISTEN`): a campaign through `serve` to a loopback SMTP
//! server, then a scrape read by the reference Prometheus text-format parser (Python's
//! `prometheus_client`, pinned in `.ci/venv-prom` by `.ci/run`): the sent counter equals the
//! sent deliveries in the ledger, per issue and language; requests are counted by route; the
//! public listener has no `/metrics`. On SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rundbrief_core::model::{DeliveryStatus, IssueStatus};
use rundbrief_testkit::{Backend, SmtpServer, TestDb, TestProcess, campaign, http};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const RECIPIENTS: usize = 30;

/// The Python with `prometheus_client`: `RUNDBRIEF_TEST_PROMETHEUS_PYTHON`, else the venv
/// `.ci/run` makes. Missing under CI is a failure; elsewhere the test says why it skips.
fn parser_python() -> Option<PathBuf> {
    let python =
        std::env::var_os("RUNDBRIEF_TEST_PROMETHEUS_PYTHON").map(PathBuf::from).unwrap_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".ci/venv-prom/bin/python"),
        );
    let works = std::process::Command::new(&python)
        .args(["-c", "import prometheus_client.parser"])
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Some(python);
    }
    let why = format!("no Python with prometheus_client at {}", python.display());
    assert!(std::env::var_os("CI").is_none(), "{why}: .ci/run installs it");
    eprintln!("metrics test SKIPPED: {why} (bash .ci/run installs it)");
    None
}

/// One sample as the parser read it.
#[derive(Debug, serde::Deserialize)]
struct Sample {
    name: String,
    labels: HashMap<String, String>,
    value: f64,
}

/// `text` parsed by `prometheus_client.parser.text_string_to_metric_families`; its errors
/// (anything that is not the text format) fail the test.
fn parse(python: &PathBuf, text: &str) -> Vec<Sample> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("scrape.txt");
    std::fs::write(&file, text).unwrap();
    let script = "import json, sys\n\
        from prometheus_client.parser import text_string_to_metric_families\n\
        text = open(sys.argv[1], encoding='utf-8').read()\n\
        out = [dict(name=s.name, labels=s.labels, value=s.value)\n\
               for f in text_string_to_metric_families(text) for s in f.samples]\n\
        print(json.dumps(out))\n";
    let output =
        std::process::Command::new(python).args(["-c", script]).arg(&file).output().unwrap();
    assert!(output.status.success(), "parser: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The address in the `metrics on http://…/metrics` line.
fn metrics_base(process: &TestProcess) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let log = process.log();
        if let Some(at) = log.find("metrics on http://") {
            let rest = &log[at + "metrics on ".len()..];
            let url = rest.split(|c: char| c.is_whitespace() || c == '"').next().unwrap();
            return url.trim_end_matches("/metrics").to_owned();
        }
        assert!(Instant::now() < deadline, "no metrics address logged:\n{log}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn a_campaign_is_counted_by_issue_and_language(backend: Backend) {
    let Some(python) = parser_python() else { return };
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    smtp.discard_bodies();
    let dir = tempfile::tempdir().unwrap();
    let smtp_url = smtp.url();
    let env = [
        ("RUNDBRIEF_SMTP_URL", smtp_url.as_str()),
        ("RUNDBRIEF_PUBLIC_URL", "https://news.example.org"),
        ("RUNDBRIEF_METRICS_LISTEN", ":0"),
        // Three seconds for the campaign, so a scrape while it runs sees a queue.
        ("RUNDBRIEF_SEND_RATE", "10"),
        ("RUNDBRIEF_SEND_RETRY_SECONDS", "1"),
    ];
    let migrated = rundbrief_testkit::process::run(BIN, &db, dir.path(), &env, &["migrate"]);
    assert!(migrated.status.success(), "{}", String::from_utf8_lossy(&migrated.stderr));
    let rt = tokio::runtime::Runtime::new().unwrap();
    let store = rt.block_on(campaign::open(&db));
    let addresses: Vec<String> =
        (0..RECIPIENTS).map(|i| format!("reader{i:03}@example.org")).collect();
    let issue = rt.block_on(campaign::seed(&store, &addresses));
    // One address that does not exist (failed, a hard bounce) and one refused once for now
    // (retried, then sent).
    let unknown = "550 5.1.1 <user>: Recipient address rejected: User unknown";
    smtp.reply_to_rcpt(&addresses[5], unknown, usize::MAX);
    smtp.reply_to_rcpt(&addresses[10], "451 4.3.0 Temporary local problem", 1);

    let serve = TestProcess::spawn(BIN, &db, dir.path(), &env, &["serve"], "listening on http://");
    let metrics = metrics_base(&serve);
    let public = serve.url();
    assert_ne!(metrics, public, "a listener of its own");
    assert_eq!(http::get(&public, "/metrics", &[]).status, 404, "not on the public listener");
    assert_eq!(http::get(&public, "/healthz", &[]).status, 200);
    let signup = [("email", "new@example.org"), ("language", "de"), ("consent", "yes")];
    assert_eq!(http::post_form(&public, "/subscribe", &signup, &[]).status, 200);

    let id = issue.0.to_string();
    let sent = rundbrief_testkit::process::run(BIN, &db, dir.path(), &env, &["issue", "send", &id]);
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    let early = parse(&python, &http::get(&metrics, "/metrics", &[]).text());
    let queued = early.iter().find(|s| s.name == "rundbrief_queue_depth").map(|s| s.value);
    assert!(queued.is_some_and(|q| q >= 10.0), "a queue while sending: {queued:?}");
    let deadline = Instant::now() + Duration::from_secs(60);
    while rt.block_on(store.issue(issue)).unwrap().status != IssueStatus::Sent {
        assert!(Instant::now() < deadline, "campaign not sent:\n{}", serve.log());
        std::thread::sleep(Duration::from_millis(100));
    }

    // The ledger's sent deliveries per variant language that went out (French readers get
    // the German variant), read delivery by delivery.
    let mut ledger: HashMap<String, f64> = HashMap::new();
    for address in &addresses {
        let email = rundbrief_core::EmailAddress::parse(address).unwrap();
        let reader = rt.block_on(store.subscriber_by_email(&email)).unwrap().unwrap();
        let delivery = rt.block_on(store.delivery(issue, reader.id)).unwrap();
        if delivery.status == DeliveryStatus::Sent {
            let language = delivery.language.unwrap().code().to_owned();
            *ledger.entry(language).or_default() += 1.0;
        }
    }
    let delivered = (RECIPIENTS - 1) as f64;
    assert_eq!(ledger.values().sum::<f64>(), delivered, "{ledger:?}");
    assert_eq!(ledger.len(), 2, "German and Polish variants went out: {ledger:?}");

    let scrape = http::get(&metrics, "/metrics", &[]);
    assert_eq!(scrape.status, 200);
    assert!(scrape.header("content-type").unwrap().starts_with("text/plain"));
    let samples = parse(&python, &scrape.text());
    let sent: Vec<&Sample> =
        samples.iter().filter(|s| s.name == "rundbrief_messages_sent_total").collect();
    let total: f64 = sent.iter().map(|s| s.value).sum();
    assert_eq!(total, delivered, "the sent counter is the ledger's sent: {sent:?}");
    for (language, count) in &ledger {
        let series: Vec<&&Sample> = sent
            .iter()
            .filter(|s| s.labels.get("language") == Some(language) && s.labels["issue"] == id)
            .collect();
        assert_eq!(series.len(), 1, "one series for issue {id} in {language}: {sent:?}");
        assert_eq!(series[0].value, *count, "{language}");
    }
    let sum = |name: &str, label: Option<(&str, &str)>| -> f64 {
        let matches = |s: &&Sample| {
            s.name == name
                && label.is_none_or(|(k, v)| s.labels.get(k).map(String::as_str) == Some(v))
        };
        samples.iter().filter(matches).map(|s| s.value).sum()
    };
    assert_eq!(sum("rundbrief_messages_failed_total", Some(("issue", &id))), 1.0);
    assert_eq!(sum("rundbrief_messages_retried_total", Some(("issue", &id))), 1.0);
    assert_eq!(sum("rundbrief_messages_skipped_total", None), 0.0);
    assert_eq!(sum("rundbrief_bounces_total", Some(("kind", "hard"))), 1.0, "the unknown user");
    assert_eq!(sum("rundbrief_signups_total", None), 1.0);
    // Requests by route pattern and status, with a latency histogram.
    let healthz = samples.iter().find(|s| {
        s.name == "rundbrief_http_requests_total"
            && s.labels.get("route").map(String::as_str) == Some("/healthz")
            && s.labels.get("status").map(String::as_str) == Some("200")
    });
    assert_eq!(healthz.map(|s| s.value), Some(1.0), "/healthz counted once");
    assert!(
        samples.iter().any(|s| s.name == "rundbrief_http_request_duration_seconds_bucket"
            && s.labels.get("route").map(String::as_str) == Some("/healthz")),
        "a latency histogram by route"
    );
    assert!(
        samples.iter().all(|s| !s.labels.get("route").is_some_and(|r| r.contains("/metrics"))),
        "the unmatched /metrics on the public listener is no route of its own"
    );
    assert!(samples.iter().any(|s| s.name.starts_with("process_")), "process metrics");
    let queue = samples.iter().find(|s| s.name == "rundbrief_queue_depth").map(|s| s.value);
    assert_eq!(queue, Some(0.0), "nothing left to send");
    let max = sum("rundbrief_db_pool_max_connections", None);
    let expected = if backend == Backend::Sqlite { 1.0 } else { 8.0 };
    assert_eq!(max, expected, "the write pool (SQLite) or the pool (PostgreSQL)");
    let open = sum("rundbrief_db_pool_connections", None);
    assert!((1.0..=max).contains(&open), "open connections: {open}");
}

rundbrief_testkit::on_both_backends!(a_campaign_is_counted_by_issue_and_language);
