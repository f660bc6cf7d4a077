//! Invitations and password resets by mail (issue 22): an administrator invites an address
//! with a role (a translator's languages) and the editor UI's language, or starts a reset of
//! an account's password; the person gets a mail (`crate::account_mail`) with a signed,
//! expiring link to a page where they set a password.
//!
//! The link is a [`TokenSigner`] token whose subject is the link's row and whose expiry is the
//! row's; the row makes it single-use (the store sets `used_at` in the transaction that
//! creates the account or sets the password). A forged token fails its MAC before the
//! database is asked; an expired, used or revoked one is told apart for the page.
//!
//! A reset leaves the old password working until the new one is set: the reset is an
//! administrator's offer, not proof that the password leaked, and the mail may be slow or
//! lost; locking the account at once would lock its owner out for nothing. An administrator
//! who suspects a leak disables the account, which ends its sessions at once. Setting the
//! new password ends every session of the account in the same transaction.

use rundbrief_core::model::{Role, User};
use rundbrief_core::{EmailAddress, Language, TokenError, TokenPurpose, UserId};
use rundbrief_store::NewInvitation;
pub use rundbrief_store::{AccountLink, AccountLinkKind, LinkRefusal};
use serde_json::json;
use time::Duration;

use crate::accounts::{check_password, hash_password, parse_languages};
use crate::audit::{AuditActor, Target};
use crate::two_factor::SignIn;
use crate::{App, AppError, FieldError};

/// How long an invitation link works.
pub const INVITATION_TTL: Duration = Duration::hours(72);
/// How long a password reset link works.
pub const RESET_TTL: Duration = Duration::hours(24);

/// The languages of the editor UI, and so of the mails about accounts.
pub const UI_LANGUAGES: [Language; 2] = [Language::De, Language::En];

/// The token purpose of a link kind.
pub fn purpose(kind: AccountLinkKind) -> TokenPurpose {
    match kind {
        AccountLinkKind::Invitation => TokenPurpose::AccountInvitation,
        AccountLinkKind::Reset => TokenPurpose::PasswordReset,
    }
}

/// The path of a link's page, with its token.
pub fn link_path(kind: AccountLinkKind, token: &str) -> String {
    match kind {
        AccountLinkKind::Invitation => format!("/admin/invitation/{token}"),
        AccountLinkKind::Reset => format!("/admin/password-reset/{token}"),
    }
}

fn invitation_target(id: i64) -> Option<Target> {
    Some(Target::new("invitation", id))
}

fn account_target(id: UserId) -> Option<Target> {
    Some(Target::new("account", id.0))
}

fn ui_language(code: &str) -> Result<Language, FieldError> {
    Language::parse(code).ok().filter(|lang| UI_LANGUAGES.contains(lang)).ok_or_else(|| {
        FieldError::new("ui_language", "must be de or en", "admin-error-ui-language")
    })
}

impl App {
    /// Invites `email` as `role` (a translator with `languages`, e.g. `pl,ro`), the mail and
    /// the new account's editor UI in `language` (`de` or `en`). The mail is owed in the same
    /// write and sent by a worker. `Conflict` when an account has the address.
    pub async fn invite(
        &self,
        admin: UserId,
        email: &str,
        role: &str,
        languages: &str,
        language: &str,
    ) -> Result<AccountLink, AppError> {
        let mut errors = Vec::new();
        let email = EmailAddress::parse_deliverable(email.trim())
            .map_err(|e| errors.push(FieldError::new("email", e.to_string(), "admin-error-email")))
            .ok();
        let role = role
            .parse::<Role>()
            .map_err(|e| errors.push(FieldError::new("role", e.to_string(), "admin-error-role")))
            .ok();
        let languages = match role {
            Some(role) if role.has_languages() => {
                match parse_languages(languages)
                    .and_then(|list| crate::accounts::check_languages(role, &list).map(|()| list))
                {
                    Ok(list) => list,
                    Err(e) => {
                        errors.push(e);
                        Vec::new()
                    }
                }
            }
            _ => Vec::new(),
        };
        let language = ui_language(language).map_err(|e| errors.push(e)).ok();
        let (Some(email), Some(role), Some(language), true) =
            (email, role, language, errors.is_empty())
        else {
            return Err(AppError::Invalid(errors));
        };
        if self.inner.store.user_by_email(&email).await?.is_some() {
            return Err(AppError::Conflict("an account with this e-mail address exists".into()));
        }
        let now = self.now();
        let new = NewInvitation {
            email,
            role,
            languages,
            language,
            created_by: admin,
            expires_at: now + INVITATION_TTL,
        };
        let link = self.inner.store.create_invitation(&new, now).await?;
        tracing::info!(invitation = link.id, user = %admin, role = %role, "invitation created; its mail is owed");
        let codes: Vec<&str> = new.languages.iter().map(|l| l.code()).collect();
        let detail =
            json!({ "role": role.as_str(), "languages": codes, "ui_language": language.code() });
        let actor = AuditActor::User(admin);
        self.record(actor, "account.invited", invitation_target(link.id), detail).await;
        Ok(link)
    }

    /// Invitations neither used nor revoked nor expired, newest first.
    pub async fn open_invitations(&self) -> Result<Vec<AccountLink>, AppError> {
        Ok(self.inner.store.open_invitations(self.now()).await?)
    }

