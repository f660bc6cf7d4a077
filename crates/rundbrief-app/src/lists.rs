//! Lists (topics): reading, creating, changing and deleting them, the one slug rule, and the one
//! way a list's name is chosen for a reader (their language, then the fallback chain).

use rundbrief_core::model::{MailingList, NewList};
use rundbrief_core::{Language, ListId};
use rundbrief_store::StoreError;

use crate::validate::clean_optional_text;
use crate::{App, AppError, FieldError};

/// Longest slug accepted, in bytes (slugs are ASCII).
pub const MAX_SLUG_LEN: usize = 64;
/// Why a slug was refused; the OpenAPI document and the forms say the same.
pub const SLUG_RULE: &str = "must be 1 to 64 lower-case letters, digits or dashes";

/// A slug: 1 to [`MAX_SLUG_LEN`] lower-case ASCII letters, digits or dashes.
pub fn slug(field: &str, value: &str) -> Result<String, FieldError> {
    let valid = (1..=MAX_SLUG_LEN).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if valid {
        Ok(value.to_owned())
    } else {
        Err(FieldError::new(field, SLUG_RULE, "admin-error-slug"))
    }
}

/// One name of a list: trimmed, not blank, at most 200 characters, no control characters.
pub fn list_name_text(field: &str, value: &str) -> Result<String, FieldError> {
    match clean_optional_text(field, value) {
        Ok(Some(name)) => Ok(name),
        _ => Err(FieldError::new(
            field,
            "must be a non-empty name of at most 200 characters without control characters",
            "admin-error-list-name",
        )),
    }
}

/// Checks a list before it is stored: the slug rule, and at least one name, each valid.
pub fn check_list(new: &NewList) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if let Err(error) = slug("slug", &new.slug) {
        errors.push(error);
    }
    if new.names.is_empty() {
        errors.push(FieldError::new(
            "names",
            "needs a name in at least one language",
            "admin-error-list-name-required",
        ));
    }
    for name in new.names.values() {
        if let Err(error) = list_name_text("names", name) {
            errors.push(error);
            break;
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(AppError::Invalid(errors)) }
}

/// The name of `list` for a reader of `lang`: their own, else the first of `chain` the list has,
/// else any, else the slug. Every page, form and mail uses this one rule.
pub fn list_name<'a>(list: &'a MailingList, lang: Language, chain: &[Language]) -> &'a str {
    list_name_in(list, lang, chain).0
}

/// [`list_name`] with the language the name is written in, when that is another than `lang`
/// (the slug counts as no language), so that a page can mark it with `lang` (WCAG 3.1.2).
pub fn list_name_in<'a>(
    list: &'a MailingList,
    lang: Language,
    chain: &[Language],
) -> (&'a str, Option<Language>) {
    std::iter::once(&lang)
        .chain(chain)
        .find_map(|l| list.names.get_key_value(l))
        .or_else(|| list.names.iter().next())
        .map_or((list.slug.as_str(), None), |(l, name)| {
            (name.as_str(), Some(*l).filter(|l| *l != lang))
        })
}

fn slug_conflict(error: StoreError) -> AppError {
    match error {
        StoreError::Conflict(_) => AppError::Conflict("a list with this slug exists".into()),
        other => other.into(),
    }
}

impl App {
    /// The name of `list` for a reader of `lang`, along the instance's fallback chain.
    pub fn list_name<'a>(&self, list: &'a MailingList, lang: Language) -> &'a str {
        list_name(list, lang, &self.settings().fallback_languages)
    }

    /// Every list, public or not.
    pub async fn lists(&self) -> Result<Vec<MailingList>, AppError> {
        Ok(self.store().lists().await?)
    }

    /// The lists offered as topics on the sign-up form.
    pub async fn public_lists(&self) -> Result<Vec<MailingList>, AppError> {
        Ok(self.lists().await?.into_iter().filter(|l| l.public).collect())
    }

    pub async fn list(&self, id: ListId) -> Result<MailingList, AppError> {
        Ok(self.store().list(id).await?)
    }

    /// Creates a list; a taken slug is a conflict.
    pub async fn create_list(&self, new: &NewList) -> Result<MailingList, AppError> {
        check_list(new)?;
        self.store().create_list(new, self.now()).await.map_err(slug_conflict)
    }

    /// Replaces slug, names and visibility of list `id`; a taken slug is a conflict.
    pub async fn update_list(&self, id: ListId, new: &NewList) -> Result<MailingList, AppError> {
        check_list(new)?;
        self.store().update_list(id, new).await.map_err(slug_conflict)
    }

    pub async fn delete_list(&self, id: ListId) -> Result<(), AppError> {
        Ok(self.store().delete_list(id).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[(Language, &str)]) -> MailingList {
        MailingList {
            id: ListId(1),
            slug: "work".into(),
            names: names.iter().map(|(l, n)| (*l, (*n).to_owned())).collect(),
            public: true,
            created_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn the_name_follows_the_fallback_chain() {
        let chain = [Language::De, Language::En];
        let both =
            list(&[(Language::En, "Work"), (Language::De, "Arbeit"), (Language::Pl, "Praca")]);
        assert_eq!(list_name(&both, Language::Pl, &chain), "Praca");
        assert_eq!(list_name(&both, Language::Fr, &chain), "Arbeit");
        assert_eq!(list_name(&both, Language::Fr, &[Language::En]), "Work");
        let other = list(&[(Language::It, "Lavoro")]);
        assert_eq!(list_name(&other, Language::Fr, &chain), "Lavoro");
        assert_eq!(list_name(&list(&[]), Language::Fr, &chain), "work");
        assert_eq!(list_name_in(&both, Language::Ro, &chain), ("Arbeit", Some(Language::De)));
        assert_eq!(list_name_in(&both, Language::Pl, &chain), ("Praca", None));
        assert_eq!(list_name_in(&list(&[]), Language::Fr, &chain), ("work", None));
    }

    #[test]
    fn slugs_are_lower_case_letters_digits_and_dashes() {
        assert!(slug("slug", "work-2").is_ok());
        for bad in ["", "Work", "a b", "ä", &"a".repeat(MAX_SLUG_LEN + 1)] {
            assert!(slug("slug", bad).is_err(), "{bad:?}");
        }
    }
}
