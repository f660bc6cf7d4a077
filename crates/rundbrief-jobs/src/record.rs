//! Marking accepted deliveries `sent`, with concurrent sends sharing one transaction.
//!
//! One transaction per message cost PostgreSQL a WAL flush each and SQLite a write
//! transaction each. Here the first mark to arrive writes itself and every mark that queued up
//! while the previous group committed: group commit, without a timer and without a background
//! task. The batch (`deliver.rs`) awaits each mark beside the next sends and counts the
//! message as in flight until its mark has committed, which is what bounds a crash's repeats.

use std::sync::{Arc, Mutex, PoisonError};

use rundbrief_store::{SentDelivery, Store, StoreError};
use tokio::sync::oneshot;

use crate::error::JobError;

/// Told how the group with its mark ended: the store's error, shared, when it failed.
type Waiter = oneshot::Sender<Result<(), Arc<StoreError>>>;

#[derive(Default)]
pub(crate) struct SentRecorder {
    queued: Mutex<Vec<(SentDelivery, Waiter)>>,
    /// Held by the send that is writing a group.
    writing: tokio::sync::Mutex<()>,
}

impl SentRecorder {
    /// Returns once `sent` is committed (possibly by another send, along with its own).
    pub async fn record(&self, store: &dyn Store, sent: SentDelivery) -> Result<(), JobError> {
        let (waiter, mut done) = oneshot::channel();
        self.queued.lock().unwrap_or_else(PoisonError::into_inner).push((sent, waiter));
        loop {
            if let Some(result) = Self::finished(&mut done)? {
                return result;
            }
            let _writing = self.writing.lock().await;
            // The group written while this send waited for the lock may have held its mark.
            if let Some(result) = Self::finished(&mut done)? {
                return result;
            }
            let group =
                std::mem::take(&mut *self.queued.lock().unwrap_or_else(PoisonError::into_inner));
            let (marks, waiters): (Vec<_>, Vec<_>) = group.into_iter().unzip();
            let result = store.mark_sent(&marks).await.map(|_| ());
            // The group size says how well commits are shared (one is none at all).
            tracing::trace!(marks = marks.len(), ok = result.is_ok(), "sent marks committed");
            let result = result.map_err(Arc::new);
            for waiter in waiters {
                // A waiter that is gone was a send whose future was dropped; nothing to tell.
                let _ = waiter.send(result.clone());
            }
            if let Err(e) = result {
                // This send's own mark was in the group; it reports the error itself.
                return Err(shared(e).into());
            }
        }
    }

    fn finished(
        done: &mut oneshot::Receiver<Result<(), Arc<StoreError>>>,
    ) -> Result<Option<Result<(), JobError>>, JobError> {
        match done.try_recv() {
            Ok(result) => Ok(Some(result.map_err(|e| shared(e).into()))),
            Err(oneshot::error::TryRecvError::Empty) => Ok(None),
            Err(oneshot::error::TryRecvError::Closed) => {
                Err(JobError::Gone("the send that was recording this delivery"))
            }
        }
    }
}

/// One group's error as each of its marks reports it: of the same kind (a database out of
/// reach stays `Unavailable`, so the batch waits instead of failing), with the cause shared.
fn shared(error: Arc<StoreError>) -> StoreError {
    let unavailable = error.is_unavailable();
    let cause: Box<dyn std::error::Error + Send + Sync> = Box::new(SharedError(error));
    if unavailable { StoreError::Unavailable(cause) } else { StoreError::Database(cause) }
}

#[derive(Debug)]
struct SharedError(Arc<StoreError>);

impl std::fmt::Display for SharedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for SharedError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}
