//! Contract tests of two-factor sign-in (issue 22): set-up and its confirmation, steps that
//! only move forward (no replay), recovery codes used once, the reset, the sessions ended
//! when two factors become required, and instance settings; part of [`crate::contract`],
//! which runs them on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rundbrief_core::UserId;

use super::*;
use crate::REQUIRE_TWO_FACTOR;

async fn account(store: &SharedStore, address: &str) -> UserId {
    store.create_user(&email(address), "$argon2id$stub", Role::Editor, t0()).await.unwrap().id
}

pub async fn two_factor_is_confirmed_once_and_codes_move_forward(store: SharedStore) {
    let user = account(&store, "a@example.de").await;
    assert_eq!(store.two_factor(user).await.unwrap(), None);
    assert!(!store.use_totp_step(user, 1).await.unwrap(), "nothing to use before set-up");
    let missing = store.begin_two_factor(UserId(9999), "s", t0()).await.unwrap_err();
    assert_eq!(status_of(&missing), "not found");

    store.begin_two_factor(user, "sealed-1", t0()).await.unwrap();
    // Restarting before confirming replaces the secret.
    store.begin_two_factor(user, "sealed-2", t0()).await.unwrap();
    let pending = store.two_factor(user).await.unwrap().unwrap();
    assert_eq!((pending.secret.as_str(), pending.enabled_at), ("sealed-2", None));
    assert!(!store.use_totp_step(user, 5).await.unwrap(), "not enabled yet");
    let hashes = vec!["h1".to_owned(), "h2".to_owned()];
    assert!(
        !store.enable_two_factor(user, "sealed-1", 100, &hashes, t0()).await.unwrap(),
        "the secret was replaced since it was read"
    );
    assert!(store.enable_two_factor(user, "sealed-2", 100, &hashes, t0()).await.unwrap());
    assert!(!store.enable_two_factor(user, "sealed-2", 101, &hashes, t0()).await.unwrap());
    let enabled = store.two_factor(user).await.unwrap().unwrap();
    assert_eq!((enabled.enabled_at, enabled.last_used_step), (Some(t0()), Some(100)));
    let again = store.begin_two_factor(user, "sealed-3", t0()).await.unwrap_err();
    assert_eq!(status_of(&again), "conflict", "an enabled secret is not replaced");
    assert_eq!(store.two_factor(user).await.unwrap().unwrap().secret, "sealed-2");

    assert!(!store.use_totp_step(user, 100).await.unwrap(), "the confirming code is used");
    assert!(!store.use_totp_step(user, 99).await.unwrap(), "older steps too");
    assert!(store.use_totp_step(user, 101).await.unwrap());
    assert!(!store.use_totp_step(user, 101).await.unwrap(), "replayed");
    assert!(store.use_totp_step(user, 102).await.unwrap());
    // Of two concurrent uses of one step, exactly one wins.
    let (a, b) = tokio::join!(store.use_totp_step(user, 103), store.use_totp_step(user, 103));
    assert_eq!([a.unwrap(), b.unwrap()].iter().filter(|won| **won).count(), 1);

    let other = account(&store, "b@example.de").await;
    assert_eq!(store.two_factor(other).await.unwrap(), None, "per account");
}

pub async fn recovery_codes_work_once_and_a_reset_removes_everything(store: SharedStore) {
    let user = account(&store, "a@example.de").await;
    let other = account(&store, "b@example.de").await;
    let hashes: Vec<String> = (0..10).map(|n| format!("hash-{n}")).collect();
    store.begin_two_factor(user, "sealed", t0()).await.unwrap();
    assert!(store.enable_two_factor(user, "sealed", 1, &hashes, t0()).await.unwrap());
    assert_eq!(store.unused_recovery_codes(user).await.unwrap(), 10);
    assert!(!store.use_recovery_code(other, "hash-3", t0()).await.unwrap(), "not another's");
    assert!(store.use_recovery_code(user, "hash-3", t0()).await.unwrap());
    assert!(!store.use_recovery_code(user, "hash-3", t0()).await.unwrap(), "once only");
    assert!(!store.use_recovery_code(user, "unknown", t0()).await.unwrap());
    assert_eq!(store.unused_recovery_codes(user).await.unwrap(), 9);

    store.remove_two_factor(user).await.unwrap();
    assert_eq!(store.two_factor(user).await.unwrap(), None);
    assert_eq!(store.unused_recovery_codes(user).await.unwrap(), 0);
    assert!(!store.use_recovery_code(user, "hash-4", t0()).await.unwrap());
    store.remove_two_factor(user).await.unwrap();
    // Set up anew: fresh codes only.
    store.begin_two_factor(user, "sealed-new", t0()).await.unwrap();
    let fresh = vec!["fresh".to_owned()];
    assert!(store.enable_two_factor(user, "sealed-new", 5, &fresh, t0()).await.unwrap());
    assert_eq!(store.unused_recovery_codes(user).await.unwrap(), 1);
}

pub async fn requiring_two_factor_ends_sessions_without_it(store: SharedStore) {
    assert_eq!(store.instance_setting(REQUIRE_TWO_FACTOR).await.unwrap(), None);
    store.set_instance_setting(REQUIRE_TWO_FACTOR, "true", t0()).await.unwrap();
    store.set_instance_setting(REQUIRE_TWO_FACTOR, "false", t0()).await.unwrap();
    let value = store.instance_setting(REQUIRE_TWO_FACTOR).await.unwrap();
    assert_eq!(value.as_deref(), Some("false"));

    let with = account(&store, "with@example.de").await;
    let pending = account(&store, "pending@example.de").await;
    let without = account(&store, "without@example.de").await;
    store.begin_two_factor(with, "s", t0()).await.unwrap();
    assert!(store.enable_two_factor(with, "s", 1, &[], t0()).await.unwrap());
    store.begin_two_factor(pending, "s", t0()).await.unwrap();
    for (n, user) in [with, pending, without].into_iter().enumerate() {
        let session = Session {
            token_hash: format!("{n}").repeat(64),
            user_id: user,
            csrf_token: "csrf".into(),
            created_at: t0(),
            expires_at: t0() + Duration::hours(12),
        };
        store.create_session(&session).await.unwrap();
    }
    assert_eq!(store.end_sessions_without_two_factor().await.unwrap(), 2);
    let live = |n: usize| {
        let store = store.clone();
        async move { store.session(&format!("{n}").repeat(64), t0()).await.unwrap().is_some() }
    };
    assert!(live(0).await, "the account with two factors keeps its session");
    assert!(!live(1).await, "a set-up not confirmed is none");
    assert!(!live(2).await);
}
