//! Contract tests of account administration (issue 22): role changes, disabling (which ends
//! the account's sessions) and the rule that one active administrator always remains; part
//! of [`crate::contract`], which runs them on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rundbrief_core::UserId;

use super::*;

async fn account(store: &SharedStore, address: &str, role: Role) -> UserId {
    store.create_user(&email(address), "$argon2id$stub", role, t0()).await.unwrap().id
}

async fn session_of(store: &SharedStore, user: UserId, hash: &str) -> Session {
    let session = Session {
        token_hash: hash.repeat(64),
        user_id: user,
        csrf_token: "csrf".into(),
        created_at: t0(),
        expires_at: t0() + Duration::hours(8),
    };
    store.create_session(&session).await.unwrap();
    session
}

pub async fn roles_change_and_one_active_admin_always_remains(store: SharedStore) {
    let admin = account(&store, "admin@example.de", Role::Admin).await;
    let editor = account(&store, "editor@example.de", Role::Editor).await;

    store.change_user_role(editor, Role::Translator, &[Language::Pl, Language::Ro]).await.unwrap();
    let translator = store.user(editor).await.unwrap();
    assert_eq!(
        (translator.role, translator.languages),
        (Role::Translator, vec![Language::Pl, Language::Ro])
    );

    let last = store.change_user_role(admin, Role::Editor, &[]).await.unwrap_err();
    assert_eq!(status_of(&last), "conflict", "the only admin stays one");
    assert_eq!(store.user(admin).await.unwrap().role, Role::Admin);
    let missing = store.change_user_role(UserId(9999), Role::Viewer, &[]).await.unwrap_err();
    assert_eq!(status_of(&missing), "not found");

    // With a second administrator the first may go; then the second is the last.
    store.change_user_role(editor, Role::Admin, &[]).await.unwrap();
    assert_eq!(store.user(editor).await.unwrap().languages, Vec::<Language>::new());
    store.change_user_role(admin, Role::Viewer, &[]).await.unwrap();
    assert_eq!(store.user(admin).await.unwrap().role, Role::Viewer);
    let last = store.change_user_role(editor, Role::Viewer, &[]).await.unwrap_err();
    assert_eq!(status_of(&last), "conflict");
    // Making an admin an admin again is no demotion.
    store.change_user_role(editor, Role::Admin, &[]).await.unwrap();
}

pub async fn two_admins_demoting_each_other_at_once_leave_one(store: SharedStore) {
    for round in 0..5 {
        let a = account(&store, &format!("a{round}@example.de"), Role::Admin).await;
        let b = account(&store, &format!("b{round}@example.de"), Role::Admin).await;
        // Only these two are active administrators in this round.
        for user in store.users().await.unwrap() {
            if user.role == Role::Admin
                && user.id != a
                && user.id != b
                && user.disabled_at.is_none()
            {
                store.set_user_disabled(user.id, Some(t0())).await.unwrap();
            }
        }
        let (first, second) = tokio::join!(
            store.change_user_role(a, Role::Editor, &[]),
            store.set_user_disabled(b, Some(t0())),
        );
        assert!(first.is_ok() != second.is_ok(), "round {round}: {first:?} {second:?}");
        let refused = first.err().or(second.err()).unwrap();
        assert_eq!(status_of(&refused), "conflict", "round {round}");
        let active = store
            .users()
            .await
            .unwrap()
            .into_iter()
            .filter(|u| u.role == Role::Admin && u.disabled_at.is_none())
            .count();
        assert_eq!(active, 1, "round {round}");
    }
}

pub async fn an_account_keeps_its_ui_language(store: SharedStore) {
    let user = account(&store, "editor@example.de", Role::Editor).await;
    assert_eq!(store.user(user).await.unwrap().ui_language, None, "none until chosen");
    store.set_user_ui_language(user, Some(Language::En)).await.unwrap();
    let by_email = store.user_by_email(&email("editor@example.de")).await.unwrap().unwrap();
    assert_eq!(by_email.ui_language, Some(Language::En));
    store.set_user_ui_language(user, None).await.unwrap();
    assert_eq!(store.user(user).await.unwrap().ui_language, None);
    let missing = store.set_user_ui_language(UserId(9999), Some(Language::De)).await.unwrap_err();
    assert_eq!(status_of(&missing), "not found");
}

pub async fn disabling_ends_sessions_and_spares_the_last_active_admin(store: SharedStore) {
    let admin = account(&store, "admin@example.de", Role::Admin).await;
    let other = account(&store, "second@example.de", Role::Admin).await;
    let kept = session_of(&store, admin, "a").await;
    let ended = session_of(&store, other, "b").await;

    let later = t0() + Duration::minutes(5);
    store.set_user_disabled(other, Some(later)).await.unwrap();
    assert_eq!(store.user(other).await.unwrap().disabled_at, Some(later));
    assert_eq!(store.session(&ended.token_hash, t0()).await.unwrap(), None, "signed out");
    assert_eq!(store.session(&kept.token_hash, t0()).await.unwrap(), Some(kept.clone()));

    // A disabled administrator does not count: the remaining one cannot go.
    let last = store.set_user_disabled(admin, Some(later)).await.unwrap_err();
    assert_eq!(status_of(&last), "conflict");
    assert_eq!(store.user(admin).await.unwrap().disabled_at, None);
    assert_eq!(store.session(&kept.token_hash, t0()).await.unwrap(), Some(kept), "untouched");
    let demoted = store.change_user_role(admin, Role::Editor, &[]).await.unwrap_err();
    assert_eq!(status_of(&demoted), "conflict");

    store.set_user_disabled(other, None).await.unwrap();
    assert_eq!(store.user(other).await.unwrap().disabled_at, None);
    store.set_user_disabled(admin, Some(later)).await.unwrap();
    let missing = store.set_user_disabled(UserId(9999), Some(later)).await.unwrap_err();
    assert_eq!(status_of(&missing), "not found");
}
