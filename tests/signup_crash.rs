//! A sign-up that answered "check your inbox" keeps its promise whatever happens to the
//! server: 100 sign-ups are sent at once, the server is killed with SIGKILL while they are in
//! flight, and started again. Every person who got the success page gets exactly one
//! confirmation mail within 60 s, and no pending subscriber exists without its consent event
//! and its mail. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use rand::Rng as _;
use rundbrief_core::SubscriberStatus;
use rundbrief_core::model::SubscriberFilter;
use rundbrief_testkit::app::Backend;
use rundbrief_testkit::http::encode_form;
use rundbrief_testkit::{TestApp, TestDb, campaign};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const SIGNUPS: usize = 100;

fn address(i: usize) -> String {
    format!("person{i:03}@example.org")
}

/// Sends a sign-up whose last byte waits at `barrier`; true when the answer was the success
/// page, false when the connection died or the answer was anything else.
fn signup(host: String, i: usize, barrier: Arc<Barrier>) -> bool {
    let email = address(i);
    let body = encode_form(&[
        ("email", email.as_str()),
        ("language", if i.is_multiple_of(2) { "pl" } else { "ro" }),
        ("consent", "yes"),
        ("website", ""),
    ]);
    let request = format!(
        "POST /subscribe HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let bytes = request.as_bytes();
    let Ok(mut stream) = TcpStream::connect(&host) else {
        barrier.wait();
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
    let sent_head = stream.write_all(&bytes[..bytes.len() - 1]).is_ok();
    barrier.wait();
    if !sent_head || stream.write_all(&bytes[bytes.len() - 1..]).is_err() {
        return false;
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    answer.starts_with("HTTP/1.1 200")
}

fn crash_during_signups(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (mut app, smtp) = TestApp::spawn_with_smtp(BIN, &db, &[("RUNDBRIEF_RATE_LIMIT", "0")]);
    let host = app.url.trim_start_matches("http://").to_owned();
    let barrier = Arc::new(Barrier::new(SIGNUPS + 1));
    let clients: Vec<_> = (0..SIGNUPS)
        .map(|i| {
            let (host, barrier) = (host.clone(), Arc::clone(&barrier));
            std::thread::spawn(move || signup(host, i, barrier))
        })
        .collect();
    // All heads are on the wire; release the last bytes together and kill the server while
    // the requests are being handled.
    barrier.wait();
    std::thread::sleep(Duration::from_millis(rand::rng().random_range(20..=60)));
    app.kill();
    let answers: Vec<bool> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    let succeeded: Vec<usize> = (0..SIGNUPS).filter(|&i| answers[i]).collect();
    let sent_before = smtp.received_count();
    app.restart();
    let restarted = Instant::now();

    // Every success answer gets its mail within 60 s of the restart.
    for &i in &succeeded {
        let left = Duration::from_secs(60).saturating_sub(restarted.elapsed());
        assert!(
            smtp.try_wait_for(&address(i), left).is_some(),
            "{backend:?}: {} answered with success but got no mail within 60 s\n{}",
            address(i),
            app.log()
        );
    }
    // Long enough for anything that could still come twice (a sweep, a re-run job).
    std::thread::sleep(Duration::from_secs(8));
    let counts = smtp.counts();
    let twice: Vec<&String> = counts.iter().filter(|(_, n)| **n > 1).map(|(a, _)| a).collect();
    eprintln!(
        "{backend:?}: {SIGNUPS} sign-ups, {} success answers, {sent_before} mails before the kill, \
         {} addresses mailed in all, {} twice",
        succeeded.len(),
        counts.len(),
        twice.len()
    );
    assert!(twice.is_empty(), "{backend:?}: mailed more than once: {twice:?}");

    // Nothing half-written: every pending subscriber has its consent event and got its mail.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let store = rt.block_on(campaign::open(&db));
    let filter = SubscriberFilter { status: Some(SubscriberStatus::Pending), ..Default::default() };
    let pending = rt.block_on(store.list_subscribers(&filter, None, 1000)).unwrap().items;
    assert!(pending.len() >= succeeded.len(), "{} pending", pending.len());
    for subscriber in &pending {
        let history = rt.block_on(store.consent_history(subscriber.id)).unwrap();
        assert_eq!(history.len(), 1, "{:?}", subscriber.id);
        let email = subscriber.email.as_ref().unwrap().as_str().to_owned();
        assert_eq!(counts.get(&email), Some(&1), "{email} pending without exactly one mail");
    }
}

rundbrief_testkit::on_both_backends!(crash_during_signups);
