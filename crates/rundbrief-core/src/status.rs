//! The subscriber life cycle: which statuses exist, which changes between them are lawful, and
//! who may be mailed.
//!
//! The rules encode consent: nobody becomes mailable without confirming (or an import that
//! vouches for consent obtained elsewhere), a bounce or complaint is never silently undone, and
//! erasure is final because the personal data is gone.

use std::str::FromStr;

/// Where a subscriber stands with respect to one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubscriberStatus {
    /// Signed up, confirmation mail sent, not confirmed yet.
    Pending,
    /// Confirmed; receives issues.
    Active,
    /// Left the list; may sign up again.
    Unsubscribed,
    /// The address bounced permanently.
    Bounced,
    /// The recipient reported a mail as spam.
    Complained,
    /// Personal data erased on request; only an anonymous row remains.
    Erased,
}

/// A status change that the life cycle does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot change subscriber status from {from} to {to}")]
pub struct StatusTransitionError {
    pub from: SubscriberStatus,
    pub to: SubscriberStatus,
}

rejected_input_error!(
    /// The input is not the name of a subscriber status.
    StatusParseError,
    "{input:?} is not a subscriber status (expected one of: pending, active, unsubscribed, bounced, complained, erased)"
);

impl SubscriberStatus {
    pub const ALL: [SubscriberStatus; 6] = [
        SubscriberStatus::Pending,
        SubscriberStatus::Active,
        SubscriberStatus::Unsubscribed,
        SubscriberStatus::Bounced,
        SubscriberStatus::Complained,
        SubscriberStatus::Erased,
    ];

    /// The stable lower-case name used in the database, the API and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            SubscriberStatus::Pending => "pending",
            SubscriberStatus::Active => "active",
            SubscriberStatus::Unsubscribed => "unsubscribed",
            SubscriberStatus::Bounced => "bounced",
            SubscriberStatus::Complained => "complained",
            SubscriberStatus::Erased => "erased",
        }
    }

    /// Whether the life cycle allows moving from `self` to `next`.
    ///
    /// Staying in the same status is not a transition; callers that want idempotent requests
    /// (a second click on a confirmation link) should check for equality first.
    pub fn can_transition_to(self, next: Self) -> bool {
        use SubscriberStatus::*;
        matches!(
            (self, next),
            (Pending, Active)
                | (Pending, Unsubscribed)
                | (Active, Unsubscribed)
                | (Active, Bounced)
                | (Active, Complained)
                // Signing up again needs a fresh confirmation: the old consent was withdrawn.
                | (Unsubscribed, Pending)
                // Only for imports that vouch for consent obtained elsewhere.
                | (Unsubscribed, Active)
                // Erasure is a right the subscriber has in every state, and it is final.
                | (Pending | Active | Unsubscribed | Bounced | Complained, Erased)
        )
    }

    /// Returns `next` if the change is allowed.
    pub fn transition(self, next: Self) -> Result<Self, StatusTransitionError> {
        if self.can_transition_to(next) {
            Ok(next)
        } else {
            Err(StatusTransitionError { from: self, to: next })
        }
    }

    /// Only active subscribers receive issues; everyone else must not be mailed.
    pub fn is_mailable(self) -> bool {
        self == SubscriberStatus::Active
    }
}

impl FromStr for SubscriberStatus {
    type Err = StatusParseError;

    /// Accepts exactly the names produced by [`SubscriberStatus::as_str`]; the values come from
    /// our own database and API, where a differently spelt status is a bug worth surfacing.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| StatusParseError::new(s))
    }
}

text_form!(SubscriberStatus, as_str, "a subscriber status such as \"active\"");

#[cfg(test)]
mod tests {
    use super::SubscriberStatus::*;
    use super::*;

