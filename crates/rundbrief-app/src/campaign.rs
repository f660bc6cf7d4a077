//! Sending controls: send now, schedule, pause, resume, cancel, and progress.
//!
//! Starting an issue is one store transaction (status `sending` and the audience snapshot into
//! the delivery ledger), then the [`DeliveryStarter`] queues the jobs that work the ledger off.
//! If queueing fails after the commit, nothing is lost: every worker re-queues all `sending`
//! issues when it starts, and the editor can pause and resume.

use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;
use rundbrief_core::model::{DeliveryStatus, Issue, IssueStatus};
use rundbrief_core::{EmailAddress, IssueId, Language};
use rundbrief_mail::{Mailer, Transport as _};
use rundbrief_store::{Store, StoreError};
use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

use crate::audit::{AuditActor, Target, record};
use crate::{App, AppError, Clock, PreviewFormat, PreviewRequest, SystemClock};

/// Queues the work of delivering an issue that is `sending`. The jobs crate implements it
/// over apalis; tests can drain the ledger themselves.
#[async_trait]
pub trait DeliveryStarter: Send + Sync + 'static {
    async fn start(&self, issue: IssueId) -> Result<(), crate::error::BoxError>;
}

/// A storage error of a control on `_issue`: a missing record is the issue, a conflict says
/// why, anything else stays a storage failure.
fn store_err(_issue: IssueId) -> impl Fn(StoreError) -> AppError {
    move |e| match e {
        StoreError::NotFound(_) => AppError::NotFound("issue"),
        StoreError::Conflict(message) => AppError::Conflict(message),
        other => AppError::Store(other),
    }
}

/// What `send` did.
#[derive(Debug, Clone, Serialize)]
pub struct Started {
    pub issue: Issue,
    /// Recipients in the ledger.
    pub recipients: u64,
}

/// Deliveries of one subscriber language, by status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LanguageProgress {
    pub pending: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    pub bounced: i64,
    /// Not sent on purpose (the reader left, or no variant was ready): not a failure.
    pub skipped: i64,
}

impl LanguageProgress {
    fn add(&mut self, status: DeliveryStatus, count: i64) {
        let slot = match status {
            DeliveryStatus::Pending => &mut self.pending,
            DeliveryStatus::Sending => &mut self.sending,
            DeliveryStatus::Sent => &mut self.sent,
            DeliveryStatus::Failed => &mut self.failed,
            DeliveryStatus::Bounced => &mut self.bounced,
            DeliveryStatus::Skipped => &mut self.skipped,
        };
        *slot += count;
    }

    /// Not yet final.
    pub fn open(&self) -> i64 {
        self.pending + self.sending
    }

    pub fn total(&self) -> i64 {
        self.open() + self.sent + self.failed + self.bounced + self.skipped
    }
}

/// Where an issue's delivery stands.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub issue: IssueId,
    pub status: IssueStatus,
    /// Why the issue stopped by itself, if it did.
    pub status_reason: Option<String>,
    pub total: LanguageProgress,
    pub by_language: BTreeMap<Language, LanguageProgress>,
    /// Messages per second over the last minute.
    pub rate_per_second: f64,
    /// Seconds until the open deliveries are done at the current rate; `None` when nothing
    /// moves or nothing is left.
    pub eta_seconds: Option<u64>,
}

impl Progress {
    /// Share of the ledger that reached a final status, 0–100.
    pub fn percent_done(&self) -> u8 {
        let total = self.total.total();
        if total == 0 {
            return if self.status == IssueStatus::Sent { 100 } else { 0 };
        }
        let done = total - self.total.open();
        u8::try_from(done * 100 / total).unwrap_or(100)
    }
}

/// Over how long the rate in [`Progress`] is measured.
const RATE_WINDOW_SECONDS: i64 = 60;

/// The sending controls, shared by the API, the editor UI, the CLI and the scheduler.
#[derive(Clone)]
pub struct Campaigns {
    store: Arc<dyn Store>,
    starter: Arc<dyn DeliveryStarter>,
    clock: Arc<dyn Clock>,
    /// For test sends; they bypass the queue and the ledger.
    mailer: Option<Mailer>,
}

impl Campaigns {
    pub fn new(store: Arc<dyn Store>, starter: Arc<dyn DeliveryStarter>) -> Self {
        Self { store, starter, clock: Arc::new(SystemClock), mailer: None }
    }

