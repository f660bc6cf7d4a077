//! The records Rundbrief keeps, as the rest of the system sees them. Storage backends map their
//! rows to these; nothing here knows how they are stored.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::segment::Segment;
use crate::{
    ApiTokenId, DeliveryId, EmailAddress, IssueId, Language, ListId, SubscriberId,
    SubscriberStatus, UserId,
};

/// Error for a stored or submitted string that names no known variant of an enum.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not a valid {kind}; expected one of: {expected}")]
pub struct UnknownVariant {
    pub kind: &'static str,
    pub value: String,
    pub expected: &'static str,
}

/// Declares a string-backed enum with `as_str`, `FromStr`, `Display` and serde in one place,
/// so the text stored in the database and the text in the API can never drift apart.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal {
        $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl FromStr for $name {
            type Err = UnknownVariant;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownVariant {
                        kind: $kind,
                        value: crate::echo_input(s),
                        expected: concat!($($text, " "),+),
                    }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

text_enum!(
    /// What a consent event records; the log of these is the proof of consent (DSGVO Art. 7).
    ConsentAction, "consent action" {
        Signup => "signup",
        Confirm => "confirm",
        Preferences => "preferences",
        Unsubscribe => "unsubscribe",
        /// Added through the API with consent obtained elsewhere (e.g. on paper).
        Import => "import",
        Erase => "erase",
        /// The address bounced for good (a hard bounce, or too many soft ones): it is
        /// suppressed and no longer mailed (issue 20).
        Bounce => "bounce",
        /// The reader reported a mail as spam: suppressed, never mailed again.
        Complaint => "complaint",
        /// An editor lifted the address's bounce or complaint suppression, with a reason: the
        /// status stays, but a new sign-up with double opt-in may bring the reader back.
        SuppressionLifted => "suppression_lifted",
    }
);

text_enum!(
    /// What a mail that came back to the instance says (issue 20): the bounce parser's verdict,
    /// stored with each bounce and complaint.
    BounceKind, "bounce kind" {
        /// Permanent: no such user, no such domain. The address is suppressed.
        Hard => "hard",
        /// Temporary: mailbox full, over quota, greylisted for long. Counted; enough of them
        /// within the configured window make the address bounced.
        Soft => "soft",
        /// An abuse feedback report (ARF): the reader marked the mail as spam.
        Complaint => "complaint",
        /// A vacation or other automatic reply (RFC 3834): never counted as a bounce.
        AutoReply => "auto_reply",
        /// Not a report at all (a reader's reply, spam to the bounce address).
        NotBounce => "not_bounce",
    }
);

text_enum!(
    IssueStatus, "issue status" {
        Draft => "draft",
        Scheduled => "scheduled",
        Sending => "sending",
        Paused => "paused",
        Sent => "sent",
        Cancelled => "cancelled",
    }
);

text_enum!(
    DeliveryStatus, "delivery status" {
        Pending => "pending",
        /// Claimed by a worker whose lease has not run out yet.
        Sending => "sending",
        Sent => "sent",
        Failed => "failed",
        Bounced => "bounced",
        /// Not sent on purpose: the reader left before their turn, or no variant was ready
        /// for them. Neither a failure nor a delivery.
        Skipped => "skipped",
    }
);

text_enum!(
    SuppressionReason, "suppression reason" {
        HardBounce => "hard_bounce",
        Complaint => "complaint",
        Erasure => "erasure",
        Manual => "manual",
    }
);

text_enum!(
    /// What an editor account may do in the editor UI; which routes each role may use is
    /// stated in the web crate's route table (`rundbrief_web::admin::ROUTES`).
    Role, "role" {
        /// Everything: accounts, settings, API tokens, and all an editor may do.
        Admin => "admin",
        /// Compose, send, subscribers, lists, imports; not accounts, settings or tokens.
        Editor => "editor",
        /// Reads issues and edits only the variants in their languages (`User::languages`);
        /// never sends and never sees subscribers.
        Translator => "translator",
        /// Reads everything an editor reads, changes nothing.
        Viewer => "viewer",
    }
);

text_enum!(
    /// What an API token may do. Each scope includes the ones before it.
    TokenScope, "token scope" {
        /// GET and HEAD only.
        Read => "read",
        /// Read, plus changes: subscribers, lists, issues, variants, imports.
        Write => "write",
        /// Write, plus sending: send, schedule, pause, resume, cancel, test mails.
        Send => "send",
    }
);

impl TokenScope {
    /// Whether a token of this scope may do what needs `needed`.
    pub fn allows(self, needed: TokenScope) -> bool {
        self.rank() >= needed.rank()
    }

    fn rank(self) -> u8 {
        match self {
            TokenScope::Read => 0,
            TokenScope::Write => 1,
            TokenScope::Send => 2,
        }
    }
}

impl Role {
    /// Whether the role may change issues, subscribers and lists as a whole (a translator
    /// changes only their languages' variants, which the route table states on its own).
    pub fn can_edit(self) -> bool {
        matches!(self, Role::Admin | Role::Editor)
    }

    /// Whether accounts of this role work in given languages (and only with them).
    pub fn has_languages(self) -> bool {
        self == Role::Translator
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subscriber {
    pub id: SubscriberId,
    /// `None` once the subscriber has been erased.
    pub email: Option<EmailAddress>,
    pub name: Option<String>,
    pub language: Language,
    pub status: SubscriberStatus,
    pub region: Option<String>,
    pub audience: Option<String>,
    pub attributes: serde_json::Map<String, serde_json::Value>,
    pub created_at: OffsetDateTime,
    pub confirmed_at: Option<OffsetDateTime>,
    pub unsubscribed_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewSubscriber {
    pub email: EmailAddress,
    pub name: Option<String>,
    pub language: Language,
    /// `Pending` for double opt-in; `Active` only when consent was obtained elsewhere.
    pub status: SubscriberStatus,
    pub region: Option<String>,
    pub audience: Option<String>,
    pub attributes: serde_json::Map<String, serde_json::Value>,
}

impl NewSubscriber {
    pub fn pending(email: EmailAddress, language: Language) -> Self {
        Self {
            email,
            name: None,
            language,
            status: SubscriberStatus::Pending,
            region: None,
            audience: None,
            attributes: serde_json::Map::new(),
        }
    }
}

/// A partial update: `None` leaves a field as it is; `Some(None)` clears an optional field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SubscriberUpdate {
    pub name: Option<Option<String>>,
    pub language: Option<Language>,
    pub region: Option<Option<String>>,
    pub audience: Option<Option<String>>,
    pub attributes: Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SubscriberFilter {
    pub status: Option<SubscriberStatus>,
    pub language: Option<Language>,
    pub list: Option<ListId>,
    pub region: Option<String>,
    pub audience: Option<String>,
    pub created_from: Option<OffsetDateTime>,
    pub created_before: Option<OffsetDateTime>,
    /// Case-insensitive substring of e-mail or name.
    pub search: Option<String>,
}

/// One page of a keyset-paginated listing. `next` is the cursor for the following page, `None`
/// on the last page; keyset paging keeps memory flat however long the list is.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MailingList {
    pub id: ListId,
    pub slug: String,
    /// The list's name per language; the form shows the one of the page's language.
    pub names: BTreeMap<Language, String>,
    /// Public lists are offered as topics on the signup form.
    pub public: bool,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewList {
    pub slug: String,
    pub names: BTreeMap<Language, String>,
    pub public: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsentEvent {
    pub id: i64,
    pub subscriber_id: SubscriberId,
    pub action: ConsentAction,
    pub text_version: Option<String>,
    pub language: Option<Language>,
    /// Cleared when the subscriber is erased.
    pub ip: Option<String>,
    /// Cleared when the subscriber is erased.
    pub user_agent: Option<String>,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewConsentEvent {
    pub subscriber_id: SubscriberId,
    pub action: ConsentAction,
    pub text_version: Option<String>,
    pub language: Option<Language>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    pub id: IssueId,
    pub title: String,
    pub base_language: Language,
    pub status: IssueStatus,
    /// Why the issue stopped by itself, e.g. paused after repeated SMTP failures.
    pub status_reason: Option<String>,
    pub segment: Segment,
    pub scheduled_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewIssue {
    pub title: String,
    pub base_language: Language,
    pub segment: Segment,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct IssueUpdate {
    pub title: Option<String>,
    pub base_language: Option<Language>,
    pub segment: Option<Segment>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    pub issue_id: IssueId,
    pub language: Language,
    pub subject: String,
    pub preheader: String,
    pub body_markdown: String,
    pub ready: bool,
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VariantInput {
    pub subject: String,
    pub preheader: String,
    pub body_markdown: String,
    pub ready: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delivery {
    pub id: DeliveryId,
    pub issue_id: IssueId,
    pub subscriber_id: SubscriberId,
    /// The variant language actually sent; set when the mail goes out. (The reader's language
    /// at the snapshot is kept beside it, for progress per language: [`DeliveryCount`].)
    pub language: Option<Language>,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub message_id: Option<String>,
    pub sent_at: Option<OffsetDateTime>,
    pub next_attempt_at: Option<OffsetDateTime>,
    pub lease_until: Option<OffsetDateTime>,
}

/// Counts of deliveries of one issue per status and subscriber language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeliveryCount {
    pub language: Language,
    pub status: DeliveryStatus,
    pub count: i64,
}

/// Subscribers counted per status and language; survives erasure because it holds no
/// personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubscriberCount {
    pub status: SubscriberStatus,
    pub language: Language,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suppression {
    pub email_hash: String,
    pub reason: SuppressionReason,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct User {
    pub id: UserId,
    pub email: EmailAddress,
    #[serde(skip)]
    pub password_hash: String,
    pub role: Role,
    /// A translator's languages, the only variants they may edit; empty for other roles.
    pub languages: Vec<Language>,
    pub created_at: OffsetDateTime,
    /// When an administrator disabled the account; a disabled account cannot sign in and
    /// has no sessions. `None` while it is active.
    pub disabled_at: Option<OffsetDateTime>,
    /// The editor UI's language the account chose (German or English); `None` until it
    /// chooses, when the browser's language decides.
    pub ui_language: Option<Language>,
}

impl User {
    /// Whether this account may change the variant in `lang`: admins and editors any, a
    /// translator only their own languages', a viewer none.
    pub fn may_edit_variant(&self, lang: Language) -> bool {
        match self.role {
            Role::Admin | Role::Editor => true,
            Role::Translator => self.languages.contains(&lang),
            Role::Viewer => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// SHA-256 of the cookie value; the cookie itself is never stored.
    pub token_hash: String,
    pub user_id: UserId,
    pub csrf_token: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub name: String,
    #[serde(skip)]
    pub token_hash: String,
    pub scope: TokenScope,
    pub created_at: OffsetDateTime,
    /// Refused from this moment on; `None`: never expires.
    pub expires_at: Option<OffsetDateTime>,
    /// Refused since; the row stays so the list can show it.
    pub revoked_at: Option<OffsetDateTime>,
    /// Recorded at most once a minute (see `UserStore::use_api_token`).
    pub last_used_at: Option<OffsetDateTime>,
}

impl ApiToken {
    /// Whether the token is accepted at `now`: not revoked and not expired.
    pub fn is_live(&self, now: OffsetDateTime) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|at| at > now)
    }
}

/// A token to store: its secret only as the hash.
#[derive(Debug, Clone, PartialEq)]
pub struct NewApiToken {
    pub name: String,
    pub token_hash: String,
    pub scope: TokenScope,
    pub expires_at: Option<OffsetDateTime>,
}

/// Hex SHA-256, used wherever a secret or an address must be recognisable later without being
/// kept (API tokens, session cookies, suppressed addresses of erased subscribers).
pub fn sha256_hex(input: &[u8]) -> String {
    use std::fmt::Write;
    let digest = Sha256::digest(input);
    let mut out = String::with_capacity(64);
    for byte in digest {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// The key under which an address is suppressed. It is derived from the case-folded address so
/// that "Anna@Example.org" stays suppressed when it signs up again as "anna@example.org".
pub fn suppression_hash(email: &EmailAddress) -> String {
    sha256_hex(email.key().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_enums_round_trip_through_their_text() {
        for status in DeliveryStatus::ALL {
            assert_eq!(status.as_str().parse::<DeliveryStatus>(), Ok(*status));
        }
        for reason in SuppressionReason::ALL {
            assert_eq!(reason.as_str().parse::<SuppressionReason>(), Ok(*reason));
        }
        for status in IssueStatus::ALL {
            let json = serde_json::to_string(status).expect("serialises");
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
    }

    #[test]
    fn unknown_text_names_the_kind_and_the_choices() {
        let err = "admin2".parse::<Role>().expect_err("not a role");
        let message = err.to_string();
        assert!(message.contains("role"), "{message}");
        assert!(message.contains("editor"), "{message}");
    }

    #[test]
    fn token_scopes_include_the_ones_below() {
        use TokenScope::*;
        assert!(Send.allows(Send) && Send.allows(Write) && Send.allows(Read));
        assert!(Write.allows(Write) && Write.allows(Read) && !Write.allows(Send));
        assert!(Read.allows(Read) && !Read.allows(Write) && !Read.allows(Send));
    }

    #[test]
    fn only_admins_and_editors_can_edit() {
        assert!(Role::Admin.can_edit());
        assert!(Role::Editor.can_edit());
        assert!(!Role::Viewer.can_edit());
        assert!(!Role::Translator.can_edit());
        assert!(Role::Translator.has_languages() && !Role::Editor.has_languages());
    }

    #[test]
    fn suppression_hash_ignores_case_but_not_the_address() {
        let a = EmailAddress::parse("Anna@Example.org").expect("valid");
        let b = EmailAddress::parse("anna@example.org").expect("valid");
        let c = EmailAddress::parse("anna2@example.org").expect("valid");
        assert_eq!(suppression_hash(&a), suppression_hash(&b));
        assert_ne!(suppression_hash(&a), suppression_hash(&c));
        assert_eq!(suppression_hash(&a).len(), 64);
    }
}
