//! A campaign's fixtures written straight into the store: many subscribers in a few seconds,
//! where the API would take minutes in a debug build.

use std::sync::Arc;

use rundbrief_core::model::{NewIssue, NewSubscriber, VariantInput};
use rundbrief_core::segment::Segment;
use rundbrief_core::{EmailAddress, IssueId, Language, SubscriberStatus};
use rundbrief_store::Store;

use crate::{Backend, TestDb};

/// The store of `db`, migrated, as the binary would open it.
pub async fn open(db: &TestDb) -> Arc<dyn Store> {
    match db.backend {
        Backend::Sqlite => {
            Arc::new(rundbrief_store_sqlite::SqliteStore::connect(&db.url).await.unwrap())
        }
        Backend::Postgres => {
            Arc::new(rundbrief_store_postgres::PgStore::connect(&db.url, 8).await.unwrap())
        }
    }
}

/// `addresses` as active German, Polish and French readers, and a draft issue to everyone with
/// ready German and Polish variants.
pub async fn seed(store: &Arc<dyn Store>, addresses: &[String]) -> IssueId {
    let now = time::OffsetDateTime::now_utc();
    let languages = [Language::De, Language::Pl, Language::Fr];
    let chunks: Vec<Vec<(usize, String)>> = addresses
        .iter()
        .cloned()
        .enumerate()
        .collect::<Vec<_>>()
        .chunks(addresses.len().div_ceil(8).max(1))
        .map(<[_]>::to_vec)
        .collect();
    let mut tasks = Vec::new();
    for chunk in chunks {
        let store = Arc::clone(store);
        tasks.push(tokio::spawn(async move {
            for (i, address) in chunk {
                let email = EmailAddress::parse(&address).unwrap();
                let mut new = NewSubscriber::pending(email, languages[i % languages.len()]);
                new.status = SubscriberStatus::Active;
                store.create_subscriber(&new, now).await.unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let issue = store
        .create_issue(
            &NewIssue {
                title: "Dezember".into(),
                base_language: Language::De,
                segment: Segment::everyone(),
            },
            now,
        )
        .await
        .unwrap();
    for (language, subject) in [(Language::De, "Neuigkeiten"), (Language::Pl, "Aktualności")] {
        let input = VariantInput {
            subject: format!("{subject} {{{{ name }}}}"),
            preheader: String::new(),
            body_markdown: format!("# {subject}\n\n{}", "Text für alle. ".repeat(40)),
            ready: true,
        };
        store.put_variant(issue.id, language, &input, now).await.unwrap();
    }
    issue.id
}