    pub fn with_mailer(mut self, mailer: Mailer) -> Self {
        self.mailer = Some(mailer);
        self
    }

    /// Sends the mail a reader of `language` would get to `to` right away (not through the
    /// queue, not in the ledger), its subject marked "[Test]" and its links leading to a page
    /// that says it was a test ([`App::test_mail`]). Returns the language of the variant sent.
    pub async fn send_test(
        &self,
        app: &App,
        issue: IssueId,
        language: Language,
        to: &EmailAddress,
    ) -> Result<Language, AppError> {
        let Some(mailer) = &self.mailer else {
            return Err(AppError::Conflict("this process cannot send mail".to_owned()));
        };
        let request = PreviewRequest {
            issue,
            language,
            format: if mailer.accepts_8bit() { PreviewFormat::Eml8Bit } else { PreviewFormat::Eml },
            name: None,
            recipient: Some(to.as_str()),
        };
        let preview = app.test_mail(&request).await?;
        let recipients = [to.as_str()];
        let envelope = rundbrief_mail::Envelope::new(app.settings().from.address(), &recipients);
        mailer.send(envelope, &preview.bytes).await.map_err(|e| AppError::Send(Box::new(e)))?;
        tracing::info!(issue_id = %issue, language = language.code(), "test mail sent");
        Ok(preview.variant_language)
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Sends a draft or scheduled issue now.
    pub async fn send_now(&self, actor: AuditActor, id: IssueId) -> Result<Started, AppError> {
        let issue = self.store.issue(id).await.map_err(store_err(id))?;
        if !matches!(issue.status, IssueStatus::Draft | IssueStatus::Scheduled) {
            return Err(AppError::Conflict(format!(
                "issue {id} is {}; only drafts and scheduled issues can be sent",
                issue.status
            )));
        }
        let started = self.start(issue, true).await?;
        self.audit_started(actor, &started, &[]).await;
        Ok(started)
    }

    /// The audit entry of a send started by hand, with the audience and left-out languages.
    async fn audit_started(&self, actor: AuditActor, started: &Started, fallback_for: &[Language]) {
        let codes: Vec<&str> = fallback_for.iter().map(|l| l.code()).collect();
        let detail = serde_json::json!({ "recipients": started.recipients, "fallback_for": codes });
        let target = Some(Target::new("issue", started.issue.id.0));
        record(&*self.store, self.clock.now(), actor, "send.started", target, detail).await;
    }

    /// The audit entry of a schedule, pause, resume or cancel.
    async fn audit_issue(&self, actor: AuditActor, action: &str, id: IssueId, detail: Value) {
        let target = Some(Target::new("issue", id.0));
        record(&*self.store, self.clock.now(), actor, action, target, detail).await;
    }

    /// Sends now, with the translations of `fallback_for` (stale ones, issue 21) left out:
    /// they are marked not ready first, so their readers get the fallback chain's variant,
    /// as if the translation were missing, and the variant afterwards says it was not sent.
    /// The base variant cannot be left out.
    pub async fn send_now_with_fallback(
        &self,
        actor: AuditActor,
        id: IssueId,
        fallback_for: &[Language],
    ) -> Result<Started, AppError> {
        let issue = self.store.issue(id).await.map_err(store_err(id))?;
        if !matches!(issue.status, IssueStatus::Draft | IssueStatus::Scheduled) {
            return Err(AppError::Conflict(format!(
                "issue {id} is {}; only drafts and scheduled issues can be sent",
                issue.status
            )));
        }
        if fallback_for.contains(&issue.base_language) {
            return Err(AppError::Conflict(format!(
                "{} is the base language of issue {id}; it has no fallback",
                issue.base_language.code()
            )));
        }
        let variants = self.store.variants(id).await.map_err(store_err(id))?;
        let left = variants.iter().filter(|v| v.ready && !fallback_for.contains(&v.language));
        if left.count() == 0 {
            return Err(AppError::Conflict(format!(
                "issue {id} would have no variant marked ready left; send at least one as is"
            )));
        }
        let now = self.clock.now();
        for language in fallback_for {
            if variants.iter().any(|v| v.language == *language && v.ready) {
                self.store
                    .set_variant_ready(id, *language, false, now)
                    .await
                    .map_err(store_err(id))?;
                tracing::info!(issue_id = %id, language = language.code(), "variant left out of the send; its readers get the fallback");
            }
        }
        let started = self.start(issue, true).await?;
        self.audit_started(actor, &started, fallback_for).await;
        Ok(started)
    }

    /// Starts a scheduled issue whose time has come (the scheduler's call). `Conflict` when
    /// someone else started or changed it first.
    pub async fn start_scheduled(&self, issue: Issue) -> Result<Started, AppError> {
        if issue.status != IssueStatus::Scheduled {
            return Err(AppError::Conflict(format!("issue {} is {}", issue.id, issue.status)));
        }
        self.start(issue, false).await
    }

    /// `refuse_empty`: an editor who presses "send" means people to get it, so an empty
    /// audience is refused with the reason (a mistake in the segment, or no one confirmed yet).
    /// A schedule that comes due with nobody in it still ends as sent, instead of being
    /// retried for ever.
    async fn start(&self, issue: Issue, refuse_empty: bool) -> Result<Started, AppError> {
        let id = issue.id;
        self.refuse_welcome(id).await?;
        let variants = self.store.variants(id).await.map_err(store_err(id))?;
        if !variants.iter().any(|v| v.ready) {
            return Err(AppError::Conflict(format!(
                "issue {id} has no variant marked ready; mark at least one language ready first"
            )));
        }
        if refuse_empty {
            let counts = self.store.segment_counts(&issue.segment).await.map_err(store_err(id))?;
            if counts.iter().map(|(_, n)| *n).sum::<i64>() == 0 {
                return Err(AppError::Conflict(format!(
                    "issue {id} has no recipients: no active subscriber matches its recipients \
                     (lists, languages, regions, audiences); change them or wait for sign-ups"
                )));
            }
        }
        let (issue, snapshot) = self
            .store
            .start_sending(id, issue.status, self.clock.now())
            .await
            .map_err(store_err(id))?;
        tracing::info!(issue_id = %id, recipients = snapshot.total, "issue sending");
        self.starter.start(id).await.map_err(AppError::Queue)?;
        Ok(Started { issue, recipients: snapshot.total })
    }

    /// Schedules a draft (or moves the time of a scheduled issue) to `at`, which must lie in
    /// the future.
    pub async fn schedule(
        &self,
        actor: AuditActor,
        id: IssueId,
        at: OffsetDateTime,
    ) -> Result<Issue, AppError> {
        let now = self.clock.now();
        if at <= now {
            return Err(AppError::invalid_reason(
                "the schedule time must lie in the future".to_owned(),
            ));
        }
        let issue = self.store.issue(id).await.map_err(store_err(id))?;
        self.refuse_welcome(id).await?;
        if !matches!(issue.status, IssueStatus::Draft | IssueStatus::Scheduled) {
            return Err(AppError::Conflict(format!(
                "issue {id} is {}; only drafts and scheduled issues can be scheduled",
                issue.status
            )));
        }
        let issue = self
            .transition(id, issue.status, IssueStatus::Scheduled, Some(at), now, "issue scheduled")
            .await?;
        let detail = serde_json::json!({ "at": crate::consent::rfc3339_utc(at) });
        self.audit_issue(actor, "send.scheduled", id, detail).await;
        Ok(issue)
    }

    /// The welcome mail goes to each subscriber once they confirm, never as a campaign.
    async fn refuse_welcome(&self, id: IssueId) -> Result<(), AppError> {
        let welcome = self.store.welcome_issue().await.map_err(store_err(id))?;
        if welcome.is_some_and(|w| w.id == id) {
            return Err(AppError::Conflict(format!(
                "issue {id} is the welcome mail: it goes to each new subscriber when they \
                 confirm and cannot be sent or scheduled"
            )));
        }
        Ok(())
    }

    /// Moves issue `id` from `from` to `to` at `now` (`at` for a schedule) and logs `done`.
    async fn transition(
        &self,
        id: IssueId,
        from: IssueStatus,
        to: IssueStatus,
        at: Option<OffsetDateTime>,
        now: OffsetDateTime,
        done: &'static str,
    ) -> Result<Issue, AppError> {
        let issue =
            self.store.transition_issue(id, from, to, at, now).await.map_err(store_err(id))?;
        tracing::info!(issue_id = %id, "{done}");
        Ok(issue)
    }

    /// Stops a sending issue after the messages already on the wire.
    pub async fn pause(&self, actor: AuditActor, id: IssueId) -> Result<Issue, AppError> {
        let now = self.clock.now();
        let issue = self
            .transition(id, IssueStatus::Sending, IssueStatus::Paused, None, now, "issue paused")
            .await?;
        self.audit_issue(actor, "send.paused", id, Value::Null).await;
        Ok(issue)
    }

    /// Continues a paused issue where it stopped; nobody is mailed twice.
    pub async fn resume(&self, actor: AuditActor, id: IssueId) -> Result<Issue, AppError> {
        let now = self.clock.now();
        let issue = self
            .transition(id, IssueStatus::Paused, IssueStatus::Sending, None, now, "issue resumed")
            .await?;
        self.audit_issue(actor, "send.resumed", id, Value::Null).await;
        self.starter.start(id).await.map_err(AppError::Queue)?;
        Ok(issue)
    }

    /// Cancels an issue that has not finished; what was sent stays sent, the rest never goes.
    pub async fn cancel(&self, actor: AuditActor, id: IssueId) -> Result<Issue, AppError> {
        let issue = self.store.issue(id).await.map_err(store_err(id))?;
        match issue.status {
            IssueStatus::Draft
            | IssueStatus::Scheduled
            | IssueStatus::Sending
            | IssueStatus::Paused => {}
            IssueStatus::Sent | IssueStatus::Cancelled => {
                return Err(AppError::Conflict(format!("issue {id} is already {}", issue.status)));
            }
        }
        let now = self.clock.now();
        let from = issue.status;
        let issue =
            self.transition(id, from, IssueStatus::Cancelled, None, now, "issue cancelled").await?;
        let detail = serde_json::json!({ "from": from.to_string() });
        self.audit_issue(actor, "send.cancelled", id, detail).await;
        Ok(issue)
    }

    /// Queues the delivery of every `sending` issue again. Workers call this when they start,
    /// so a job chain lost in a crash costs only time.
    pub async fn resume_sending(&self) -> Result<usize, AppError> {
        let sending =
            self.store.issues_in_status(IssueStatus::Sending).await.map_err(AppError::Store)?;
        for issue in &sending {
            self.starter.start(issue.id).await.map_err(AppError::Queue)?;
        }
        Ok(sending.len())
    }

    /// Starts every scheduled issue that is due; returns how many started. One issue that
    /// cannot start (no ready variant any more) is logged and left scheduled, the others go.
    pub async fn start_due(&self) -> Result<usize, AppError> {
        let due =
            self.store.due_scheduled_issues(self.clock.now()).await.map_err(AppError::Store)?;
        let mut started = 0;
        for issue in due {
            let id = issue.id;
            match self.start_scheduled(issue).await {
                Ok(_) => started += 1,
                // Started by another process's scheduler, or changed by an editor meanwhile.
                Err(AppError::Conflict(reason)) => {
                    tracing::warn!(issue_id = %id, %reason, "scheduled issue not started");
                }
                Err(e) => return Err(e),
            }
        }
        Ok(started)
    }

    pub async fn progress(&self, id: IssueId) -> Result<Progress, AppError> {
        let issue = self.store.issue(id).await.map_err(store_err(id))?;
        let counts = self.store.delivery_counts(id).await.map_err(store_err(id))?;
        let mut total = LanguageProgress::default();
        let mut by_language: BTreeMap<Language, LanguageProgress> = BTreeMap::new();
        for count in counts {
            total.add(count.status, count.count);
            by_language.entry(count.language).or_default().add(count.status, count.count);
        }
        let since = self.clock.now() - time::Duration::seconds(RATE_WINDOW_SECONDS);
        let recent = self.store.sent_since(Some(id), since).await.map_err(store_err(id))?;
        let rate_per_second = recent as f64 / RATE_WINDOW_SECONDS as f64;
        let open = total.open();
        let eta_seconds = (open > 0 && recent > 0 && issue.status == IssueStatus::Sending)
            .then(|| (open as f64 / rate_per_second).ceil() as u64);
        Ok(Progress {
            issue: id,
            status: issue.status,
            status_reason: issue.status_reason,
            total,
            by_language,
            rate_per_second,
            eta_seconds,
        })
    }
}
