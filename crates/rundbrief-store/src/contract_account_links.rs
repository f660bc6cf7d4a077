//! Contract tests of invitations and password resets by mail (issue 22, migration 0020): a
//! link is used once, not after it expired or was revoked; accepting an invitation creates
//! the account it names; a reset sets the password and ends the account's sessions; the owed
//! mail is claimed by one worker at a time and settled once. Part of [`crate::contract`],
//! which runs them on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rundbrief_core::UserId;

use super::*;
use crate::{AccountLinkKind, ConfirmationOutcome, LinkRefusal, NewInvitation, OwedMailKind};

fn invitation(address: &str, role: Role, by: UserId) -> NewInvitation {
    NewInvitation {
        email: email(address),
        role,
        languages: if role == Role::Translator { vec![Language::Pl] } else { Vec::new() },
        language: Language::En,
        created_by: by,
        expires_at: t0() + Duration::hours(72),
    }
}

pub async fn an_invitation_is_accepted_once_and_creates_its_account(store: SharedStore) {
    let admin = store.create_user(&email("admin@example.de"), "$h", Role::Admin, t0()).await;
    let admin = admin.unwrap().id;
    let new = invitation("Neu@Example.de", Role::Translator, admin);
    let link = store.create_invitation(&new, t0()).await.unwrap();
    assert_eq!(link.kind, AccountLinkKind::Invitation);
    assert_eq!((link.role, link.languages.clone()), (Some(Role::Translator), vec![Language::Pl]));
    assert!(link.is_open(t0()));
    assert_eq!(store.open_invitations(t0()).await.unwrap(), vec![link.clone()]);
    assert_eq!(store.open_invitations(new.expires_at).await.unwrap(), Vec::new(), "expired");

    let later = t0() + Duration::hours(1);
    let user = store.accept_invitation(link.id, "$new", later).await.unwrap().unwrap();
    assert_eq!(user.email.as_str(), "Neu@example.de");
    assert_eq!((user.role, user.languages.clone()), (Role::Translator, vec![Language::Pl]));
    assert_eq!((user.password_hash.as_str(), user.ui_language), ("$new", Some(Language::En)));
    let used = store.account_link(link.id).await.unwrap();
    assert_eq!((used.used_at, used.user_id), (Some(later), Some(user.id)));
    assert_eq!(store.open_invitations(later).await.unwrap(), vec![]);

    let again = store.accept_invitation(link.id, "$other", later).await.unwrap();
    assert_eq!(again.unwrap_err(), LinkRefusal::Used);
    assert_eq!(store.user(user.id).await.unwrap().password_hash, "$new", "untouched");
    // A reset's id is no invitation, and an unknown id is none either.
    let reset = store.create_password_reset(user.id, Language::De, admin, later, t0()).await;
    let reset = reset.unwrap().id;
    assert_eq!(
        store.accept_invitation(reset, "$x", t0()).await.unwrap(),
        Err(LinkRefusal::Unknown)
    );
    assert_eq!(store.accept_invitation(9999, "$x", t0()).await.unwrap(), Err(LinkRefusal::Unknown));

    // Expired and revoked ones create nothing; an address that has an account meanwhile is
    // a conflict and leaves the invitation open.
    let new = invitation("alt@example.de", Role::Editor, admin);
    let expired = store.create_invitation(&new, t0()).await.unwrap();
    let too_late = store.accept_invitation(expired.id, "$x", expired.expires_at).await.unwrap();
    assert_eq!(too_late.unwrap_err(), LinkRefusal::Expired);
    assert!(
        store.revoke_account_link(expired.id, AccountLinkKind::Invitation, t0()).await.unwrap()
    );
    assert!(
        !store.revoke_account_link(expired.id, AccountLinkKind::Invitation, t0()).await.unwrap()
    );
    let revoked = store.accept_invitation(expired.id, "$x", t0()).await.unwrap();
    assert_eq!(revoked.unwrap_err(), LinkRefusal::Revoked);
    assert!(store.user_by_email(&email("alt@example.de")).await.unwrap().is_none());

    let new = invitation("neu@example.de", Role::Viewer, admin);
    let twice = store.create_invitation(&new, t0()).await.unwrap();
    let taken = store.accept_invitation(twice.id, "$x", t0()).await.unwrap_err();
    assert_eq!(status_of(&taken), "conflict");
    assert!(store.account_link(twice.id).await.unwrap().is_open(t0()), "rolled back");
}

