//! Readiness: whether this process can do its work right now (the database answers and is
//! migrated, every job worker polls, the SMTP relay of a process that sends mail answers), as
//! opposed to liveness (`/healthz`: the process runs and answers).
//!
//! The job workers report their state here as they start, fail and come back; the database
//! watcher pings the store and says once in the log when the database went away and once when
//! it came back, with how long it was gone. `/readyz` reads both, so a process that lives on
//! with a dead worker or without its database shows as not ready instead of looking healthy.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use rundbrief_store::Store;

/// How long a readiness ping may take before the database counts as unreachable.
pub const PING_TIMEOUT: Duration = Duration::from_secs(2);

/// What one job worker is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerState {
    /// Announced by the process, not polling yet.
    Starting,
    /// Fetching and running jobs.
    Polling,
    /// Stopped by an error (usually the database) and waiting to start again.
    Restarting { error: String },
}

/// Shared, cheap to clone; one per process.
#[derive(Debug, Clone, Default)]
pub struct Readiness {
    inner: Arc<Mutex<State>>,
}

/// What the last probe of the SMTP relay found (see [`watch_smtp`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmtpState {
    /// The first probe has not answered yet.
    Checking,
    Reachable,
    /// Why, without credentials: the transport's errors name the server's reply or the
    /// socket's error, never the URL's password.
    Unreachable {
        error: String,
    },
}

/// The relay as `/readyz` names it: its URL without the password, and what the probe found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpReport {
    pub server: String,
    pub state: SmtpState,
}

#[derive(Debug, Default)]
struct State {
    workers: BTreeMap<String, WorkerState>,
    /// Only in a process that sends mail over SMTP.
    smtp: Option<SmtpReport>,
    /// Since when the database watcher has found the database unreachable.
    database_down_since: Option<Instant>,
}

/// A snapshot for `/readyz`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadinessReport {
    pub workers: Vec<(String, WorkerState)>,
    pub smtp: Option<SmtpReport>,
}

impl ReadinessReport {
    /// Every worker of this process polls (a process without workers has none to wait for).
    pub fn workers_ready(&self) -> bool {
        self.workers.iter().all(|(_, state)| *state == WorkerState::Polling)
    }

    /// The relay answered the last probe, or this process sends no mail over SMTP.
    pub fn smtp_ready(&self) -> bool {
        self.smtp.as_ref().is_none_or(|smtp| smtp.state == SmtpState::Reachable)
    }
}

impl Readiness {
    pub fn new() -> Self {
        Self::default()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// `worker` will run in this process; not ready until it polls.
    pub fn worker_starting(&self, worker: &str) {
        self.state().workers.insert(worker.to_owned(), WorkerState::Starting);
    }

    /// `worker` (a stable role name such as `deliver`) is polling.
    pub fn worker_polling(&self, worker: &str) {
        self.state().workers.insert(worker.to_owned(), WorkerState::Polling);
    }

    /// `worker` stopped with `error` and will be started again.
    pub fn worker_restarting(&self, worker: &str, error: &str) {
        self.state()
            .workers
            .insert(worker.to_owned(), WorkerState::Restarting { error: error.to_owned() });
    }

    /// `worker` stopped for good (shutdown).
    pub fn worker_stopped(&self, worker: &str) {
        self.state().workers.remove(worker);
    }

    pub fn report(&self) -> ReadinessReport {
        let state = self.state();
        ReadinessReport {
            workers: state.workers.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            smtp: state.smtp.clone(),
        }
    }

    /// Records what a probe of the SMTP relay `server` found; returns whether that changed.
    pub fn smtp_observed(&self, server: &str, found: SmtpState) -> bool {
        let mut state = self.state();
        let changed = state.smtp.as_ref().is_none_or(|smtp| smtp.state != found);
        state.smtp = Some(SmtpReport { server: server.to_owned(), state: found });
        changed
    }

    /// The watcher's last finding: `false` from the first failed ping until one succeeds.
    pub fn database_reachable(&self) -> bool {
        self.state().database_down_since.is_none()
    }

    /// Records a ping's outcome; returns the change worth a log line, if any.
    fn observe(&self, reachable: bool) -> Option<Transition> {
        let mut state = self.state();
        match (reachable, state.database_down_since) {
            (false, None) => {
                state.database_down_since = Some(Instant::now());
                Some(Transition::WentAway)
            }
            (true, Some(since)) => {
                state.database_down_since = None;
                Some(Transition::CameBack(since.elapsed()))
            }
            _ => None,
        }
    }
}

enum Transition {
    WentAway,
    CameBack(Duration),
}

/// How often the relay is probed while it answers. A probe opens one connection, which the
/// pool then keeps for the next send, so a busy process pays nothing and an idle one one
/// connection in this time; `/readyz` only reads the outcome, so probes do not follow requests.
pub const SMTP_PROBE_EVERY: Duration = Duration::from_secs(30);
/// How often it is probed while it does not answer, so readiness returns soon after the relay.
pub const SMTP_RETRY_EVERY: Duration = Duration::from_secs(5);
/// How long a probe may take (connect, greeting, TLS, login, NOOP).
pub const SMTP_PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// Probes the SMTP relay of a process that sends mail until `stop` fires, keeping `readiness`
/// current and logging each change once. Without SMTP (mail goes to the outbox) there is
/// nothing to probe and `/readyz` names no relay.
pub async fn watch_smtp(
    mailer: rundbrief_mail::Mailer,
    readiness: Readiness,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let rundbrief_mail::Mailer::Smtp(smtp) = mailer else { return };
    let server = smtp.host_and_port();
    readiness.smtp_observed(&server, SmtpState::Checking);
    loop {
        let found = match tokio::time::timeout(SMTP_PROBE_TIMEOUT, smtp.probe()).await {
            Ok(Some(Ok(()))) => SmtpState::Reachable,
            Ok(Some(Err(error))) => SmtpState::Unreachable { error: error.to_string() },
            // Every connection of the pool is sending: the last outcome stands until one is
            // free again.
            Ok(None) => {
                tokio::select! {
                    () = tokio::time::sleep(SMTP_RETRY_EVERY) => continue,
                    _ = stop.wait_for(|stopped| *stopped) => return,
                }
            }
            Err(_) => SmtpState::Unreachable {
                error: format!("no answer within {} s", SMTP_PROBE_TIMEOUT.as_secs()),
            },
        };
        let wait = if found == SmtpState::Reachable { SMTP_PROBE_EVERY } else { SMTP_RETRY_EVERY };
        if readiness.smtp_observed(&server, found.clone()) {
            match &found {
                SmtpState::Unreachable { error } => {
                    tracing::warn!(smtp = %server, %error, "SMTP relay unreachable");
                }
                _ => tracing::info!(smtp = %server, "SMTP relay reachable"),
            }
        }
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
    }
}

/// Pings the store with a timeout; `Err` carries why it is not reachable.
pub async fn ping(store: &dyn Store) -> Result<(), String> {
    match tokio::time::timeout(PING_TIMEOUT, store.ping()).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(error)) => Err(error.to_string()),
        Err(_) => Err(format!("no answer within {} s", PING_TIMEOUT.as_secs())),
    }
}

