//! Every worker process sends every campaign that is `sending`: each runs its own lanes of
//! batches over the ledger, so any number of workers on one PostgreSQL share a campaign by
//! how fast each claims, not by how many jobs the web process happened to queue.
//!
//! Before, the process that started an issue queued a fixed number of job chains (the
//! `worker_concurrency` of *that* process), and whichever worker fetched them kept them: one
//! of two workers sent 240 of 250 messages. Now the queue's delivery job only wakes a worker
//! early; each worker also looks for `sending` issues itself every [`DISCOVER_EVERY`] and runs
//! up to `lanes` lanes per issue, each claiming one bounded batch after another with a lease.
//! The ledger's claims (`FOR UPDATE SKIP LOCKED` on PostgreSQL) keep the lanes of all workers
//! apart, so every live worker takes batches as fast as it sends them, and a dead worker's
//! claimed rows go to the others once their lease has run out.
//!
//! A lane holds one of the process's `lanes` turns while it runs batches (up to the runtime's
//! `chain_budget`), so issues sending side by side take turns as the job chains did, and a
//! process never runs more batches at once than its `worker_concurrency`.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use rundbrief_core::IssueId;
use rundbrief_core::model::IssueStatus;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;

use crate::deliver::NextStep;
use crate::queue::{DeliverBatch, JobRuntime, run_deliver_job};

/// How often a worker looks for issues that are `sending` without being woken: the longest a
/// worker that got no wake-up job joins a campaign late. One small indexed query.
pub const DISCOVER_EVERY: Duration = Duration::from_secs(1);

/// The longest a lane waits before it looks again at an issue whose remaining deliveries are
/// not due (retries waiting, or rows another worker holds): a dead worker's rows are claimed
/// at most this long after their lease ran out.
pub const WAIT_AT_MOST: Duration = Duration::from_secs(5);

/// Runs lanes for every `sending` issue until `stop` fires, then lets each lane finish its
/// turn. A lane that panicked is counted out and started again at the next look, as a failed
/// job was followed by the other chains and the next re-queue.
pub async fn run_lanes(runtime: Arc<JobRuntime>, lanes: usize, mut stop: watch::Receiver<bool>) {
    let lanes = lanes.max(1);
    let turns = Arc::new(Semaphore::new(lanes));
    let mut running = Running::default();
    let mut tasks: JoinSet<()> = JoinSet::new();
    loop {
        if *stop.borrow() {
            break;
        }
        match runtime.delivery.store().issues_in_status(IssueStatus::Sending).await {
            Ok(sending) => {
                for issue in sending {
                    while running.count(issue.id) < lanes {
                        let task = tasks.spawn(lane(
                            Arc::clone(&runtime),
                            issue.id,
                            Arc::clone(&turns),
                            stop.clone(),
                        ));
                        running.started(task.id(), issue.id);
                    }
                }
            }
            // The database watcher reports outages; the next look is soon enough.
            Err(error) => tracing::debug!(%error, "cannot look for sending issues yet"),
        }
        tokio::select! {
            () = runtime.wake_lanes.notified() => {}
            () = tokio::time::sleep(DISCOVER_EVERY) => {}
            Some(ended) = tasks.join_next_with_id() => running.ended(ended),
            _ = stop.wait_for(|stopped| *stopped) => break,
        }
    }
    // Lanes stop after their turn.
    while let Some(ended) = tasks.join_next_with_id().await {
        running.ended(ended);
    }
}

/// The lanes running per issue, and which issue each lane task sends.
#[derive(Default)]
struct Running {
    per_issue: HashMap<IssueId, usize>,
    lanes: HashMap<tokio::task::Id, IssueId>,
}

impl Running {
    fn count(&self, issue: IssueId) -> usize {
        self.per_issue.get(&issue).copied().unwrap_or(0)
    }

    fn started(&mut self, task: tokio::task::Id, issue: IssueId) {
        *self.per_issue.entry(issue).or_default() += 1;
        self.lanes.insert(task, issue);
    }

    /// Counts a lane out of its issue's lanes; a panicked one is logged.
    fn ended(&mut self, ended: Result<(tokio::task::Id, ()), tokio::task::JoinError>) {
        let task = match ended {
            Ok((task, ())) => task,
            Err(error) => {
                tracing::error!(%error, "a delivery lane ended abnormally; the next look starts another");
                error.id()
            }
        };
        let Some(issue) = self.lanes.remove(&task) else { return };
        if let Some(count) = self.per_issue.get_mut(&issue) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                self.per_issue.remove(&issue);
            }
        }
    }
}

/// One lane of `issue`: turns of batches while the issue has due deliveries, a wait while the
/// rest is not due, the end when the issue is finished or no longer `sending` (a pause, a
/// cancel: whoever resumes it makes it `sending` again, and the next look finds it).
async fn lane(
    runtime: Arc<JobRuntime>,
    issue: IssueId,
    turns: Arc<Semaphore>,
    mut stop: watch::Receiver<bool>,
) {
    let job = DeliverBatch { issue_id: issue };
    loop {
        if *stop.borrow() {
            return;
        }
        let next = {
            // Closed never: the semaphore lives as long as the lanes.
            let Ok(_turn) = turns.acquire().await else { return };
            // Stopped while waiting for the turn: no new batch.
            if *stop.borrow() {
                return;
            }
            run_deliver_job(&runtime, job).await
        };
        let wait = match next {
            // The turn is given back first: a lane of another issue waiting for one goes on.
            Ok(NextStep::Continue) => continue,
            Ok(NextStep::WaitFor(wait)) => wait.min(WAIT_AT_MOST),
            Ok(NextStep::Finished | NextStep::Halted(_)) => return,
            Err(error) => {
                tracing::error!(issue_id = %issue, %error, "delivery batch failed; trying again later");
                runtime.error_delay
            }
        };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
    }
}
