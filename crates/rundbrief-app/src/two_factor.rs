//! Two-factor sign-in (issue 22) as use cases: setting TOTP up and confirming it with a code,
//! the second step of signing in (a code or a one-time recovery code), turning it off, an
//! administrator's reset for a locked-out account, and the instance setting that requires it.
//!
//! Between the password and the second factor there is no session: the browser holds a
//! short-lived, MAC'd challenge naming the account (see [`Challenge`]), which no editor route
//! accepts, so a half-signed-in browser can open nothing but the code page.

use rundbrief_core::UserId;
use rundbrief_core::model::User;
use rundbrief_store::{REQUIRE_TWO_FACTOR, StoreError};
use time::Duration;

use crate::accounts::NewLogin;
use crate::audit::{AuditActor, Target};
use crate::totp::{self, DIGITS, STEP_SECONDS};
use crate::{App, AppError};

/// How long the step between password and code may take.
pub const CHALLENGE_TTL: Duration = Duration::minutes(10);
/// The name authenticator apps show for the account.
const ISSUER: &str = "Rundbrief";

/// What comes after a correct password.
// One value per sign-in, moved straight into the response: its size costs nothing, and a box
// would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum SignIn {
    /// Signed in.
    Done(NewLogin),
    /// The account has two factors: a code is needed.
    Code(String),
    /// Two factors are required and the account has none yet: it must set them up first.
    Enrol(String),
}

/// Which second step a challenge is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Challenge {
    Code,
    Enrol,
}

impl Challenge {
    fn label(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Enrol => "enrol",
        }
    }
}

/// A secret being set up, as the authenticator app needs it.
#[derive(Debug, Clone)]
pub struct Enrolment {
    /// Base32, for typing in by hand.
    pub secret: String,
    /// `otpauth://totp/...`, what a QR code would carry.
    pub uri: String,
}

/// An account's two-factor state, for its settings page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TwoFactorStatus {
    pub enabled: bool,
    pub unused_recovery_codes: i64,
}

impl App {
    /// The key TOTP secrets are sealed with: a keyed PRF output of the instance key under
    /// its own label, so it needs no second secret. A new instance key makes stored secrets
    /// unreadable; affected accounts are reset with `rundbrief user reset-2fa`.
    fn sealing_key(&self) -> Vec<u8> {
        self.csrf_token("totp-secret-key", "").into_bytes()
    }

    /// The key of the recovery codes' hashes, derived from the instance key like
    /// [`Self::sealing_key`]: a copy of the database alone cannot be searched for the codes.
    /// A new instance key makes stored codes unusable, as it does the secrets.
    fn recovery_key(&self) -> Vec<u8> {
        self.csrf_token("recovery-code-key", "").into_bytes()
    }

    pub async fn two_factor_required(&self) -> Result<bool, AppError> {
        Ok(self.inner.store.instance_setting(REQUIRE_TWO_FACTOR).await?.as_deref() == Some("true"))
    }

    /// After a correct password: a session, or the challenge of the second step.
    pub(crate) async fn after_password(&self, user: User) -> Result<SignIn, AppError> {
        let enabled = self
            .inner
            .store
            .two_factor(user.id)
            .await?
            .is_some_and(|state| state.enabled_at.is_some());
        if enabled {
            tracing::info!(user = %user.id, "password accepted; asking for the second factor");
            return Ok(SignIn::Code(self.challenge(Challenge::Code, user.id)));
        }
        if self.two_factor_required().await? {
            tracing::info!(user = %user.id, "password accepted; two factors must be set up");
            return Ok(SignIn::Enrol(self.challenge(Challenge::Enrol, user.id)));
        }
        Ok(SignIn::Done(self.start_session(user).await?))
    }

    fn challenge(&self, kind: Challenge, user: UserId) -> String {
        let expires = (self.now() + CHALLENGE_TTL).unix_timestamp();
        let body = format!("{}.{}.{expires}", kind.label(), user.0);
        let mac = self.csrf_token("two-factor-challenge", &body);
        format!("{body}.{mac}")
    }

    /// The account a challenge of `kind` names, if it is genuine and unexpired.
    pub fn challenge_user(&self, kind: Challenge, token: &str) -> Option<UserId> {
        let (body, mac) = token.rsplit_once('.')?;
        if !crate::accounts::tokens_match(&self.csrf_token("two-factor-challenge", body), mac) {
            return None;
        }
        let mut parts = body.split('.');
        let (label, user, expires) = (parts.next()?, parts.next()?, parts.next()?);
        let expires: i64 = expires.parse().ok()?;
        (label == kind.label() && expires > self.now().unix_timestamp())
            .then(|| user.parse().ok().map(UserId))
            .flatten()
    }

