//! One delivery batch: claim leased deliveries from the ledger, render each subscriber's mail,
//! send it, and record the outcome of every message as soon as it is known.
//!
//! The ledger, not the queue, is what makes sending exactly-once: a delivery is handed to one
//! claimer at a time (a lease), it is marked `sent` right after the SMTP server accepted it,
//! and a claimer that dies leaves only its leased, unmarked rows behind, which are claimed
//! again once the lease has run out. So a crash can repeat at most the messages in flight at
//! that moment: on the wire, or accepted and waiting for their mark to commit.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt as _;
use futures::stream::FuturesUnordered;
use rundbrief_core::model::{Delivery, IssueStatus, Variant};
use rundbrief_core::verp::{Verp, VerpTarget};
use rundbrief_core::{
    DeliveryId, EmailAddress, IssueId, Language, SubscriberId, SubscriberStatus, TokenPurpose,
    TokenSigner,
};
use rundbrief_i18n::Locales;
use rundbrief_mail::{
    BuiltMessage, Email, Envelope, ListHeaders, ListId, Mailbox, MessageWriter, SmtpConfig,
};
use rundbrief_render::{Personalisation, PreparedVariant, Templates, VariantSource};
use rundbrief_store::{Recipient, SentDelivery, Store, StoreError};
use time::OffsetDateTime;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::claims::{Claims, HeldClaim};
use crate::error::JobError;
use crate::floor::{ClaimFloors, claim_batch};
use crate::ledger::{CAP_RECHECK, cap_allowance, hand_back, remaining_work};
use crate::pacer::Pacer;
use crate::record::SentRecorder;
use crate::retry::RetryPolicy;
use crate::transport::DynTransport;
use rundbrief_core::clock::{Clock, SystemClock};

mod marks;
mod refusal;

use marks::{Outcome, count, record_sent, skip};

/// Settings of the sending engine that do not change while it runs.
#[derive(Debug, Clone)]
pub struct DeliveryConfig {
    /// Base of the links in mails (`RUNDBRIEF_PUBLIC_URL`), without a trailing slash.
    pub public_url: String,
    pub from: Mailbox,
    /// Signed envelope senders per delivery (VERP); `None` sends from the From address.
    pub verp: Option<Verp>,
    /// Whether `List-Unsubscribe` also offers the subscriber's signed `mailto:` address at the
    /// bounce domain (needs `verp`): only when the instance reads the mail sent there.
    pub unsubscribe_mailto: bool,
    pub list_id: ListId,
    /// Variant languages tried, in order, when the subscriber's own is not ready.
    pub fallback_chain: Vec<Language>,
    pub retry: RetryPolicy,
    /// How long a claim is exclusive. It must comfortably exceed the time one batch takes
    /// (roughly batch size / send concurrency × the SMTP timeout in the worst case), or a slow
    /// batch could see its rows claimed by another worker while it still sends them.
    pub lease: Duration,
    /// Messages of one batch on the wire at once; match the SMTP pool size. Twice as many may
    /// be in flight (accepted, their marks committing), which is what a crash can repeat.
    pub send_concurrency: usize,
    /// Messages per second across every batch of this process; `None` = as fast as the
    /// server takes them.
    pub rate: Option<f64>,
    /// Providers' caps, counted in the ledger over all issues and worker processes.
    pub hourly_cap: Option<u32>,
    pub daily_cap: Option<u32>,
    /// Failed sends in a row (bounces of single addresses excepted) after which an issue
    /// pauses itself: the server is down or refuses us, and going on would only burn the
    /// list's attempts.
    pub pause_after_failures: u32,
    /// When refusals of a full mailbox, stored as soft bounces, make the address bounced.
    pub soft_bounces: rundbrief_store::SoftBounceRule,
}

impl DeliveryConfig {
    /// The default fallback chain: German, the language issues are written in, then English.
    pub const DEFAULT_FALLBACK_CHAIN: [Language; 2] = [Language::De, Language::En];
    /// Long enough for a batch of [`JobRuntime::DEFAULT_BATCH_SIZE`](crate::queue::JobRuntime)
    /// deliveries on a slow relay, short enough that a killed worker's rows are taken over quickly.
    pub const DEFAULT_LEASE: Duration = Duration::from_secs(30);
    /// Enough failures in a row to tell a server that is down from a few bad addresses.
    pub const DEFAULT_PAUSE_AFTER_FAILURES: u32 = 25;

