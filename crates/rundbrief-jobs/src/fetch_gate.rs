//! Keeps apalis' persisted backends from fetching in a loop.
//!
//! apalis' persisted backends (SQLite and PostgreSQL alike) start a new fetch whenever the
//! worker is polled after an empty one, and rely on the worker being polled only when the
//! backend woke it (its poll timer, a finished query). But the worker's future is also woken
//! by everything else it drives, so an idle worker fetched in a loop: ~1,000
//! `BEGIN; UPDATE Jobs ...; COMMIT` a second, on SQLite's single writer, competing with the
//! deliveries' own writes (see docs/benchmarks.md). This wrapper hands the backend a waker of
//! its own and polls it for the next job only after that waker fired, or after `interval`
//! since it last said "nothing yet" (apalis' own poll timer only re-arms when polled, so it
//! cannot be relied on alone). Delaying a poll the backend asked for is no good: a fetch in
//! flight holds a write transaction until it is polled to its end.

use std::future::Future as _;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use apalis_core::backend::{Backend, BackendConfig, WireFormatBackend};
use apalis_core::worker::context::WorkerContext;
use apalis_core::{delegate_codec, delegate_config};

pub struct FetchGate<B> {
    backend: B,
    signal: Arc<BackendSignal>,
    waker: Waker,
    interval: Duration,
    look_again: Option<Pin<Box<tokio::time::Sleep>>>,
}

/// Remembers that the backend asked to be polled, and passes the wake-up on to the worker.
struct BackendSignal {
    woken: AtomicBool,
    worker: Mutex<Option<Waker>>,
}

impl Wake for BackendSignal {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        if let Some(worker) = &*self.worker.lock().unwrap_or_else(PoisonError::into_inner) {
            worker.wake_by_ref();
        }
    }
}

impl<B> FetchGate<B> {
    pub fn new(backend: B, interval: Duration) -> Self {
        // The first poll must reach the backend.
        let signal =
            Arc::new(BackendSignal { woken: AtomicBool::new(true), worker: Mutex::new(None) });
        let waker = Waker::from(Arc::clone(&signal));
        Self { backend, signal, waker, interval, look_again: None }
    }
}

impl<B: Backend> Backend for FetchGate<B> {
    type Task = B::Task;
    type Error = B::Error;

    fn poll_ready(
        &mut self,
        cx: &mut Context<'_>,
        worker: &WorkerContext,
    ) -> Poll<Result<(), Self::Error>> {
        self.backend.poll_ready(cx, worker)
    }

    fn poll_next(
        &mut self,
        cx: &mut Context<'_>,
        worker: &WorkerContext,
    ) -> Poll<Option<Result<Self::Task, Self::Error>>> {
        {
            let mut current = self.signal.worker.lock().unwrap_or_else(PoisonError::into_inner);
            if !current.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
                *current = Some(cx.waker().clone());
            }
        }
        let timer_fired =
            self.look_again.as_mut().is_some_and(|timer| timer.as_mut().poll(cx).is_ready());
        if !self.signal.woken.swap(false, Ordering::AcqRel) && !timer_fired {
            return Poll::Pending;
        }
        let mut own = Context::from_waker(&self.waker);
        let next = self.backend.poll_next(&mut own, worker);
        if next.is_ready() {
            // More may be buffered: the next poll must reach the backend again.
            self.signal.woken.store(true, Ordering::Release);
        } else {
            let mut timer = Box::pin(tokio::time::sleep(self.interval));
            // Registers the timer's wake-up with the worker.
            let _ = timer.as_mut().poll(cx);
            self.look_again = Some(timer);
        }
        next
    }

    fn poll_close(
        &mut self,
        cx: &mut Context<'_>,
        worker: &WorkerContext,
    ) -> Poll<Result<(), Self::Error>> {
        self.backend.poll_close(cx, worker)
    }
}

impl<B> Unpin for FetchGate<B> {}

delegate_config!(FetchGate<B>, backend);
delegate_codec!(FetchGate<B>, backend);
