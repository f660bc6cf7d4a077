//! The per-process send rate (`RUNDBRIEF_SEND_RATE`).

use std::sync::Mutex;
use std::time::Duration;

/// Spaces sends evenly to at most `rate` per second across all batches of the process. Each
/// caller takes the next free slot and sleeps until it, so concurrency cannot add bursts.
pub(crate) struct Pacer {
    interval: Option<Duration>,
    next: Mutex<tokio::time::Instant>,
}

impl Pacer {
    pub(crate) fn new(rate: Option<f64>) -> Self {
        let interval =
            rate.filter(|r| r.is_finite() && *r > 0.0).map(|r| Duration::from_secs_f64(1.0 / r));
        Self { interval, next: Mutex::new(tokio::time::Instant::now()) }
    }

    pub(crate) async fn wait(&self) {
        let Some(interval) = self.interval else { return };
        let slot = {
            let Ok(mut next) = self.next.lock() else { return };
            let slot = (*next).max(tokio::time::Instant::now());
            *next = slot + interval;
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}