    /// The defaults that `rundbrief`'s configuration layers its settings on; these constants
    /// are the one place they are written.
    pub fn new(public_url: &str, from: Mailbox, list_id: ListId) -> Self {
        Self {
            public_url: public_url.trim_end_matches('/').to_owned(),
            from,
            verp: None,
            unsubscribe_mailto: false,
            list_id,
            fallback_chain: Self::DEFAULT_FALLBACK_CHAIN.to_vec(),
            retry: RetryPolicy::default(),
            lease: Self::DEFAULT_LEASE,
            send_concurrency: SmtpConfig::DEFAULT_MAX_CONNECTIONS as usize,
            rate: None,
            hourly_cap: None,
            daily_cap: None,
            pause_after_failures: Self::DEFAULT_PAUSE_AFTER_FAILURES,
            soft_bounces: rundbrief_store::SoftBounceRule::default(),
        }
    }
}

/// The ready variants of one issue, and each compiled once per (variant language, subscriber
/// language) on first use: compiling (Markdown, sanitising, layout) is the expensive step, and
/// a 24-language campaign needs at most a few dozen of them.
struct IssueVariants {
    ready: Vec<Language>,
    sources: HashMap<Language, Variant>,
    prepared: HashMap<(Language, Language), Arc<PreparedVariant>>,
    /// In the public archive: each mail links to its variant's web version at
    /// `/archive/{id}?lang=` (redirected to the slug), issue 23.
    public: bool,
}

/// Everything a delivery batch needs, shared by all batches of a worker process.
pub struct DeliveryContext {
    store: Arc<dyn Store>,
    transport: Arc<dyn DynTransport>,
    templates: Arc<Templates>,
    locales: &'static Locales,
    signer: TokenSigner,
    writer: MessageWriter,
    config: DeliveryConfig,
    clock: Arc<dyn Clock>,
    // A std mutex: it is held only for map look-ups and one compile, never across an await.
    variants: Mutex<HashMap<IssueId, IssueVariants>>,
    pacer: Pacer,
    /// Failed sends in a row per issue, for the automatic pause.
    failures: Mutex<HashMap<IssueId, u32>>,
    /// When each issue's status was last read, and whether it was still `sending`.
    status_checks: Mutex<HashMap<IssueId, (tokio::time::Instant, bool)>>,
    recorder: SentRecorder,
    claims: Claims,
    floors: ClaimFloors,
}

