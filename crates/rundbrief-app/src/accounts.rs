//! Editor accounts: argon2id password hashes, login sessions behind random cookie tokens (the
//! database keeps only their SHA-256), per-session CSRF tokens, and the one-time link that
//! creates the first administrator.
//!
//! Nothing here knows cookies or forms; the web crate decides where tokens travel.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore as _;
use rundbrief_core::model::{Role, Session, User, sha256_hex};
use rundbrief_core::{EmailAddress, Language, TokenError, TokenPurpose, TokenSigner, UserId};
use rundbrief_store::{Store, StoreError};
use serde_json::Value;
use sha2::Sha256;
use subtle::ConstantTimeEq as _;
use time::{Duration, OffsetDateTime};

use crate::audit::{AuditActor, Target, record};
use crate::two_factor::SignIn;
use crate::{App, AppError, FieldError};

/// Shorter passwords are refused. Length is what makes a password hard to guess; no
/// composition rules (NIST SP 800-63B).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longer ones are refused, so a request cannot make the server hash megabytes.
pub const MAX_PASSWORD_BYTES: usize = 1024;
/// A login lasts a working day; then the editor signs in again.
pub const SESSION_TTL: Duration = Duration::hours(12);
/// How long the setup link printed at start stays usable.
pub const SETUP_TTL: Duration = Duration::hours(24);

/// The subject of every setup token. The link is stateless; what makes it single-use is that
/// it only works while no account exists.
const SETUP_SUBJECT: i64 = 0;
/// The subject of the token the CSRF key is derived from (see [`csrf_mac`]).
const CSRF_KEY_SUBJECT: i64 = i64::MIN;
const SESSION_TOKEN_BYTES: usize = 32;

type HmacSha256 = Hmac<Sha256>;

/// A fresh login: the cookie value goes to the browser, never to the database or a log.
#[derive(Debug, Clone)]
pub struct NewLogin {
    pub token: String,
    pub session: Session,
    pub user: User,
}

/// Refuses passwords that are too short or too long; the message ids name the field's error.
pub fn check_password(password: &str) -> Result<(), FieldError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(FieldError::new(
            "password",
            format!("must be at least {MIN_PASSWORD_CHARS} characters long"),
            "admin-error-password-short",
        ));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(FieldError::new(
            "password",
            format!("must be at most {MAX_PASSWORD_BYTES} bytes long"),
            "admin-error-password-long",
        ));
    }
    Ok(())
}

fn parse_email(email: &str) -> Result<EmailAddress, FieldError> {
    EmailAddress::parse(email)
        .map_err(|e| FieldError::new("email", e.to_string(), "admin-error-email"))
}

/// An argon2id PHC string (`$argon2id$v=19$...`) with the crate's recommended parameters and a
/// random salt. CPU-heavy on purpose, so it runs off the async workers.
pub async fn hash_password(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(|e| AppError::Internal(format!("cannot hash the password: {e}")))?
}

fn hash_blocking(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| AppError::Internal(format!("cannot hash the password: {e}")))
}

/// Whether `password` matches the stored PHC string. Without a stored hash (unknown user) a
/// dummy hash is checked all the same, so both cases take the same time.
async fn verify_password(stored: Option<String>, password: &str) -> bool {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let hash = stored.or_else(|| dummy_hash().map(str::to_owned)).unwrap_or_default();
        let matches = PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()
        });
        known && matches
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> Option<&'static str> {
    static DUMMY: OnceLock<Option<String>> = OnceLock::new();
    DUMMY
        .get_or_init(|| hash_blocking("no account has this password, it only costs time").ok())
        .as_deref()
}

/// A comma-separated list of language codes (`pl,ro`), each one of the 24 languages, each
/// once; an unknown code is named in the error.
pub fn parse_languages(text: &str) -> Result<Vec<Language>, FieldError> {
    let mut languages = Vec::new();
    for code in text.split(',').map(str::trim).filter(|code| !code.is_empty()) {
        // The error names the code (shortened and cleaned by `rundbrief_core`), so a typo
        // in `pl,ro` is found at once.
        let language = Language::parse(code)
            .map_err(|e| FieldError::new("languages", e.to_string(), "admin-error-languages"))?;
        if !languages.contains(&language) {
            languages.push(language);
        }
    }
    Ok(languages)
}

/// A translator works in some languages, and only a translator has languages.
pub(crate) fn check_languages(role: Role, languages: &[Language]) -> Result<(), FieldError> {
    match (role.has_languages(), languages.is_empty()) {
        (true, true) => Err(FieldError::new(
            "languages",
            "must name at least one language for a translator (e.g. pl,ro)".to_owned(),
            "admin-error-languages",
        )),
        (false, false) => Err(FieldError::new(
            "languages",
            format!("are only for translators, not for the role {role}"),
            "admin-error-languages",
        )),
        _ => Ok(()),
    }
}

