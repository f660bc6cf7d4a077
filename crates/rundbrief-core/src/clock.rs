//! Where "now" comes from. Use cases and jobs take a clock instead of reading the system time,
//! so tests move time (past a link's expiry, a retry delay, a lease) instead of sleeping.

use time::OffsetDateTime;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> OffsetDateTime;
}

/// The wall clock in UTC, rounded to whole seconds as the store keeps them.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        let now = OffsetDateTime::now_utc();
        now.replace_nanosecond(0).unwrap_or(now)
    }
}