impl std::fmt::Debug for DeliveryContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeliveryContext")
            .field("backend", &self.store.backend())
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl DeliveryContext {
    /// `writer` carries the Message-ID domain and DKIM signers; each batch works on a clone
    /// so that batches running side by side do not share buffers.
    pub fn new(
        store: Arc<dyn Store>,
        transport: Arc<dyn DynTransport>,
        templates: Arc<Templates>,
        locales: &'static Locales,
        signer: TokenSigner,
        writer: MessageWriter,
        config: DeliveryConfig,
    ) -> Self {
        Self {
            store,
            transport,
            templates,
            locales,
            signer,
            writer,
            clock: Arc::new(SystemClock),
            variants: Mutex::new(HashMap::new()),
            pacer: Pacer::new(config.rate),
            failures: Mutex::new(HashMap::new()),
            status_checks: Mutex::new(HashMap::new()),
            recorder: SentRecorder::default(),
            claims: Claims::default(),
            floors: ClaimFloors::default(),
            config,
        }
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    pub fn config(&self) -> &DeliveryConfig {
        &self.config
    }

    /// The worker identity and the claims of the batches running (see `claims`).
    pub fn claims(&self) -> &Claims {
        &self.claims
    }

    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    /// Where this process's claims of each issue start (see `floor`).
    pub(crate) fn floors(&self) -> &ClaimFloors {
        &self.floors
    }

    /// Drops the cached variants of `issue`. Variants are frozen while an issue is sending, so
    /// this is only needed when an issue is edited again after a pause.
    pub fn forget_issue(&self, issue: IssueId) {
        if let Ok(mut cache) = self.variants.lock() {
            cache.remove(&issue);
        }
        if let Ok(mut failures) = self.failures.lock() {
            failures.remove(&issue);
        }
        self.floors.forget(issue);
    }

    /// Whether `issue` is still `sending`, read from the store at most every
    /// [`STATUS_RECHECK`]: a pause or cancel takes effect within that time even in the middle
    /// of a batch, without a query per message.
    async fn still_sending(&self, issue: IssueId) -> Result<bool, JobError> {
        let now = tokio::time::Instant::now();
        let cached = self.status_checks.lock().ok().and_then(|checks| {
            checks
                .get(&issue)
                .filter(|(at, _)| now.duration_since(*at) < STATUS_RECHECK)
                .map(|c| c.1)
        });
        if let Some(sending) = cached {
            return Ok(sending);
        }
        let sending = self.store.issue(issue).await?.status == IssueStatus::Sending;
        if let Ok(mut checks) = self.status_checks.lock() {
            checks.insert(issue, (now, sending));
        }
        Ok(sending)
    }

    /// Counts one outcome towards the automatic pause; `true` when this failure reached the
    /// limit (exactly once per run of failures).
    fn count_failure(&self, issue: IssueId, failed: bool) -> bool {
        let Ok(mut failures) = self.failures.lock() else {
            return false;
        };
        let run = failures.entry(issue).or_insert(0);
        if failed {
            *run += 1;
            *run == self.config.pause_after_failures
        } else {
            *run = 0;
            false
        }
    }

    async fn load_variants(&self, issue: IssueId) -> Result<(), JobError> {
        let cached = self.variants.lock().map(|c| c.contains_key(&issue)).unwrap_or(false);
        if cached {
            return Ok(());
        }
        let variants = self.store.variants(issue).await?;
        let public = self.store.issue_is_public(issue).await?;
        let ready = variants.iter().filter(|v| v.ready).map(|v| v.language).collect();
        let sources = variants.into_iter().filter(|v| v.ready).map(|v| (v.language, v)).collect();
        if let Ok(mut cache) = self.variants.lock() {
            cache.entry(issue).or_insert(IssueVariants {
                ready,
                sources,
                prepared: HashMap::new(),
                public,
            });
        }
        Ok(())
    }

    /// The variant a subscriber of `language` gets, compiled; `Ok(None)` when no variant in
    /// their language or the fallback chain is ready.
    fn prepared_for(
        &self,
        issue: IssueId,
        language: Language,
    ) -> Result<Option<Arc<PreparedVariant>>, JobError> {
        let mut cache =
            self.variants.lock().map_err(|_| JobError::Poisoned("the variant cache"))?;
        let Some(entry) = cache.get_mut(&issue) else {
            return Ok(None);
        };
        let Some(chosen) =
            rundbrief_render::choose_variant(language, &entry.ready, &self.config.fallback_chain)
        else {
            return Ok(None);
        };
        if let Some(prepared) = entry.prepared.get(&(chosen, language)) {
            return Ok(Some(Arc::clone(prepared)));
        }
        let Some(variant) = entry.sources.get(&chosen) else {
            return Ok(None);
        };
        let source = VariantSource {
            language: variant.language,
            subject: &variant.subject,
            preheader: &variant.preheader,
            markdown: &variant.body_markdown,
        };
        let web_url = entry
            .public
            .then(|| format!("{}/archive/{issue}?lang={}", self.config.public_url, chosen.code()));
        let prepared = rundbrief_render::prepare_with_web_link(
            &self.templates,
            self.locales,
            &source,
            language,
            web_url.as_deref(),
        )
        .map_err(|source| JobError::Render { issue, source })?;
        let prepared = Arc::new(prepared);
        entry.prepared.insert((chosen, language), Arc::clone(&prepared));
        Ok(Some(prepared))
    }

    fn link(&self, path: &str, purpose: TokenPurpose, subscriber: SubscriberId) -> String {
        // No expiry: unsubscribe and preferences links must work for as long as the mail
        // sits in someone's inbox.
        let token = self.signer.sign(purpose, subscriber.0, None);
        format!("{}/{path}/{token}", self.config.public_url)
    }
}

/// What the caller (the job) should do after a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    /// More deliveries are due now: run another batch right away.
    Continue,
    /// Deliveries remain, but none is due (retries wait for their time, or another worker
    /// holds a lease): look again after this long.
    WaitFor(Duration),
    /// Every delivery has reached a final status; the issue was marked `sent`.
    Finished,
    /// The issue is not `sending` (paused, cancelled, ...): nothing was claimed.
    Halted(IssueStatus),
}

