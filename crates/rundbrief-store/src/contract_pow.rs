//! Contract tests of the spent proof-of-work salts (issue 23): a salt is spent once, also when
//! two callers race, and expired ones are forgotten; part of [`crate::contract`], which runs
//! them on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

pub async fn a_pow_salt_is_spent_once_and_forgotten_after_its_expiry(store: SharedStore) {
    let expires = t0() + Duration::minutes(20);
    assert!(store.spend_pow_salt("aa.1", expires, t0()).await.unwrap(), "first use");
    assert!(!store.spend_pow_salt("aa.1", expires, t0()).await.unwrap(), "replay");
    assert!(store.spend_pow_salt("bb.1", expires, t0()).await.unwrap(), "another salt");

    // Eight callers at once with the same salt: exactly one may use it.
    let racers: Vec<_> = (0..8)
        .map(|_| {
            let store = Arc::clone(&store);
            tokio::spawn(async move { store.spend_pow_salt("cc.1", expires, t0()).await.unwrap() })
        })
        .collect();
    let mut winners = 0;
    for racer in racers {
        winners += usize::from(racer.await.unwrap());
    }
    assert_eq!(winners, 1);

    // Once its expiry has passed, the row is deleted by the next spend (the challenge itself is
    // refused as expired before it gets here), so the table does not grow for ever.
    let later = expires + Duration::seconds(1);
    assert!(store.spend_pow_salt("dd.1", later + Duration::minutes(20), later).await.unwrap());
    assert!(store.spend_pow_salt("aa.1", later + Duration::minutes(20), later).await.unwrap());
}
