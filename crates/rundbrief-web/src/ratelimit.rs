//! A token bucket per client (or per any key, such as an account), in memory. Each process
//! limits on its own; with several web processes the effective limit is multiplied by their
//! number, which is acceptable for its purpose: keeping one client from mail-bombing addresses
//! through the sign-up form or guessing passwords at speed.
//!
//! Clients are told apart by [`client_key`]: an IPv4 address, or the /64 prefix of an IPv6
//! address, because one IPv6 host or subscriber line usually holds a whole /64 and could
//! otherwise pick a fresh address for every request.
//!
//! Besides refusing, a bucket can count failures ([`RateLimiter::charge`] and
//! [`RateLimiter::shortfall`]): the sign-in slows down an account that many wrong passwords were
//! tried on without ever refusing it.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::{IpAddr, Ipv6Addr};
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

/// The key a client is limited under: an IPv4 address as it is (IPv4-mapped IPv6 addresses,
/// `::ffff:a.b.c.d`, count as the IPv4 address they carry), an IPv6 address by its /64 prefix.
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from(v6.to_bits() & !u128::from(u64::MAX))),
    }
}

impl RateLimiter<IpAddr> {
    /// Takes one token for the client at `ip` (see [`client_key`]); `Err` carries how long
    /// until the next one. Requests without a known peer are not limited.
    pub fn check(&self, ip: Option<IpAddr>) -> Result<(), Duration> {
        match ip {
            Some(ip) => self.check_key(client_key(ip)),
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
        let per_second = self.per_second();
        self.with_bucket(key, |tokens| {
            if *tokens >= 1.0 {
                *tokens -= 1.0;
                Ok(())
            } else {
                Err(Duration::from_secs_f64(((1.0 - *tokens) / per_second).max(1.0)))
            }
        })
        .unwrap_or(Ok(()))
    }

    /// Takes one token for `key` whether or not there is one, so the bucket may run into debt,
    /// but never deeper than `max_debt` tokens: it counts events (such as failed sign-ins) that
    /// are never refused, and the debt is paid back at the same rate as tokens come.
    pub fn charge(&self, key: K, max_debt: f64) {
        if self.per_minute == 0 {
            return;
        }
        self.with_bucket(key, |tokens| *tokens = (*tokens - 1.0).max(-max_debt.abs()));
    }

    /// How many tokens `key` is short of one: 0 while [`check_key`](Self::check_key) would
    /// pass, up to 1 when the bucket is empty, more when [`charge`](Self::charge) ran it into
    /// debt. Looking does not take a token.
    pub fn shortfall(&self, key: K) -> f64 {
        if self.per_minute == 0 {
            return 0.0;
        }
        self.with_bucket(key, |tokens| (1.0 - *tokens).max(0.0)).unwrap_or(0.0)
    }

    fn per_second(&self) -> f64 {
        f64::from(self.per_minute) / 60.0
    }

    /// Runs `f` on the refilled token count of `key`; `None` only if the lock is poisoned,
    /// which limits nothing rather than failing requests.
    fn with_bucket<T>(&self, key: K, f: impl FnOnce(&mut f64) -> T) -> Option<T> {
        let capacity = f64::from(self.per_minute);
        let per_second = self.per_second();
        let now = Instant::now();
        let mut inner = self.inner.lock().ok()?;
        if now.duration_since(inner.last_sweep) > IDLE_FORGET {
            inner.buckets.retain(|_, (_, seen)| now.duration_since(*seen) < IDLE_FORGET);
            inner.last_sweep = now;
        }
        let (tokens, seen) = inner.buckets.entry(key).or_insert((capacity, now));
        *tokens = (*tokens + now.duration_since(*seen).as_secs_f64() * per_second).min(capacity);
        *seen = now;
        Some(f(tokens))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an IP address")
    }

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

    #[test]
    fn ipv6_clients_share_their_slash_64() {
        let limiter = RateLimiter::per_minute(2);
        let one = ip("2001:db8:1:2:aaaa::1");
        let same_64 = ip("2001:db8:1:2:ffff:ffff:ffff:ffff");
        let next_64 = ip("2001:db8:1:3::1");
        assert!(limiter.check(Some(one)).is_ok());
        assert!(limiter.check(Some(same_64)).is_ok());
        assert!(limiter.check(Some(one)).is_err(), "a fresh address in the /64 is no escape");
        assert!(limiter.check(Some(ip("2001:db8:1:2::42"))).is_err());
        assert!(limiter.check(Some(next_64)).is_ok(), "the neighbouring /64 is another client");
        assert_eq!(client_key(one), ip("2001:db8:1:2::"));
    }

    #[test]
    fn ipv4_mapped_addresses_are_ipv4() {
        let mapped = ip("::ffff:192.0.2.7");
        let v4 = IpAddr::from([192, 0, 2, 7]);
        assert_eq!(client_key(mapped), v4);
        assert_eq!(client_key(v4), v4, "IPv4 stays whole");
        assert_eq!(client_key(IpAddr::from([192, 0, 2, 8])), IpAddr::from([192, 0, 2, 8]));
        let limiter = RateLimiter::per_minute(1);
        assert!(limiter.check(Some(v4)).is_ok());
        assert!(limiter.check(Some(mapped)).is_err(), "the same client either way");
        // Neighbours in the mapped range are separate clients, not one /64.
        assert!(limiter.check(Some(ip("::ffff:192.0.2.8"))).is_ok());
        assert_eq!(client_key(ip("::1")), ip("::"));
    }

    #[test]
    fn charges_run_into_debt_without_refusing_and_are_bounded() {
        let limiter = RateLimiter::<&str>::per_minute(2);
        assert_eq!(limiter.shortfall("a"), 0.0, "looking takes nothing");
        assert_eq!(limiter.shortfall("a"), 0.0);
        limiter.charge("a", 3.0);
        assert_eq!(limiter.shortfall("a"), 0.0, "one token left");
        limiter.charge("a", 3.0);
        let empty = limiter.shortfall("a");
        assert!(empty > 0.9 && empty <= 1.0, "{empty}");
        for _ in 0..10 {
            limiter.charge("a", 3.0);
        }
        let deepest = limiter.shortfall("a");
        assert!(deepest > 3.9 && deepest <= 4.0, "debt stops at 3 tokens: {deepest}");
        assert!(limiter.check_key("a").is_err(), "a key in debt has no token to take");
        assert_eq!(limiter.shortfall("b"), 0.0, "other keys are untouched");
        let unlimited = RateLimiter::<&str>::per_minute(0);
        unlimited.charge("a", 3.0);
        assert_eq!(unlimited.shortfall("a"), 0.0);
    }
}