    /// The second step of signing in: a TOTP code (each accepted once) or an unused recovery
    /// code (then used up). Refusals are `BadCredentials`, logged with the account's id.
    pub async fn second_factor(&self, challenge: &str, code: &str) -> Result<NewLogin, AppError> {
        let Some(user) = self.challenge_user(Challenge::Code, challenge) else {
            return Err(AppError::BadToken);
        };
        if !self.check_second_factor(user, code).await? {
            self.sign_in_failed(Some(user), "second_factor").await;
            return Err(AppError::BadCredentials);
        }
        let user = self.inner.store.user(user).await?;
        self.start_session(user).await
    }

    /// Whether `code` is a fresh TOTP code or an unused recovery code of `user`, using it up.
    async fn check_second_factor(&self, user: UserId, code: &str) -> Result<bool, AppError> {
        let code = totp::normalise_code(code);
        let store = &self.inner.store;
        let Some(state) = store.two_factor(user).await?.filter(|s| s.enabled_at.is_some()) else {
            tracing::info!(user = %user, "second factor refused: two factors are not enabled");
            return Ok(false);
        };
        if code.len() == DIGITS as usize && code.chars().all(|c| c.is_ascii_digit()) {
            let secret = self.open_secret(user, &state.secret)?;
            let Some(step) = totp::matching_step(&secret, &code, self.now().unix_timestamp())
            else {
                tracing::info!(user = %user, "second factor refused: wrong code");
                return Ok(false);
            };
            if !store.use_totp_step(user, step).await? {
                tracing::info!(user = %user, "second factor refused: code used already");
                return Ok(false);
            }
            return Ok(true);
        }
        // Codes stored before keyed hashes still have the plain one.
        let keyed = totp::recovery_code_mac(&self.recovery_key(), &code);
        for hash in keyed.into_iter().chain([totp::recovery_code_hash(&code)]) {
            if store.use_recovery_code(user, &hash, self.now()).await? {
                tracing::info!(user = %user, "signed in with a recovery code");
                return Ok(true);
            }
        }
        tracing::info!(user = %user, "second factor refused: wrong or used recovery code");
        Ok(false)
    }

    fn open_secret(&self, user: UserId, sealed: &str) -> Result<Vec<u8>, AppError> {
        totp::open(&self.sealing_key(), sealed).ok_or_else(|| {
            tracing::error!(user = %user, "cannot open the TOTP secret: the instance key has changed?");
            AppError::Internal("the two-factor secret cannot be read; reset it".into())
        })
    }

    pub async fn two_factor_status(&self, user: UserId) -> Result<TwoFactorStatus, AppError> {
        let state = self.inner.store.two_factor(user).await?;
        let enabled = state.is_some_and(|s| s.enabled_at.is_some());
        let unused_recovery_codes =
            if enabled { self.inner.store.unused_recovery_codes(user).await? } else { 0 };
        Ok(TwoFactorStatus { enabled, unused_recovery_codes })
    }

    /// The secret being set up: the one started before if it is still unconfirmed, else a
    /// new one. `Conflict` when two factors are on already.
    pub async fn enrolment(&self, user: &User) -> Result<Enrolment, AppError> {
        let store = &self.inner.store;
        let secret = match store.two_factor(user.id).await? {
            Some(state) if state.enabled_at.is_some() => {
                return Err(AppError::Conflict("two-factor sign-in is on already".into()));
            }
            Some(state) => self.open_secret(user.id, &state.secret)?,
            None => {
                let secret = totp::new_secret();
                let sealed = totp::seal(&self.sealing_key(), &secret)
                    .ok_or_else(|| AppError::Internal("cannot seal the TOTP secret".into()))?;
                store.begin_two_factor(user.id, &sealed, self.now()).await?;
                tracing::info!(user = %user.id, "two-factor set-up started");
                secret
            }
        };
        let secret = totp::base32_encode(&secret);
        let label: String =
            form_urlencoded::byte_serialize(format!("{ISSUER}:{}", user.email.as_str()).as_bytes())
                .collect();
        let uri = format!(
            "otpauth://totp/{label}?secret={secret}&issuer={ISSUER}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}"
        );
        Ok(Enrolment { secret, uri })
    }

    /// The set-up a forced enrolment at sign-in shows (see [`SignIn::Enrol`]).
    pub async fn challenge_enrolment(&self, challenge: &str) -> Result<Enrolment, AppError> {
        let Some(user) = self.challenge_user(Challenge::Enrol, challenge) else {
            return Err(AppError::BadToken);
        };
        let user = self.inner.store.user(user).await?;
        self.enrolment(&user).await
    }

