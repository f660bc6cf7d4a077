//! Test mails and previews name no subscriber, yet their unsubscribe and preferences links must
//! lead somewhere: to a page, in the reader's language, that says the mail was a test and
//! changes nothing (instead of a 404).
//!
//! Their links carry a signed token like every other, whose subject is a negative number that
//! stands for the reader language of the test (`-1` for the first of [`Language::ALL`], …).
//! Subscriber ids are positive, so no such token can ever reach a subscriber's row, and the
//! signature keeps anyone from making one up.

use rundbrief_core::{Language, TokenPurpose};

use crate::App;

/// The token subject of the links in a test mail or preview for readers of `language`.
pub(crate) fn link_subject(language: Language) -> i64 {
    let index = Language::ALL.iter().position(|l| *l == language).unwrap_or(0);
    -1 - i64::try_from(index).unwrap_or(0)
}

/// The reader language a test link's subject stands for; `None` for every other subject.
fn language_of(subject: i64) -> Option<Language> {
    let index = usize::try_from((-1_i64).checked_sub(subject)?).ok()?;
    Language::ALL.get(index).copied()
}

impl App {
    /// The reader language of a test mail's (or a preview's) unsubscribe or preferences link;
    /// `None` for any other token, genuine or not.
    pub fn test_link_language(&self, token: &str) -> Option<Language> {
        let now = self.now();
        [TokenPurpose::Unsubscribe, TokenPurpose::Preferences]
            .into_iter()
            .find_map(|purpose| self.inner.signer.verify(token, purpose, now).ok())
            .and_then(language_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_its_own_negative_subject() {
        for language in Language::ALL {
            let subject = link_subject(language);
            assert!(subject < 0);
            assert_eq!(language_of(subject), Some(language));
        }
        // Subscriber ids and the old preview subject 0 stand for no language.
        for subject in [0, 1, 7, i64::MAX, -25, i64::MIN] {
            assert_eq!(language_of(subject), None, "{subject}");
        }
    }
}
