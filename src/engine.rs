//! Wiring of the sending engine: the apalis queue on the store's database, the delivery
//! runtime, the scheduler, and the worker loop that `serve` and `worker` run.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use rundbrief_app::campaign::Campaigns;
use rundbrief_app::health::Readiness;
use rundbrief_app::{ConfirmationMailer, Settings};
use rundbrief_core::TokenSigner;
use rundbrief_core::verp::Verp;
use rundbrief_jobs::queue::{ApalisQueue, JobRuntime, QueueStarter, WorkerSettings, run_workers};
use rundbrief_jobs::{DeliveryConfig, DeliveryContext, DynTransport, RetryPolicy};
use rundbrief_mail::{ListId, Mailer};
use rundbrief_store::Store;

use crate::config::Config;

/// How often the scheduler looks for scheduled issues that are due.
const SCHEDULER_TICK: Duration = Duration::from_secs(5);
/// How long a lane whose batch failed as a whole (database gone) waits before the next one.
const BATCH_ERROR_DELAY: Duration = Duration::from_secs(10);
/// How long a lane goes on with further batches before it gives its turn to other issues' lanes:
/// long enough that a turn's cost vanishes (dozens of batches at full speed), short enough
/// that a shutdown waits little and other issues get their turn.
const CHAIN_BUDGET: Duration = Duration::from_secs(2);
/// How often the raw mails of bounces past their keeping time are removed: the rows only age
/// by days, so an hour late is nothing, and a tick's statement would be waste.
const BOUNCE_PURGE_EVERY: Duration = Duration::from_secs(3600);

/// The sending controls over the queue in the store's database.
pub fn campaigns(store: Arc<dyn Store>, queue: ApalisQueue) -> Campaigns {
    Campaigns::new(store, Arc::new(QueueStarter::new(queue)))
}

/// Everything a worker process needs to run jobs.
pub fn runtime(
    config: &Config,
    store: Arc<dyn Store>,
    signer: TokenSigner,
    queue: ApalisQueue,
    mailer: Mailer,
    settings: Settings,
    readiness: Readiness,
) -> anyhow::Result<Arc<JobRuntime>> {
    // Loaded (and checked) once, with the fallback chain, by `wiring::settings`.
    let templates = Arc::clone(&settings.templates);
    let list_id = ListId::new(templates.organisation.name(), &templates.organisation.list_id)
        .context("list_id in templates/organisation.toml")?;
    let sending = &config.sending;
    let mut delivery = DeliveryConfig::new(&settings.public_url, config.from.clone(), list_id);
    // One signer for links and bounce addresses: every process of an installation shares it.
    let verp = config.bounce.clone().map(|base| Verp::new(signer.clone(), base));
    if let Some(verp) = &verp {
        tracing::info!(bounce_address = %verp.base(), "mail is sent from signed bounce addresses");
    }
    delivery.verp = verp.clone();
    delivery.unsubscribe_mailto = config.receives_mail();
    delivery.fallback_chain = config.fallback_languages.clone();
    delivery.retry = RetryPolicy {
        max_attempts: sending.max_attempts,
        base: Duration::from_secs(u64::from(sending.retry_seconds)),
        ..RetryPolicy::default()
    };
    delivery.lease = Duration::from_secs(u64::from(sending.lease_seconds));
    delivery.send_concurrency = config.smtp_connections as usize;
    delivery.rate = sending.rate;
    delivery.hourly_cap = sending.hourly_limit;
    delivery.daily_cap = sending.daily_limit;
    delivery.pause_after_failures = sending.pause_after_failures;
    delivery.soft_bounces = config.soft_bounces;
    let writer = settings.message_writer.clone();
    let transport: Arc<dyn DynTransport> = Arc::new(mailer.clone());
    let context = DeliveryContext::new(
        Arc::clone(&store),
        transport,
        templates,
        rundbrief_i18n::Locales::embedded(),
        signer.clone(),
        writer,
        delivery,
    );
    let confirmations =
        ConfirmationMailer::new(store, signer, mailer, config.from.clone(), settings)
            .with_verp(verp)
            .with_unsubscribe_mailto(config.receives_mail());
    Ok(Arc::new(JobRuntime {
        delivery: context,
        queue: Arc::new(queue.clone()),
        batch_size: sending.batch_size,
        chain_budget: CHAIN_BUDGET,
        error_delay: BATCH_ERROR_DELAY,
        confirmations: Some(Arc::new(confirmations)),
        confirm_queue: Some(queue),
        readiness,
        wake_lanes: Arc::default(),
    }))
}