    /// Confirms the set-up with a current code; on success two factors are on and the
    /// recovery codes are returned, the only time they are readable. `BadCredentials` for a
    /// wrong code.
    pub async fn confirm_two_factor(
        &self,
        user: UserId,
        code: &str,
    ) -> Result<Vec<String>, AppError> {
        let store = &self.inner.store;
        let Some(state) = store.two_factor(user).await?.filter(|s| s.enabled_at.is_none()) else {
            return Err(AppError::Conflict("no two-factor set-up is waiting".into()));
        };
        let secret = self.open_secret(user, &state.secret)?;
        let code = totp::normalise_code(code);
        let Some(step) = totp::matching_step(&secret, &code, self.now().unix_timestamp()) else {
            tracing::info!(user = %user, "two-factor set-up: wrong code");
            return Err(AppError::BadCredentials);
        };
        let codes = totp::new_recovery_codes();
        let key = self.recovery_key();
        let hashes = codes
            .iter()
            .map(|c| totp::recovery_code_mac(&key, c))
            .collect::<Option<Vec<String>>>()
            .ok_or_else(|| AppError::Internal("cannot key the recovery codes' hashes".into()))?;
        if !store.enable_two_factor(user, &state.secret, step, &hashes, self.now()).await? {
            return Err(AppError::Conflict("the set-up changed meanwhile; start again".into()));
        }
        tracing::info!(user = %user, "two-factor sign-in turned on");
        self.audit_two_factor(user, "account.two_factor_on").await;
        Ok(codes)
    }

    /// Forced set-up at sign-in: confirms with a code and starts the session.
    pub async fn confirm_enrolment(
        &self,
        challenge: &str,
        code: &str,
    ) -> Result<(Vec<String>, NewLogin), AppError> {
        let Some(user) = self.challenge_user(Challenge::Enrol, challenge) else {
            return Err(AppError::BadToken);
        };
        let codes = self.confirm_two_factor(user, code).await?;
        let user = self.inner.store.user(user).await?;
        Ok((codes, self.start_session(user).await?))
    }

    /// Turns two factors off after a current code (or a recovery code). Refused with
    /// `Conflict` while administrators require them.
    pub async fn turn_off_two_factor(&self, user: UserId, code: &str) -> Result<(), AppError> {
        if self.two_factor_required().await? {
            return Err(AppError::Conflict("two-factor sign-in is required".into()));
        }
        if !self.check_second_factor(user, code).await? {
            return Err(AppError::BadCredentials);
        }
        self.inner.store.remove_two_factor(user).await?;
        tracing::info!(user = %user, "two-factor sign-in turned off");
        self.audit_two_factor(user, "account.two_factor_off").await;
        Ok(())
    }

    /// An administrator's reset (`rundbrief user reset-2fa`) for an account that lost its
    /// authenticator and its recovery codes.
    pub async fn reset_two_factor(&self, actor: AuditActor, user: UserId) -> Result<(), AppError> {
        match self.inner.store.remove_two_factor(user).await {
            Ok(()) | Err(StoreError::NotFound(_)) => {}
            Err(e) => return Err(e.into()),
        }
        tracing::info!(user = %user, "two-factor sign-in reset by an administrator");
        let target = Some(Target::new("account", user.0));
        self.record(actor, "account.two_factor_reset", target, serde_json::Value::Null).await;
        Ok(())
    }

    /// Requires (or stops requiring) two factors of every account. Requiring them needs
    /// them on the administrator's own account first (nobody locks the instance out), and
    /// ends the sessions of every account without them: they set them up at the next sign-in.
    pub async fn require_two_factor(&self, admin: UserId, required: bool) -> Result<(), AppError> {
        let store = &self.inner.store;
        if required && !self.two_factor_status(admin).await?.enabled {
            return Err(AppError::Conflict("turn on two-factor sign-in for yourself first".into()));
        }
        let value = if required { "true" } else { "false" };
        store.set_instance_setting(REQUIRE_TWO_FACTOR, value, self.now()).await?;
        let ended = if required { store.end_sessions_without_two_factor().await? } else { 0 };
        tracing::info!(user = %admin, required, ended_sessions = ended, "two-factor requirement changed");
        let detail = serde_json::json!({ "required": required, "ended_sessions": ended });
        self.record(AuditActor::User(admin), "settings.two_factor_required", None, detail).await;
        Ok(())
    }

    /// The audit entry of an account's own two-factor change.
    async fn audit_two_factor(&self, user: UserId, action: &str) {
        let target = Some(Target::new("account", user.0));
        self.record(AuditActor::User(user), action, target, serde_json::Value::Null).await;
    }
}

#[cfg(test)]
mod tests {
    use crate::totp;

    #[test]
    fn codes_from_a_shown_secret_verify() {
        let secret = totp::new_secret();
        let shown = totp::base32_encode(&secret);
        let decoded = totp::base32_decode(&shown).expect("base32");
        let now = 1_800_000_000;
        let code = totp::totp(&decoded, now, totp::DIGITS);
        assert_eq!(totp::matching_step(&secret, &code, now), Some(totp::step_of(now)));
    }
}
