//! Marking accepted deliveries `sent`, with concurrent sends sharing one transaction.
//!
//! One transaction per message cost PostgreSQL a WAL flush each and SQLite a write
//! transaction each. Here the first mark to arrive writes itself and every mark that queued up
//! while the previous group committed: group commit, without a timer and without a background
//! task. The batch (`deliver.rs`) awaits each mark beside the next sends and counts the
//! message as in flight until its mark has committed, which is what bounds a crash's repeats.

use std::sync::{Mutex, PoisonError};

use rundbrief_store::{SentDelivery, Store, StoreError};
use tokio::sync::oneshot;

use crate::error::JobError;

/// Told how the group with its mark ended: the error's text when it failed.
type Waiter = oneshot::Sender<Result<(), String>>;

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
            let told = result.as_ref().map(|_| ()).map_err(ToString::to_string);
            for waiter in waiters {
                // A waiter that is gone was a send whose future was dropped; nothing to tell.
                let _ = waiter.send(told.clone());
            }
            if let Err(e) = result {
                // This send's own mark was in the group; it reports the error itself.
                return Err(e.into());
            }
        }
    }

    fn finished(
        done: &mut oneshot::Receiver<Result<(), String>>,
    ) -> Result<Option<Result<(), JobError>>, JobError> {
        match done.try_recv() {
            Ok(result) => Ok(Some(result.map_err(|e| StoreError::Database(e.into()).into()))),
            Err(oneshot::error::TryRecvError::Empty) => Ok(None),
            Err(oneshot::error::TryRecvError::Closed) => Err(JobError::Queue(
                "the send that was recording this delivery stopped before it finished".to_owned(),
            )),
        }
    }
}