/// The bounce mailbox poller, when `RUNDBRIEF_BOUNCE_IMAP_URL` is set: it records what comes
/// back through the same use case as `rundbrief bounces process`.
pub fn bounce_mailbox(
    config: &Config,
    store: Arc<dyn Store>,
    signer: &TokenSigner,
    queue: &ApalisQueue,
    settings: &Settings,
    readiness: &Readiness,
) -> Option<crate::mailbox::Poller> {
    let mailbox = config.bounce_mailbox.clone()?;
    let verp = config.bounce.clone().map(|base| Verp::new(signer.clone(), base));
    let confirmations: Arc<dyn rundbrief_app::ConfirmationQueue> = Arc::new(queue.clone());
    let app = rundbrief_app::App::new(store, signer.clone(), confirmations, settings.clone());
    Some(crate::mailbox::Poller::new(mailbox, app, verp, readiness.clone()))
}

/// The inbound SMTP/LMTP listener, bound, when `RUNDBRIEF_INBOUND_LISTEN` is set (the
/// configuration requires a bounce domain with it): it records what comes back through the
/// same use case as `rundbrief bounces process`.
pub async fn inbound_listener(
    config: &Config,
    store: Arc<dyn Store>,
    signer: &TokenSigner,
    queue: &ApalisQueue,
    settings: &Settings,
) -> anyhow::Result<Option<crate::inbound::Listener>> {
    let (Some(address), Some(base)) = (config.inbound_listen, config.bounce.clone()) else {
        return Ok(None);
    };
    let verp = Verp::new(signer.clone(), base);
    let confirmations: Arc<dyn rundbrief_app::ConfirmationQueue> = Arc::new(queue.clone());
    let app = rundbrief_app::App::new(store, signer.clone(), confirmations, settings.clone());
    crate::inbound::Listener::bind(address, app, verp).await.map(Some)
}

/// Runs the workers and the scheduler until `shutdown` completes. First takes the worker
/// identity of a process of `role` and hands back the claims its earlier incarnation left, then
/// re-queues every issue that is `sending`, so chains lost in a crash resume at once.
pub async fn run(
    campaigns: Campaigns,
    queue: ApalisQueue,
    runtime: Arc<JobRuntime>,
    config: &Config,
    role: &str,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let identity =
        rundbrief_jobs::identity::acquire(queue.db(), role, config.sending.worker_id.as_deref())
            .await
            .context("taking a worker identity")?;
    runtime.delivery.claims().set_worker(identity.name())?;
    let released = runtime
        .delivery
        .store()
        .release_claims_of(identity.name())
        .await
        .context("handing back the claims of this worker's earlier run")?;
    tracing::info!(worker_id = identity.name(), released, "worker identity taken");
    // Renews the leases of the batches in flight; ends with the workers.
    let heartbeat = {
        let runtime = Arc::clone(&runtime);
        tokio::spawn(async move { rundbrief_jobs::claims::heartbeat(&runtime.delivery).await })
    };
    let resumed = campaigns.resume_sending().await.context("resuming sending issues")?;
    if resumed > 0 {
        tracing::info!(issues = resumed, "resumed sending issues");
    }
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let scheduler = tokio::spawn(schedule(
        campaigns,
        Arc::clone(runtime.delivery.store()),
        queue.clone(),
        runtime.readiness.clone(),
        Duration::from_secs(u64::from(config.translator_notice_delay)),
        stop_rx.clone(),
    ));
    // Unique per process: apalis registers workers by name.
    let name = format!("rundbrief-{}-{:08x}", std::process::id(), rand::random::<u32>());
    let settings = WorkerSettings {
        concurrency: config.sending.worker_concurrency as usize,
        ..WorkerSettings::default()
    };
    tracing::info!(worker = %name, concurrency = settings.concurrency, "workers started");
    let mut workers_stop = stop_rx;
    let workers = run_workers(&name, queue.db(), runtime, settings, async move {
        let _ = workers_stop.wait_for(|stopped| *stopped).await;
    });
    tokio::pin!(workers);
    tokio::pin!(shutdown);
    let outcome = tokio::select! {
        outcome = &mut workers => outcome,
        () = &mut shutdown => {
            let _ = stop_tx.send(true);
            workers.await
        }
    };
    let _ = stop_tx.send(true);
    scheduler.abort();
    heartbeat.abort();
    drop(identity);
    outcome.context("job workers stopped")
}

