//! A token bucket per client (or per any key, such as an account), in memory. Each process
//! limits on its own; with several web processes the effective limit is multiplied by their
//! number, which is acceptable for its purpose: keeping one client from mail-bombing addresses
//! through the sign-up form or guessing passwords at speed.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Buckets of clients idle this long are forgotten, so memory stays bounded.
const IDLE_FORGET: Duration = Duration::from_secs(600);

pub struct RateLimiter<K = IpAddr> {
    inner: Arc<Mutex<Inner<K>>>,
    per_minute: u32,
}

// Derived `Clone` would demand `K: Clone`; only the `Arc` is cloned.
impl<K> Clone for RateLimiter<K> {
    fn clone(&self) -> Self {
        Self { inner: Arc::clone(&self.inner), per_minute: self.per_minute }
    }
}

struct Inner<K> {
    buckets: HashMap<K, (f64, Instant)>,
    last_sweep: Instant,
}

impl RateLimiter<IpAddr> {
    /// Takes one token for `ip`; `Err` carries how long until the next one. Requests without
    /// a known peer are not limited.
    pub fn check(&self, ip: Option<IpAddr>) -> Result<(), Duration> {
        match ip {
            Some(ip) => self.check_key(ip),
            None => Ok(()),
        }
    }
}

impl<K: Hash + Eq> RateLimiter<K> {
    /// `per_minute` requests per key per minute, in bursts of up to that many; 0 means no
    /// limit.
    pub fn per_minute(per_minute: u32) -> Self {
        let inner = Inner { buckets: HashMap::new(), last_sweep: Instant::now() };
        Self { inner: Arc::new(Mutex::new(inner)), per_minute }
    }

    /// Takes one token for `key`; `Err` carries how long until the next one.
    pub fn check_key(&self, key: K) -> Result<(), Duration> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let now = Instant::now();
        let Ok(mut inner) = self.inner.lock() else { return Ok(()) };
        if now.duration_since(inner.last_sweep) > IDLE_FORGET {
            inner.buckets.retain(|_, (_, seen)| now.duration_since(*seen) < IDLE_FORGET);
            inner.last_sweep = now;
        }
        let (tokens, seen) = inner.buckets.entry(key).or_insert((capacity, now));
        *tokens = (*tokens + now.duration_since(*seen).as_secs_f64() * per_second).min(capacity);
        *seen = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(((1.0 - *tokens) / per_second).max(1.0)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_beyond_the_limit_is_refused_per_ip() {
        let limiter = RateLimiter::per_minute(3);
        let a = Some(IpAddr::from([10, 0, 0, 1]));
        let b = Some(IpAddr::from([10, 0, 0, 2]));
        for _ in 0..3 {
            assert!(limiter.check(a).is_ok());
        }
        let wait = limiter.check(a).expect_err("fourth is refused");
        assert!(wait >= Duration::from_secs(1));
        assert!(limiter.check(b).is_ok(), "another client is not affected");
    }

    #[test]
    fn any_key_can_be_limited() {
        let limiter = RateLimiter::<String>::per_minute(1);
        assert!(limiter.check_key("a@example.org".into()).is_ok());
        assert!(limiter.check_key("a@example.org".into()).is_err());
        assert!(limiter.check_key("b@example.org".into()).is_ok());
    }

    #[test]
    fn zero_means_unlimited() {
        let limiter = RateLimiter::per_minute(0);
        for _ in 0..1000 {
            assert!(limiter.check(Some(IpAddr::from([10, 0, 0, 1]))).is_ok());
        }
    }
}