/// Pings the database every `every` until `stop` fires, keeping `readiness` current and
/// logging each outage exactly twice: when it starts and when it ends, with its length.
pub async fn watch_database(
    store: Arc<dyn Store>,
    readiness: Readiness,
    every: Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
        let outcome = ping(store.as_ref()).await;
        match (readiness.observe(outcome.is_ok()), outcome) {
            (Some(Transition::WentAway), Err(error)) => {
                tracing::error!(%error, "database unreachable; work waits and retries until it is back");
            }
            (Some(Transition::CameBack(gone)), _) => {
                tracing::info!(
                    outage_seconds = format!("{:.1}", gone.as_secs_f64()),
                    "database reachable again"
                );
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outage_is_reported_once_when_it_starts_and_once_when_it_ends() {
        let readiness = Readiness::new();
        assert!(readiness.observe(true).is_none());
        assert!(matches!(readiness.observe(false), Some(Transition::WentAway)));
        assert!(!readiness.database_reachable());
        assert!(readiness.observe(false).is_none());
        assert!(matches!(readiness.observe(true), Some(Transition::CameBack(_))));
        assert!(readiness.database_reachable());
        assert!(readiness.observe(true).is_none());
    }

    #[test]
    fn a_restarting_worker_makes_the_process_not_ready() {
        let readiness = Readiness::new();
        assert!(readiness.report().workers_ready());
        readiness.worker_polling("deliver");
        readiness.worker_polling("confirm");
        assert!(readiness.report().workers_ready());
        readiness.worker_restarting("confirm", "database unavailable");
        assert!(!readiness.report().workers_ready());
        readiness.worker_polling("confirm");
        assert!(readiness.report().workers_ready());
    }

    #[test]
    fn an_unreachable_relay_makes_the_process_not_ready_and_only_changes_count() {
        let readiness = Readiness::new();
        assert!(readiness.report().smtp_ready(), "no SMTP, nothing to wait for");
        assert!(readiness.smtp_observed("smtp://relay:25", SmtpState::Checking));
        assert!(!readiness.report().smtp_ready());
        assert!(readiness.smtp_observed("smtp://relay:25", SmtpState::Reachable));
        assert!(!readiness.smtp_observed("smtp://relay:25", SmtpState::Reachable));
        assert!(readiness.report().smtp_ready());
        let down = SmtpState::Unreachable { error: "connection refused".into() };
        assert!(readiness.smtp_observed("smtp://relay:25", down.clone()));
        assert!(!readiness.smtp_observed("smtp://relay:25", down));
        assert!(!readiness.report().smtp_ready());
    }
}