/// Starts scheduled issues when they are due. Schedules live in the database, so a restart
/// only delays them until the next tick; two processes racing for one issue are settled by the
/// store's compare-and-set.
///
/// It also restarts the job chains of sending issues after the database was unreachable: a
/// chain whose successor could not be queued during the outage would otherwise end there.
/// And once an hour it removes the raw mails of bounces past their 30 days.
async fn schedule(
    campaigns: Campaigns,
    store: Arc<dyn Store>,
    queue: ApalisQueue,
    readiness: Readiness,
    notice_delay: Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let mut tick = tokio::time::interval(SCHEDULER_TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut was_reachable = true;
    let mut purged_at: Option<tokio::time::Instant> = None;
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
        let reachable = readiness.database_reachable();
        if reachable && !was_reachable {
            match campaigns.resume_sending().await {
                Ok(0) => {}
                Ok(resumed) => tracing::info!(
                    issues = resumed,
                    "sending issues resumed after the database came back"
                ),
                Err(error) => {
                    tracing::warn!(%error, "cannot resume sending issues yet");
                    continue;
                }
            }
        }
        was_reachable = reachable;
        // Sign-ups and confirmation mails whose job was lost (a crash between the commit and
        // the push, a worker that died holding it) are queued again.
        match rundbrief_jobs::confirm::sweep(store.as_ref(), &queue).await {
            Ok(0) => {}
            Ok(queued) => tracing::info!(jobs = queued, "owed confirmation work queued again"),
            Err(error) if !reachable => tracing::debug!(%error, "sweep waits for the database"),
            Err(error) => tracing::error!(%error, "cannot sweep owed confirmation work"),
        }
        // Translator notices once the base text rested for the delay (a later save
        // supersedes an earlier one), and those whose job was lost.
        match rundbrief_jobs::notices::sweep_notices(store.as_ref(), &queue, notice_delay).await {
            Ok(0) => {}
            Ok(queued) => tracing::info!(jobs = queued, "translator notices queued"),
            Err(error) if !reachable => tracing::debug!(%error, "notice sweep waits"),
            Err(error) => tracing::error!(%error, "cannot sweep translator notices"),
        }
        if reachable && purged_at.is_none_or(|at| at.elapsed() >= BOUNCE_PURGE_EVERY) {
            let now = time::OffsetDateTime::now_utc();
            match rundbrief_app::bounces::purge_raw_mails(store.as_ref(), now).await {
                Ok(0) => {}
                Ok(purged) => tracing::info!(purged, "raw mails of old bounces removed"),
                Err(error) => tracing::warn!(%error, "cannot purge the raw mails of old bounces"),
            }
            purged_at = Some(tokio::time::Instant::now());
        }
        match campaigns.start_due().await {
            Ok(0) => {}
            Ok(started) => tracing::info!(issues = started, "scheduled issues started"),
            // The database watcher reports outages once; no line per tick meanwhile.
            Err(error) if !reachable => tracing::debug!(%error, "scheduler waits for the database"),
            Err(error) => tracing::error!(%error, "scheduler could not start due issues"),
        }
    }
}