    /// Revokes an open invitation; `Conflict` when it was used or revoked already.
    pub async fn revoke_invitation(&self, admin: UserId, id: i64) -> Result<(), AppError> {
        let kind = AccountLinkKind::Invitation;
        if !self.inner.store.revoke_account_link(id, kind, self.now()).await? {
            return Err(AppError::Conflict("the invitation was used or revoked already".into()));
        }
        tracing::info!(invitation = id, user = %admin, "invitation revoked");
        let actor = AuditActor::User(admin);
        self.record(actor, "account.invitation_revoked", invitation_target(id), json!({})).await;
        Ok(())
    }

    /// Starts a password reset of `account`: a mail with a link to set a new password, in
    /// the account's editor UI language, else `fallback`. Earlier open resets of the account
    /// stop working.
    pub async fn request_password_reset(
        &self,
        admin: UserId,
        account: UserId,
        fallback: Language,
    ) -> Result<AccountLink, AppError> {
        let user = self.inner.store.user(account).await?;
        let language = user
            .ui_language
            .filter(|lang| UI_LANGUAGES.contains(lang))
            .or(Some(fallback).filter(|lang| UI_LANGUAGES.contains(lang)))
            .unwrap_or(Language::De);
        let now = self.now();
        let link = self
            .inner
            .store
            .create_password_reset(user.id, language, admin, now + RESET_TTL, now)
            .await?;
        tracing::info!(reset = link.id, account = %user.id, user = %admin, "password reset started; its mail is owed");
        let detail = json!({ "reset": link.id });
        let actor = AuditActor::User(admin);
        self.record(actor, "account.password_reset_requested", account_target(user.id), detail)
            .await;
        Ok(link)
    }

    /// The link a token of `kind` names, if it can be used now; else why not. A token that
    /// fails its MAC or is for another purpose is `Unknown` without a database read.
    pub async fn account_link(
        &self,
        kind: AccountLinkKind,
        token: &str,
    ) -> Result<Result<AccountLink, LinkRefusal>, AppError> {
        let id = match self.inner.signer.verify(token, purpose(kind), self.now()) {
            Ok(id) => id,
            Err(TokenError::Expired) => return Ok(Err(LinkRefusal::Expired)),
            Err(_) => return Ok(Err(LinkRefusal::Unknown)),
        };
        let link = match self.inner.store.account_link(id).await {
            Ok(link) if link.kind == kind => link,
            Ok(_) | Err(rundbrief_store::StoreError::NotFound(_)) => {
                return Ok(Err(LinkRefusal::Unknown));
            }
            Err(e) => return Err(e.into()),
        };
        let now = self.now();
        Ok(match (link.used_at, link.revoked_at) {
            (Some(_), _) => Err(LinkRefusal::Used),
            (None, Some(_)) => Err(LinkRefusal::Revoked),
            (None, None) if link.expires_at <= now => Err(LinkRefusal::Expired),
            (None, None) => Ok(link),
        })
    }

    /// Creates the invited account with `password` (the command line's rules) and signs it
    /// in, or sends it to the second factor when the instance requires one. `Invalid` for a
    /// password that breaks the rules (the link stays usable), `Conflict` when an account
    /// with the address was made meanwhile.
    pub async fn accept_invitation(
        &self,
        token: &str,
        password: &str,
    ) -> Result<Result<SignIn, LinkRefusal>, AppError> {
        let link = match self.account_link(AccountLinkKind::Invitation, token).await? {
            Ok(link) => link,
            Err(refusal) => return Ok(Err(refusal)),
        };
        check_password(password).map_err(|e| AppError::Invalid(vec![e]))?;
        let hash = hash_password(password).await?;
        let user: User = match self.inner.store.accept_invitation(link.id, &hash, self.now()).await
        {
            Ok(Ok(user)) => user,
            Ok(Err(refusal)) => return Ok(Err(refusal)),
            Err(rundbrief_store::StoreError::Conflict(_)) => {
                return Err(AppError::Conflict(
                    "an account with this e-mail address exists".into(),
                ));
            }
            Err(e) => return Err(e.into()),
        };
        tracing::info!(invitation = link.id, user = %user.id, role = %user.role, "account created through an invitation");
        let detail = json!({ "invitation": link.id, "role": user.role.as_str() });
        let actor = AuditActor::User(user.id);
        self.record(actor, "account.invitation_accepted", account_target(user.id), detail).await;
        Ok(Ok(self.after_password(user).await?))
    }

    /// Sets the account's new `password` through a reset link and ends its sessions; the
    /// person then signs in. `Invalid` for a password that breaks the rules.
    pub async fn complete_password_reset(
        &self,
        token: &str,
        password: &str,
    ) -> Result<Result<UserId, LinkRefusal>, AppError> {
        let link = match self.account_link(AccountLinkKind::Reset, token).await? {
            Ok(link) => link,
            Err(refusal) => return Ok(Err(refusal)),
        };
        check_password(password).map_err(|e| AppError::Invalid(vec![e]))?;
        let hash = hash_password(password).await?;
        let done = self.inner.store.complete_password_reset(link.id, &hash, self.now()).await?;
        if let Ok(user) = done {
            tracing::info!(reset = link.id, user = %user, "password set through a reset link; the account's sessions ended");
            let detail = json!({ "reset": link.id });
            let actor = AuditActor::User(user);
            self.record(actor, "account.password_reset", account_target(user), detail).await;
        }
        Ok(done)
    }
}
