//! Readiness: whether this process can do its work right now (the database answers, every job
//! worker polls), as opposed to liveness (`/healthz`: the process runs and answers).
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

#[derive(Debug, Default)]
struct State {
    workers: BTreeMap<String, WorkerState>,
    /// Since when the database watcher has found the database unreachable.
    database_down_since: Option<Instant>,
}

/// A snapshot for `/readyz`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadinessReport {
    pub workers: Vec<(String, WorkerState)>,
}

impl ReadinessReport {
    /// Every worker of this process polls (a process without workers has none to wait for).
    pub fn workers_ready(&self) -> bool {
        self.workers.iter().all(|(_, state)| *state == WorkerState::Polling)
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
        }
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
}