pub async fn a_reset_sets_the_password_once_and_ends_the_sessions(store: SharedStore) {
    let admin = store.create_user(&email("admin@example.de"), "$h", Role::Admin, t0()).await;
    let admin = admin.unwrap().id;
    let editor = store.create_user(&email("ed@example.de"), "$old", Role::Editor, t0()).await;
    let editor = editor.unwrap().id;
    let session = Session {
        token_hash: "s".repeat(64),
        user_id: editor,
        csrf_token: "csrf".into(),
        created_at: t0(),
        expires_at: t0() + Duration::hours(8),
    };
    store.create_session(&session).await.unwrap();
    let expires = t0() + Duration::hours(2);
    let first = store.create_password_reset(editor, Language::De, admin, expires, t0()).await;
    let first = first.unwrap();
    assert_eq!((first.kind, first.user_id), (AccountLinkKind::Reset, Some(editor)));
    let second = store.create_password_reset(editor, Language::De, admin, expires, t0()).await;
    let second = second.unwrap();
    let replaced = store.account_link(first.id).await.unwrap();
    assert!(replaced.revoked_at.is_some(), "only the newest reset works");
    assert_eq!(replaced.mail_status, "skipped", "and its mail is not sent any more");
    assert_eq!(store.open_invitations(t0()).await.unwrap(), vec![], "resets are no invitations");

    // Until the new password is set, the old one and the session stay.
    assert_eq!(store.user(editor).await.unwrap().password_hash, "$old");
    assert!(store.session(&session.token_hash, t0()).await.unwrap().is_some());
    let done = store.complete_password_reset(second.id, "$new", t0()).await.unwrap();
    assert_eq!(done, Ok(editor));
    assert_eq!(store.user(editor).await.unwrap().password_hash, "$new");
    assert_eq!(store.session(&session.token_hash, t0()).await.unwrap(), None, "signed out");
    let again = store.complete_password_reset(second.id, "$x", t0()).await.unwrap();
    assert_eq!(again, Err(LinkRefusal::Used));
    let old = store.complete_password_reset(first.id, "$x", t0()).await.unwrap();
    assert_eq!(old, Err(LinkRefusal::Revoked));
    assert_eq!(store.user(editor).await.unwrap().password_hash, "$new");
    let missing = store.create_password_reset(UserId(9999), Language::De, admin, expires, t0());
    assert_eq!(status_of(&missing.await.unwrap_err()), "not found");
}

pub async fn disabling_revokes_open_resets_and_a_disabled_account_keeps_its_password(
    store: SharedStore,
) {
    let admin = store.create_user(&email("admin@example.de"), "$h", Role::Admin, t0()).await;
    let admin = admin.unwrap().id;
    let editor = store.create_user(&email("ed@example.de"), "$old", Role::Editor, t0()).await;
    let editor = editor.unwrap().id;
    let expires = t0() + Duration::hours(2);
    let open = store.create_password_reset(editor, Language::De, admin, expires, t0()).await;
    let open = open.unwrap();
    let later = t0() + Duration::minutes(5);
    store.set_user_disabled(editor, Some(later)).await.unwrap();
    let revoked = store.account_link(open.id).await.unwrap();
    assert_eq!(revoked.revoked_at, Some(later), "disabling revokes the open reset");
    assert_eq!(revoked.mail_status, "skipped", "and its mail is not sent any more");
    let refused = store.complete_password_reset(open.id, "$attacker", later).await.unwrap();
    assert_eq!(refused, Err(LinkRefusal::Revoked));
    // A reset written while the account is disabled (or before this rule) sets nothing
    // either, and stays as it was.
    let fresh = store.create_password_reset(editor, Language::De, admin, expires, later).await;
    let fresh = fresh.unwrap();
    let refused = store.complete_password_reset(fresh.id, "$attacker", later).await.unwrap();
    assert_eq!(refused, Err(LinkRefusal::Revoked));
    assert!(store.account_link(fresh.id).await.unwrap().is_open(later), "rolled back");
    store.set_user_disabled(editor, None).await.unwrap();
    assert_eq!(store.user(editor).await.unwrap().password_hash, "$old", "untouched");
    // Enabled again, the reset that was open works; the revoked one stays revoked.
    let done = store.complete_password_reset(fresh.id, "$new", later).await.unwrap();
    assert_eq!(done, Ok(editor));
    assert_eq!(store.user(editor).await.unwrap().password_hash, "$new");
    let old = store.complete_password_reset(open.id, "$x", later).await.unwrap();
    assert_eq!(old, Err(LinkRefusal::Revoked));
}