/// Counts of one batch. `claimed` = the sum of all the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchOutcome {
    pub claimed: usize,
    pub sent: usize,
    /// Transient failures handed back for a later attempt.
    pub retried: usize,
    /// Permanent failures, and transient ones out of attempts.
    pub failed: usize,
    /// The server said the address does not exist; it is now suppressed.
    pub bounced: usize,
    /// Not sent on purpose: subscriber no longer active, erased or suppressed, or no ready
    /// variant for their language.
    pub skipped: usize,
    /// Handed back unsent (the issue was paused or cancelled meanwhile, or the lease was
    /// about to run out); due again at once.
    pub deferred: usize,
    pub next: NextStep,
}

impl BatchOutcome {
    fn new(claimed: usize) -> Self {
        Self {
            claimed,
            sent: 0,
            retried: 0,
            failed: 0,
            bounced: 0,
            skipped: 0,
            deferred: 0,
            next: NextStep::Continue,
        }
    }
}

/// A rendered message waiting for the transport.
struct Outgoing {
    delivery: Delivery,
    email: EmailAddress,
    language: Language,
    message: BuiltMessage,
}

/// How one message ended.
enum Attempt {
    /// Settled without sending (see [`BatchOutcome::skipped`]).
    Skipped,
    /// Accepted by the server, its mark not yet written: `in_flight` still counts it.
    Accepted {
        sent: SentDelivery,
        in_flight: OwnedSemaphorePermit,
    },
    Retried,
    Failed,
    Bounced,
    Deferred,
}

/// Claims up to `batch` due deliveries of `issue` and delivers them.
///
/// Per-recipient outcomes go to the ledger; an `Err` means the batch stopped (database down,
/// a variant that cannot render), and whatever it had claimed but not marked is taken over by
/// the next claim after the lease.
pub async fn deliver_batch(
    ctx: &DeliveryContext,
    issue: IssueId,
    batch: u32,
) -> Result<BatchOutcome, JobError> {
    let store = &ctx.store;
    let current = store.issue(issue).await?;
    if current.status != IssueStatus::Sending {
        tracing::debug!(issue_id = %issue, status = %current.status, "issue not sending; batch skipped");
        return Ok(BatchOutcome { next: NextStep::Halted(current.status), ..BatchOutcome::new(0) });
    }
    ctx.load_variants(issue).await?;

    let now = ctx.now();
    let batch = match cap_allowance(ctx, now).await? {
        Some(0) => {
            tracing::info!(issue_id = %issue, "sending cap reached; waiting");
            return Ok(BatchOutcome {
                next: NextStep::WaitFor(CAP_RECHECK),
                ..BatchOutcome::new(0)
            });
        }
        Some(allowance) => batch.min(allowance),
        None => batch,
    };
    // A slow rate must not hold a claim longer than half its lease.
    let batch = match ctx.config.rate {
        Some(rate) => {
            let paced = (rate * ctx.config.lease.as_secs_f64() / 2.0).floor().max(1.0);
            batch.min(u32::try_from(paced as u64).unwrap_or(u32::MAX))
        }
        None => batch,
    };
    // Registered for the heartbeat, which renews the lease while the batch runs.
    let claim = ctx.claims.begin(issue, now + ctx.config.lease)?;
    let (held, lease_until) = (claim.held(), claim.held().lease_until());
    let claimed = claim_batch(ctx, issue, batch, now, lease_until, held.token()).await?;
    let mut outcome = BatchOutcome::new(claimed.len());
    if claimed.is_empty() {
        outcome.next = remaining_work(ctx, issue).await?;
        return Ok(outcome);
    }
    tracing::debug!(issue_id = %issue, claimed = claimed.len(), "batch claimed");
    let claims: Vec<DeliveryId> = claimed.iter().map(|d| d.id).collect();
    let full_batch = outcome.claimed >= batch as usize;
    match send_claimed(ctx, issue, held, claimed, outcome).await {
        Ok(mut outcome) => {
            // A full batch means more are probably due; only a short one pays for counting
            // the rest.
            outcome.next =
                if full_batch { NextStep::Continue } else { remaining_work(ctx, issue).await? };
            Ok(outcome)
        }
        Err(error) => {
            hand_back(ctx, held.token(), claims);
            Err(error)
        }
    }
}