    #[test]
    fn full_transition_matrix() {
        // Rows: from; columns: to, in the order of ALL
        // (pending, active, unsubscribed, bounced, complained, erased).
        let expected: [(SubscriberStatus, [bool; 6]); 6] = [
            (Pending, [false, true, true, false, false, true]),
            (Active, [false, false, true, true, true, true]),
            (Unsubscribed, [true, true, false, false, false, true]),
            (Bounced, [false, false, false, false, false, true]),
            (Complained, [false, false, false, false, false, true]),
            (Erased, [false, false, false, false, false, false]),
        ];
        assert_eq!(expected.map(|(from, _)| from), SubscriberStatus::ALL);

        let mut allowed = 0;
        for (from, row) in expected {
            for (to, want) in SubscriberStatus::ALL.into_iter().zip(row) {
                assert_eq!(
                    from.can_transition_to(to),
                    want,
                    "{from} -> {to} should be {}",
                    if want { "allowed" } else { "forbidden" }
                );
                match from.transition(to) {
                    Ok(next) => {
                        assert!(want, "{from} -> {to} must fail");
                        assert_eq!(next, to);
                    }
                    Err(err) => {
                        assert!(!want, "{from} -> {to} must succeed");
                        assert_eq!(err, StatusTransitionError { from, to });
                    }
                }
                allowed += usize::from(want);
            }
        }
        assert_eq!(allowed, 12);
    }

    #[test]
    fn same_status_is_never_a_transition() {
        for status in SubscriberStatus::ALL {
            assert!(!status.can_transition_to(status), "{status}");
        }
    }

    #[test]
    fn nothing_leaves_erased() {
        for to in SubscriberStatus::ALL {
            assert!(Erased.transition(to).is_err(), "erased -> {to}");
        }
    }

    #[test]
    fn everything_but_erased_can_be_erased() {
        for from in SubscriberStatus::ALL {
            assert_eq!(from.can_transition_to(Erased), from != Erased, "{from}");
        }
    }

    #[test]
    fn bounces_and_complaints_are_not_undone() {
        for from in [Bounced, Complained] {
            for to in [Pending, Active, Unsubscribed] {
                assert!(!from.can_transition_to(to), "{from} -> {to}");
            }
        }
    }

    #[test]
    fn transition_error_message() {
        let err = Bounced.transition(Active).expect_err("bounced cannot be reactivated");
        assert_eq!(err.to_string(), "cannot change subscriber status from bounced to active");
        let err = Erased.transition(Pending).expect_err("erasure is final");
        assert_eq!(err.to_string(), "cannot change subscriber status from erased to pending");
    }

    #[test]
    fn only_active_is_mailable() {
        let mailable: Vec<_> =
            SubscriberStatus::ALL.into_iter().filter(|s| s.is_mailable()).collect();
        assert_eq!(mailable, vec![Active]);
    }

    #[test]
    fn names_round_trip() {
        let names: Vec<&str> = SubscriberStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(names, ["pending", "active", "unsubscribed", "bounced", "complained", "erased"]);
        for status in SubscriberStatus::ALL {
            assert_eq!(status.as_str().parse::<SubscriberStatus>(), Ok(status));
            assert_eq!(status.to_string(), status.as_str());
        }
    }

    #[test]
    fn parse_rejects_unknown_names() {
        for input in ["", "Active", "ACTIVE", " active", "active ", "deleted", "confirmed"] {
            let err = input.parse::<SubscriberStatus>().expect_err(input);
            assert_eq!(err.input(), input);
        }
        let message = "gone".parse::<SubscriberStatus>().expect_err("unknown").to_string();
        assert!(message.starts_with("\"gone\" is not a subscriber status"), "{message}");
        assert!(message.contains("unsubscribed"), "{message}");
    }

    #[test]
    fn parse_error_shortens_long_input() {
        let err = "x".repeat(5_000).parse::<SubscriberStatus>().expect_err("junk");
        assert!(err.to_string().len() < 200);
    }

    #[test]
    fn serde_uses_lower_case_names() {
        for status in SubscriberStatus::ALL {
            let json = serde_json::to_string(&status).expect("serialise");
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            let back: SubscriberStatus = serde_json::from_str(&json).expect("deserialise");
            assert_eq!(back, status);
        }
        let owned: SubscriberStatus =
            serde_json::from_value(serde_json::Value::String("complained".into()))
                .expect("deserialise owned");
        assert_eq!(owned, Complained);
        let err = serde_json::from_str::<SubscriberStatus>("\"Active\"").expect_err("case");
        assert!(err.to_string().contains("not a subscriber status"), "{err}");
        assert!(serde_json::from_str::<SubscriberStatus>("1").is_err());
    }
}
