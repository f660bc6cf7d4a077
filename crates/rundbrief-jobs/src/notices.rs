//! Translator notice jobs (issue 21): the mail that tells a translator an issue needs their
//! language. The row in `translator_notices` is the record, written with the base-language
//! revision that asks for it; a job is only the nudge to send it now. The scheduler's sweep
//! queues every notice that is due and older than the delay (so a base text saved again and
//! again within it sends one mail, for its last revision); the claim of each row keeps a job
//! that runs twice from sending twice.

use std::sync::Arc;
use std::time::Duration;

use apalis::prelude::Data;
use rundbrief_app::MailOutcome;
use rundbrief_store::Store;
use serde::{Deserialize, Serialize};

use crate::error::JobError;
use crate::queue::{ApalisQueue, JobRuntime};

/// The payload of a translator notice job: the row's id and its attempts when queued.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendTranslatorNotice {
    pub notice: i64,
    #[serde(default)]
    pub attempts: u32,
}

impl SendTranslatorNotice {
    /// One job per notice and attempt, so the sweep can push what looks owed as often as it
    /// runs.
    pub fn idempotency_key(&self) -> String {
        format!("notice-{}-{}", self.notice, self.attempts)
    }
}

/// One run of a translator notice job.
pub async fn run_notice_job(
    runtime: &JobRuntime,
    job: SendTranslatorNotice,
) -> Result<(), JobError> {
    let Some(mailer) = &runtime.confirmations else {
        return Err(JobError::NoMailer);
    };
    if let MailOutcome::RetryAt { at, attempts } = mailer.send_translator_notice(job.notice).await?
        && let Some(queue) = &runtime.confirm_queue
    {
        let wait = (at - time::OffsetDateTime::now_utc()).unsigned_abs();
        queue.push_notice(SendTranslatorNotice { notice: job.notice, attempts }, wait).await?;
    }
    Ok(())
}

/// The apalis handler of translator notice jobs.
pub async fn notice_job(
    job: SendTranslatorNotice,
    runtime: Data<Arc<JobRuntime>>,
) -> Result<(), JobError> {
    run_notice_job(&runtime, job).await
}

/// Rows queued per sweep; the next sweep takes the rest.
const SWEEP_BATCH: u32 = 500;

/// Queues a job for every translator notice that is due, was written at least `delay` ago and
/// nobody holds; returns how many. Called by the scheduler every few seconds.
pub async fn sweep_notices(
    store: &dyn Store,
    queue: &ApalisQueue,
    delay: Duration,
) -> Result<usize, JobError> {
    let now = time::OffsetDateTime::now_utc();
    let delay = time::Duration::try_from(delay).unwrap_or(time::Duration::ZERO);
    let due = store.due_translator_notices(now - delay, now, SWEEP_BATCH).await?;
    for &(notice, attempts) in &due {
        queue.push_notice(SendTranslatorNotice { notice, attempts }, Duration::ZERO).await?;
    }
    Ok(due.len())
}
