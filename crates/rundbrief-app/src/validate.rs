//! Checks of submitted values, shared by the form and the API so both refuse the same things.
//!
//! Beyond syntax, these keep out what the databases refuse (PostgreSQL rejects NUL in text and
//! `\u0000` in JSON), so bad input becomes a 422 and never a storage error.

use rundbrief_core::{EmailAddress, EmailError, Language};

use crate::FieldError;

/// Longest name, region or audience accepted, in characters.
pub const MAX_TEXT_LEN: usize = 200;
/// The audience choices of the sign-up form; their labels are `subscribe-audience-<value>`.
pub const AUDIENCES: [&str; 3] = ["citizen", "counsellor", "organisation"];
/// Addresses longer than this are refused before parsing (RFC 5321 allows 254 on the wire).
const MAX_EMAIL_LEN: usize = 320;
/// Largest serialised `attributes` object accepted through the API.
const MAX_ATTRIBUTES_BYTES: usize = 16 * 1024;

/// Trims `value`; blank means `None`. Control characters and overlong values are refused.
pub fn clean_optional_text(field: &str, value: &str) -> Result<Option<String>, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > MAX_TEXT_LEN {
        return Err(FieldError::new(
            field,
            format!("must be at most {MAX_TEXT_LEN} characters"),
            "error-form-summary",
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            "must not contain control characters",
            "error-form-summary",
        ));
    }
    Ok(Some(value.to_owned()))
}

/// A new address, as a person or an API caller typed it. It must be deliverable: besides the
/// syntax, the part before the `@` must be ASCII (`zoë@example.org` could never be sent to);
/// that gets its own message, since the person can usually fix it.
pub fn email(field: &str, value: &str) -> Result<EmailAddress, FieldError> {
    let invalid = || FieldError::new(field, "is not a valid e-mail address", "error-email-invalid");
    if value.len() > MAX_EMAIL_LEN {
        return Err(invalid());
    }
    EmailAddress::parse_deliverable(value.trim()).map_err(|error| match error {
        EmailError::NonAsciiLocalPart => FieldError::new(
            field,
            "must have only ASCII characters before the '@' (letters a-z, digits and \
             .!#$%&'*+-/=?^_`{|}~): mail cannot be delivered to other characters there",
            "error-email-local-ascii",
        ),
        _ => invalid(),
    })
}

pub fn language(field: &str, value: &str) -> Result<Language, FieldError> {
    if value.len() > 64 {
        return Err(language_error(field));
    }
    Language::parse(value).map_err(|_| language_error(field))
}

pub fn language_error(field: &str) -> FieldError {
    FieldError::new(
        field,
        "is not one of the 24 official EU languages (use a code such as \"de\")",
        "error-language-unknown",
    )
}

pub fn audience(field: &str, value: &str) -> Result<Option<String>, FieldError> {
    match value.trim() {
        "" => Ok(None),
        known if AUDIENCES.contains(&known) => Ok(Some(known.to_owned())),
        _ => Err(FieldError::new(
            field,
            format!("must be one of: {}", AUDIENCES.join(", ")),
            "error-form-summary",
        )),
    }
}

pub fn attributes(
    field: &str,
    value: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), FieldError> {
    fn has_nul(value: &serde_json::Value) -> bool {
        match value {
            serde_json::Value::String(s) => s.contains('\0'),
            serde_json::Value::Array(items) => items.iter().any(has_nul),
            serde_json::Value::Object(map) => {
                map.iter().any(|(k, v)| k.contains('\0') || has_nul(v))
            }
            _ => false,
        }
    }
    let size = serde_json::to_vec(value).map(|v| v.len()).unwrap_or(usize::MAX);
    if size > MAX_ATTRIBUTES_BYTES {
        return Err(FieldError::new(
            field,
            format!("must be at most {MAX_ATTRIBUTES_BYTES} bytes as JSON"),
            "error-form-summary",
        ));
    }
    if value.iter().any(|(k, v)| k.contains('\0') || has_nul(v)) {
        return Err(FieldError::new(
            field,
            "must not contain NUL characters",
            "error-form-summary",
        ));
    }
    Ok(())
}

/// Keeps going past a failed check, so a form reports every problem at once.
pub(crate) fn collect<T>(result: Result<T, FieldError>, errors: &mut Vec<FieldError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_blank_is_none() {
        assert_eq!(clean_optional_text("name", "  Anna "), Ok(Some("Anna".into())));
        assert_eq!(clean_optional_text("name", " \t "), Ok(None));
    }

    #[test]
    fn control_characters_and_overlong_text_are_refused() {
        assert!(clean_optional_text("name", "An\0na").is_err());
        assert!(clean_optional_text("name", "An\u{1b}[31mna").is_err());
        assert!(clean_optional_text("name", &"ä".repeat(MAX_TEXT_LEN)).is_ok());
        assert!(clean_optional_text("name", &"ä".repeat(MAX_TEXT_LEN + 1)).is_err());
    }

    #[test]
    fn a_non_ascii_local_part_is_refused_with_its_own_message() {
        let refused = email("email", "zoë@example.org").expect_err("not deliverable");
        assert_eq!(refused.field, "email");
        assert_eq!(refused.message_id, "error-email-local-ascii");
        assert!(refused.reason.contains("ASCII"), "{}", refused.reason);
        assert!(!refused.reason.contains("zo"), "never repeats the address");
        let cyrillic = email("email", "\u{430}nna@example.org").expect_err("Cyrillic а");
        assert_eq!(cyrillic.message_id, "error-email-local-ascii");
        // The domain may be international; other mistakes keep the general message.
        assert_eq!(
            email("email", " zoe@bücher.example ").map(|a| a.into_string()),
            Ok("zoe@xn--bcher-kva.example".to_owned())
        );
        assert_eq!(email("email", "zoë").map_err(|e| e.message_id), Err("error-email-invalid"));
        assert_eq!(
            email("email", &"ë".repeat(400)).map_err(|e| e.message_id),
            Err("error-email-invalid")
        );
    }

    #[test]
    fn audience_must_be_a_known_choice() {
        assert_eq!(audience("audience", "counsellor"), Ok(Some("counsellor".into())));
        assert_eq!(audience("audience", ""), Ok(None));
        assert!(audience("audience", "admin").is_err());
    }

    #[test]
    fn attributes_with_nul_are_refused() {
        let ok = serde_json::json!({"a": [1, "x", {"b": null}]});
        let bad = serde_json::json!({"a": [1, "x\u{0}"]});
        assert!(attributes("attributes", ok.as_object().expect("object")).is_ok());
        assert!(attributes("attributes", bad.as_object().expect("object")).is_err());
    }
}
