//! Bounces end to end (issue 20): `rundbrief serve` sends a campaign from signed VERP addresses
//! to the loopback SMTP server; afterwards a Postfix DSN for each of five readers and one ARF
//! complaint arrive through `rundbrief bounces process --to <envelope recipient>` (the pipe a
//! mail server hands the bounce domain's mail to). Those six end bounced or complained, the
//! issue counts 5 hard bounces and 1 complaint, and a report to a forged bounce address
//! changes nothing; the next campaign skips the six. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use rundbrief_core::model::IssueStatus;
use rundbrief_core::model::{NewIssue, VariantInput};
use rundbrief_core::segment::Segment;
use rundbrief_core::{EmailAddress, IssueId, Language, SubscriberStatus};
use rundbrief_store::Store;
use rundbrief_testkit::reports::{arf, dsn};
use rundbrief_testkit::{Backend, SmtpServer, TestApp, TestDb, campaign};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const MAIL_WAIT: Duration = Duration::from_secs(20);
const READERS: usize = 8;

fn reader(i: usize) -> String {
    format!("reader{i}@example.de")
}

fn bounces_and_a_complaint_are_applied_and_forged_ones_ignored(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let env = [("RUNDBRIEF_BOUNCE_DOMAIN", "bounces.example.org")];
    let (app, smtp): (TestApp, SmtpServer) = TestApp::spawn_with_smtp(BIN, &db, &env);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let store: Arc<dyn Store> = rt.block_on(campaign::open(&db));
    let readers: Vec<String> = (0..READERS).map(reader).collect();
    let issue = rt.block_on(campaign::seed(&store, &readers));
    let sent = app.command(&["issue", "send", &issue.0.to_string()]);
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    for address in &readers {
        smtp.wait_for(address, MAIL_WAIT);
    }
    let envelope_from = |address: &str| {
        let mails: Vec<_> =
            smtp.messages().into_iter().filter(|m| m.recipients == [address]).collect();
        assert_eq!(mails.len(), 1, "{address}");
        mails[0].from.clone()
    };
    let process = |name: &str, mail: &str, to: &str| {
        let file = app.dir.path().join(name);
        std::fs::write(&file, mail).unwrap();
        let out = app.command(&["bounces", "process", file.to_str().unwrap(), "--to", to]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };

    for (i, address) in readers.iter().enumerate().take(5) {
        let to = envelope_from(address);
        let said = process(&format!("dsn{i}.eml"), &dsn(&to, address), &to);
        assert!(said.contains("recorded bounce") && said.contains("Bounced"), "{said}");
    }
    let to = envelope_from(&readers[5]);
    let said = process("arf.eml", &arf(&to, &readers[5]), "fbl@example.org");
    assert!(said.contains("Complained"), "{said}");
    // A report to a bounce address with a damaged signature changes nothing.
    let genuine = envelope_from(&readers[6]);
    let (local, domain) = genuine.rsplit_once('@').unwrap();
    let forged = format!("{}x@{domain}", &local[..local.len() - 1]);
    let said = process("forged.eml", &dsn(&forged, &readers[6]), &forged);
    assert!(said.contains("did not sign"), "{said}");
    // An out-of-office reply is no bounce.
    let reply = format!(
        "From: {}\r\nTo: {}\r\nSubject: Abwesenheitsnotiz\r\nAuto-Submitted: auto-replied\r\n\r\n\
         Ich bin bis Montag nicht im Büro.\r\n",
        readers[7],
        envelope_from(&readers[7])
    );
    let said = process("ooo.eml", &reply, &envelope_from(&readers[7]));
    assert!(said.contains("ignored"), "{said}");

    let status = |address: &str| {
        let email = EmailAddress::parse(address).unwrap();
        rt.block_on(store.subscriber_by_email(&email)).unwrap().unwrap().status
    };
    for address in &readers[..5] {
        assert_eq!(status(address), SubscriberStatus::Bounced, "{address}");
    }
    assert_eq!(status(&readers[5]), SubscriberStatus::Complained);
    assert_eq!(status(&readers[6]), SubscriberStatus::Active, "a forged report changed nothing");
    assert_eq!(status(&readers[7]), SubscriberStatus::Active, "an auto-reply changed nothing");
    let counts = rt.block_on(store.bounce_counts(issue)).unwrap();
    let hard: i64 = counts.iter().map(|c| c.hard).sum();
    let complaints: i64 = counts.iter().map(|c| c.complaint).sum();
    let soft: i64 = counts.iter().map(|c| c.soft).sum();
    assert_eq!((hard, soft, complaints), (5, 0, 1), "{counts:?}");

    // The next campaign skips the six, and reaches the others (the forged report's and the
    // auto-reply's readers among them).
    let next = rt.block_on(second_issue(&store));
    let sent = app.command(&["issue", "send", &next.0.to_string()]);
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    for address in &readers[6..] {
        wait_for_count(&smtp, address, 2);
    }
    let done = std::time::Instant::now() + Duration::from_secs(20);
    while rt.block_on(store.issue(next)).unwrap().status != IssueStatus::Sent {
        assert!(std::time::Instant::now() < done, "the second campaign did not finish");
        std::thread::sleep(Duration::from_millis(100));
    }
    for address in &readers[..6] {
        assert_eq!(smtp.count_for(address), 1, "{address} got the next campaign");
    }
    drop(app);
}

/// A second issue to everyone, German only.
async fn second_issue(store: &Arc<dyn Store>) -> IssueId {
    let now = time::OffsetDateTime::now_utc();
    let new = NewIssue {
        title: "Januar".into(),
        base_language: Language::De,
        segment: Segment::everyone(),
    };
    let issue = store.create_issue(&new, now).await.unwrap();
    let input = VariantInput {
        subject: "Neues im Januar".into(),
        preheader: String::new(),
        body_markdown: "# Januar\n\nNeues für alle.".into(),
        ready: true,
    };
    store.put_variant(issue.id, Language::De, &input, now).await.unwrap();
    issue.id
}

/// Waits until `address` has received `count` mails.
fn wait_for_count(smtp: &SmtpServer, address: &str, count: usize) {
    let done = std::time::Instant::now() + MAIL_WAIT;
    while smtp.count_for(address) < count {
        assert!(std::time::Instant::now() < done, "{address}: fewer than {count} mails");
        std::thread::sleep(Duration::from_millis(50));
    }
}

rundbrief_testkit::on_both_backends!(bounces_and_a_complaint_are_applied_and_forged_ones_ignored,);
