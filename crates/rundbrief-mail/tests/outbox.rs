//! The file outbox writes whole `.eml` files into a directory.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use rundbrief_mail::{Envelope, FileOutbox, Mailer, MessageWriter, Transport as _};

#[tokio::test]
async fn writes_one_complete_eml_per_message() {
    let dir = tempfile::tempdir().unwrap();
    let outbox_dir = dir.path().join("outbox"); // created on first use
    let mailer = Mailer::from_settings(None, 8, &outbox_dir).unwrap();
    assert!(matches!(mailer, Mailer::Outbox(_)));

    let from = from();
    let list_id = list_id();
    let samples = samples();
    let mut writer = MessageWriter::new(DOMAIN).unwrap();
    let mut sent = Vec::new();
    for sample in &samples {
        let built = writer.build(&campaign(&from, &list_id, sample)).unwrap();
        mailer.send_built(&built).await.unwrap();
        sent.push(built);
    }

    let mut names: Vec<String> = std::fs::read_dir(&outbox_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), sent.len(), "{names:?}");
    for (name, built) in names.iter().zip(&sent) {
        // <yyyymmddThhmmss.nnnnnnnnnZ>-<message-id>.eml, in sending order.
        assert!(name.ends_with(&format!("-{}.eml", built.message_id)), "{name}");
        assert_eq!(name.find('T'), Some(8), "{name}");
        assert_eq!(std::fs::read(outbox_dir.join(name)).unwrap(), built.bytes);
    }
}

#[tokio::test]
async fn store_returns_the_path_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = FileOutbox::new(dir.path());
    let path =
        outbox.store(b"Message-ID: <a/b@example.org>\r\nSubject: x\r\n\r\nbody\r\n").await.unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(name.ends_with("-a_b@example.org.eml"), "{name}");
    // Without a Message-ID the name falls back to a random id.
    outbox.store(b"Subject: none\r\n\r\nbody\r\n").await.unwrap();
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 2);
    assert!(
        entries.iter().all(|e| e.as_ref().unwrap().file_name().to_str().unwrap().ends_with(".eml"))
    );
}

#[tokio::test]
async fn unwritable_directory_is_transient() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, b"x").unwrap();
    let err = FileOutbox::new(&file)
        .send(Envelope::new("a@example.org", &["b@example.net"]), b"Subject: x\r\n\r\nx\r\n")
        .await
        .unwrap_err();
    assert!(err.is_transient(), "{err}");
}