/// Renders and sends the deliveries a batch claimed, marking each in the ledger.
async fn send_claimed(
    ctx: &DeliveryContext,
    issue: IssueId,
    held: &HeldClaim,
    claimed: Vec<Delivery>,
    mut outcome: BatchOutcome,
) -> Result<BatchOutcome, JobError> {
    let store = &ctx.store;
    let ids: Vec<SubscriberId> = claimed.iter().map(|d| d.subscriber_id).collect();
    let mut recipients: HashMap<SubscriberId, Recipient> =
        store.recipients(&ids).await?.into_iter().map(|r| (r.id, r)).collect();
    let work: Vec<(Delivery, Option<Recipient>)> = claimed
        .into_iter()
        .map(|delivery| {
            let recipient = recipients.remove(&delivery.subscriber_id);
            (delivery, recipient)
        })
        .collect();

    // Each message is rendered right before it is sent, not the whole batch up front: sending
    // starts as soon as the first one is ready, the connections are not left idle while the
    // rest renders, and only the messages on the wire are held in memory. One writer serves
    // the batch: it is locked only for the synchronous write of one message.
    let writer = Mutex::new(ctx.writer.clone());
    // A message counts as in flight from just before it goes on the wire until its mark is
    // committed. Marks are written while the next messages go out (waiting for the commit in
    // the send slot left the connections idle for a third of the time on PostgreSQL), and
    // this bound keeps what a crash can repeat to twice the messages on the wire.
    let send_concurrency = ctx.config.send_concurrency.max(1);
    let in_flight = Arc::new(Semaphore::new(2 * send_concurrency));
    // Set at the batch's first error (usually the database gone): no further message goes on
    // the wire, since its mark could not be written either and it would only be sent again.
    let halted = AtomicBool::new(false);
    let mut results = futures::stream::iter(work)
        .map(|(delivery, recipient)| {
            let writer = &writer;
            let in_flight = &in_flight;
            let halted = &halted;
            async move {
                match render(ctx, writer, issue, delivery, recipient).await? {
                    Some(message) => send_one(ctx, in_flight, halted, held, message).await,
                    None => Ok(Attempt::Skipped),
                }
            }
        })
        .buffer_unordered(send_concurrency);
    let mut marks = FuturesUnordered::new();
    let mut sends_done = false;
    // Every send and every mark is driven to its end even when one of them fails: dropping a
    // send that the server may already have accepted, or its mark, would turn the message into
    // a duplicate after the lease.
    let mut first_error = None;
    while !(sends_done && marks.is_empty()) {
        tokio::select! {
            Some(marked) = marks.next(), if !marks.is_empty() => match marked {
                Ok(()) => outcome.sent += 1,
                Err(e) => {
                    halted.store(true, Ordering::Release);
                    first_error.get_or_insert(e);
                }
            },
            result = results.next(), if !sends_done => match result {
                None => sends_done = true,
                Some(Ok(Attempt::Accepted { sent, in_flight })) => {
                    marks.push(record_sent(ctx, issue, sent, in_flight));
                }
                Some(Ok(Attempt::Skipped)) => outcome.skipped += 1,
                Some(Ok(Attempt::Retried)) => outcome.retried += 1,
                Some(Ok(Attempt::Failed)) => outcome.failed += 1,
                Some(Ok(Attempt::Bounced)) => outcome.bounced += 1,
                Some(Ok(Attempt::Deferred)) => outcome.deferred += 1,
                Some(Err(e)) => {
                    halted.store(true, Ordering::Release);
                    first_error.get_or_insert(e);
                }
            },
        }
    }
    drop(results);
    if let Some(error) = first_error {
        return Err(error);
    }
    tracing::info!(
        issue_id = %issue,
        claimed = outcome.claimed,
        sent = outcome.sent,
        retried = outcome.retried,
        failed = outcome.failed,
        bounced = outcome.bounced,
        skipped = outcome.skipped,
        deferred = outcome.deferred,
        "batch done"
    );
    Ok(outcome)
}

