//! When a transiently failed delivery is tried again.

use std::time::Duration;

use rand::Rng;

/// Exponential backoff with jitter, up to a number of attempts.
///
/// Jitter matters here: a greylisting server or a relay that was down answers a whole batch
/// with 4xx at once, and without jitter all those deliveries would come back in the same
/// second and hit the server together again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first one included; after the last, the delivery is failed.
    pub max_attempts: u32,
    /// Delay after the first failed attempt, before jitter.
    pub base: Duration,
    /// No delay is longer than this, before jitter.
    pub max_delay: Duration,
}

impl RetryPolicy {
    /// 8 attempts, 1 minute doubling up to 4 hours: about 8 hours in all, which outlasts the
    /// greylisting of common servers and a relay restarted during the night.
    pub const DEFAULT_MAX_ATTEMPTS: u32 = 8;
    pub const DEFAULT_BASE: Duration = Duration::from_secs(60);
    pub const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(4 * 3600);
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: Self::DEFAULT_MAX_ATTEMPTS,
            base: Self::DEFAULT_BASE,
            max_delay: Self::DEFAULT_MAX_DELAY,
        }
    }
}

impl RetryPolicy {
    /// Whether a delivery that has made `attempts` attempts (this one included) may try again.
    pub fn may_retry(&self, attempts: u32) -> bool {
        attempts < self.max_attempts
    }

    /// The delay after failed attempt number `attempts` (1 for the first): `base * 2^(n-1)`,
    /// capped at `max_delay`, then "equal jitter": uniformly between half of it and all of it,
    /// so the delay still grows while retries of one batch spread out.
    pub fn delay(&self, attempts: u32, rng: &mut impl Rng) -> Duration {
        let exponent = attempts.saturating_sub(1).min(30);
        let full = self.base.saturating_mul(1u32 << exponent).min(self.max_delay);
        let half = full / 2;
        let spread = full.saturating_sub(half).as_millis() as u64;
        half + Duration::from_millis(rng.random_range(0..=spread))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn delays_double_stay_capped_and_are_jittered() {
        let policy = RetryPolicy {
            max_attempts: 10,
            base: Duration::from_secs(10),
            max_delay: Duration::from_secs(100),
        };
        let mut rng = rand::rng();
        for _ in 0..200 {
            let first = policy.delay(1, &mut rng);
            assert!((Duration::from_secs(5)..=Duration::from_secs(10)).contains(&first));
            let third = policy.delay(3, &mut rng);
            assert!((Duration::from_secs(20)..=Duration::from_secs(40)).contains(&third));
            let late = policy.delay(30, &mut rng);
            assert!((Duration::from_secs(50)..=Duration::from_secs(100)).contains(&late));
        }
        let samples: std::collections::HashSet<_> =
            (0..50).map(|_| policy.delay(2, &mut rng)).collect();
        assert!(samples.len() > 1, "jitter spreads retries");
    }

    #[test]
    fn attempts_are_bounded() {
        let policy = RetryPolicy { max_attempts: 3, ..RetryPolicy::default() };
        assert!(policy.may_retry(1));
        assert!(policy.may_retry(2));
        assert!(!policy.may_retry(3));
        assert!(!policy.may_retry(4));
    }
}
