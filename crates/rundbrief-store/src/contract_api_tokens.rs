//! Contract tests of API tokens (issue 22): scope, expiry, revocation that keeps the row, and
//! the last use written at most once a minute; part of [`crate::contract`], which runs them on
//! both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rundbrief_core::ApiTokenId;
use rundbrief_core::model::{NewApiToken, TokenScope};

use super::*;

fn new_token(name: &str, hash: char, scope: TokenScope) -> NewApiToken {
    NewApiToken {
        name: name.into(),
        token_hash: hash.to_string().repeat(64),
        scope,
        expires_at: None,
    }
}

pub async fn api_tokens_are_found_by_hash_and_revocable(store: SharedStore) {
    let token = store.create_api_token(&new_token("crm-sync", 'c', TokenScope::Send), t0()).await;
    let token = token.unwrap();
    assert_eq!(token.last_used_at, None);
    assert_eq!((token.scope, token.expires_at, token.revoked_at), (TokenScope::Send, None, None));
    let later = t0() + Duration::minutes(1);
    let used = store.use_api_token(&"c".repeat(64), later).await.unwrap().unwrap();
    assert_eq!(used.id, token.id);
    assert_eq!(used.name, "crm-sync");
    assert_eq!(used.last_used_at, Some(later));
    assert!(store.use_api_token(&"d".repeat(64), later).await.unwrap().is_none());
    let dup = store.create_api_token(&new_token("again", 'c', TokenScope::Read), t0()).await;
    assert_eq!(status_of(&dup.unwrap_err()), "conflict");

    let revoked_at = later + Duration::minutes(5);
    store.revoke_api_token(token.id, revoked_at).await.unwrap();
    assert!(store.use_api_token(&"c".repeat(64), revoked_at).await.unwrap().is_none());
    // Revoking again keeps the first time; the row stays, with its last use.
    store.revoke_api_token(token.id, revoked_at + Duration::hours(1)).await.unwrap();
    let kept = store.api_token(token.id).await.unwrap();
    assert_eq!(kept.revoked_at, Some(revoked_at));
    assert_eq!(kept.last_used_at, Some(later));
    let unknown = store.revoke_api_token(ApiTokenId(token.id.0 + 100), later).await.unwrap_err();
    assert_eq!(status_of(&unknown), "not found");
    let unknown = store.api_token(ApiTokenId(token.id.0 + 100)).await.unwrap_err();
    assert_eq!(status_of(&unknown), "not found");
}

pub async fn api_tokens_keep_their_scope_and_expire(store: SharedStore) {
    for (scope, hash) in [(TokenScope::Read, 'r'), (TokenScope::Write, 'w')] {
        let created = store.create_api_token(&new_token("t", hash, scope), t0()).await.unwrap();
        assert_eq!(created.scope, scope);
        let used = store.use_api_token(&hash.to_string().repeat(64), t0()).await.unwrap();
        assert_eq!(used.map(|t| t.scope), Some(scope));
    }
    let ends = t0() + Duration::days(90);
    let expiring =
        NewApiToken { expires_at: Some(ends), ..new_token("until", 'e', TokenScope::Send) };
    let created = store.create_api_token(&expiring, t0()).await.unwrap();
    assert_eq!(created.expires_at, Some(ends));
    let hash = "e".repeat(64);
    assert!(store.use_api_token(&hash, ends - Duration::seconds(1)).await.unwrap().is_some());
    assert!(store.use_api_token(&hash, ends).await.unwrap().is_none(), "refused from its end on");
    assert!(store.use_api_token(&hash, ends + Duration::days(1)).await.unwrap().is_none());
    assert_eq!(store.api_token(created.id).await.unwrap().expires_at, Some(ends));
}

pub async fn api_token_use_is_recorded_at_most_once_a_minute(store: SharedStore) {
    let token = store.create_api_token(&new_token("busy", 'b', TokenScope::Read), t0()).await;
    let token = token.unwrap();
    let hash = "b".repeat(64);
    let first = t0() + Duration::seconds(10);
    store.use_api_token(&hash, first).await.unwrap().unwrap();
    // Within the minute the stored time stays; what the caller gets says the same.
    let soon = first + Duration::seconds(59);
    let again = store.use_api_token(&hash, soon).await.unwrap().unwrap();
    assert_eq!(again.last_used_at, Some(first));
    assert_eq!(store.api_token(token.id).await.unwrap().last_used_at, Some(first));
    let minute = first + Duration::minutes(1);
    store.use_api_token(&hash, minute).await.unwrap().unwrap();
    assert_eq!(store.api_token(token.id).await.unwrap().last_used_at, Some(minute));
}

pub async fn api_tokens_are_listed_with_revoked_ones(store: SharedStore) {
    assert!(store.api_tokens().await.unwrap().is_empty());
    let a = store.create_api_token(&new_token("a", 'a', TokenScope::Read), t0()).await.unwrap();
    let b = store.create_api_token(&new_token("b", 'b', TokenScope::Send), t0()).await.unwrap();
    store.revoke_api_token(a.id, t0()).await.unwrap();
    let listed = store.api_tokens().await.unwrap();
    assert_eq!(listed.iter().map(|t| t.id).collect::<Vec<_>>(), [a.id, b.id]);
    assert_eq!(listed[0].revoked_at, Some(t0()));
    assert_eq!(listed[1].revoked_at, None);
    assert_eq!(listed[1].scope, TokenScope::Send);
}