/// Creates an account (`rundbrief user create`, and the setup page for the first admin);
/// `languages` are a translator's, empty for every other role. Audited as `account.created`
/// by `actor` (`None`: the new account itself, as on the setup page).
pub async fn create_user(
    store: &dyn Store,
    email: &str,
    password: &str,
    role: Role,
    languages: &[Language],
    at: OffsetDateTime,
    actor: Option<AuditActor>,
) -> Result<User, AppError> {
    let mut errors = Vec::new();
    let email = parse_email(email).map_err(|e| errors.push(e)).ok();
    if let Err(e) = check_password(password) {
        errors.push(e);
    }
    if let Err(e) = check_languages(role, languages) {
        errors.push(e);
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    if store.user_by_email(&email).await?.is_some() {
        return Err(AppError::Conflict(
            "an account with this e-mail address exists already".into(),
        ));
    }
    let hash = hash_password(password).await?;
    match store.create_user_with_languages(&email, &hash, role, languages, at).await {
        Ok(user) => {
            let languages: Vec<&str> = user.languages.iter().map(|l| l.code()).collect();
            let detail =
                serde_json::json!({ "role": user.role.to_string(), "languages": languages });
            let actor = actor.unwrap_or(AuditActor::User(user.id));
            record(store, at, actor, "account.created", Some(account(user.id)), detail).await;
            Ok(user)
        }
        // Lost a race with another creation of the same address.
        Err(StoreError::Conflict(_)) => {
            Err(AppError::Conflict("an account with this e-mail address exists already".into()))
        }
        Err(e) => Err(e.into()),
    }
}

fn account(id: UserId) -> Target {
    Target::new("account", id.0)
}

/// The link that opens the first-run setup page, or `None` once any account exists.
pub async fn setup_link(
    store: &dyn Store,
    signer: &TokenSigner,
    public_url: &str,
    now: OffsetDateTime,
) -> Result<Option<String>, AppError> {
    if store.count_users().await? > 0 {
        return Ok(None);
    }
    let token = signer.sign(TokenPurpose::AdminSetup, SETUP_SUBJECT, Some(now + SETUP_TTL));
    Ok(Some(format!("{}/admin/setup/{token}", public_url.trim_end_matches('/'))))
}

/// The keyed CSRF MAC, or `None` if HMAC refused the key (it takes any length, so never).
///
/// `TokenSigner` keeps the instance key to itself; a setup token that expired before it was
/// made is a keyed PRF output of that key which no verifier ever accepts, so it serves as a
/// derived key without a second secret for operators to manage.
fn csrf_mac(signer: &TokenSigner) -> Option<HmacSha256> {
    let dead = signer.sign(
        TokenPurpose::AdminSetup,
        CSRF_KEY_SUBJECT,
        Some(OffsetDateTime::UNIX_EPOCH + Duration::seconds(1)),
    );
    HmacSha256::new_from_slice(dead.as_bytes()).ok()
}

fn random_token() -> String {
    let mut bytes = [0u8; SESSION_TOKEN_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Compares two tokens without leaking through timing how much of them matched.
pub fn tokens_match(expected: &str, given: &str) -> bool {
    !expected.is_empty() && bool::from(expected.as_bytes().ct_eq(given.as_bytes()))
}

impl App {
    /// The CSRF token bound to `binding`: the session token for signed-in forms, a random
    /// pre-session cookie for the login and setup forms. `scope` keeps the two kinds apart.
    /// Empty (which never matches) only if the MAC cannot be keyed.
    pub fn csrf_token(&self, scope: &str, binding: &str) -> String {
        let Some(mut mac) = csrf_mac(&self.inner.signer) else { return String::new() };
        mac.update(scope.as_bytes());
        mac.update(&[0]);
        mac.update(binding.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// A random value to bind pre-session CSRF tokens to.
    pub fn new_presession(&self) -> String {
        random_token()
    }

    /// Signs in: after the right password a session exists and its token is returned once,
    /// or, with two factors on or required, the challenge of the second step (see
    /// [`crate::two_factor`]).
    ///
    /// A refusal is logged with the account's id, or as "unknown account" when no account has
    /// the address; never with the address or the password. Throttling attempts is the
    /// caller's part (the web crate's sign-in page).
    pub async fn login(&self, email: &str, password: &str) -> Result<SignIn, AppError> {
        let user = match EmailAddress::parse(email) {
            Ok(email) => self.inner.store.user_by_email(&email).await?,
            Err(_) => None,
        };
        let matches = password.len() <= MAX_PASSWORD_BYTES
            && verify_password(user.as_ref().map(|u| u.password_hash.clone()), password).await;
        match user {
            Some(user) if matches && user.disabled_at.is_some() => {
                tracing::info!(user = %user.id, "sign-in refused: account disabled");
                self.sign_in_failed(Some(user.id), "disabled").await;
                Err(AppError::BadCredentials)
            }
            Some(user) if matches => self.after_password(user).await,
            Some(user) => {
                tracing::info!(user = %user.id, "sign-in refused: wrong password");
                self.sign_in_failed(Some(user.id), "password").await;
                Err(AppError::BadCredentials)
            }
            None => {
                tracing::info!("sign-in refused: unknown account");
                // No actor, and the name typed in is not kept: it may be anyone's address,
                // or a password typed into the wrong field.
                self.sign_in_failed(None, "unknown").await;
                Err(AppError::BadCredentials)
            }
        }
    }

    /// The audit entry of a refused sign-in: the account the name belongs to, else nobody.
    pub(crate) async fn sign_in_failed(&self, user: Option<UserId>, reason: &str) {
        let actor = user.map_or(AuditActor::Nobody, AuditActor::User);
        let target = user.map(account);
        self.record(actor, "signin.failed", target, serde_json::json!({ "reason": reason })).await;
    }

    /// Starts a session of an account that has proved who it is; audited as `signin.ok`.
    pub(crate) async fn start_session(&self, user: User) -> Result<NewLogin, AppError> {
        let token = random_token();
        let now = self.now();
        let session = Session {
            token_hash: sha256_hex(token.as_bytes()),
            user_id: user.id,
            csrf_token: self.csrf_token("session", &token),
            created_at: now,
            expires_at: now + SESSION_TTL,
        };
        self.inner.store.create_session(&session).await?;
        tracing::info!(user = %user.id, role = %user.role, "signed in");
        self.record(AuditActor::User(user.id), "signin.ok", Some(account(user.id)), Value::Null)
            .await;
        Ok(NewLogin { token, session, user })
    }

    /// The live session a cookie token names, with its user.
    pub async fn session(&self, token: &str) -> Result<Option<(Session, User)>, AppError> {
        // Real tokens are 43 characters; anything far off needs no database round trip.
        if token.is_empty() || token.len() > 128 {
            return Ok(None);
        }
        let hash = sha256_hex(token.as_bytes());
        let Some(session) = self.inner.store.session(&hash, self.now()).await? else {
            return Ok(None);
        };
        match self.inner.store.user(session.user_id).await {
            // Disabling deletes the sessions too; this holds if one was made in between.
            Ok(user) if user.disabled_at.is_some() => Ok(None),
            Ok(user) => Ok(Some((session, user))),
            Err(StoreError::NotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Every account, oldest first, for the administrators' account list.
    pub async fn accounts(&self) -> Result<Vec<User>, AppError> {
        Ok(self.inner.store.users().await?)
    }

    /// One account, for the administrators' account pages.
    pub async fn account(&self, id: UserId) -> Result<User, AppError> {
        Ok(self.inner.store.user(id).await?)
    }

    /// Gives an account another role; `languages` (`pl,ro`) only for a translator, and then
    /// some. `Conflict` if it is the last active administrator and the role is another.
    /// Audited as `account.role_changed` (role and languages) by `actor`.
    pub async fn change_role(
        &self,
        actor: AuditActor,
        id: UserId,
        role: &str,
        languages: &str,
    ) -> Result<User, AppError> {
        let role = role.parse::<Role>().map_err(|e| {
            AppError::Invalid(vec![FieldError::new("role", e.to_string(), "admin-error-role")])
        })?;
        let languages =
            if role.has_languages() { parse_languages(languages) } else { Ok(Vec::new()) }
                .map_err(|e| AppError::Invalid(vec![e]))?;
        check_languages(role, &languages).map_err(|e| AppError::Invalid(vec![e]))?;
        self.inner.store.change_user_role(id, role, &languages).await?;
        tracing::info!(user = %id, role = %role, "account role changed");
        let codes: Vec<&str> = languages.iter().map(|l| l.code()).collect();
        let detail = serde_json::json!({ "role": role.to_string(), "languages": codes });
        self.record(actor, "account.role_changed", Some(account(id)), detail).await;
        Ok(self.inner.store.user(id).await?)
    }

    /// Disables an account, ends its sessions and revokes its open password resets (in one
    /// store step), or enables it again. `Conflict` for the last active administrator.
    pub async fn set_account_disabled(
        &self,
        actor: AuditActor,
        id: UserId,
        disabled: bool,
    ) -> Result<(), AppError> {
        let at = disabled.then(|| self.now());
        self.inner.store.set_user_disabled(id, at).await?;
        tracing::info!(user = %id, disabled, "account disabled or enabled");
        let action = if disabled { "account.disabled" } else { "account.enabled" };
        self.record(actor, action, Some(account(id)), Value::Null).await;
        Ok(())
    }

    /// Saves the editor UI's language the account chose, so it follows the account to every
    /// device.
    pub async fn remember_ui_language(
        &self,
        id: UserId,
        language: Language,
    ) -> Result<(), AppError> {
        self.inner.store.set_user_ui_language(id, Some(language)).await?;
        tracing::info!(user = %id, language = %language.code(), "editor UI language chosen");
        let detail = serde_json::json!({ "language": language.code() });
        self.record(AuditActor::User(id), "account.ui_language", Some(account(id)), detail).await;
        Ok(())
    }

    /// Ends a session; audited as `signout` when it was a live one.
    pub async fn logout(&self, token: &str) -> Result<(), AppError> {
        let hash = sha256_hex(token.as_bytes());
        let session = self.inner.store.session(&hash, self.now()).await?;
        self.inner.store.delete_session(&hash).await?;
        if let Some(session) = session {
            let (actor, target) = (AuditActor::User(session.user_id), account(session.user_id));
            self.record(actor, "signout", Some(target), Value::Null).await;
        }
        Ok(())
    }

    /// Whether the setup page may be shown: the token is genuine and unexpired, and no
    /// account exists yet.
    pub async fn setup_open(&self, token: &str) -> Result<bool, AppError> {
        match self.inner.signer.verify(token, TokenPurpose::AdminSetup, self.now()) {
            Ok(SETUP_SUBJECT) => Ok(self.inner.store.count_users().await? == 0),
            Ok(_) | Err(TokenError::Expired | TokenError::Malformed | TokenError::BadSignature) => {
                Ok(false)
            }
            Err(TokenError::KeyTooShort { .. }) => Ok(false),
        }
    }

    /// Creates the first administrator through the setup link and signs them in. The caller
    /// serialises concurrent calls within a process; see the web crate.
    pub async fn complete_setup(
        &self,
        token: &str,
        email: &str,
        password: &str,
    ) -> Result<NewLogin, AppError> {
        if !self.setup_open(token).await? {
            return Err(AppError::SetupClosed);
        }
        let user =
            create_user(&*self.inner.store, email, password, Role::Admin, &[], self.now(), None)
                .await?;
        tracing::info!(user = %user.id, "first administrator created through the setup link");
        self.start_session(user).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let hash = hash_blocking("correct horse battery").expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        let parsed = PasswordHash::new(&hash).expect("phc");
        assert!(Argon2::default().verify_password(b"correct horse battery", &parsed).is_ok());
        assert!(Argon2::default().verify_password(b"wrong horse battery", &parsed).is_err());
        assert_ne!(hash, hash_blocking("correct horse battery").expect("hash"), "salted");
    }

    #[test]
    fn short_and_huge_passwords_are_refused() {
        assert_eq!(
            check_password("elevenchars").map_err(|e| e.message_id),
            Err("admin-error-password-short")
        );
        assert!(check_password("twelve chars").is_ok());
        assert!(check_password("äöüäöüäöüäöü").is_ok(), "characters, not bytes");
        let huge = "x".repeat(MAX_PASSWORD_BYTES + 1);
        assert_eq!(
            check_password(&huge).map_err(|e| e.message_id),
            Err("admin-error-password-long")
        );
    }

    #[test]
    fn the_csrf_key_token_can_never_be_a_setup_link() {
        let signer = TokenSigner::new(b"0123456789abcdef0123456789abcdef").expect("key");
        let dead = signer.sign(
            TokenPurpose::AdminSetup,
            CSRF_KEY_SUBJECT,
            Some(OffsetDateTime::UNIX_EPOCH + Duration::seconds(1)),
        );
        let now = OffsetDateTime::now_utc();
        assert_eq!(signer.verify(&dead, TokenPurpose::AdminSetup, now), Err(TokenError::Expired));
    }

    #[test]
    fn languages_are_parsed_and_belong_to_translators_only() {
        assert_eq!(parse_languages("pl, ro,pl"), Ok(vec![Language::Pl, Language::Ro]));
        let unknown = parse_languages("pl,xx").expect_err("xx is no language");
        assert!(unknown.reason.contains("\"xx\""), "{}", unknown.reason);
        assert!(check_languages(Role::Translator, &[Language::Pl]).is_ok());
        assert!(check_languages(Role::Editor, &[]).is_ok());
        assert!(check_languages(Role::Translator, &[]).is_err());
        let editor = check_languages(Role::Editor, &[Language::De]).expect_err("not a translator");
        assert!(editor.reason.contains("only for translators"), "{}", editor.reason);
    }

    #[test]
    fn tokens_are_compared_whole() {
        assert!(tokens_match("abc", "abc"));
        assert!(!tokens_match("abc", "abd"));
        assert!(!tokens_match("abc", "ab"));
        assert!(!tokens_match("", ""), "an empty expectation never matches");
    }
}
