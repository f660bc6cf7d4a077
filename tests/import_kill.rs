//! `rundbrief import` killed with SIGKILL halfway through 200,000 rows, then the same command
//! again: every row exactly once, one consent event per imported subscriber. The real binary on
//! SQLite and on PostgreSQL; the result is read back through `rundbrief export subscribers` and
//! the store's consent log.
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use rundbrief_core::model::{ConsentAction, NewList, SubscriberFilter};
use rundbrief_core::{Language, SubscriberStatus};
use rundbrief_store::Store;
use rundbrief_testkit::{Backend, TestDb, TestProcess, campaign, process};
use time::OffsetDateTime;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const ROWS: usize = 200_000;
const BATCH: usize = 2000;
const LANGUAGES: [&str; 4] = ["de", "pl", "fr", "el"];

fn address(i: usize) -> String {
    format!("leser{i:06}@example.org")
}

/// The file, written through one buffer: a few MB in well under a second.
fn write_file(path: &Path) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "email,name,language,lists").unwrap();
    for i in 0..ROWS {
        writeln!(out, "{},Leser {i},{},news", address(i), LANGUAGES[i % LANGUAGES.len()]).unwrap();
    }
    out.flush().unwrap();
}

fn count(rt: &tokio::runtime::Runtime, store: &dyn Store) -> i64 {
    rt.block_on(store.count_subscribers()).unwrap().iter().map(|c| c.count).sum()
}

/// Consent events by action: subscriber ids of the `import` ones, and how many others.
fn consent_events(rt: &tokio::runtime::Runtime, store: &dyn Store) -> (Vec<i64>, usize) {
    let all = SubscriberFilter::default();
    let (mut imports, mut others) = (Vec::new(), 0);
    let mut after = None;
    loop {
        let page = rt.block_on(store.consent_log(None, &all, after, 5000)).unwrap();
        for event in &page.items {
            if event.action == ConsentAction::Import {
                imports.push(event.subscriber_id.0);
            } else {
                others += 1;
            }
        }
        match page.next {
            Some(next) => after = Some(next),
            None => return (imports, others),
        }
    }
}

fn killed_import_run_again_imports_every_row_once(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let store = rt.block_on(campaign::open(&db));
    let names = [(Language::De, "Neuigkeiten".to_owned())].into();
    let news = NewList { slug: "news".into(), names, public: true };
    rt.block_on(store.create_list(&news, OffsetDateTime::now_utc())).unwrap();
    let file = dir.path().join("leser.csv");
    write_file(&file);
    let batch = BATCH.to_string();
    let args = [
        "import",
        file.to_str().unwrap(),
        "--consent",
        "obtained-elsewhere",
        "--source",
        "Altes System",
        "--batch-size",
        &batch,
    ];

    // Killed a quarter of the way in: the run again must skip many and add the rest.
    let mut import = TestProcess::start(BIN, &db, dir.path(), &[], &args);
    let deadline = Instant::now() + Duration::from_secs(120);
    while count(&rt, &*store) < ROWS as i64 / 4 {
        assert!(!import.exited(), "the import ended before it was killed: {}", import.log());
        assert!(Instant::now() < deadline, "no rows after 120 s: {}", import.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    import.kill();
    let killed_at = started.elapsed();
    // PostgreSQL still commits a COMMIT the killed client had already sent: wait until the
    // count stands still before reading what the killed run left.
    let mut partial = count(&rt, &*store);
    let settle_by = Instant::now() + Duration::from_secs(10);
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let now = count(&rt, &*store);
        if now == partial || Instant::now() > settle_by {
            break;
        }
        partial = now;
    }
    assert!(partial > 0 && partial < ROWS as i64, "{partial} rows when killed");
    assert_eq!(partial % BATCH as i64, 0, "a batch is one transaction: all of it or nothing");
    let (imports, others) = consent_events(&rt, &*store);
    assert_eq!((imports.len() as i64, others), (partial, 0), "a consent event per subscriber");

    // The same command again.
    let rerun = Instant::now();
    let again = process::run(BIN, &db, dir.path(), &[], &args);
    let report = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{report}");
    let created = ROWS as i64 - partial;
    let expected = format!("{created} created, 0 updated, {partial} skipped ({partial} exists)");
    assert!(report.contains(&expected), "{report}");
    let rerun = rerun.elapsed();

    // Every address exactly once, active, on its list, with one consent event.
    assert_eq!(count(&rt, &*store), ROWS as i64);
    let export = process::run(BIN, &db, dir.path(), &[], &["export", "subscribers"]);
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    let mut reader = csv::Reader::from_reader(&export.stdout[..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (email, status, lists, language) =
        (column("email"), column("status"), column("lists"), column("language"));
    let mut seen = HashSet::with_capacity(ROWS);
    for record in reader.records() {
        let record = record.unwrap();
        let at = &record[email];
        assert!(seen.insert(at.to_owned()), "{at} twice");
        assert_eq!(&record[status], SubscriberStatus::Active.as_str(), "{at}");
        assert_eq!(&record[lists], "news", "{at}");
        let i: usize = at["leser".len().."leser".len() + 6].parse().unwrap();
        assert_eq!(&record[language], LANGUAGES[i % LANGUAGES.len()], "{at}");
    }
    assert_eq!(seen.len(), ROWS);
    assert!((0..ROWS).all(|i| seen.contains(&address(i))), "an address is missing");
    let (imports, others) = consent_events(&rt, &*store);
    let unique: HashSet<i64> = imports.iter().copied().collect();
    assert_eq!((imports.len(), unique.len(), others), (ROWS, ROWS, 0));
    eprintln!(
        "{backend:?}: killed after {:.1} s with {partial} rows in, the run again took {:.1} s; \
         {:.1} s in all",
        killed_at.as_secs_f64(),
        rerun.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
}

rundbrief_testkit::on_both_backends!(killed_import_run_again_imports_every_row_once);