/// Loads the subscriber and renders their message; `None` when the delivery was settled
/// without sending (and marked so in the ledger).
async fn render(
    ctx: &DeliveryContext,
    writer: &Mutex<MessageWriter>,
    issue: IssueId,
    delivery: Delivery,
    recipient: Option<Recipient>,
) -> Result<Option<Outgoing>, JobError> {
    let store = &ctx.store;
    let Some(subscriber) = recipient else {
        skip(ctx, &delivery, None, "subscriber no longer exists").await?;
        return Ok(None);
    };
    // The audience was snapshotted when sending started; people who left since must not
    // get the mail.
    let email = match (&subscriber.email, subscriber.status) {
        (Some(email), SubscriberStatus::Active) => email.clone(),
        (_, status) => {
            skip(ctx, &delivery, Some(subscriber.language), &format!("subscriber is {status}"))
                .await?;
            return Ok(None);
        }
    };
    if subscriber.suppressed {
        skip(ctx, &delivery, Some(subscriber.language), "address is suppressed").await?;
        return Ok(None);
    }
    let Some(prepared) = ctx.prepared_for(issue, subscriber.language)? else {
        let language = Some(subscriber.language);
        skip(ctx, &delivery, language, "no ready variant for the subscriber's language").await?;
        return Ok(None);
    };

    let unsubscribe_url = ctx.link("unsubscribe", TokenPurpose::Unsubscribe, subscriber.id);
    let preferences_url = ctx.link("preferences", TokenPurpose::Preferences, subscriber.id);
    let who = Personalisation {
        name: subscriber.name.as_deref(),
        email: email.as_str(),
        unsubscribe_url: &unsubscribe_url,
        preferences_url: &preferences_url,
    };
    let mailto = (ctx.config.verp.as_ref())
        .filter(|_| ctx.config.unsubscribe_mailto)
        .map(|v| format!("mailto:{}", v.address(VerpTarget::Unsubscribe(subscriber.id))));
    let subject = prepared.subject(&who);
    let html = prepared.render_html(&who);
    let text = prepared.render_text(&who);
    let mut mail = Email::campaign(
        &ctx.config.from,
        email.as_str(),
        &subject,
        &text,
        &html,
        prepared.language(),
        ListHeaders {
            list_id: &ctx.config.list_id,
            unsubscribe_url: &unsubscribe_url,
            unsubscribe_mailto: mailto.as_deref(),
        },
    );
    mail.eight_bit = ctx.transport.accepts_8bit();
    let bounce = ctx.config.verp.as_ref().map(|v| v.address(VerpTarget::Delivery(delivery.id)));
    mail.return_path = bounce.as_deref();
    let built = writer.lock().map_err(|_| JobError::Poisoned("the message writer"))?.build(&mail);
    match built {
        Ok(message) => {
            Ok(Some(Outgoing { delivery, email, language: prepared.language(), message }))
        }
        // Something about this one address (e.g. a non-ASCII local part, which needs SMTPUTF8)
        // that no retry will change.
        Err(e) => {
            tracing::warn!(
                issue_id = %issue,
                delivery_id = %delivery.id,
                subscriber_id = %delivery.subscriber_id,
                error = %e,
                "message cannot be written; delivery failed"
            );
            store.mark_failed(delivery.id, &format!("cannot write message: {e}"), false).await?;
            count(Outcome::Failed, issue, Some(prepared.language()));
            Ok(None)
        }
    }
}

