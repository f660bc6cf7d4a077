//! Contract tests of imports run as background jobs; part of [`crate::contract`].

use serde_json::json;
use time::Duration;

use super::{SharedStore, t0};
use crate::{ImportJobStatus, NewImportJob, StoreError};

fn new_job(file_name: &str) -> NewImportJob {
    NewImportJob {
        file_name: file_name.into(),
        consent: "obtained-elsewhere".into(),
        options: json!({ "source": "Paper forms 2023", "update": ["name"] }),
        dry_run: false,
        created_by: "account 1".into(),
        bytes_total: 1000,
    }
}

pub async fn an_import_job_is_claimed_once_reports_progress_and_finishes(store: SharedStore) {
    let job = store.create_import_job(&new_job("list.csv"), t0()).await.unwrap();
    assert_eq!(job.status, ImportJobStatus::Queued);
    assert_eq!(job.options["source"], "Paper forms 2023");
    assert_eq!((job.bytes_total, job.bytes_done, job.rows_done), (1000, 0, 0));
    assert!(job.started_at.is_none() && job.report.is_none());
    let lease = t0() + Duration::seconds(30);
    let claimed =
        store.claim_import_job("run-1", t0(), lease).await.unwrap().expect("a queued job");
    assert_eq!((claimed.id, claimed.status), (job.id, ImportJobStatus::Running));
    assert_eq!(claimed.started_at, Some(t0()));
    // A live lease is not taken again.
    assert!(
        store
            .claim_import_job("run-2", t0() + Duration::seconds(5), lease)
            .await
            .unwrap()
            .is_none()
    );
    store
        .import_job_progress(job.id, "run-1", 400, 12, t0() + Duration::seconds(60))
        .await
        .unwrap();
    // Only the run that holds the job writes to it.
    let stranger = store.import_job_progress(job.id, "run-2", 1, 1, t0()).await.unwrap_err();
    assert!(matches!(stranger, StoreError::NotFound(_)), "{stranger:?}");
    let read = store.import_job(job.id).await.unwrap();
    assert_eq!((read.bytes_done, read.rows_done), (400, 12));
    // The renewed lease holds past the first one's end.
    assert!(
        store
            .claim_import_job("run-2", t0() + Duration::seconds(45), lease)
            .await
            .unwrap()
            .is_none()
    );
    let report = json!({ "rows": 30, "created": 29, "rejected": 1 });
    let done =
        store.finish_import_job(job.id, "run-1", &report, None, t0() + Duration::seconds(50)).await;
    let done = done.unwrap();
    assert_eq!(done.status, ImportJobStatus::Done);
    assert_eq!((done.bytes_done, done.rows_done), (1000, 30));
    assert_eq!(done.report, Some(report.clone()));
    assert_eq!(done.finished_at, Some(t0() + Duration::seconds(50)));
    // A finished job takes no more progress and is not finished twice.
    let late = store.import_job_progress(job.id, "run-1", 1, 1, t0()).await.unwrap_err();
    assert!(matches!(late, StoreError::NotFound(_)), "{late:?}");
    let again = store.finish_import_job(job.id, "run-1", &report, Some("x"), t0()).await;
    let again = again.unwrap_err();
    assert!(matches!(again, StoreError::NotFound(_)), "{again:?}");
    assert!(
        store.claim_import_job("run-3", t0() + Duration::hours(1), lease).await.unwrap().is_none()
    );
}

pub async fn an_import_job_of_a_dead_runner_is_taken_over_from_the_start(store: SharedStore) {
    let first = store.create_import_job(&new_job("a.csv"), t0()).await.unwrap();
    let second = store.create_import_job(&new_job("b.csv"), t0()).await.unwrap();
    let lease = t0() + Duration::seconds(30);
    let claimed = store.claim_import_job("run-1", t0(), lease).await.unwrap().unwrap();
    assert_eq!(claimed.id, first.id, "the oldest job first");
    store.import_job_progress(first.id, "run-1", 500, 20, lease).await.unwrap();
    let next = store.claim_import_job("run-2", t0(), lease).await.unwrap().unwrap();
    assert_eq!(next.id, second.id);
    // The first runner died: after its lease, the job is claimed again from zero.
    let later = t0() + Duration::seconds(31);
    let resumed = store.claim_import_job("run-3", later, later + Duration::seconds(30)).await;
    let resumed = resumed.unwrap();
    let resumed = resumed.expect("the dead runner's job");
    assert_eq!(resumed.id, first.id);
    assert_eq!((resumed.bytes_done, resumed.rows_done), (0, 0));
    // The dead run, had it only stalled, can write neither progress nor the end any more.
    let stale = store.import_job_progress(first.id, "run-1", 900, 30, lease).await.unwrap_err();
    assert!(matches!(stale, StoreError::NotFound(_)), "{stale:?}");
    let stale = store.finish_import_job(first.id, "run-1", &json!({}), None, later).await;
    assert!(matches!(stale, Err(StoreError::NotFound(_))), "{stale:?}");
    let failed = store
        .finish_import_job(first.id, "run-3", &json!({}), Some("cannot read the file"), later)
        .await;
    let failed = failed.unwrap();
    assert_eq!(failed.status, ImportJobStatus::Failed);
    assert_eq!(failed.error.as_deref(), Some("cannot read the file"));
    assert_eq!(failed.bytes_done, 0, "a failed job keeps how far it got");
    let listed = store.import_jobs(None, 10).await.unwrap();
    let ids: Vec<i64> = listed.iter().map(|job| job.id).collect();
    assert_eq!(ids, vec![second.id, first.id], "newest first");
    let page = store.import_jobs(Some(second.id), 10).await.unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].id, first.id);
    let missing = store.import_job(first.id + 1000).await.unwrap_err();
    assert!(matches!(missing, StoreError::NotFound(_)), "{missing:?}");
}
