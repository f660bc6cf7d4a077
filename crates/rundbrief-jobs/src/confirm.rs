//! Confirmation jobs: a sign-up request to process, a confirmation mail or a welcome mail to
//! send. The rows they name are the record (`signup_requests`, `confirmation_mails`,
//! `welcome_mails`); a job is only the nudge
//! to work on one now. A lost job (a crash between commit and push, a worker that died with
//! the job) costs seconds: [`sweep`] finds what is still owed and queues it again, and the
//! claim of each row keeps a job that runs twice from sending twice.

use std::sync::Arc;
use std::time::Duration;

use apalis::prelude::Data;
use rundbrief_app::{ConfirmationJob, ConfirmationQueue, MailOutcome};
use rundbrief_store::Store;
use serde::{Deserialize, Serialize};

use crate::error::JobError;
use crate::queue::{ApalisQueue, JobRuntime};

/// The payload of a confirmation job: exactly one of the ids. All are optional so that a job
/// left in the queue by an older version (which carried a subscriber id) decodes and does
/// nothing; the sweep queues what such a subscriber is owed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendConfirmation {
    #[serde(default)]
    pub signup: Option<i64>,
    #[serde(default)]
    pub mail: Option<i64>,
    /// A welcome mail (issue 23), owed by a confirmation.
    #[serde(default)]
    pub welcome: Option<i64>,
    /// The mail's attempts so far when this job was queued (0 for a new mail).
    #[serde(default)]
    pub attempts: u32,
}

impl SendConfirmation {
    /// One job per request, and per mail and attempt: the sweep can push what looks owed as
    /// often as it runs without queueing the same work twice while a job for it waits.
    pub fn idempotency_key(&self) -> Option<String> {
        match (self.signup, self.mail, self.welcome) {
            (Some(request), _, _) => Some(format!("signup-{request}")),
            (None, Some(mail), _) => Some(format!("mail-{mail}-{}", self.attempts)),
            (None, None, Some(welcome)) => Some(format!("welcome-{welcome}-{}", self.attempts)),
            (None, None, None) => None,
        }
    }
}

impl From<ConfirmationJob> for SendConfirmation {
    fn from(job: ConfirmationJob) -> Self {
        match job {
            ConfirmationJob::Signup(id) => Self { signup: Some(id), ..Self::default() },
            ConfirmationJob::Mail(id) => Self { mail: Some(id), ..Self::default() },
            ConfirmationJob::Welcome(id) => Self { welcome: Some(id), ..Self::default() },
        }
    }
}

/// The request handler has committed its rows; the job is pushed on its own task so that the
/// answer does not wait for it. If the push fails, the sweep finds the rows.
impl ConfirmationQueue for ApalisQueue {
    fn enqueue(&self, job: ConfirmationJob) {
        let queue = self.clone();
        tokio::spawn(async move {
            if let Err(error) = queue.push_confirmation(job.into(), Duration::ZERO).await {
                tracing::warn!(?job, %error, "confirmation job not queued; the sweep will find it");
            }
        });
    }
}

/// One run of a confirmation job.
pub async fn run_confirmation_job(
    runtime: &JobRuntime,
    job: SendConfirmation,
) -> Result<(), JobError> {
    let Some(mailer) = &runtime.confirmations else {
        return Err(JobError::NoMailer);
    };
    if let Some(welcome) = job.welcome.filter(|_| job.signup.is_none() && job.mail.is_none()) {
        if let MailOutcome::RetryAt { at, attempts } = mailer.send_welcome(welcome).await?
            && let Some(queue) = &runtime.confirm_queue
        {
            let wait = (at - time::OffsetDateTime::now_utc()).unsigned_abs();
            let next = SendConfirmation { welcome: Some(welcome), attempts, ..Default::default() };
            queue.push_confirmation(next, wait).await?;
        }
        return Ok(());
    }
    let mail = match job.signup {
        Some(request) => mailer.process_signup(request).await?,
        None => job.mail,
    };
    let Some(mail) = mail else { return Ok(()) };
    match mailer.send_mail(mail).await? {
        MailOutcome::RetryAt { at, attempts } => {
            if let Some(queue) = &runtime.confirm_queue {
                let wait = (at - time::OffsetDateTime::now_utc()).unsigned_abs();
                let next = SendConfirmation { mail: Some(mail), attempts, ..Default::default() };
                queue.push_confirmation(next, wait).await?;
            }
            Ok(())
        }
        MailOutcome::Sent | MailOutcome::Skipped | MailOutcome::Failed | MailOutcome::NotMine => {
            Ok(())
        }
    }
}

/// The apalis handler of confirmation jobs.
pub async fn confirmation_job(
    job: SendConfirmation,
    runtime: Data<Arc<JobRuntime>>,
) -> Result<(), JobError> {
    run_confirmation_job(&runtime, job).await
}

/// How old an unprocessed request or a due mail must be before the sweep queues it: younger
/// ones still have the job their request pushed.
const SWEEP_GRACE: time::Duration = time::Duration::seconds(3);
/// Rows queued per sweep and kind; the next sweep takes the rest.
const SWEEP_BATCH: u32 = 500;

/// Queues a job for every sign-up request, confirmation mail and welcome mail that is owed and
/// nobody holds; returns how many. Called by the scheduler every few seconds.
pub async fn sweep(store: &dyn Store, queue: &ApalisQueue) -> Result<usize, JobError> {
    let before = time::OffsetDateTime::now_utc() - SWEEP_GRACE;
    let signups = store.open_signups(before, SWEEP_BATCH).await?;
    let mails = store.due_confirmations(before, SWEEP_BATCH).await?;
    let welcomes = store.due_welcomes(before, SWEEP_BATCH).await?;
    let jobs = signups
        .iter()
        .map(|id| SendConfirmation { signup: Some(*id), ..Default::default() })
        .chain(mails.iter().map(|(id, attempts)| SendConfirmation {
            mail: Some(*id),
            attempts: *attempts,
            ..Default::default()
        }))
        .chain(welcomes.iter().map(|(id, attempts)| SendConfirmation {
            welcome: Some(*id),
            attempts: *attempts,
            ..Default::default()
        }));
    let mut queued = 0;
    for job in jobs {
        queue.push_confirmation(job, Duration::ZERO).await?;
        queued += 1;
    }
    Ok(queued)
}