pub async fn an_account_mail_is_claimed_by_one_worker_and_settled_once(store: SharedStore) {
    let admin = store.create_user(&email("admin@example.de"), "$h", Role::Admin, t0()).await;
    let admin = admin.unwrap().id;
    let new = invitation("neu@example.de", Role::Editor, admin);
    let link = store.create_invitation(&new, t0()).await.unwrap();
    assert_eq!(link.mail_status, "pending");
    assert_eq!(store.due_account_mails(t0(), 10).await.unwrap(), vec![link.id]);

    let lease = t0() + Duration::seconds(45);
    let (claimed, attempts) =
        store.claim_account_mail(link.id, t0(), lease).await.unwrap().unwrap();
    assert_eq!((claimed.id, attempts), (link.id, 1));
    assert!(store.claim_account_mail(link.id, t0(), lease).await.unwrap().is_none(), "held");
    assert_eq!(
        store.due_account_mails(t0(), 10).await.unwrap(),
        Vec::<i64>::new(),
        "held, not due"
    );

    // A worker that sent nothing gives the claim back, and the attempt with it.
    let released = store.release_owed_mail(OwedMailKind::AccountMail, link.id, 1, t0()).await;
    assert!(released.unwrap());
    assert_eq!(store.due_account_mails(t0(), 10).await.unwrap(), vec![link.id]);
    let (_, attempts) = store.claim_account_mail(link.id, t0(), lease).await.unwrap().unwrap();
    assert_eq!(attempts, 1, "the released attempt did not count");

    // A worker that died: the lease runs out and the mail is due again.
    let retry = store.claim_account_mail(link.id, lease, lease + Duration::seconds(45)).await;
    assert_eq!(retry.unwrap().unwrap().1, 2);
    let wait = lease + Duration::minutes(1);
    // The first worker's settle comes too late: its claim was taken over.
    let stale = store.settle_account_mail(link.id, 1, ConfirmationOutcome::Sent, lease).await;
    assert!(!stale.unwrap());
    assert_eq!(store.account_link(link.id).await.unwrap().mail_status, "pending");
    let retry = ConfirmationOutcome::RetryAt(wait);
    assert!(store.settle_account_mail(link.id, 2, retry, lease).await.unwrap());
    assert_eq!(store.due_account_mails(lease, 10).await.unwrap(), Vec::<i64>::new());
    assert_eq!(store.due_account_mails(wait, 10).await.unwrap(), vec![link.id]);
    store.claim_account_mail(link.id, wait, wait + Duration::seconds(45)).await.unwrap().unwrap();
    assert!(store.settle_account_mail(link.id, 3, ConfirmationOutcome::Sent, wait).await.unwrap());
    assert_eq!(store.account_link(link.id).await.unwrap().mail_status, "sent");
    let later = wait + Duration::hours(1);
    assert!(store.claim_account_mail(link.id, later, later).await.unwrap().is_none(), "sent once");
    assert_eq!(store.due_account_mails(later, 10).await.unwrap(), Vec::<i64>::new());

    // A revoked link's unsent mail is not sent.
    let new = invitation("b@example.de", Role::Editor, admin);
    let other = store.create_invitation(&new, t0()).await.unwrap();
    store.revoke_account_link(other.id, AccountLinkKind::Invitation, t0()).await.unwrap();
    assert_eq!(store.due_account_mails(later, 10).await.unwrap(), Vec::<i64>::new());
    assert!(store.claim_account_mail(other.id, later, later).await.unwrap().is_none());
}