async fn send_one(
    ctx: &DeliveryContext,
    in_flight: &Arc<Semaphore>,
    halted: &AtomicBool,
    held: &HeldClaim,
    out: Outgoing,
) -> Result<Attempt, JobError> {
    let Outgoing { delivery, email, language, message } = out;
    let store = &ctx.store;
    let in_flight = Arc::clone(in_flight)
        .acquire_owned()
        .await
        .map_err(|_| JobError::Gone("the batch's count of messages in flight"))?;
    ctx.pacer.wait().await;
    if halted.load(Ordering::Acquire) {
        // The batch failed; its claims are handed back.
        return Ok(Attempt::Deferred);
    }
    if !ctx.still_sending(delivery.issue_id).await? {
        store.release_delivery(delivery.id, held.token()).await?;
        return Ok(Attempt::Deferred);
    }
    // A message that might go out after the lease has run out could also be sent by whoever
    // claims the row next; leaving it is the duplicate-free choice. Checked last before the
    // wire, after every wait (a place in flight lasts as long as earlier marks take to commit;
    // the pacer and the status read take their time on a loaded machine). The lease is the one
    // the heartbeat last renewed, which renews six times per lease: a quarter of the lease
    // left means renewals have failed for over half of it, and the margin has to cover the
    // send and the mark after it.
    let margin = (ctx.config.lease / 4).min(Duration::from_secs(30));
    if ctx.now() + margin >= held.lease_until() {
        store.release_delivery(delivery.id, held.token()).await?;
        return Ok(Attempt::Deferred);
    }
    let to = [message.recipient.as_str()];
    let envelope = Envelope::new(&message.envelope_from, &to);
    let sent = ctx.transport.send_boxed(envelope, &message.bytes).await;
    let now = ctx.now();
    match sent {
        Ok(()) => {
            let sent =
                SentDelivery { id: delivery.id, language, message_id: message.message_id, at: now };
            ctx.count_failure(delivery.issue_id, false);
            Ok(Attempt::Accepted { sent, in_flight })
        }
        Err(error) => {
            // The ledger outlives an erasure of the subscriber: no address in it.
            let reason = error.redacted(email.as_str());
            let attempts = u32::try_from(delivery.attempts).unwrap_or(u32::MAX);
            // Logged with codes only: the server's reply text often quotes the address.
            tracing::warn!(
                issue_id = %delivery.issue_id,
                delivery_id = %delivery.id,
                subscriber_id = %delivery.subscriber_id,
                attempts,
                code = error.code(),
                enhanced = error.enhanced_status().map(|e| e.to_string()),
                transient = error.is_transient(),
                "delivery attempt failed"
            );
            // One address that does not exist says nothing about the server; everything else
            // in a long run does.
            if !error.is_no_such_user() && ctx.count_failure(delivery.issue_id, true) {
                pause_after_failures(ctx, delivery.issue_id, &reason).await;
            }
            if error.is_transient() {
                if ctx.config.retry.may_retry(attempts) {
                    let delay = ctx.config.retry.delay(attempts, &mut rand::rng());
                    store.mark_retry(delivery.id, &reason, now + delay).await?;
                    count(Outcome::Retried, delivery.issue_id, Some(language));
                    Ok(Attempt::Retried)
                } else {
                    ctx.store_refusal(&delivery, &error, &reason, now).await?;
                    store.mark_failed(delivery.id, &reason, false).await?;
                    count(Outcome::Failed, delivery.issue_id, Some(language));
                    Ok(Attempt::Failed)
                }
            } else if error.is_no_such_user() {
                ctx.store_refusal(&delivery, &error, &reason, now).await?;
                store.mark_failed(delivery.id, &reason, true).await?;
                count(Outcome::Failed, delivery.issue_id, Some(language));
                Ok(Attempt::Bounced)
            } else {
                ctx.store_refusal(&delivery, &error, &reason, now).await?;
                store.mark_failed(delivery.id, &reason, false).await?;
                count(Outcome::Failed, delivery.issue_id, Some(language));
                Ok(Attempt::Failed)
            }
        }
    }
}

/// How stale the "is the issue still sending" answer may be before a send reads it again.
const STATUS_RECHECK: Duration = Duration::from_millis(500);

/// Pauses `issue` with a reason an editor can act on. Losing the race to an editor's own
/// pause or cancel is fine.
async fn pause_after_failures(ctx: &DeliveryContext, issue: IssueId, last_error: &str) {
    let reason = format!(
        "paused automatically after {} failed sends in a row; last error: {last_error}",
        ctx.config.pause_after_failures
    );
    match ctx.store.pause_issue(issue, &reason, ctx.now()).await {
        Ok(_) => {
            tracing::error!(issue_id = %issue, failures = ctx.config.pause_after_failures, "issue paused after repeated send failures; check the SMTP settings, then resume")
        }
        Err(StoreError::Conflict(_)) => {}
        Err(e) => {
            tracing::error!(issue_id = %issue, error = %e, "could not pause the issue after repeated failures")
        }
    }
}
