//! `rundbrief backup FILE` while a campaign is sending: the copy passes SQLite's integrity
//! check, `serve` starts from it as is, and it holds every subscriber and every sent mark that
//! was committed before the backup began. Also: an existing file is never overwritten, and
//! PostgreSQL is refused with the pg_dump command.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::os::unix::fs::PermissionsExt as _;
use std::time::{Duration, Instant};

use rundbrief_testkit::{SmtpServer, TestDb, TestProcess, campaign, process};
use sqlx::Connection as _;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const RECIPIENTS: usize = 3000;

fn ok(out: &std::process::Output) {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Ids of the deliveries marked sent, and the number of subscribers, in the database at `url`.
async fn sent_and_subscribers(url: &str) -> (HashSet<i64>, i64) {
    let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
    let sent: Vec<(i64,)> = sqlx::query_as("SELECT id FROM deliveries WHERE status = 'sent'")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let (subscribers,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM subscribers").fetch_one(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    (sent.into_iter().map(|(id,)| id).collect(), subscribers)
}

#[test]
fn a_backup_during_a_campaign_is_whole_and_serve_starts_from_it() {
    let db = TestDb::sqlite();
    let server = SmtpServer::start();
    server.discard_bodies();
    let dir = tempfile::tempdir().unwrap();
    let smtp = server.url();
    // Paced, so the campaign is still sending when the backup runs.
    let env = [
        ("RUNDBRIEF_SMTP_URL", smtp.as_str()),
        ("RUNDBRIEF_SEND_RATE", "400"),
        ("RUNDBRIEF_SEND_BATCH_SIZE", "50"),
        ("RUNDBRIEF_PUBLIC_URL", "https://news.example.org"),
    ];
    ok(&process::run(BIN, &db, dir.path(), &env, &["migrate"]));
    let rt = tokio::runtime::Runtime::new().unwrap();
    let store = rt.block_on(campaign::open(&db));
    let addresses: Vec<String> =
        (0..RECIPIENTS).map(|i| format!("reader{i:05}@example.org")).collect();
    let issue = rt.block_on(campaign::seed(&store, &addresses));
    let _worker = TestProcess::spawn(BIN, &db, dir.path(), &env, &["worker"], "workers started");
    ok(&process::run(BIN, &db, dir.path(), &env, &["issue", "send", &issue.0.to_string()]));

    let deadline = Instant::now() + Duration::from_secs(60);
    while server.received_count() < 300 {
        assert!(Instant::now() < deadline, "the campaign did not start sending");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Read just before the backup begins: all of these were committed before it.
    let (sent_before, subscribers) = rt.block_on(sent_and_subscribers(&db.url));
    assert!(!sent_before.is_empty());
    assert_eq!(subscribers, RECIPIENTS as i64);
    let copy = dir.path().join("copy.db");
    let copy_arg = copy.to_str().unwrap();
    ok(&process::run(BIN, &db, dir.path(), &env, &["backup", copy_arg]));
    let received_after = server.received_count();
    assert!(
        received_after < RECIPIENTS,
        "the campaign had ended before the backup finished ({received_after} sent)"
    );
    assert_eq!(std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777, 0o600);

    let copy_url = format!("sqlite://{}", copy.display());
    let (sent_in_copy, subscribers_in_copy) = rt.block_on(async {
        let mut conn = sqlx::SqliteConnection::connect(&copy_url).await.unwrap();
        let (check,): (String,) =
            sqlx::query_as("PRAGMA integrity_check").fetch_one(&mut conn).await.unwrap();
        assert_eq!(check, "ok");
        conn.close().await.unwrap();
        sent_and_subscribers(&copy_url).await
    });
    assert_eq!(subscribers_in_copy, subscribers);
    let missing: Vec<_> = sent_before.difference(&sent_in_copy).collect();
    assert!(missing.is_empty(), "{} sent marks missing from the copy", missing.len());

    // A second backup to the same file is refused and leaves the copy alone.
    let size = std::fs::metadata(&copy).unwrap().len();
    let again = process::run(BIN, &db, dir.path(), &env, &["backup", copy_arg]);
    assert!(!again.status.success());
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(said.contains("exists already"), "{said}");
    assert_eq!(std::fs::metadata(&copy).unwrap().len(), size);

    // serve starts from the copy as is, on another SMTP server so it sends nothing here.
    let mut copy_db = TestDb::sqlite();
    copy_db.url = copy_url;
    let other = SmtpServer::start();
    let app = rundbrief_testkit::TestApp::spawn_on_smtp(BIN, &copy_db, &other, &[]);
    // Its job workers report in within a few seconds.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let ready = app.get("/readyz", &[]);
        if ready.status == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "{}", String::from_utf8_lossy(&ready.body));
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn postgres_is_refused_with_the_pg_dump_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite();
    let url = "postgres://postgres@127.0.0.1:5432/rundbrief";
    let out = process::run(
        BIN,
        &db,
        dir.path(),
        &[("RUNDBRIEF_DATABASE_URL", url)],
        &["backup", dir.path().join("x.dump").to_str().unwrap()],
    );
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("pg_dump -Fc") && said.contains("pg_restore"), "{said}");
    assert!(!dir.path().join("x.dump").exists());
}
